/// <reference types="mocha" />
// Quick fixes in VS Code (vscode.executeCodeActionProvider): each action's edit is applied and the
// document text checked, then the documents are reverted so the next tests see the fixture again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, fixture, portolanDiagnostics, restoreFixtureAfterEachTest, revertAll, waitFor } from './helpers';

async function actions(file: string, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(fixture(file));
  const found = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', fixture(file), range);
  // A bare Command has a string `command`; a CodeAction has an edit (and maybe a Command object).
  return (found ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `${action.title} carries its edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

async function lineOf(file: string, line: number): Promise<string> {
  return (await vscode.workspace.openTextDocument(fixture(file))).lineAt(line).text;
}

suite('quick fixes', () => {
  restoreFixtureAfterEachTest();

  test('port-mismatch in .env: "Change to 8082 (as in ports.yaml:27)", preferred, edits only that number', async () => {
    const list = await actions('.env', new vscode.Range(3, 15, 3, 19));
    const change = list.find((a) => a.title === 'Change to 8082 (as in ports.yaml:27)');
    assert.ok(change, JSON.stringify(list.map((a) => a.title)));
    assert.equal(change.isPreferred, true);
    assert.equal(change.kind?.value, 'quickfix');
    const before = (await vscode.workspace.openTextDocument(fixture('.env'))).getText();
    await apply(change);
    const after = (await vscode.workspace.openTextDocument(fixture('.env'))).getText();
    assert.equal(after, before.replace('REPORTING_PORT=8083', 'REPORTING_PORT=8082'));
  });

  test('port-conflict in compose: move fraud-detector to the next free port of apps; ignore it instead', async () => {
    const list = await actions('docker-compose.yml', new vscode.Range(16, 9, 16, 13));
    const titles = list.map((a) => a.title);
    assert.ok(titles.includes('Move fraud-detector to 8080, the next free port in apps (8080-8089)'), JSON.stringify(titles));
    assert.ok(titles.includes('Ignore port-conflict here'), JSON.stringify(titles));
    assert.ok(titles.includes('Add fraud-detector to ports.yaml'), JSON.stringify(titles));
    await apply(list.find((a) => a.title.startsWith('Move fraud-detector'))!);
    assert.equal(await lineOf('docker-compose.yml', 16), '      - "8080:9000"');
    assert.equal(await lineOf('docker-compose.yml', 12), '      - "8081:8081"', 'ledger keeps 8081');
    await revertAll();

    await apply((await actions('docker-compose.yml', new vscode.Range(16, 9, 16, 13))).find((a) => a.title === 'Ignore port-conflict here')!);
    assert.equal(await lineOf('docker-compose.yml', 16), '      # portolan-ignore port-conflict');
    assert.equal(await lineOf('docker-compose.yml', 17), '      - "8081:9000"');
  });

  test('unregistered-port: "Add fraud-detector to ports.yaml" appends it in its range, the rest of the file unchanged', async () => {
    const registry = await vscode.workspace.openTextDocument(fixture('ports.yaml'));
    const before = registry.getText();
    const add = (await actions('docker-compose.yml', new vscode.Range(16, 9, 16, 13))).find((a) => a.title === 'Add fraud-detector to ports.yaml');
    assert.ok(add);
    await apply(add);
    assert.equal(registry.getText(), `${before}  fraud-detector:\n    range: apps\n    ports: 8081\n`);
  });

  test('reserved-port in .env: "Ignore reserved-port here" above the line; the finding goes away', async () => {
    const ignore = (await actions('.env', new vscode.Range(4, 20, 4, 24))).find((a) => a.title === 'Ignore reserved-port here');
    assert.ok(ignore);
    await apply(ignore);
    assert.equal(await lineOf('.env', 4), '# portolan-ignore reserved-port');
    await waitFor('the reserved-port finding to go', () => portolanDiagnostics('.env').map(codeOf), (codes) => !codes.includes('reserved-port'));
  });
});
