// Named hostile inputs, one test each, with the outcome each one must have. Most go through
// checkPath on a temporary folder (discover, readSource, every parser and the rules), the rest
// through the parsers directly. Every test also bounds the time it may take.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkPath, type CheckResult } from '../../src/core/check';
import { DEFAULT_DISCOVER, discover, readSource } from '../../src/core/discover';
import type { FileFacts, Location, SourceKind } from '../../src/core/model';
import { parseByKind } from '../../src/core/parsers/dispatch';
import { factsProblems } from '../fuzz/properties';
import { tempDir } from '../support/tempDir';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function tempRoot(files: Record<string, string | Buffer> = {}): string {
  const root = tempDir('portolan-hostile-');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

/** `fn`, which must finish within `ms` (a guard against blow-ups, not a benchmark). */
function within<T>(ms: number, what: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < ms, `${what} took ${elapsed.toFixed(0)} ms (limit ${ms} ms)`);
  return result;
}

function check(root: string, maxFileBytes = DEFAULT_DISCOVER.maxFileBytes): CheckResult {
  return within(10_000, `checking ${path.basename(root)}`, () => checkPath(root, { discover: { ...DEFAULT_DISCOVER, maxFileBytes } }));
}

/** Parses `text` as `kind` and checks the facts are sound (spans, ports), as the fuzzers do. */
function parse(kind: SourceKind, text: string, file: string, limitMs = 5000, options: { failureNotes?: boolean } = {}): FileFacts {
  const facts = within(limitMs, `parsing ${file}`, () => parseByKind(kind, text, { file }));
  const problems = factsProblems(text, file, kind, facts).filter((p) => !(options.failureNotes && p.startsWith('note: ')));
  assert.deepEqual(problems, [], problems.slice(0, 5).join('\n'));
  return facts;
}

function written(text: string, loc: Location): string {
  return text.slice(loc.span.startOffset, loc.span.endOffset);
}

function at(loc: Location): string {
  return `${loc.span.startLine}:${loc.span.startColumn}`;
}

// ---------------------------------------------------------------------------------------------
// YAML alias bombs and deep nesting

/** Billion laughs: nine levels of nine aliases each, 9^9 (387 million) leaves if expanded. */
function aliasBomb(leaf: string): string {
  const lines = [`a: &a [${Array(9).fill(leaf).join(',')}]`];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return lines.join('\n');
}

test('alias bomb in a compose file: the ports that use it are read within a budget, nothing explodes', () => {
  const text = [
    `x-bomb:\n  ${aliasBomb('"8080:80"').split('\n').join('\n  ')}`,
    'x-merge: &m0 { ports: ["9000:9000"] }',
    ...Array.from({ length: 12 }, (_, i) => `x-m${i + 1}: &m${i + 1}\n  <<: [${Array(9).fill(`*m${i}`).join(', ')}]`),
    'services:',
    '  bomb:',
    '    ports: *i',
    '  merged:',
    '    <<: *m12',
    '  plain:',
    '    ports: ["8001:80"]',
  ].join('\n');
  const root = tempRoot({ 'docker-compose.yml': text });
  const result = check(root);
  const facts = result.snapshot.facts('docker-compose.yml')!;
  assert.ok(facts.allocations.length <= 100, `${facts.allocations.length} allocations`);
  // The merge chain resolves to the one map at its bottom; the plain service is unaffected.
  assert.deepEqual(facts.allocations.map((a) => `${a.service}:${a.port}`).sort(), ['merged:9000', 'plain:8001']);
  parse('compose', text, 'docker-compose.yml', 2000);
});

test('alias bomb in ports.yaml: one registry-schema problem at an alias, the registry is not read', () => {
  const text = `version: 1\n${aliasBomb('lol')}\nservices:\n  api: 8000\n`;
  const root = tempRoot({ 'ports.yaml': text });
  const result = check(root);
  const problems = result.findings.filter((f) => f.rule === 'registry-schema');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /alias/i);
  assert.match(written(text, problems[0].loc), /^\*[a-i]$/);
  assert.deepEqual(result.allocations, []);
});

const DEPTH = 5000;

test('5,000-level YAML nesting (flow and block) in compose and registry: no throw; read, or skipped with a note', () => {
  const flow = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
  const flowMap = `${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  // Compact block sequences nest a level per `- `.
  const block = `${'- '.repeat(DEPTH)}x`;
  const cases = {
    'compose flow seq': ['compose', `services:\n  web:\n    ports: ["8080:80"]\n    labels: ${flow}\n`],
    'compose flow map': ['compose', `x: ${flowMap}\nservices:\n  web:\n    ports: ["8080:80"]\n`],
    'compose block': ['compose', `x:\n${block}\nservices:\n  web:\n    ports: ["8080:80"]\n`],
    'registry flow seq': ['registry', `version: 1\nservices:\n  web: 8080\nx: ${flow}\n`],
    'registry flow map': ['registry', `version: 1\nservices:\n  web: 8080\nx: ${flowMap}\n`],
    'registry block': ['registry', `version: 1\nservices:\n  web: 8080\nx:\n${block}\n`],
  } as const;
  for (const [name, [kind, text]] of Object.entries(cases)) {
    const file = kind === 'compose' ? 'docker-compose.yml' : 'ports.yaml';
    const facts = parse(kind, text, file, 5000, { failureNotes: true });
    // Either the document is read (web publishes 8080) or, too deep for the YAML parser's stack, a
    // note says why the file was left out (the CLI prints it, the server logs it).
    const read = facts.allocations.some((a) => a.port === 8080);
    assert.ok(read || /stack size|nested too deeply/i.test(facts.notes.join('\n')), `${name}: ${facts.notes}`);
  }
  // Through checkPath the note is a skipped file with its reason; the CLI goes on.
  const root = tempRoot({ 'ports.yaml': cases['registry block'][1], 'compose.yaml': cases['compose block'][1], '.env': 'GATEWAY_PORT=8080\n' });
  const result = check(root);
  // How deep the YAML parser gets depends on the stack left when it runs: each file is read or skipped.
  for (const file of ['compose.yaml', 'ports.yaml']) {
    assert.ok(result.skipped.some((s) => s.file === file) !== result.allocations.some((a) => a.loc.file === file), file);
  }
  assert.ok(result.allocations.some((a) => a.service === 'gateway'));
});

test('5,000-level Markdown nesting (blockquotes, lists): parsed within bounds; past 100 levels a note says what was not read', () => {
  const table = '\n\n## Ports\n\n| Service | Port |\n|---|---|\n| web | 8080 |\n';
  const found = (text: string) => {
    const facts = parse('markdown', text + table, 'PORTS.md');
    return { web: facts.allocations.some((a) => a.service === 'web' && a.port === 8080), notes: facts.notes };
  };
  // A deep outline (40 levels of lists, or lists in quotes) is read whole.
  assert.deepEqual(found(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')), { web: true, notes: [] });
  assert.deepEqual(found(Array.from({ length: 40 }, (_, i) => `${'> '.repeat(i)}- item ${i}`).join('\n')), { web: true, notes: [] });
  // 5,000 levels on one line: the quote ends with its line, and the table after it is read.
  assert.deepEqual(found(`${'> '.repeat(DEPTH)}| Service | Port |`).web, true);
  assert.deepEqual(found(`${'> - '.repeat(DEPTH / 2)}x`).web, true);
  // 5,000 nested list items: markdown-it stops at 100 levels and the list runs to the end of the file.
  const deep = found(`${'- '.repeat(DEPTH)}web: 8080`);
  assert.equal(deep.web, false);
  assert.match(deep.notes.join('\n'), /nested more than 100 levels deep/);
});

// ---------------------------------------------------------------------------------------------
// Size limits

test('a 50 MB file is skipped with its size as the reason (default limit), and the rest is checked', () => {
  const root = tempRoot({ 'docs/PORTS.md': '## Ports\n\n| Service | Port |\n|---|---|\n| web | 8080 |\n' });
  const big = path.join(root, 'docs/huge.md');
  const fd = fs.openSync(big, 'w');
  fs.writeSync(fd, '| Service | Port |\n|---|---|\n| huge | 8080 |\n');
  fs.ftruncateSync(fd, 50 * 1024 * 1024);
  fs.closeSync(fd);
  const result = check(root);
  assert.deepEqual(result.skipped, [{ file: 'docs/huge.md', reason: `larger than ${DEFAULT_DISCOVER.maxFileBytes} bytes (${50 * 1024 * 1024})` }]);
  assert.deepEqual(result.allocations.map((a) => a.service), ['web']);
  assert.equal(result.findings.length, 0);
});

test('the size limit is configurable: checkPath options and the CLI --max-file-size', () => {
  const root = tempRoot({ '.env': `PORT=8080\n# ${'x'.repeat(2000)}\n`, 'small.env': 'PORT=8081\n' });
  assert.deepEqual(check(root, 1000).skipped, [{ file: '.env', reason: 'larger than 1000 bytes (2013)' }]);
  assert.deepEqual(check(root, 1_000_000).skipped, []);
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', root, ...args], { encoding: 'utf8' });
  const limited = cli('--max-file-size', '1000');
  assert.equal(limited.status, 0, limited.stderr);
  assert.match(limited.stderr, /skipped .*\.env: larger than 1000 bytes \(2013\)/);
  assert.match(cli('--max-file-size=1k').stderr, /larger than 1024 bytes/);
  assert.doesNotMatch(cli('--max-file-size', '2M').stderr, /skipped/);
  const bad = cli('--max-file-size', 'lots');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-file-size must be a positive number of bytes/);
});

test('a line of 1 MB in every source kind: read within bounds, the ports around it still found', () => {
  const MB = 1024 * 1024;
  const fills = { spaces: ' '.repeat(MB), digits: '8'.repeat(MB), colons: 'a: '.repeat(MB / 3), pipes: '| '.repeat(MB / 2), dashes: '8080-'.repeat(MB / 5), brackets: '[a:'.repeat(MB / 3) };
  for (const [name, fill] of Object.entries(fills)) {
    const md = parse('markdown', `| Service | Port |\n|---|---|\n| web | 8080 |\n\n- svc: ${fill}\n\n${fill}\n\n\`\`\`mermaid\nA[x :${fill}]\n\`\`\`\n`, 'PORTS.md', 10_000);
    assert.ok(md.allocations.some((a) => a.service === 'web'), `markdown ${name}`);
    const env = parse('env', `GATEWAY_PORT=8080\nX_URL=${fill}\nY=${fill}\n`, 'svc/.env', 10_000);
    assert.equal(env.allocations.length, 1, `env ${name}`);
    const compose = parse('compose', `services:\n  web:\n    ports: ["8080:80"]\n    environment:\n      A_URL: "${fill.replace(/"/g, '')}"\n`, 'compose.yaml', 10_000);
    assert.ok(compose.allocations.some((a) => a.port === 8080) || compose.notes.length > 0, `compose ${name}`);
    parse('registry', `version: 1\nservices:\n  web: 8080\n  other:\n    description: "${fill.replace(/"/g, '')}"\n`, 'ports.yaml', 10_000);
    const pkg = parse('package', JSON.stringify({ name: 'web', description: fill, scripts: { dev: 'vite --port 5173', other: `echo ${fill}` } }), 'package.json', 10_000);
    assert.equal(pkg.allocations.length, 1, `package ${name}`);
    parse('procfile', `web: rackup -p 9292\nworker: ${fill}\n${fill}\n`, 'Procfile', 10_000);
  }
});

test('a table with 200 columns: every port column is read, spans exact', () => {
  const headers = ['Service', ...Array.from({ length: 199 }, (_, i) => (i % 2 === 0 ? `Port ${i}` : `Note ${i}`))];
  const row = ['web', ...Array.from({ length: 199 }, (_, i) => (i % 2 === 0 ? String(10000 + i) : 'x'))];
  const text = `## Ports\n\n| ${headers.join(' | ')} |\n|${headers.map(() => '---').join('|')}|\n| ${row.join(' | ')} |\n`;
  const facts = parse('markdown', text, 'PORTS.md');
  assert.equal(facts.allocations.length, 100);
  for (const a of facts.allocations) assert.equal(written(text, a.loc), String(a.port));
});

// ---------------------------------------------------------------------------------------------
// Bytes that are not (good) text

test('a binary file named .env is skipped as binary; one without NUL bytes is read as text without harm', () => {
  const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x50, 0x4f, 0x52, 0x54, 0x3d, 0x38, 0x30]);
  const noisy = Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 7919) % 255)));
  const root = tempRoot({ '.env': binary, 'svc/.env': noisy, 'ok/.env': 'PORT=8080\n' });
  const result = check(root);
  assert.deepEqual(result.skipped, [{ file: '.env', reason: 'binary content' }]);
  assert.deepEqual(result.allocations.map((a) => `${a.service}:${a.port}`), ['ok:8080']);
  parse('env', noisy.toString('utf8'), 'svc/.env');
});

test('invalid UTF-8: decoded with U+FFFD, the rest of the file read, columns count the decoded text', () => {
  const bytes = Buffer.concat([Buffer.from('services:\n  web:\n    # caf'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('\n    ports: ["\xff'.replace('\xff', ''), 'latin1'), Buffer.from('8080:80"]\n')]);
  const root = tempRoot({ 'compose.yaml': bytes, '.env': Buffer.concat([Buffer.from([0xe2, 0x82]), Buffer.from(' PORT=1\nGATEWAY_PORT=8081\n')]) });
  const result = check(root);
  const text = readSource(path.join(root, 'compose.yaml'), 1e6);
  assert.ok('text' in text && text.text.includes('\uFFFD'));
  const web = result.allocations.find((a) => a.service === 'web')!;
  assert.equal(web.port, 8080);
  assert.equal(at(web.loc), '4:14');
  const gateway = result.allocations.find((a) => a.service === 'gateway')!;
  assert.equal(at(gateway.loc), '2:14');
});

test('CRLF and mixed line endings: every span has the line and column it has with LF', () => {
  const lf = {
    registry: ['ports.yaml', 'version: 1\nranges:\n  core: 8000-8009\nservices:\n  api:\n    range: core\n    ports: { http: 8001, grpc: 50051 }\n  bad: 99999\n'],
    compose: ['compose.yaml', 'services:\n  web:\n    ports:\n      - "8080:80"\n      - target: 81\n        published: 8081\n    expose: ["9000"]\n'],
    env: ['svc/.env', '# Main\nPORT=8080\nTOKEN_ENGINE_URL=http://localhost:8081\nMULTI="a\nb"\nGRPC_PORT=50051\n'],
    markdown: ['PORTS.md', '# Ports\n\n## Core (8000-8009)\n\n| Service | Port |\n|---|---|\n| api | 8001 |\n| bad | 70000 |\n\n```mermaid\ngraph TD\n  A[api :8001]\n```\n\n```bash\nAPI_PORT=8001\n```\n'],
    package: ['web/package.json', '{\n  "name": "web",\n  "scripts": {\n    "dev": "vite --port 5173",\n    "start": "next start -p 70000",\n    "e2e": "wait-on http://localhost:5173"\n  }\n}\n'],
  } as const;
  const summary = (facts: FileFacts) => [
    ...facts.allocations.map((a) => `A ${a.service} ${a.port} ${at(a.loc)}-${a.loc.span.endLine}:${a.loc.span.endColumn}`),
    ...facts.problems.map((p) => `P ${p.rule} ${at(p.loc)}`),
    ...facts.ranges.map((r) => `R ${r.name} ${at(r.loc)}`),
    ...facts.mentions.map((m) => `M ${m.port} ${at(m.loc)}`),
  ];
  for (const [kind, [file, text]] of Object.entries(lf) as Array<[SourceKind, readonly [string, string]]>) {
    const expected = summary(parse(kind, text, file));
    assert.ok(expected.some((s) => s.startsWith('A ')), `${kind} has allocations`);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(summary(parse(kind, crlf, file)), expected, `${kind} with CRLF`);
    let i = 0;
    const mixed = text.replace(/\n/g, () => ['\r\n', '\n', '\r\n', '\r'][i++ % 4]);
    // A lone CR ends a line for Portolan and editors alike; YAML and markdown-it differ on it, so
    // mixed files must only stay sound, with the spans on the numbers.
    const facts = parse(kind, mixed, file);
    for (const a of facts.allocations) assert.match(written(mixed, a.loc), /\d/);
    const noCr = text.replace(/\n/g, () => ['\r\n', '\n'][i++ % 2]);
    assert.deepEqual(summary(parse(kind, noCr, file)), expected, `${kind} with CRLF and LF mixed`);
  }
});

test('a BOM is dropped on read: spans on the first line start after it', () => {
  const bom = '\uFEFF';
  const root = tempRoot({ '.env': `${bom}GATEWAY_PORT=8080\n`, 'ports.yaml': `${bom}version: 1\nservices:\n  api: 8001\n`, 'compose.yaml': `${bom}services:\n  web:\n    ports: ["8002:80"]\n`, 'PORTS.md': `${bom}| Service | Port |\n|---|---|\n| docs | 8003 |\n` });
  const result = check(root);
  assert.deepEqual(result.findings.filter((f) => f.severity !== 'info'), []);
  assert.deepEqual(result.allocations.map((a) => `${a.service} ${a.port} ${at(a.loc)}`), ['api 8001 3:8', 'web 8002 3:14', 'docs 8003 3:10', 'gateway 8080 1:14']);
  // Parsers handed a BOM (an editor buffer) keep exact offsets too.
  for (const [kind, file, text] of [['env', '.env', `${bom}GATEWAY_PORT=8080\n`], ['markdown', 'PORTS.md', `${bom}| Service | Port |\n|---|---|\n| docs | 8003 |\n`]] as const) {
    const facts = parse(kind, text, file);
    assert.equal(facts.allocations.length, 1, kind);
  }
});

// ---------------------------------------------------------------------------------------------
// The file system

test('a symlink loop and symlinks out of the workspace are not followed', () => {
  const outside = tempRoot({ 'ports.yaml': 'version: 1\nservices:\n  outsider: 8080\n', 'docs/PORTS.md': '| Service | Port |\n|---|---|\n| far | 9000 |\n' });
  const root = tempRoot({ 'docs/PORTS.md': '| Service | Port |\n|---|---|\n| near | 8080 |\n' });
  fs.symlinkSync(root, path.join(root, 'loop'));
  fs.symlinkSync('.', path.join(root, 'docs/self'));
  fs.symlinkSync(path.join(outside, 'ports.yaml'), path.join(root, 'ports.yaml'));
  fs.symlinkSync(path.join(outside, 'docs'), path.join(root, 'linked-docs'));
  const result = check(root);
  assert.deepEqual(result.skipped, [{ file: 'ports.yaml', reason: 'symbolic link (not followed)' }]);
  assert.deepEqual(result.allocations.map((a) => a.service), ['near']);
  assert.deepEqual(result.findings, []);
  // A path handed in by a file watcher or an editor is not followed either.
  assert.deepEqual(readSource(path.join(root, 'ports.yaml'), 1e6, root), { skipped: { code: 'link', reason: 'symbolic link (not followed)' } });
  assert.deepEqual(readSource(path.join(root, 'linked-docs/PORTS.md'), 1e6, root), { skipped: { code: 'outside', reason: 'outside the folder through a symbolic link (not followed)' } });
  assert.deepEqual(readSource(path.join(root, 'nothing-here.yaml'), 1e6, root), { skipped: { code: 'gone', reason: 'unreadable (ENOENT)' } });
  assert.ok('text' in readSource(path.join(root, 'loop/docs/PORTS.md'), 1e6, root), 'a link that stays inside reads the same file');
  assert.deepEqual(discover(root).files, ['docs/PORTS.md']);
});

test('an unreadable file is skipped with the reason and the rest is checked (chmod 000, or a failing read when running as root)', () => {
  const root = tempRoot({ 'a/.env': 'GATEWAY_PORT=8080\n', 'a/README.md': '| Service | Port |\n|---|---|\n| gateway | 8081 |\n' });
  const locked = path.join(root, 'a/.env');
  fs.chmodSync(locked, 0o000);
  let readable: boolean;
  try {
    fs.readFileSync(locked);
    readable = true;
  } catch {
    readable = false;
  }
  try {
    if (readable) {
      // Root reads it anyway: chmod denies nothing, so the file is checked like any other.
      const result = check(root);
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(result.findings.map((f) => `${f.rule}@${f.loc.file}`), ['port-mismatch@a/README.md']);
    } else {
      const result = check(root);
      assert.deepEqual(result.skipped, [{ file: 'a/.env', reason: 'unreadable (EACCES)' }]);
      assert.deepEqual(result.allocations.map((a) => a.port), [8081]);
    }
  } finally {
    fs.chmodSync(locked, 0o644);
  }
  // The same failure simulated, so it is exercised whoever runs the tests: opening it is denied.
  const nodeFs: typeof fs = createRequire(__filename)('node:fs');
  const real = nodeFs.openSync;
  const denied = mock.method(nodeFs, 'openSync', (file: fs.PathLike, ...rest: unknown[]) => {
    if (file === locked) throw Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: 'EACCES' });
    return (real as (...args: unknown[]) => unknown)(file, ...rest);
  });
  try {
    const result = check(root);
    assert.deepEqual(result.skipped, [{ file: 'a/.env', reason: 'unreadable (EACCES)' }]);
    assert.deepEqual(result.allocations.map((a) => a.port), [8081]);
    assert.deepEqual(result.findings, []);
  } finally {
    denied.mock.restore();
  }
});

// ---------------------------------------------------------------------------------------------
// Registries of the wrong shape, odd port numbers

test('a registry that is valid YAML but the wrong shape: registry-schema problems (or a note for another tool\'s file), never a throw', () => {
  const cases: Array<[string, RegExp | 'foreign']> = [
    ['- a\n- b\n', 'foreign'],
    ['42\n', 'foreign'],
    ['version: 1\nservices: [8080, 8081]\n', /services: expected a mapping/],
    ['version: 1\nservices: 8080\n', /services: expected a mapping/],
    ['version: 1\nranges: core\nreserved: {a: 1}\n', /ranges: expected a mapping/],
    ['version: 1\nservices:\n  api:\n    ports: [8080]\n', /services\.api\.ports/],
    ['version: 1\nservices:\n  api:\n    ports:\n      http: { nested: 8080 }\n', /services\.api\.ports\.http/],
    ['version: "one"\n', /version/],
  ];
  for (const [text, expected] of cases) {
    const facts = parse('registry', text, 'ports.yaml');
    if (expected === 'foreign') {
      assert.deepEqual(facts.problems, [], text);
      assert.match(facts.notes.join('\n'), /not a Portolan registry/, text);
    } else {
      assert.ok(facts.problems.some((p) => p.rule === 'registry-schema' && expected.test(p.message)), `${text}: ${facts.problems.map((p) => p.message).join('; ')}`);
    }
    assert.deepEqual(facts.allocations, [], text);
  }
});

test('99999, -1, 0x1F90 and ${UNSET}: invalid-port where a port belongs, nothing where a variable is unresolved', () => {
  const sources = (v: string): Array<[SourceKind, string, string]> => [
    ['registry', 'ports.yaml', `version: 1\nservices:\n  api:\n    ports:\n      http: ${v}\n`],
    ['compose', 'compose.yaml', `services:\n  api:\n    ports: ["${v}:80"]\n`],
    ['env', '.env', `GATEWAY_PORT=${v}\n`],
    ['markdown', 'PORTS.md', `## Ports\n\n| Service | Port |\n|---|---|\n| api | ${v} |\n`],
  ];
  for (const bad of ['99999', '-1', '0x1F90']) {
    for (const [kind, file, text] of sources(bad)) {
      const facts = parse(kind, text, file);
      assert.deepEqual(facts.allocations, [], `${kind} ${bad}`);
      const problems = facts.problems.filter((p) => p.rule === 'invalid-port');
      assert.equal(problems.length, 1, `${kind} ${bad}: ${JSON.stringify(facts.problems)}`);
      assert.equal(written(text, problems[0].loc), bad, `${kind} ${bad}`);
      if (bad !== '0x1F90') assert.equal(problems[0].port, Number(bad), `${kind} ${bad}`);
    }
  }
  // Compose, env and Markdown leave an unresolved variable alone; the registry interpolates nothing,
  // so there `${UNSET}` is text where a number belongs.
  for (const [kind, file, text] of sources('${UNSET}')) {
    const facts = parse(kind, text, file);
    assert.deepEqual(facts.allocations, [], kind);
    if (kind === 'registry') assert.equal(facts.problems.length, 1);
    else assert.deepEqual(facts.problems, [], kind);
  }
  // ... and a variable with a default is that default.
  const defaulted = parse('compose', 'services:\n  api:\n    ports: ["${UNSET:-8080}:80"]\n', 'compose.yaml');
  assert.deepEqual(defaulted.allocations.map((a) => a.port), [8080]);
});
