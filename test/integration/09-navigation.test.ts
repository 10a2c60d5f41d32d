/// <reference types="mocha" />
// Rename, references, definition, workspace symbols and completion in VS Code, through the
// vscode.execute*Provider commands (the same providers F2, Shift+F12, F12 and Ctrl+T use).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, relativePath, restoreFixtureAfterEachTest } from './helpers';

const at = (l: vscode.Location | vscode.LocationLink) => ('targetUri' in l
  ? `${relativePath(l.targetUri)}:${l.targetRange.start.line + 1}`
  : `${relativePath(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}`);

suite('navigation and rename', () => {
  restoreFixtureAfterEachTest();

  test('rename 8087 in ports.yaml: registry, compose host port and mermaid label change in one edit; the table\'s 8088 stays', async () => {
    const registry = fixture('ports.yaml');
    // The rename commands work on a loaded document.
    await vscode.workspace.openTextDocument(registry);
    const position = new vscode.Position(20, 20);   // `ports: { http: 8087 }`
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string } | vscode.Range>('vscode.prepareRename', registry, position);
    const range = prepared && 'placeholder' in prepared ? prepared.range : prepared;
    assert.ok(range && range.isEqual(new vscode.Range(20, 19, 20, 23)), JSON.stringify(prepared));

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', registry, position, '8084');
    assert.ok(edit);
    assert.deepEqual(edit.entries().map(([uri]) => relativePath(uri)).sort(), ['docker-compose.yml', 'docs/PORTS.md', 'ports.yaml']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = async (file: string) => (await vscode.workspace.openTextDocument(fixture(file))).getText();
    assert.match(await text('ports.yaml'), /settlement-engine:\n {4}range: apps\n {4}ports: \{ http: 8084 \}\n/);
    assert.match(await text('docker-compose.yml'), /- "8084:8080"/, 'the host side moves, the container side stays');
    assert.match(await text('docs/PORTS.md'), /Settlement\[Settlement Engine :8084\]/);
    assert.match(await text('docs/PORTS.md'), /\| Settlement Engine \| 8088 \|/, 'a place that already disagreed is not this port');
  });

  test('rename to a taken or reserved port is refused with the reason', async () => {
    const registry = fixture('ports.yaml');
    await vscode.workspace.openTextDocument(registry);
    const position = new vscode.Position(20, 20);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', registry, position, '8081')),
      /8081 is taken by (ledger|fraud-detector)/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', registry, position, '8005')),
      /8005 is reserved/,
    );
  });

  test('references and definition on ledger\'s 8081 in compose', async () => {
    const compose = fixture('docker-compose.yml');
    await vscode.workspace.openTextDocument(compose);
    const position = new vscode.Position(12, 10);   // ledger `- "8081:8081"`
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', compose, position);
    const places = refs.map(at);
    for (const expected of ['docker-compose.yml:13:10', 'docker-compose.yml:17:10', 'docs/PORTS.md:15:12', 'docs/PORTS.md:22:33', 'ports.yaml:24:12']) {
      assert.ok(places.includes(expected), `${expected} in ${JSON.stringify(places)}`);
    }
    const definition = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', compose, position);
    assert.deepEqual(definition.map(at), ['ports.yaml:24:12']);
  });

  test('workspace symbols: #8087 and a service name', async () => {
    const byPort = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '8087');
    const port = byPort.find((s) => s.name === '8087 settlement-engine');
    assert.ok(port, JSON.stringify(byPort.map((s) => s.name)));
    assert.equal(at(port.location), 'ports.yaml:21:20');
    const byName = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'ledger');
    assert.ok(byName.some((s) => s.name === 'ledger' && s.kind === vscode.SymbolKind.Class), JSON.stringify(byName.map((s) => s.name)));
  });

  test('completion in ports.yaml: the next free port of the service\'s range', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('ports.yaml'));
    await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, `${end.character > 0 ? '\n' : ''}  billing:\n    range: core\n    ports: `);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const last = doc.lineAt(doc.lineCount - 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, last.range.end);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('8003'), JSON.stringify(labels));
  });
});
