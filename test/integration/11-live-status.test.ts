/// <reference types="mocha" />
// Live status in VS Code: sockets opened here (the extension host and the language server share
// this machine) show as "listening" on their allocation, as an unclaimed listener when no document
// claims them, and in the hover; portolan.liveStatus = false turns it off.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { fixture, hoverText, label, portolan, waitFor, waitForFixtureDiagnostics } from './helpers';

async function listen(port: number): Promise<net.Server | undefined> {
  const server = net.createServer((s) => s.destroy());
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function rootLabels(): Promise<string[]> {
  return (await (await portolan()).getTreeItems()).map(label);
}

suite('live status', () => {
  const servers: net.Server[] = [];
  let allocated: number | undefined;
  let unclaimed: number | undefined;

  suiteSetup(async function () {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
    // 8082 is reporting's port in ports.yaml; 8084, 8086 and 8089 are written nowhere in the fixture.
    const a = await listen(8082);
    if (a) { servers.push(a); allocated = 8082; }
    for (const port of [8084, 8086, 8089]) {
      const s = await listen(port);
      if (s) { servers.push(s); unclaimed = port; break; }
    }
    if (allocated === undefined || unclaimed === undefined) this.skip();
  });

  suiteTeardown(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await vscode.workspace.getConfiguration('portolan').update('liveStatus', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('on by default in a trusted workspace; the tree marks the listening allocation and lists the unclaimed listener', async () => {
    const api = await portolan();
    assert.equal(api.getLiveStatus().enabled, true);
    await vscode.commands.executeCommand('portolan.ports.focus');
    await waitFor('the view to poll', () => api.getLiveStatus().polling, (p) => p);
    api.refreshTree();
    const roots = await waitFor('the unclaimed listeners group', rootLabels, (l) => l.includes('Unclaimed listeners'));
    assert.ok(roots.includes('Unclaimed listeners'), JSON.stringify(roots));
    const items = await api.getTreeItems();
    const group = items.find((i) => label(i) === 'Unclaimed listeners')!;
    const listeners = await api.getTreeItems(group);
    assert.deepEqual(listeners.map((i) => [label(i), i.description]), [[String(unclaimed), 'listening · apps 8080-8089']]);
    const apps = items.find((i) => label(i).startsWith('8080-8089 '))!;
    const reporting = (await api.getTreeItems(apps)).find((i) => label(i) === `${allocated} reporting`);
    assert.ok(reporting);
    assert.match(String(reporting.description), /^listening · /);
  });

  test('the hover says "Listening now"', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('ports.yaml'));
    const line = doc.getText().split('\n').findIndex((l) => l.includes(`ports: ${allocated}`));
    const character = doc.lineAt(line).text.indexOf(String(allocated)) + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));
    assert.match(hoverText(hovers ?? []), /Listening now on this machine/);
  });

  test('portolan.liveStatus = false: no listening marks, no unclaimed group', async () => {
    const api = await portolan();
    await vscode.workspace.getConfiguration('portolan').update('liveStatus', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('live status to be off', () => api.getLiveStatus(), (s) => !s.enabled && !s.polling);
    await waitFor('the group to go', rootLabels, (l) => !l.includes('Unclaimed listeners'));
  });
});
