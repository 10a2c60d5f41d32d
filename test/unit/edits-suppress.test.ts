// "Ignore here" (src/core/edits/suppress.ts): the comment line goes above the finding with the
// line's indentation and the file's line endings, in the syntax of where it is; the engine then
// silences exactly that finding. Whole files are compared before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../support/memoryWorkspace';
import { applyEdits } from '../../src/core/edits/textEdit';
import { planIgnore } from '../../src/core/edits/suppress';
import type { SourceKind } from '../../src/core/model';

function ignored(text: string, file: string, kind: SourceKind, line: number, rule: string): string {
  const plan = planIgnore(text, file, kind, line, rule);
  assert.ok('edits' in plan, 'error' in plan ? plan.error : '');
  return applyEdits(text, plan.edits);
}

test('YAML: an indented comment line above, CRLF kept, and the finding is gone', () => {
  const compose = 'services:\r\n  a:\r\n    ports:\r\n      - "8081:80"\r\n  b:\r\n    ports:\r\n      - "8081:81"   # b\r\n';
  const before = checkFiles({ 'docker-compose.yml': compose });
  assert.deepEqual(before.findings.map((f) => `${f.rule}:${f.loc.span.startLine}`), ['port-conflict:7']);
  const after = ignored(compose, 'docker-compose.yml', 'compose', 7, 'port-conflict');
  assert.equal(after, compose.replace('      - "8081:81"', '      # portolan-ignore port-conflict\r\n      - "8081:81"'));
  assert.deepEqual(checkFiles({ 'docker-compose.yml': after }).findings, []);
});

test('YAML: a last line without a line ending takes the file\'s; LF files stay LF', () => {
  const registry = 'version: 1\nservices:\n  api:\n    ports: 99999';
  assert.equal(ignored(registry, 'ports.yaml', 'registry', 4, 'invalid-port'), 'version: 1\nservices:\n  api:\n    # portolan-ignore invalid-port\n    ports: 99999');
  assert.deepEqual(checkFiles({ 'ports.yaml': ignored(registry, 'ports.yaml', 'registry', 4, 'invalid-port') }).findings, []);
});

test('env: a # comment line', () => {
  const env = 'A_PORT=8080\nB_PORT=99999\n';
  assert.equal(ignored(env, '.env', 'env', 2, 'invalid-port'), 'A_PORT=8080\n# portolan-ignore invalid-port\nB_PORT=99999\n');
});

test('a suppression already above gets the rule added; one that names the rule (or every rule) is left as it is', () => {
  const env = 'A=1\n  # portolan-ignore port-mismatch\n  B_PORT=99999\n';
  assert.equal(ignored(env, '.env', 'env', 3, 'invalid-port'), 'A=1\n  # portolan-ignore port-mismatch invalid-port\n  B_PORT=99999\n');
  const md = '<!-- portolan-ignore port-mismatch -->\n- Grafana: 3000\n';
  assert.equal(ignored(md, 'a.md', 'markdown', 2, 'port-conflict'), '<!-- portolan-ignore port-mismatch port-conflict -->\n- Grafana: 3000\n');
  assert.ok('error' in planIgnore(env, '.env', 'env', 3, 'port-mismatch'));
  assert.ok('error' in planIgnore('# portolan-ignore\nB_PORT=99999\n', '.env', 'env', 2, 'invalid-port'));
});

const DOC = [
  '## Apps (8080-8089)',
  '',
  '| Service | Port |',
  '|---|---|',
  '| grafana | 3000 |',
  '| mission-control | 3000 |',
  '',
  '```mermaid',
  'graph LR',
  '    A[Gateway :8000] --> B[Billing :8001]',
  '```',
  '',
  '```bash',
  'GATEWAY_PORT=8002',
  '```',
  '',
  '- **Notifier**: 9000',
  '',
].join('\r\n');

test('Markdown: a table row gets the comment at the end of the row above, so the table stays one table', () => {
  const before = checkFiles({ 'd.md': DOC });
  assert.ok(before.findings.some((f) => f.rule === 'port-conflict' && f.loc.span.startLine === 6));
  const after = ignored(DOC, 'd.md', 'markdown', 6, 'port-conflict');
  assert.equal(after, DOC.replace('| grafana | 3000 |', '| grafana | 3000 | <!-- portolan-ignore port-conflict -->'));
  const check = checkFiles({ 'd.md': after });
  assert.ok(!check.findings.some((f) => f.rule === 'port-conflict'));
  assert.equal(check.allocations.filter((a) => a.port === 3000).length, 2, 'both rows are still read');
  // A row without a closing pipe gets one, so its last cell keeps only its number.
  const open = '| Service | Port\n|---|---\n| a | 3000\n| b | 3000\n';
  assert.equal(ignored(open, 'o.md', 'markdown', 4, 'port-conflict'), '| Service | Port\n|---|---\n| a | 3000 | <!-- portolan-ignore port-conflict -->\n| b | 3000\n');
  assert.deepEqual(checkFiles({ 'o.md': ignored(open, 'o.md', 'markdown', 4, 'port-conflict') }).findings, []);
});

test('Markdown: the first row of a table cannot be silenced by a comment line', () => {
  const plan = planIgnore(DOC, 'd.md', 'markdown', 5, 'port-conflict');
  assert.ok('error' in plan && /first row of a table/.test(plan.error));
});

test('Markdown: mermaid fences get a mermaid comment, shell fences a # comment, prose an HTML comment', () => {
  assert.equal(ignored(DOC, 'd.md', 'markdown', 10, 'port-mismatch'), DOC.replace('    A[Gateway', '    %% # portolan-ignore port-mismatch\r\n    A[Gateway'));
  assert.equal(ignored(DOC, 'd.md', 'markdown', 14, 'port-mismatch'), DOC.replace('GATEWAY_PORT', '# portolan-ignore port-mismatch\r\nGATEWAY_PORT'));
  assert.equal(ignored(DOC, 'd.md', 'markdown', 17, 'out-of-range'), DOC.replace('- **Notifier**', '<!-- portolan-ignore out-of-range -->\r\n- **Notifier**'));
  assert.equal(ignored(DOC, 'd.md', 'markdown', 1, 'range-overlap'), `<!-- portolan-ignore range-overlap -->\r\n${DOC}`);
});

test('Markdown: each comment silences its finding in the engine', () => {
  const doc = [
    '## Apps (8080-8089)',
    '',
    '| Service | Port |',
    '|---|---|',
    '| api | 8080 |',
    '',
    '```mermaid',
    'graph LR',
    '  A[api :8081]',
    '```',
    '',
    '- **Notifier**: 9000',
    '- **api**: 8080',
  ].join('\n');
  const before = checkFiles({ 'd.md': doc }).findings.map((f) => `${f.rule}:${f.loc.span.startLine}`);
  assert.deepEqual(before, ['port-mismatch:9', 'out-of-range:12']);
  const mermaid = ignored(doc, 'd.md', 'markdown', 9, 'port-mismatch');
  assert.deepEqual(checkFiles({ 'd.md': mermaid }).findings.map((f) => `${f.rule}:${f.loc.span.startLine}`), ['out-of-range:13']);
  const list = ignored(mermaid, 'd.md', 'markdown', 13, 'out-of-range');
  assert.deepEqual(checkFiles({ 'd.md': list }).findings.map((f) => `${f.rule}:${f.loc.span.startLine}`), []);
});
