// Drives the built CLI (dist/cli.js, built by `npm test` first) as a user or CI job would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../support/tempDir';
import { colorsFor } from '../../src/cli/colors';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const EXAMPLES = path.resolve(__dirname, '../../examples');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempRoot(files: Record<string, string>): string {
  const root = tempDir('portolan-cli-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('check on examples: every rule fires (port-mismatch also at a package.json script, a Procfile, a Service\'s targetPort, the container port of a Dockerfile\'s service and a dial of a host port on the compose network; port-conflict also at a port a dev container publishes), text lines are file:line:col severity rule message', () => {
  const r = run('check', EXAMPLES);
  assert.equal(r.code, 1);
  const lines = r.out.split('\n').filter((l) => /^\S+:\d+:\d+ (error|warning|info) /.test(l));
  const rules = lines.map((l) => l.split(' ')[2]).sort();
  assert.deepEqual(rules, ['invalid-port', 'out-of-range', 'port-conflict', 'port-conflict', 'port-mismatch', 'port-mismatch', 'port-mismatch', 'port-mismatch', 'port-mismatch', 'port-mismatch', 'range-overlap', 'registry-schema', 'reserved-port', 'unregistered-port']);
  assert.deepEqual(lines.filter((l) => l.includes(' port-mismatch ')).map((l) => path.relative(EXAMPLES, l.split(':')[0])), ['apps/docker-compose.yml', 'apps/docker-compose.yml', 'billing/package.json', 'k8s/storefront.yaml', 'search/Procfile', 'workers/docker-compose.yml']);
  assert.ok(lines.some((l) => l.endsWith('examples/apps/docker-compose.yml:12:33 warning port-mismatch billing dials ledger:8003 on the compose network, where ledger listens on 8002: 8003 is the port it publishes on the host (line 16)')), r.out);
  assert.ok(lines.some((l) => l.endsWith('examples/workers/docker-compose.yml:5:15 warning port-mismatch worker publishes container port 8080 here, but its image declares 9000 (workers/Dockerfile:5)')), r.out);
  assert.ok(lines.some((l) => l.endsWith('examples/apps/.devcontainer/devcontainer.json:12:16 error port-conflict Port 5432 is taken by both gateway and postgres (apps/.devcontainer/devcontainer.json:9)')), r.out);
  assert.match(r.out, /11 files checked: 4 errors, 9 warnings, 1 info/);
});

test('--fail-on decides the exit code', () => {
  const warningsOnly = tempRoot({ 'docs/ports.md': '## Core (8000-8009)\n| Service | Port |\n|---|---|\n| api | 8100 |\n' });
  assert.equal(run('check', warningsOnly).code, 0);
  assert.equal(run('check', warningsOnly, '--fail-on', 'warning').code, 1);
  assert.equal(run('check', EXAMPLES, '--fail-on=never').code, 0);
});

test('bad usage and unreadable paths exit 2', () => {
  assert.equal(run('check', '--format', 'xml').code, 2);
  assert.equal(run('check', '--nope').code, 2);
  assert.equal(run('frobnicate').code, 2);
  const missing = run('check', path.join(os.tmpdir(), 'portolan-does-not-exist'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read/);
});

test('--format json: findings and allocations with 1-based positions relative to the root', () => {
  const r = run('check', EXAMPLES, '--format', 'json', '--fail-on', 'never');
  const out = JSON.parse(r.out);
  assert.equal(out.version, 1);
  const mismatch = out.findings.find((f: { rule: string; line: number }) => f.rule === 'port-mismatch' && f.line === 16);
  assert.deepEqual(
    { file: mismatch.file, line: mismatch.line, column: mismatch.column, endColumn: mismatch.endColumn, port: mismatch.port, service: mismatch.service },
    { file: 'apps/docker-compose.yml', line: 16, column: 10, endColumn: 14, port: 8003, service: 'ledger' },
  );
  assert.ok(mismatch.related.every((rel: { file: string; line: number; column: number; message: string }) => rel.file && rel.line > 0 && rel.column > 0 && rel.message));
  const invalid = out.findings.find((f: { rule: string }) => f.rule === 'invalid-port');
  assert.equal(invalid.port, 99999);
  assert.ok(out.allocations.some((a: { service: string; port: number; file: string }) => a.service === 'billing' && a.port === 8001 && a.file === 'apps/.env'));
});

test('--format json is written in pieces that join to JSON.stringify\'s layout, across roots and empty lists', () => {
  // About 600 KB of report: many pieces, and more than a pipe holds, so the writer waits for the reader.
  const big = tempRoot({ '.env': Array.from({ length: 3000 }, (_, i) => `SERVICE${i}_PORT=${10000 + i}`).join('\n') });
  const empty = tempRoot({ 'README.md': '# Nothing here\n' });
  for (const roots of [[big, empty], [empty]]) {
    const r = run('check', ...roots, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const parsed = JSON.parse(r.out);
    assert.equal(r.out, `${JSON.stringify(parsed, null, 2)}\n`);
    assert.equal(parsed.allocations.length, roots.length === 2 ? 3000 : 0);
    assert.deepEqual(parsed.findings, []);
  }
  // A file that could not be read is in the report, as on stderr.
  const broken = tempRoot({ 'docker-compose.yml': 'services:\n  web:\n    ports: ["8080:80"]\n   image: x\n' });
  const r = run('check', broken, '--format', 'json');
  const parsed = JSON.parse(r.out);
  assert.equal(r.out, `${JSON.stringify(parsed, null, 2)}\n`);
  assert.deepEqual(parsed.skipped.map((s: { file: string }) => s.file), ['docker-compose.yml']);
  assert.match(parsed.skipped[0].reason, /YAML/);
  assert.match(r.err, /skipped .*docker-compose\.yml/);
});

test('a reader that stops early (| head) ends the report quietly; a failed write says why and exits 2', async () => {
  const big = tempRoot({ '.env': Array.from({ length: 3000 }, (_, i) => `SERVICE${i}_PORT=${10000 + i}`).join('\n') });
  const child = spawn(process.execPath, [CLI, 'check', big, '--format', 'json', '--fail-on', 'never']);
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d; });
  child.stdout.once('data', () => child.stdout.destroy());
  const [code] = await once(child, 'close');
  assert.equal(err, '');
  assert.equal(code, 0);
  const full = spawnSync(process.execPath, [CLI, 'check', EXAMPLES], { encoding: 'utf8', stdio: ['ignore', fs.openSync('/dev/full', 'w'), 'pipe'] });
  assert.match(full.stderr, /cannot write the report: ENOSPC/);
  assert.equal(full.status, 2);
});

test('--format sarif: a SARIF 2.1.0 log with one result per finding and the rules described', () => {
  const json = JSON.parse(run('check', EXAMPLES, '--format', 'json', '--fail-on', 'never').out);
  const sarif = JSON.parse(run('check', EXAMPLES, '--format', 'sarif', '--fail-on', 'never').out);
  assert.equal(sarif.version, '2.1.0');
  const [runLog] = sarif.runs;
  assert.equal(runLog.tool.driver.name, 'portolan');
  assert.equal(runLog.results.length, json.findings.length);
  const conflict = runLog.results.find((r: { ruleId: string }) => r.ruleId === 'port-conflict');
  assert.equal(conflict.level, 'error');
  assert.equal(runLog.tool.driver.rules[conflict.ruleIndex].id, 'port-conflict');
  // The first conflict in file order: the 5432 the dev container publishes (appPort).
  assert.deepEqual(conflict.locations[0].physicalLocation.region, { startLine: 12, startColumn: 16, endLine: 12, endColumn: 20 });
  assert.ok(runLog.originalUriBaseIds.SRCROOT.uri.startsWith('file://'));
});

/** The structure SARIF 2.1.0's schema requires of what the report writes (sarif-schema-2.1.0.json's `required` lists). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed log, walked as the schema describes it
function assertSarifShape(log: Record<string, any>) {
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs));
  for (const run of log.runs) {
    assert.equal(typeof run.tool.driver.name, 'string');
    for (const rule of run.tool.driver.rules) assert.equal(typeof rule.id, 'string');
    for (const [, base] of Object.entries(run.originalUriBaseIds ?? {}) as Array<[string, { uri: string }]>) assert.match(base.uri, /^file:\/\/.*\/$/, 'a base URI ends with a slash');
    for (const result of run.results) {
      assert.equal(typeof result.message.text, 'string');
      assert.ok(['none', 'note', 'warning', 'error'].includes(result.level));
      for (const loc of [...result.locations, ...result.relatedLocations]) {
        const artifact = loc.physicalLocation.artifactLocation;
        assert.doesNotMatch(artifact.uri, /^(\/|[a-z]+:)/, 'relative to its base');
        assert.ok(artifact.uriBaseId in run.originalUriBaseIds);
        assert.ok(loc.physicalLocation.region.startLine >= 1);
      }
      for (const value of Object.values(result.partialFingerprints)) assert.equal(typeof value, 'string');
    }
  }
}

test('--format sarif: paths relative to the repository root, and fingerprints that survive moved lines', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n  api:\n    image: api\n    ports: ["8080:3000"]\n';
  const root = tempRoot({ '.git/HEAD': 'ref: refs/heads/main\n', 'deploy/compose.yaml': compose });
  const sarif = JSON.parse(run('check', path.join(root, 'deploy'), '--format', 'sarif', '--fail-on', 'never').out);
  assertSarifShape(sarif);
  const [result] = sarif.runs[0].results;
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'deploy/compose.yaml');
  assert.equal(sarif.runs[0].originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(root).href}/`);
  fs.writeFileSync(path.join(root, 'deploy/compose.yaml'), `# the stack\n\n${compose}`);
  const moved = JSON.parse(run('check', path.join(root, 'deploy'), '--format', 'sarif', '--fail-on', 'never').out).runs[0].results[0];
  assert.equal(moved.locations[0].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startLine + 2);
  assert.deepEqual(moved.partialFingerprints, result.partialFingerprints);
  assertSarifShape(JSON.parse(run('check', EXAMPLES, '--format', 'sarif', '--fail-on', 'never').out));
});

test('--format github: one workflow command per finding, named from the repository root, with escaped values', () => {
  const root = tempRoot({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'a,b/compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n  api:\n    image: api\n    ports: ["8080:3000"]\n',
  });
  const r = run('check', root, '--format', 'github');
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^::error file=a%2Cb\/compose\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=portolan port-conflict::Port 8080 is taken by both/);
  assert.match(lines[0], /%0A {2}a,b\/compose\.yaml:\d+: /, 'related places on their own lines');
});

test('--help for each command; usage errors print the command\'s usage', () => {
  for (const command of ['check', 'list', 'lsp']) {
    const help = run(command, '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, new RegExp(`^Usage: portolan ${command}`));
  }
  assert.match(run('--help').out, /portolan check \[paths\.\.\.\]/);
  const bad = run('list', '--format', 'sarif');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be one of text, json\n\nUsage: portolan list/);
  assert.match(run('check', '--exclude').err, /--exclude needs a value/);
  assert.equal(run('lsp').code, 2);
});

test('list --format json: the allocation rows per folder', () => {
  const out = JSON.parse(run('list', EXAMPLES, '--format', 'json').out);
  assert.equal(out.version, 1);
  const [folder] = out.folders;
  const billing = folder.allocations.find((a: { service: string }) => a.service === 'billing');
  assert.deepEqual(billing, { range: '8000-8009 core', service: 'billing', role: null, port: '8001', places: billing.places });
  assert.ok(billing.places.includes('apps/.env:1'));
  const text = run('list', EXAMPLES).out.split('\n').length - 1;
  assert.equal(folder.allocations.length, text - 1, 'one row per row of the text table');
});

test('--exclude, .gitignore, .portolanignore and portolan.config.json decide what is read; the configuration sets severities', () => {
  const clash = '| Service | Port |\n|---|---|\n| a | 3000 |\n| b | 3000 |\n';
  const root = tempRoot({
    '.gitignore': 'generated/\n',
    '.portolanignore': 'scratch.md\n',
    'generated/PORTS.md': clash,
    'scratch.md': clash,
    'legacy/PORTS.md': clash,
    'docs/PORTS.md': '| Service | Port |\n|---|---|\n| c | 4000 |\n| d | 4000 |\n',
  });
  const files = (...args: string[]) => JSON.parse(run('check', root, '--format', 'json', '--fail-on', 'never', ...args).out).findings.map((f: { file: string }) => f.file).sort();
  assert.deepEqual(files(), ['docs/PORTS.md', 'legacy/PORTS.md']);
  assert.deepEqual(files('--exclude', 'legacy', '--exclude', 'nothing-here'), ['docs/PORTS.md']);
  fs.writeFileSync(path.join(root, 'portolan.config.json'), JSON.stringify({ exclude: ['docs'], rules: { 'port-conflict': 'warning' } }));
  const r = run('check', root, '--format', 'json');
  assert.equal(r.code, 0, 'conflicts are warnings now');
  assert.deepEqual(JSON.parse(r.out).findings.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`), ['legacy/PORTS.md warning']);
  fs.writeFileSync(path.join(root, 'portolan.config.json'), '{ "rules": { "port-conflict": "loud" } }');
  const wrong = run('check', root, '--format', 'json', '--fail-on', 'never');
  assert.match(wrong.err, /portolan\.config\.json: rules\.port-conflict: ignoring "loud"/);
});

test('colour: on with --color, off with --no-color, NO_COLOR or a pipe', () => {
  const escape = new RegExp(`${String.fromCharCode(27)}\\[`);
  assert.match(run('check', EXAMPLES, '--color').out, escape);
  assert.doesNotMatch(run('check', EXAMPLES).out, escape, 'a pipe gets no colour');
  assert.doesNotMatch(run('check', EXAMPLES, '--no-color').out, escape);
  const terminal = { isTTY: true };
  assert.equal(colorsFor(terminal, {}).error('x'), '\u001b[31mx\u001b[39m');
  assert.equal(colorsFor(terminal, { NO_COLOR: '1' }).error('x'), 'x');
  assert.equal(colorsFor(terminal, { NO_COLOR: '' }).error('x'), '\u001b[31mx\u001b[39m', 'an empty NO_COLOR does not count (no-color.org)');
  assert.equal(colorsFor(terminal, { NO_COLOR: '1' }, true).error('x'), '\u001b[31mx\u001b[39m', '--color wins');
});

test('list prints the allocation table sorted by port', () => {
  const r = run('list', EXAMPLES);
  assert.equal(r.code, 0);
  const ports = r.out.split('\n').slice(1).filter(Boolean).map((l) => Number(/\s(\d+)\s{2}/.exec(l)![1]));
  assert.deepEqual(ports, [...ports].sort((a, b) => a - b));
  assert.match(r.out, /8000-8009 core\s+billing\s+8001\s+apps\/\.env:1/);
});

test('skipped files are logged with the reason, and the check goes on', () => {
  const root = tempRoot({ '.env': 'PORT=\u0000\u0001binary', 'docs/ports.md': '| Service | Port |\n|---|---|\n| a | 3000 |\n| b | 3000 |\n' });
  const r = run('check', root, '--format', 'json');
  assert.equal(r.code, 1);
  assert.match(r.err, /skipped .*\.env: binary content/);
  assert.equal(JSON.parse(r.out).findings[0].rule, 'port-conflict');
});
