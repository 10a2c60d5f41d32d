/// <reference types="mocha" />
// Hovers through vscode.executeHoverProvider, the way the editor asks for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, hoverText, portolan, waitForFixtureDiagnostics } from './helpers';

async function hoverAt(file: string, line: number, character: number): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(fixture(file));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));
  return hoverText(hovers ?? []);
}

suite('hover', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  test('on a conflicting port: the port, both owners, every place it is written, the problem', async () => {
    const text = await hoverAt('docker-compose.yml', 16, 10);   // 8081 of fraud-detector's "8081:9000"
    assert.match(text, /\*\*Port 8081\*\*/);
    assert.match(text, /Owners: .*fraud-detector/);
    assert.match(text, /Owners: .*ledger/);
    for (const place of ['docker-compose.yml', 'docs/PORTS.md', 'ports.yaml']) assert.ok(text.includes(place), `lists ${place}:\n${text}`);
    assert.match(text, /Port 8081 is taken by both fraud-detector and ledger/);
    assert.match(text, /Range: .*8080-8089/);
  });

  test('on a mismatched .env port: the owner, and the registry\'s other port in the problem', async () => {
    const text = await hoverAt('.env', 3, 16);   // REPORTING_PORT=8083
    assert.match(text, /\*\*Port 8083\*\*/);
    assert.match(text, /reporting/);
    assert.match(text, /reporting is 8083 here, but 8082 in ports\.yaml:27/);
  });

  test('on a reserved port: the reservation and its reason', async () => {
    const text = await hoverAt('.env', 4, 21);   // LEGACY_CONSOLE_PORT=8005
    assert.match(text, /Reserved: 8005 — Legacy admin console, never use/);
  });

  test('away from any port: no portolan hover', async () => {
    const text = await hoverAt('docker-compose.yml', 2, 4);   // `image:`
    assert.doesNotMatch(text, /\*\*Port \d+/);
  });

  test('portolan.hover.enabled = false turns hovers off', async () => {
    const config = vscode.workspace.getConfiguration('portolan');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      let text = '';
      for (let i = 0; i < 50; i++) {
        text = await hoverAt('docker-compose.yml', 16, 10);
        if (!/\*\*Port 8081\*\*/.test(text)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.doesNotMatch(text, /\*\*Port 8081\*\*/);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
