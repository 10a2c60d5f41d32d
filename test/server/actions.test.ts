// Acting on ports over a real LSP connection: quick fixes, rename, references, definition,
// workspace symbols, completion in ports.yaml and the registry commands. Edits are applied to the
// files' text here and compared whole, before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest, CompletionRequest, DefinitionRequest, ExecuteCommandRequest, PrepareRenameRequest, ReferencesRequest, RenameRequest,
  WorkspaceSymbolRequest, type CodeAction, type CompletionItem, type Diagnostic, type Location, type Position, type SymbolInformation, type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, copyWorkspace, positionOf, uriOf } from './harness';
import type { FreePortResult } from '../../src/shared/protocol';

const FAST = () => ({ debounceMs: 10 });

async function start(t: { after: (fn: () => Promise<void>) => void }) {
  const root = copyWorkspace('actions');
  const client = await TestClient.start({ folders: [root], settings: FAST, command: 'in-process' });
  t.after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const at = (file: string) => path.join(root, file);
  await client.waitForDiagnostics(at('docs/PORTS.md'), 'the first check', (d) => d.length === 2);
  return { root, client, at };
}

/** The text of every file the edit touches, with the edit applied; other files are not read. */
function applyWorkspaceEdit(root: string, edit: WorkspaceEdit): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = path.relative(root, new URL(uri).pathname).split(path.sep).join('/');
    const doc = TextDocument.create(uri, 'text', 1, fs.readFileSync(path.join(root, file), 'utf8'));
    out.set(file, TextDocument.applyEdits(doc, edits));
  }
  return out;
}

function read(root: string, file: string): string {
  return fs.readFileSync(path.join(root, file), 'utf8');
}

async function actionsAt(client: TestClient, abs: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>(CodeActionRequest.method, {
    textDocument: { uri: uriOf(abs) }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  });
}

function diagnosticOf(client: TestClient, abs: string, code: string): Diagnostic {
  const d = client.diagnostics.get(uriOf(abs))?.find((x) => x.code === code);
  assert.ok(d, `a ${code} diagnostic in ${path.basename(abs)}`);
  return d;
}

test('quick fixes', async (t) => {
  const { root, client, at } = await start(t);

  await t.test('port-mismatch: "Change to 8087 (as in ...)", preferred, edits only that number', async () => {
    const d = diagnosticOf(client, at('docs/PORTS.md'), 'port-mismatch');
    const actions = await actionsAt(client, at('docs/PORTS.md'), d);
    assert.deepEqual(actions.map((a) => a.title), ['Change to 8087 (as in docker-compose.yml:9 and 2 more)', 'Ignore port-mismatch here']);
    const [change] = actions;
    assert.equal(change.kind, 'quickfix');
    assert.equal(change.isPreferred, true);
    assert.deepEqual(change.diagnostics, [d]);
    const after = applyWorkspaceEdit(root, change.edit!);
    assert.deepEqual([...after.keys()], ['docs/PORTS.md']);
    assert.equal(after.get('docs/PORTS.md'), read(root, 'docs/PORTS.md').replace('Settlement Engine :8088', 'Settlement Engine :8087'));
  });

  await t.test('port-conflict: move the clashing service to the next free port of its range, everywhere it is written', async () => {
    const compose = at('docker-compose.yml');
    const d = diagnosticOf(client, compose, 'port-conflict');
    const actions = await actionsAt(client, compose, d);
    // 8080 is free on the host: settlement-engine's container listens on it, which publishes nothing.
    assert.deepEqual(actions.map((a) => a.title), ['Move fraud-detector to 8080, the next free port in apps (8080-8089)', 'Ignore port-conflict here']);
    const after = applyWorkspaceEdit(root, actions[0].edit!);
    assert.equal(after.get('docker-compose.yml'), read(root, 'docker-compose.yml').replace('"8081:9000"', '"8080:9000"'));
    assert.equal(after.size, 1);
    // "Ignore here" puts the comment above, with the list item's indentation.
    const ignored = applyWorkspaceEdit(root, actions[1].edit!);
    assert.equal(ignored.get('docker-compose.yml'), read(root, 'docker-compose.yml').replace('      - "8081:9000"', '      # portolan-ignore port-conflict\n      - "8081:9000"'));
  });

  await t.test('out-of-range: move into the section\'s range', async () => {
    const doc = at('docs/PORTS.md');
    const actions = await actionsAt(client, doc, diagnosticOf(client, doc, 'out-of-range'));
    // The registry's name for the range wins over the heading's.
    assert.equal(actions[0].title, 'Move Reporting to 8080, the next free port in apps (8080-8089)');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(applyWorkspaceEdit(root, actions[0].edit!).get('docs/PORTS.md'), read(root, 'docs/PORTS.md').replace('| Reporting | 8095 |', '| Reporting | 8080 |'));
    // A table row's suppression goes at the end of the row above, so the table stays whole.
    const ignore = actions.find((a) => a.title === 'Ignore out-of-range here')!;
    assert.equal(applyWorkspaceEdit(root, ignore.edit!).get('docs/PORTS.md'), read(root, 'docs/PORTS.md').replace('| Ledger | 8081 | double entry |', '| Ledger | 8081 | double entry | <!-- portolan-ignore out-of-range -->'));
  });

  await t.test('reserved-port: move off the reserved port', async () => {
    const env = at('.env');
    const actions = await actionsAt(client, env, diagnosticOf(client, env, 'reserved-port'));
    assert.equal(actions[0].title, 'Move legacy-console to 8080, the next free port in apps (8080-8089)');
    assert.equal(applyWorkspaceEdit(root, actions[0].edit!).get('.env'), read(root, '.env').replace('LEGACY_CONSOLE_PORT=8085', 'LEGACY_CONSOLE_PORT=8080'));
  });

  await t.test('unregistered-port: add the service to ports.yaml, in its range, keeping every other byte', async () => {
    const compose = at('docker-compose.yml');
    const d = client.diagnostics.get(uriOf(compose))!.find((x) => x.code === 'unregistered-port')!;
    const actions = await actionsAt(client, compose, d);
    const add = actions.find((a) => a.title === 'Add fraud-detector to ports.yaml');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(add.isPreferred, true);
    const registry = read(root, 'ports.yaml');
    assert.equal(applyWorkspaceEdit(root, add.edit!).get('ports.yaml'), `${registry}  fraud-detector:\n    range: apps\n    ports: 8081\n`);
  });

  await t.test('a request for refactorings only gets no quick fixes; a range with no finding gets none', async () => {
    const doc = at('docs/PORTS.md');
    const d = diagnosticOf(client, doc, 'port-mismatch');
    const none = await client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri: uriOf(doc) }, range: d.range, context: { diagnostics: [d], only: ['refactor'] } });
    assert.deepEqual(none, []);
    const away = await client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri: uriOf(doc) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
    assert.deepEqual(away, []);
  });
});

test('rename a port: every place of the service\'s port in one edit; taken, reserved and invalid targets refused', async (t) => {
  const { root, client, at } = await start(t);
  const registry = at('ports.yaml');
  const on8087 = positionOf(registry, 'ports: 8087', 8);

  const prepared = await client.request<{ range: unknown; placeholder: string }>(PrepareRenameRequest.method, { textDocument: { uri: uriOf(registry) }, position: on8087 });
  assert.deepEqual(prepared, { range: { start: { line: 17, character: 11 }, end: { line: 17, character: 15 } }, placeholder: '8087' });

  const edit = await client.request<WorkspaceEdit>(RenameRequest.method, { textDocument: { uri: uriOf(registry) }, position: on8087, newName: '8083' });
  const after = applyWorkspaceEdit(root, edit);
  assert.deepEqual([...after.keys()].sort(), ['.env', 'docker-compose.yml', 'docs/PORTS.md', 'ports.yaml']);
  assert.equal(after.get('ports.yaml'), read(root, 'ports.yaml').replace('ports: 8087', 'ports: 8083'));
  // `${SETTLEMENT_PORT:-8087}`: the .env value compose uses, and the default that said the same.
  assert.equal(after.get('docker-compose.yml'), read(root, 'docker-compose.yml').replace('${SETTLEMENT_PORT:-8087}:8080', '${SETTLEMENT_PORT:-8083}:8080'));
  assert.equal(after.get('.env'), read(root, '.env').replace('SETTLEMENT_PORT=8087', 'SETTLEMENT_PORT=8083'));
  // The table cell changes; the mermaid label that already disagreed (8088) is not this port.
  assert.equal(after.get('docs/PORTS.md'), read(root, 'docs/PORTS.md').replace('| Settlement Engine | 8087 |', '| Settlement Engine | 8083 |'));

  const refused = async (newName: string, pattern: RegExp) => {
    await assert.rejects(
      client.request(RenameRequest.method, { textDocument: { uri: uriOf(registry) }, position: on8087, newName }),
      (err: Error) => pattern.test(err.message),
    );
  };
  await refused('8081', /^Cannot move settlement-engine to 8081: 8081 is taken by ledger/);
  await refused('8085', /^Cannot move settlement-engine to 8085: 8085 is reserved \(Legacy admin console\) in ports\.yaml:9$/);
  await refused('80x', /is not a port number/);
  await refused('70000', /not a port number/);

  // The number in a URL of prose, or a container port, belongs to no service.
  const compose = at('docker-compose.yml');
  await assert.rejects(
    client.request(PrepareRenameRequest.method, { textDocument: { uri: uriOf(compose) }, position: positionOf(compose, ':8080"', 2) }),
    /only mentioned/,
  );
});

test('references, definition, workspace symbols', async (t) => {
  const { root, client, at } = await start(t);
  const compose = at('docker-compose.yml');
  const ledger = positionOf(compose, '"8081:8081"', 2);
  const rel = (l: Location) => `${path.relative(root, new URL(l.uri).pathname)}:${l.range.start.line + 1}:${l.range.start.character + 1}`;

  const refs = await client.request<Location[]>(ReferencesRequest.method, { textDocument: { uri: uriOf(compose) }, position: ledger, context: { includeDeclaration: true } });
  assert.deepEqual(refs.map(rel), [
    '.env:2:29', 'docker-compose.yml:13:10', 'docker-compose.yml:13:15', 'docker-compose.yml:17:10',
    'docs/PORTS.md:8:12', 'docs/PORTS.md:14:44', 'ports.yaml:21:12',
  ]);
  const withoutDeclaration = await client.request<Location[]>(ReferencesRequest.method, { textDocument: { uri: uriOf(compose) }, position: ledger, context: { includeDeclaration: false } });
  assert.ok(!withoutDeclaration.map(rel).includes('ports.yaml:21:12'));

  const definitionOf = async (abs: string, position: Position) =>
    (await client.request<Location[] | null>(DefinitionRequest.method, { textDocument: { uri: uriOf(abs) }, position }))?.map(rel);
  assert.deepEqual(await definitionOf(compose, ledger), ['ports.yaml:21:12']);
  // A reference (LEDGER_URL) leads to the registry entry too; a service no registry lists, to its majority place.
  assert.deepEqual(await definitionOf(at('.env'), positionOf(at('.env'), '8081', 1)), ['ports.yaml:21:12']);
  assert.deepEqual(await definitionOf(at('docs/PORTS.md'), positionOf(at('docs/PORTS.md'), '| 8088', 3)), ['docs/PORTS.md:10:14']);

  const symbols = async (query: string) => (await client.request<SymbolInformation[]>(WorkspaceSymbolRequest.method, { query }))
    .map((s) => `${s.name} ${rel(s.location)}`);
  assert.deepEqual(await symbols('#8087'), ['8087 settlement-engine ports.yaml:18:12']);
  assert.deepEqual(await symbols('#ledger'), ['ledger ports.yaml:21:12', '8081 ledger ports.yaml:21:12']);
  assert.ok((await symbols('stlmnt')).includes('settlement-engine ports.yaml:18:12'));
  assert.ok((await symbols('')).length >= 10);
});

test('completion in ports.yaml: range names after range:, the next free port of the service\'s range after ports:', async (t) => {
  const { client, at } = await start(t);
  const registry = at('ports.yaml');
  const text = `${read(path.dirname(registry), 'ports.yaml')}  reporting:\n    range: \n    ports: \n  audit: { range: core, ports: { http:  } }\n`;
  await client.open(registry, text, 'yaml');
  const lines = text.split('\n');
  const complete = async (line: number, character: number) =>
    (await client.request<CompletionItem[] | null>(CompletionRequest.method, { textDocument: { uri: uriOf(registry) }, position: { line, character } })) ?? [];
  const rangeLine = lines.indexOf('    range: ');
  assert.deepEqual((await complete(rangeLine, 11)).map((c) => c.label), ['core', 'apps']);
  // reporting has no range yet: nothing to propose. With `range: apps` it gets apps' next free port.
  assert.deepEqual(await complete(rangeLine + 1, 11), []);
  await client.change(registry, [{ range: { start: { line: rangeLine, character: 11 }, end: { line: rangeLine, character: 11 } }, text: 'apps' }]);
  const ports = await complete(rangeLine + 1, 11);
  assert.deepEqual(ports.map((c) => [c.label, c.detail]), [['8080', 'next free port in apps (8080-8089)']]);
  const flowLine = lines.findIndex((l) => l.startsWith('  audit:'));
  assert.deepEqual((await complete(flowLine, lines[flowLine].indexOf('http: ') + 6)).map((c) => c.label), ['8001']);
  // Elsewhere in the file: nothing.
  assert.equal((await complete(1, 9)).length, 0);
});

test('commands: createRegistry, exportMarkdown, findFreePort', async (t) => {
  const { root, client } = await start(t);
  const run = <R>(command: string, args: unknown[] = []) => client.request<R>(ExecuteCommandRequest.method, { command, arguments: args });
  assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, ['portolan.createRegistry', 'portolan.exportMarkdown', 'portolan.findFreePort']);

  const before = fs.readdirSync(root).sort();
  const yaml = await run<string>('portolan.createRegistry', [{ uri: uriOf(root) }]);
  assert.match(yaml, /^# Port registry proposed by Portolan/);
  assert.match(yaml, /This folder already has ports\.yaml; it is left as it is\./);
  assert.match(yaml, /\n {2}fraud-detector:\n {4}range: apps\n {4}ports: 8081\n/);
  assert.match(yaml, /\n {2}gateway:\n {4}range: core\n {4}ports: \{ http: 8000, grpc: 50051 \}\n/);
  assert.match(yaml, /reserved:\n {2}- \{ port: 8085, reason: Legacy admin console \}\n/);
  assert.deepEqual(fs.readdirSync(root).sort(), before, 'nothing is written');
  assert.equal(read(root, 'ports.yaml'), fs.readFileSync(path.join(__dirname, '../fixtures/workspaces/actions/ports.yaml'), 'utf8'));

  const md = await run<string>('portolan.exportMarkdown', []);
  assert.match(md, /^# Port allocations: portolan-actions-/);
  assert.match(md, /\n## apps \(8080-8089\)\n\n\| Service \| Port \| Role \| Places \|\n/);
  assert.match(md, /\n\| ledger \| 8081 \| main \| \.env:2 \(reference\); docker-compose\.yml:13; docs\/PORTS\.md:8, 14; ports\.yaml:21 \|\n/);

  assert.deepEqual(await run<FreePortResult>('portolan.findFreePort', [{ range: 'apps' }]), { port: 8080, range: { name: 'apps', from: 8080, to: 8089, scope: '' } });
  assert.equal((await run<FreePortResult>('portolan.findFreePort', [{ range: 'Applications' }]))?.port, 8080);
  assert.equal((await run<FreePortResult>('portolan.findFreePort', [{ range: '8000-8009' }]))?.port, 8001);
  assert.equal((await run<FreePortResult>('portolan.findFreePort', [{ range: '9000-9009' }]))?.port, 9000);
  assert.equal(await run('portolan.findFreePort', [{ range: 'nowhere' }]), null);
  await assert.rejects(run('portolan.findFreePort', [{}]), /needs a range/);
});
