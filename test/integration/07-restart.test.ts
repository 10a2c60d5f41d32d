/// <reference types="mocha" />
// Restarting the server: diagnostics come back, the API answers from the new server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_DIAGNOSTICS } from './expected';
import { portolan, waitFor, waitForFixtureDiagnostics } from './helpers';

suite('restart', () => {
  test('portolan.restartServer: a new server with the same results', async () => {
    const api = await portolan();
    await api.ready;
    await vscode.commands.executeCommand('portolan.restartServer');
    await waitForFixtureDiagnostics();
    const result = await api.getAllocations();
    assert.equal(result.folders.length, 1);
    assert.equal(result.folders[0].problemCount, EXPECTED_DIAGNOSTICS.length);
    const status = await waitFor('the status count', () => api.getStatus(), (s) => s.counts.total === EXPECTED_DIAGNOSTICS.length);
    assert.equal(status.counts.error, 1);
    const forFolder = await api.getAllocations(vscode.workspace.workspaceFolders![0].uri);
    assert.deepEqual(forFolder, result);
  });
});
