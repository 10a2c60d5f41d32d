/// <reference types="mocha" />
// The extension activates in the fixture workspace, registers its commands and languages.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixture, portolan, waitFor } from './helpers';

suite('activation', () => {
  test('the extension activates and returns its API', async () => {
    const api = await portolan();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    for (const key of ['ready', 'getAllocations', 'getTreeItems', 'getTree', 'refreshTree', 'getStatus'] as const) {
      assert.ok(key in api, `API has ${key}`);
    }
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, remote: ${vscode.env.remoteName ?? 'none'})`);
  });

  test('the language server starts', async () => {
    const api = await portolan();
    await api.ready;
  });

  test('every contributed command is registered', async () => {
    const contributed = ['portolan.refresh', 'portolan.collapseAll', 'portolan.copyPort', 'portolan.reveal', 'portolan.showProblems', 'portolan.restartServer',
      'portolan.createRegistryFile', 'portolan.exportAllocations', 'portolan.pickFreePort'];
    // The server's workspace/executeCommand commands, which the language client registers too.
    const server = ['portolan.createRegistry', 'portolan.exportMarkdown', 'portolan.findFreePort'];
    const all = await waitFor('the server\'s commands', async () => new Set(await vscode.commands.getCommands(true)), (ids) => server.every((id) => ids.has(id)));
    for (const id of [...contributed, ...server]) {
      assert.ok(all.has(id), `${id} is registered`);
    }
  });

  test('the Ports view can be focused', async () => {
    await vscode.commands.executeCommand('portolan.ports.focus');
  });

  test('.env opens as dotenv, docker-compose.yml as dockercompose, PORTS.md as markdown', async () => {
    const env = await vscode.workspace.openTextDocument(fixture('.env'));
    assert.equal(env.languageId, 'dotenv');
    const compose = await vscode.workspace.openTextDocument(fixture('docker-compose.yml'));
    // VS Code's Docker support (built in) opens compose files as dockercompose.
    assert.equal(compose.languageId, 'dockercompose');
    const md = await vscode.workspace.openTextDocument(fixture('docs/PORTS.md'));
    assert.equal(md.languageId, 'markdown');
  });
});
