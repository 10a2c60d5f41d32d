// Registry authoring (src/core/authoring): a ports.yaml proposed from the workspace, and the
// allocations exported as a Markdown port document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { checkFiles } from '../support/memoryWorkspace';
import { buildRuleInput } from '../../src/core/rules/model';
import { createRegistryText } from '../../src/core/authoring/createRegistry';
import { exportMarkdown } from '../../src/core/authoring/exportMarkdown';
import { parseRegistry } from '../../src/core/parsers/registry/registry';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';

const FILES = {
  'docker-compose.yml': 'services:\n  settlement-engine:\n    ports: ["8087:8080", "50056:50056"]\n  syslog:\n    ports: ["5514:514/udp"]\n',
  '.env': 'SETTLEMENT_ENGINE_URL=http://localhost:8087\n',
  'docs/PORTS.md': [
    '# Ports',
    '',
    '## Core Services (8080-8089)',
    '',
    '| Service | HTTP Port | gRPC Port |',
    '|---------|-----------|-----------|',
    '| Settlement Engine | 8087 | 50056 |',
    '| Reporting Engine | 8088 | - |',
    '',
    '```mermaid',
    'graph LR',
    '  R[Reporting Engine :8088] --> S[Settlement Engine :8087]',
    '```',
    '',
    '## Reserved for future expansion (8090-8099)',
    '',
    '## Reserved system ports (never use)',
    '',
    '- 8089: legacy admin',
    '',
  ].join('\n'),
};

test('createRegistry: ranges, kept-free and reserved ports, services with majority ports per role; a valid registry', () => {
  const c = checkFiles(FILES);
  const text = createRegistryText(buildRuleInput(c.model.files()));
  assert.deepEqual(parseRegistry(text, { file: 'ports.yaml' }).problems, [], text);
  const registry = parse(text);
  assert.equal(registry.version, 1);
  assert.deepEqual(registry.ranges, { 'core-services': { from: 8080, to: 8089, description: 'Core Services' } });
  assert.deepEqual(registry.services['settlement-engine'], { range: 'core-services', ports: { http: 8087, grpc: 50056 } });
  assert.deepEqual(registry.services['reporting-engine'], { range: 'core-services', ports: 8088 });
  assert.deepEqual(registry.services.syslog, { ports: 5514, protocol: 'udp' });
  assert.ok(registry.reserved.some((r: { ports?: string; kept_free?: boolean }) => r.ports === '8090-8099' && r.kept_free === true), text);
  assert.match(text, /^# Port registry proposed by Portolan/);
  assert.ok(text.includes("ranges:\n  core-services: { from: 8080, to: 8089, description: Core Services }\n"), text);
  // Checked together with the files it came from, it adds no problem of its own.
  const withRegistry = checkFiles({ ...FILES, 'ports.yaml': text });
  const before = c.findings.map((f) => `${f.rule}@${f.loc.file}:${f.loc.span.startLine}`);
  const after = withRegistry.findings.filter((f) => f.loc.file !== 'ports.yaml').map((f) => `${f.rule}@${f.loc.file}:${f.loc.span.startLine}`);
  assert.deepEqual(after, before);
  assert.deepEqual(withRegistry.findings.filter((f) => f.loc.file === 'ports.yaml'), []);
});

test('createRegistry names an existing registry in its header', () => {
  const text = createRegistryText(buildRuleInput(checkFiles(FILES).model.files()), { existing: ['ports.yaml'] });
  assert.match(text, /already has ports\.yaml; it is left as it is/);
});

test('exportMarkdown: range sections with Service | Port | Role | Places tables; read back, it says the same', () => {
  const c = checkFiles(FILES);
  const md = exportMarkdown(buildRuleInput(c.model.files()));
  assert.match(md, /^# Port allocations\n/);
  assert.ok(md.includes([
    '## Core Services (8080-8089)',
    '',
    '| Service | Port | Role | Places |',
    '|---------|------|------|--------|',
    '| settlement-engine | 8087 | http | .env:1 (reference); docker-compose.yml:3; docs/PORTS.md:7, 12 |',
    '| Reporting Engine | 8088 | http | docs/PORTS.md:8, 12 |',
  ].join('\n')), md);
  assert.ok(md.includes('## Outside any range'), md);
  assert.ok(md.includes('| settlement-engine | 50056 (grpc) | grpc | docker-compose.yml:3; docs/PORTS.md:7 |'), md);
  assert.ok(md.includes('| 8090-8099 | Reserved for future expansion (kept free) | docs/PORTS.md:15 |'), md);
  const back = parseMarkdown(md, { file: 'EXPORT.md' });
  assert.deepEqual(back.problems, []);
  const checked = checkFiles({ 'EXPORT.md': md });
  assert.deepEqual(checked.findings.filter((f) => f.severity !== 'info'), [], 'the export contradicts itself nowhere');
});
