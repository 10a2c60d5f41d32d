// Dockerfiles over a real LSP connection (test/fixtures/workspaces/image): the diagnostic where
// compose publishes a container port the image does not expose, and hover, references, rename and
// the Ports tree on an `EXPOSE`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrepareRenameRequest, ReferencesRequest, RenameRequest, type Location, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient, copyWorkspace, positionOf, uriOf } from './harness';

test('Dockerfile: diagnostic, hover, references, rename and the tree', async (t) => {
  const root = copyWorkspace('image');
  const client = await TestClient.start({ folders: [root], settings: () => ({ debounceMs: 10 }), command: 'in-process' });
  t.after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const at = (file: string) => path.join(root, file);
  const compose = at('docker-compose.yml');
  const orders = at('orders/Dockerfile');
  const rel = (l: Location) => `${path.relative(root, new URL(l.uri).pathname)}:${l.range.start.line + 1}:${l.range.start.character + 1}`;

  const [diagnostic] = await client.waitForDiagnostics(compose, 'the first check', (d) => d.length === 1);
  assert.equal(diagnostic.code, 'port-mismatch');
  assert.deepEqual(diagnostic.range, { start: { line: 8, character: 14 }, end: { line: 8, character: 18 } });
  assert.equal(diagnostic.message, 'inventory publishes container port 5000 here, but its image declares 5001 (inventory/Dockerfile:3)');

  await t.test('hover on an EXPOSE: the image\'s service and where else its container port is written', async () => {
    const text = await client.hoverText(orders, positionOf(orders, 'EXPOSE 3000', 8));
    assert.ok(text);
    assert.match(text, /^\*\*Port 3000\*\*/);
    assert.match(text, /Referenced here as \*\*orders\*\*/);
    for (const place of ['orders/Dockerfile:3', 'orders/Dockerfile:4', 'docker-compose.yml:5']) assert.ok(text.includes(`[${place}`), `${place} in ${text}`);
  });

  await t.test('references on an EXPOSE: the image\'s places and the compose container port', async () => {
    const refs = await client.request<Location[]>(ReferencesRequest.method, { textDocument: { uri: uriOf(orders) }, position: positionOf(orders, 'EXPOSE 3000', 8), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map(rel), ['docker-compose.yml:5:15', 'orders/Dockerfile:3:10', 'orders/Dockerfile:4:8']);
  });

  await t.test('rename on an EXPOSE: the image\'s port, exactly its digits, nowhere else', async () => {
    const on = positionOf(orders, 'EXPOSE 3000', 8);
    const prepared = await client.request<{ placeholder: string }>(PrepareRenameRequest.method, { textDocument: { uri: uriOf(orders) }, position: on });
    assert.equal(prepared.placeholder, '3000');
    // 8081 is inventory's on the host; inside the container it takes nothing.
    const edit = await client.request<WorkspaceEdit>(RenameRequest.method, { textDocument: { uri: uriOf(orders) }, position: on, newName: '8081' });
    assert.deepEqual(Object.keys(edit.changes ?? {}), [uriOf(orders)]);
    const edits = edit.changes![uriOf(orders)].map((e: TextEdit) => `${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.character + 1} ${e.newText}`);
    assert.deepEqual(edits.sort(), ['3:10-14 8081', '4:8-12 8081']);
  });

  await t.test('the Ports tree: the image\'s port is a place (a reference) of the compose row that publishes it', async () => {
    const { folders } = await client.allocations();
    const row = folders[0].outside.find((a) => a.service === 'orders');
    assert.ok(row);
    assert.equal(row.port, 8080);
    assert.deepEqual(row.places.map((p) => `${path.relative(root, new URL(p.uri).pathname)}:${p.range.start.line + 1} ${p.source}${p.claim ? ' (ref)' : ''}`), [
      'docker-compose.yml:5 compose', 'orders/Dockerfile:3 dockerfile (ref)', 'orders/Dockerfile:4 dockerfile (ref)',
    ]);
  });
});
