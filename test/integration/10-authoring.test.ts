/// <reference types="mocha" />
// Registry authoring commands: a proposed ports.yaml and a Markdown export open as unsaved
// untitled documents (the registry on disk is untouched); Find free port inserts or copies.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { discardActiveEditor, fixture, portolan, waitForFixtureDiagnostics } from './helpers';

suite('registry authoring', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  test('Create ports.yaml from workspace: an untitled YAML document; ports.yaml on disk unchanged', async () => {
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('ports.yaml')));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('portolan.createRegistryFile');
    try {
      assert.ok(doc.isUntitled, 'untitled');
      assert.equal(doc.languageId, 'yaml');
      assert.equal(vscode.window.activeTextEditor?.document, doc);
      const text = doc.getText();
      assert.match(text, /^# Port registry proposed by Portolan/);
      assert.match(text, /already has ports\.yaml/);
      assert.match(text, /\n {2}fraud-detector:\n {4}range: apps\n {4}ports: 8081\n/);
      assert.match(text, /\n {2}gateway:\n {4}range: core\n {4}ports: \{ http: 8000, grpc: 8001 \}\n/);
    } finally {
      await discardActiveEditor();
    }
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('ports.yaml'))), onDisk);
  });

  test('Export allocations as Markdown: an untitled Markdown document with a section per range', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('portolan.exportAllocations');
    try {
      assert.ok(doc.isUntitled);
      assert.equal(doc.languageId, 'markdown');
      const text = doc.getText();
      assert.match(text, /\n## apps \(8080-8089\)\n\n\| Service \| Port \| Role \| Places \|\n/);
      assert.match(text, /\n\| ledger \| 8081 \| main \| docker-compose\.yml:13; docs\/PORTS\.md:15, 22; ports\.yaml:24 \|\n/);
      assert.match(text, /\n## Reserved\n/);
    } finally {
      await discardActiveEditor();
    }
  });

  test('Find free port…: copies or inserts the next free port of a range; the server command answers directly', async () => {
    await vscode.env.clipboard.writeText('');
    assert.equal(await vscode.commands.executeCommand('portolan.pickFreePort', { range: 'apps', action: 'copy' }), 8080);
    assert.equal(await vscode.env.clipboard.readText(), '8080');

    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'PORT=' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 5, 0, 5);
    try {
      assert.equal(await vscode.commands.executeCommand('portolan.pickFreePort', { range: 'core', action: 'insert' }), 8003);
      assert.equal(doc.getText(), 'PORT=8003');
    } finally {
      await discardActiveEditor();
    }

    const direct = await vscode.commands.executeCommand<{ port: number; range: { name: string } }>('portolan.findFreePort', { range: '8080-8089' });
    assert.deepEqual({ port: direct.port, name: direct.range.name }, { port: 8080, name: 'apps' });
  });
});
