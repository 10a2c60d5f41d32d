// Drives the built CLI (dist/cli.js, built by `npm test` first) as a user or CI job would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempDir } from '../support/tempDir';

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

test('check on examples: every rule fires once, text lines are file:line:col severity rule message', () => {
  const r = run('check', EXAMPLES);
  assert.equal(r.code, 1);
  const lines = r.out.split('\n').filter((l) => /^\S+:\d+:\d+ (error|warning|info) /.test(l));
  const rules = lines.map((l) => l.split(' ')[2]).sort();
  assert.deepEqual(rules, ['invalid-port', 'out-of-range', 'port-conflict', 'port-mismatch', 'range-overlap', 'registry-schema', 'reserved-port', 'unregistered-port']);
  assert.match(r.out, /6 files checked: 3 errors, 4 warnings, 1 info/);
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
  const mismatch = out.findings.find((f: { rule: string }) => f.rule === 'port-mismatch');
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
  assert.deepEqual(conflict.locations[0].physicalLocation.region, { startLine: 17, startColumn: 13, endLine: 17, endColumn: 17 });
  assert.ok(runLog.originalUriBaseIds.ROOT0.uri.startsWith('file://'));
});

test('list prints the allocation table sorted by port', () => {
  const r = run('list', EXAMPLES);
  assert.equal(r.code, 0);
  const ports = r.out.split('\n').slice(1).filter(Boolean).map((l) => Number(/\s(\d+)\s{2}/.exec(l)![1]));
  assert.deepEqual(ports, [...ports].sort((a, b) => a - b));
  assert.match(r.out, /8000-8009 Core\s+billing\s+8001\s+apps\/\.env:1/);
});

test('skipped files are logged with the reason, and the check goes on', () => {
  const root = tempRoot({ '.env': 'PORT=\u0000\u0001binary', 'docs/ports.md': '| Service | Port |\n|---|---|\n| a | 3000 |\n| b | 3000 |\n' });
  const r = run('check', root, '--format', 'json');
  assert.equal(r.code, 1);
  assert.match(r.err, /skipped .*\.env: binary content/);
  assert.equal(JSON.parse(r.out).findings[0].rule, 'port-conflict');
});
