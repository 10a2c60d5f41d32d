/// <reference types="mocha" />
// The status bar item counts portolan diagnostics; clicking it opens the Problems panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_DIAGNOSTICS } from './expected';
import { portolan, waitFor, waitForFixtureDiagnostics } from './helpers';

suite('status bar', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  test('counts the port problems by severity', async () => {
    const api = await portolan();
    const status = await waitFor('the status count', () => api.getStatus(), (s) => s.counts.total === EXPECTED_DIAGNOSTICS.length);
    assert.deepEqual(status.counts, { error: 1, warning: 3, info: 2, total: 6 });
    assert.equal(status.text, '$(error) 6 port problems');
    assert.match(status.tooltip, /1 error, 3 warnings, 2 info/);
  });

  test('portolan.showProblems opens the Problems panel', async () => {
    await vscode.commands.executeCommand('portolan.showProblems');
  });
});
