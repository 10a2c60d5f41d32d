// The workspace around the documents: files changed on disk, several folders, broken and
// unreadable files, and requests that fail without taking the server down.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { DEFAULT_CAPABILITIES, ROOT, TestClient, WORKSPACES, copyWorkspace, positionOf, uriOf } from './harness';

const FAST = () => ({ debounceMs: 10 });
const PLATFORM = path.join(WORKSPACES, 'platform');
const BILLING = path.join(WORKSPACES, 'billing');
const BROKEN = path.join(WORKSPACES, 'broken');

/** A copy of the platform workspace, served and checked once; both go away after the test. */
async function checkedPlatformCopy(t: TestContext): Promise<{ root: string; client: TestClient }> {
  const root = copyWorkspace('platform');
  const client = await TestClient.start({ folders: [root], settings: FAST });
  t.after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  await client.waitForDiagnostics(path.join(root, 'docs/architecture.md'), 'the first check', (d) => d.length === 1);
  return { root, client };
}

test('didChangeWatchedFiles: a created file is indexed, a changed .env re-reads compose, a deleted file is dropped', async (t) => {
  const { root, client } = await checkedPlatformCopy(t);

  // A new compose file puts another service on gateway's 8000.
  const extra = path.join(root, 'services/billing/compose.yaml');
  fs.mkdirSync(path.dirname(extra), { recursive: true });
  fs.writeFileSync(extra, 'services:\n  billing:\n    ports:\n      - "8000:80"\n');
  await client.filesChanged([{ uri: uriOf(extra), type: FileChangeType.Created }]);
  const conflict = await client.waitForDiagnostics(extra, 'a conflict', (d) => d.length > 0);
  // billing is not in platform's ports.yaml either: an info beside the conflict.
  assert.deepEqual(conflict.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
    ['port-conflict', 3, 9, 13],
    ['unregistered-port', 3, 9, 13],
  ]);
  assert.match(String(conflict[0].message), /^Port 8000 is taken by both billing and gateway/);

  // The .env beside docker-compose.yml feeds `${TOKEN_ENGINE_PORT:-8001}`: 8002 disagrees with everything else.
  const compose = path.join(root, 'docker-compose.yml');
  fs.writeFileSync(path.join(root, '.env'), 'TOKEN_ENGINE_PORT=8002\nGATEWAY_URL=http://localhost:8000\n');
  await client.filesChanged([{ uri: uriOf(path.join(root, '.env')), type: FileChangeType.Changed }]);
  const interpolated = await client.waitForDiagnostics(compose, 'the interpolated mismatch', (d) => d.length > 0);
  assert.deepEqual(interpolated.map((d) => [d.code, d.range.start.line]), [['port-mismatch', 8]]);

  // Deleting the new file clears its diagnostics.
  fs.rmSync(path.join(root, 'services'), { recursive: true });
  await client.filesChanged([{ uri: uriOf(path.join(root, 'services')), type: FileChangeType.Deleted }]);
  await client.waitForDiagnostics(extra, 'cleared', (d) => d.length === 0);
  const result = await client.allocations({});
  assert.ok(!JSON.stringify(result).includes('services/billing'), 'the deleted file is out of the index');
});

test('a new folder: when the watcher reports one of its files, the others are read too', async (t) => {
  const { root, client } = await checkedPlatformCopy(t);
  // Two stacks written at once under a new folder; the event of only one arrives.
  const reported = path.join(root, 'stacks/audit/compose.yaml');
  const unreported = path.join(root, 'stacks/ledger/compose.yaml');
  for (const [file, service] of [[reported, 'audit'], [unreported, 'ledger']]) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `services:\n  ${service}:\n    ports:\n      - "8000:80"\n`);
  }
  await client.filesChanged([{ uri: uriOf(reported), type: FileChangeType.Created }]);
  const conflict = await client.waitForDiagnostics(unreported, 'the unreported file\'s conflict', (d) => d.some((x) => x.code === 'port-conflict'));
  assert.match(String(conflict.find((d) => d.code === 'port-conflict')!.message), /^Port 8000 is taken by both ledger and /);
  // A file the index hears of in a folder it already knows reads that file alone.
  const later = path.join(root, 'stacks/ledger/compose.override.yaml');
  fs.writeFileSync(later, 'services:\n  ledger:\n    ports:\n      - "8100:80"\n');
  fs.writeFileSync(path.join(root, 'stacks/audit/compose.override.yaml'), 'services:\n  audit:\n    ports:\n      - "8101:80"\n');
  await client.filesChanged([{ uri: uriOf(later), type: FileChangeType.Created }]);
  await client.waitForDiagnostics(later, 'the override read', () => true);
  const result = JSON.stringify(await client.allocations({}));
  assert.ok(result.includes('stacks/ledger/compose.override.yaml'));
  assert.ok(!result.includes('stacks/audit/compose.override.yaml'), 'no event, known folder: not read until it is reported');
});

test('a new folder: when the watcher reports only the folder\'s creation, its sources are read; a created file that is no source or an excluded folder reads nothing', async (t) => {
  const { root, client } = await checkedPlatformCopy(t);
  const unreported = path.join(root, 'extra/compose.yaml');
  fs.mkdirSync(path.dirname(unreported), { recursive: true });
  fs.writeFileSync(unreported, 'services:\n  audit:\n    ports:\n      - "8000:80"\n');
  const vendored = path.join(root, 'node_modules/pkg/compose.yaml');
  fs.mkdirSync(path.dirname(vendored), { recursive: true });
  fs.writeFileSync(vendored, 'services:\n  vendored:\n    ports:\n      - "8000:80"\n');
  fs.writeFileSync(path.join(root, 'extra/notes.txt'), 'nothing here\n');
  await client.filesChanged([
    { uri: uriOf(path.join(root, 'node_modules')), type: FileChangeType.Created },
    { uri: uriOf(path.join(root, 'extra/notes.txt')), type: FileChangeType.Created },
    { uri: uriOf(path.join(root, 'extra')), type: FileChangeType.Created },
  ]);
  const conflict = await client.waitForDiagnostics(unreported, 'the new folder\'s conflict', (d) => d.some((x) => x.code === 'port-conflict'));
  assert.match(String(conflict.find((d) => d.code === 'port-conflict')!.message), /^Port 8000 is taken by both audit and /);
  assert.ok(!JSON.stringify(await client.allocations({})).includes('node_modules'), 'an excluded folder is not read');
});

test('multi-root: each folder is its own scope; folders come and go', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: FAST });
  t.after(() => client.stop());
  const doc = path.join(PLATFORM, 'docs/architecture.md');
  await client.waitForDiagnostics(doc, 'the first check', (d) => d.length === 1);

  // billing puts billing-api on 8000 and invoices on 8001, as platform's gateway and token-engine: no conflict across folders.
  const billingReady = client.nextAllocationChange(BILLING);
  await client.foldersChanged([BILLING], []);
  await billingReady;
  const both = await client.allocations({});
  assert.deepEqual(both.folders.map((f) => [f.name, f.problemCount]), [['platform', 1], ['billing', 0]]);
  assert.ok(!client.published.some((p) => p.uri.startsWith(uriOf(BILLING)) && p.diagnostics.length > 0), 'billing has no findings');
  assert.deepEqual(client.diagnostics.get(uriOf(doc))?.map((d) => d.code), ['port-mismatch']);
  const hover = await client.hoverText(path.join(BILLING, 'docker-compose.yml'), positionOf(path.join(BILLING, 'docker-compose.yml'), '"8000', 1));
  assert.ok(hover);
  assert.match(hover, /Owner: \*\*billing-api\*\*/);
  assert.ok(!hover.includes('gateway'), hover);

  // Removing platform clears its diagnostics.
  await client.foldersChanged([], [PLATFORM]);
  await client.waitForDiagnostics(doc, 'cleared with its folder', (d) => d.length === 0);
  assert.deepEqual((await client.allocations({})).folders.map((f) => f.name), ['billing']);
});

test('a broken ports.yaml: registry-schema diagnostics, the rest keeps working, fixing it clears them', async (t) => {
  const client = await TestClient.start({ folders: [BROKEN], settings: FAST });
  t.after(() => client.stop());
  const registry = path.join(BROKEN, 'ports.yaml');
  const diagnostics = await client.waitForDiagnostics(registry, 'schema errors', (d) => d.length > 0);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.message]), [
    ['registry-schema', 1, 2, 26, 'ranges.core.to: 8999 is below from (9000)'],
    ['registry-schema', 1, 5, 11, 'services.api.ports: expected a port or a mapping of role to port, such as { http: 8000 }, got a list'],
    ['registry-schema', 1, 6, 0, 'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ]);
  assert.ok(diagnostics.every((d) => d.source === 'portolan' && d.codeDescription?.href === 'https://github.com/portolan/portolan#registry-schema'));
  // Hover and the tree still answer.
  const compose = path.join(BROKEN, 'compose.yaml');
  const hover = await client.hoverText(compose, positionOf(compose, '"9000', 1));
  assert.ok(hover?.includes('**api**'), hover);
  // The three schema errors only: a registry whose only service entry is broken lists no service,
  // so api's compose port is not reported as missing from it.
  assert.equal((await client.allocations({})).folders[0].problemCount, 3);
  assert.deepEqual(client.diagnostics.get(uriOf(compose)) ?? [], []);

  await client.open(registry, undefined, 'yaml');
  // Fixed, listing another service: now api's compose port is missing from it.
  const fixed = 'version: 1\nranges:\n  core: { from: 9000, to: 9009 }\nservices:\n  web:\n    range: core\n    ports: 9001\n';
  await client.change(registry, [{ text: fixed }]);
  await client.waitForDiagnostics(registry, 'cleared', (d) => d.length === 0);
  await client.waitForDiagnostics(compose, 'api unregistered', (d) => d.map((x) => x.code).join() === 'unregistered-port');
  await client.change(registry, [{ text: `${fixed}  api:\n    range: core\n    ports: 9000\n` }]);
  await client.waitForDiagnostics(compose, 'api registered', (d) => d.length === 0);
});

test('unreadable files are skipped with a logged reason', async (t) => {
  const root = copyWorkspace('billing');
  fs.writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0x38, 0x30, 0x30, 0x30]));
  fs.writeFileSync(path.join(root, 'huge.md'), `# Huge\n\n| Service | Port |\n| --- | --- |\n| Big | 8000 |\n${'x'.repeat(5000)}\n`);
  fs.mkdirSync(path.join(root, 'node_modules/dep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules/dep/README.md'), '| Service | Port |\n| --- | --- |\n| Dep | 8000 |\n');
  const client = await TestClient.start({ folders: [root], settings: () => ({ maxFileSize: 1000, debounceMs: 10 }) });
  t.after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  await client.nextAllocationChange(root);
  await client.waitFor('the skip reasons', () => client.logs.some((l) => l.includes('skipped huge.md')) && client.logs.some((l) => l.includes('skipped binary.md')));
  const name = path.basename(root);
  assert.ok(client.logs.includes(`[${name}] skipped binary.md: binary content`), client.logs.join('\n'));
  assert.ok(client.logs.some((l) => /^\[.+\] skipped huge\.md: larger than 1000 bytes \(\d+\)$/.test(l)), client.logs.join('\n'));
  // Neither they nor node_modules are indexed: Big and Dep on 8000 would conflict with billing-api.
  assert.equal((await client.allocations({})).folders[0].problemCount, 0);
  assert.ok(client.logs.includes(`[${name}] indexed 2 of 4 port source files`), client.logs.join('\n'));
});

test('handlers fail alone: a bad request is logged and answered, the server keeps working', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: FAST });
  t.after(() => client.stop());
  const doc = path.join(PLATFORM, 'docs/architecture.md');
  await client.waitForDiagnostics(doc, 'the first check', (d) => d.length === 1);

  const badHover = await client.guarded('a bad hover', client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(doc) }, position: null }));
  assert.equal(badHover, null);
  const badAllocations = await client.guarded('bad allocations', client.connection.sendRequest('portolan/allocations', { uri: 42 }));
  assert.deepEqual(badAllocations, { folders: [] });
  await client.waitFor('the logged errors', () => client.logs.some((l) => l.startsWith('Portolan: hover failed')) && client.logs.some((l) => l.startsWith('Portolan: allocations failed')));
  // A second identical failure is not logged again.
  await client.guarded('a bad hover', client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(doc) }, position: null }));
  const good = await client.hoverText(doc, positionOf(doc, ':8087', 2));
  assert.ok(good?.includes('Reporting Engine'));
  assert.equal(client.logs.filter((l) => l.startsWith('Portolan: hover failed')).length, 1);

  // Documents outside every folder and non-file URIs are ignored.
  assert.equal(await client.guarded('untitled hover', client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } })), null);
});

test('nested folders: a file belongs to the innermost folder only', async (t) => {
  const outer = copyWorkspace('billing');
  const inner = path.join(outer, 'platform');
  fs.cpSync(PLATFORM, inner, { recursive: true });
  const client = await TestClient.start({ folders: [outer, inner], settings: FAST });
  t.after(async () => {
    await client.stop();
    fs.rmSync(outer, { recursive: true, force: true });
  });
  const doc = path.join(inner, 'docs/architecture.md');
  await client.waitForDiagnostics(doc, 'the inner mismatch', (d) => d.length === 1);
  const result = await client.allocations({});
  // billing-api and gateway both use 8000, but in different folders: no conflict in the outer one.
  assert.deepEqual(result.folders.map((f) => [f.name, f.problemCount]), [[path.basename(outer), 0], ['platform', 1]]);
  assert.ok(!JSON.stringify(result.folders[0]).includes('/platform/'), 'the outer folder leaves the inner one\'s files alone');
});

test('portolan.config.json and ignore files: the server reads what the CLI reads; settings layer on top; a change to them rescans', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-config-server-'));
  const clash = (port: number) => `| Service | Port |\n|---|---|\n| a | ${port} |\n| b | ${port} |\n`;
  fs.mkdirSync(path.join(root, 'generated'));
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, '.gitignore'), 'generated/\n');
  fs.writeFileSync(path.join(root, 'generated/PORTS.md'), clash(3000));
  fs.writeFileSync(path.join(root, 'docs/PORTS.md'), clash(4000));
  fs.writeFileSync(path.join(root, 'portolan.config.json'), JSON.stringify({ rules: { 'port-conflict': 'warning' } }));
  let settings: Record<string, unknown> = { debounceMs: 10 };
  const client = await TestClient.start({ folders: [root], settings: () => settings });
  t.after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const docs = path.join(root, 'docs/PORTS.md');
  const first = await client.waitForDiagnostics(docs, 'the conflict, a warning by the configuration', (d) => d.length > 0);
  assert.deepEqual(first.map((d) => [d.code, d.severity]), [['port-conflict', 2]]);
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', root, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(cli.stdout).findings.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`), ['docs/PORTS.md warning'], 'the CLI agrees');
  const generated = path.join(root, 'generated/PORTS.md');
  assert.equal(client.diagnostics.get(uriOf(generated))?.length ?? 0, 0, 'what git ignores is not read');

  // A setting wins over the configuration file.
  settings = { debounceMs: 10, rules: { 'port-conflict': 'info' } };
  await client.configurationChanged();
  await client.waitForDiagnostics(docs, 'the setting\'s severity', (d) => d.length === 1 && d[0].severity === 3);

  // The ignore file changes: the folder is scanned again.
  fs.writeFileSync(path.join(root, '.gitignore'), 'docs/\n');
  await client.filesChanged([{ uri: uriOf(path.join(root, '.gitignore')), type: FileChangeType.Changed }]);
  await client.waitForDiagnostics(generated, 'the file git no longer ignores', (d) => d.length === 1);
  await client.waitForDiagnostics(docs, 'the file git ignores now', (d) => d.length === 0);
});

test('window/workDoneProgress: a large folder reports its first indexing (begin, percentages, end); a small one and a client without the capability get none', async (t) => {
  const big = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-progress-'));
  const small = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-progress-small-'));
  for (let i = 0; i < 600; i++) {
    fs.mkdirSync(path.join(big, `svc${i}`));
    fs.writeFileSync(path.join(big, `svc${i}`, '.env'), `SVC${i}_PORT=${10000 + i}\n`);
  }
  fs.writeFileSync(path.join(small, '.env'), 'API_PORT=8080\n');
  const capabilities = { ...DEFAULT_CAPABILITIES, window: { workDoneProgress: true } };
  const client = await TestClient.start({ folders: [big, small], settings: FAST, capabilities });
  const plain = await TestClient.start({ folders: [big], settings: FAST });
  t.after(async () => {
    await client.stop();
    await plain.stop();
    fs.rmSync(big, { recursive: true, force: true });
    fs.rmSync(small, { recursive: true, force: true });
  });
  await client.waitFor('the end of the progress', () => client.progress.some((p) => p.kind === 'end'));
  const [create, begin, ...rest] = client.progress;
  assert.equal(create.kind, 'create');
  assert.deepEqual({ kind: begin.kind, token: begin.token, title: begin.title }, { kind: 'begin', token: create.token, title: `Portolan: indexing ${path.basename(big)}` });
  assert.equal(rest[rest.length - 1].kind, 'end');
  const percentages = rest.filter((p) => p.kind === 'report').map((p) => p.percentage!);
  assert.deepEqual(percentages, [...new Set(percentages)].sort((a, b) => a - b), 'each percent once, rising');
  assert.ok(rest.every((p) => p.token === create.token), 'one progress: the small folder shows none');
  await plain.allocations({});
  assert.deepEqual(plain.progress, []);
});
