/// <reference types="mocha" />
// The server follows edits (unsaved text), files created and deleted on disk (its own file
// watcher registration) and settings (portolan.rules); the tree follows the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_DIAGNOSTICS } from './expected';
import { codeOf, fixture, label, portolan, portolanDiagnostics, waitFor, waitForFixtureDiagnostics } from './helpers';

async function treeLabels(): Promise<string[]> {
  const api = await portolan();
  const out: string[] = [];
  const walk = async (parent?: vscode.TreeItem) => {
    for (const item of await api.getTreeItems(parent)) {
      out.push(label(item));
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None && !/^\w.*:\d+$/.test(label(item))) await walk(item);
    }
  };
  await walk();
  return out;
}

suite('live updates', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  test('an unsaved edit that fixes .env clears its mismatch, and the tree follows; undoing brings it back', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('.env'));
    await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(3);
    assert.equal(line.text, 'REPORTING_PORT=8083');
    const at = new vscode.Range(3, 15, 3, 19);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, at, '8082');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the .env mismatch to clear', () => portolanDiagnostics('.env').map(codeOf), (codes) => codes.join() === 'reserved-port,unregistered-port');
    await waitFor('the tree to drop 8083 reporting', treeLabels, (labels) => !labels.includes('8083 reporting'));

    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, at, '8083');
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitFor('the .env mismatch to return', () => portolanDiagnostics('.env').map(codeOf), (codes) => codes.join() === 'port-mismatch,reserved-port,unregistered-port');
    await waitFor('the tree to show 8083 reporting again', treeLabels, (labels) => labels.includes('8083 reporting'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a compose file created on disk is checked; deleting it clears its problems', async () => {
    // In a folder of its own: a compose file beside docker-compose.yml is an alternative stack.
    const extra = fixture('extra/docker-compose.yml');
    const text = 'services:\n  billing:\n    ports:\n      - "8002:8002"\n';
    await vscode.workspace.fs.writeFile(extra, new TextEncoder().encode(text));
    try {
      const found = await waitFor('a conflict in the new file', () => vscode.languages.getDiagnostics(extra).filter((d) => d.source === 'portolan'), (d) => d.length > 1);
      // billing is not in ports.yaml either: an info beside the conflict.
      assert.deepEqual(found.map(codeOf), ['port-conflict', 'unregistered-port']);
      assert.match(found[0].message, /8002/);
      assert.match(found[0].message, /auth/);
    } finally {
      await vscode.workspace.fs.delete(fixture('extra'), { recursive: true });
    }
    await waitFor('the new file\'s problems to clear', () => vscode.languages.getDiagnostics(extra).filter((d) => d.source === 'portolan'), (d) => d.length === 0);
    await waitForFixtureDiagnostics();
  });

  test('portolan.rules turns a rule off and changes a severity', async () => {
    const config = vscode.workspace.getConfiguration('portolan');
    await config.update('rules', { 'port-mismatch': 'off', 'port-conflict': 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('port-mismatch to be off', () => portolanDiagnostics('docs/PORTS.md').length, (n) => n === 0);
      const conflict = await waitFor('port-conflict as a warning', () => portolanDiagnostics('docker-compose.yml'), (d) => d[0]?.severity === vscode.DiagnosticSeverity.Warning);
      assert.equal(codeOf(conflict[0]), 'port-conflict');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForFixtureDiagnostics();
    assert.equal(portolanDiagnostics('docker-compose.yml')[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(vscode.languages.getDiagnostics().flatMap(([, d]) => d).filter((d) => d.source === 'portolan').length, EXPECTED_DIAGNOSTICS.length);
  });
});
