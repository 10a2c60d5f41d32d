/// <reference types="mocha" />
// The repository's configuration in the editor: portolan.config.json sets severities and
// excludes for the editor as for the CLI, an ignore file leaves files out, and a change to either
// rescans the folder. The walkthrough opens. Files written here are removed after each test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixture, portolan, portolanDiagnostics, revertAll, waitFor, waitForFixtureDiagnostics } from './helpers';

const CLASH = '| Service | Port |\n|---|---|\n| alpha | 4700 |\n| beta | 4700 |\n';

async function write(file: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fixture(file), new TextEncoder().encode(text));
}

async function remove(file: string): Promise<void> {
  await revertAll();
  await vscode.workspace.fs.delete(fixture(file), { recursive: true, useTrash: false });
}

const severities = (file: string) => portolanDiagnostics(file).map((d) => d.severity);

suite('repository configuration', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  test('portolan.config.json: a rule\'s severity and an exclude apply in the editor', async () => {
    await write('configured/PORTS.md', CLASH);
    await write('configured/legacy/PORTS.md', CLASH.replace(/4700/g, '4701'));
    try {
      await waitFor('the clash, an error by default', () => severities('configured/PORTS.md'), (s) => s.length === 1 && s[0] === vscode.DiagnosticSeverity.Error);
      await waitFor('the legacy clash', () => severities('configured/legacy/PORTS.md'), (s) => s.length === 1);
      await write('portolan.config.json', JSON.stringify({ rules: { 'port-conflict': 'info' }, exclude: ['configured/legacy'] }));
      await waitFor('the configured severity', () => severities('configured/PORTS.md'), (s) => s.length === 1 && s[0] === vscode.DiagnosticSeverity.Information);
      await waitFor('the excluded folder cleared', () => severities('configured/legacy/PORTS.md'), (s) => s.length === 0);
    } finally {
      await remove('portolan.config.json');
      await remove('configured');
    }
    await waitForFixtureDiagnostics();
  });

  test('.gitignore: an ignored file is not read; taking the pattern out reads it', async () => {
    await write('ignoring/.gitignore', 'scratch.md\n');
    await write('ignoring/scratch.md', CLASH.replace(/4700/g, '4702'));
    await write('ignoring/kept.md', CLASH.replace(/4700/g, '4703'));
    try {
      await waitFor('the kept file\'s clash', () => severities('ignoring/kept.md'), (s) => s.length === 1);
      assert.deepEqual(severities('ignoring/scratch.md'), [], 'git ignores it');
      await write('ignoring/.gitignore', '# nothing ignored\n');
      await waitFor('the file no longer ignored', () => severities('ignoring/scratch.md'), (s) => s.length === 1);
    } finally {
      await remove('ignoring');
    }
  });

  test('the walkthrough opens', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#portolan.gettingStarted`, false);
    const walkthrough = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs[0];
    assert.equal(walkthrough.steps.length, 3);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
