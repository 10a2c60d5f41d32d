/// <reference types="mocha" />
// The Ports view's items, read through the extension's API (the same objects the view shows),
// and its actions: open a place, Reveal, Copy Port, refresh, collapse all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, label, portolan, relativePath, show, waitForFixtureDiagnostics } from './helpers';

/** `8087 settlement-engine` of `8087 settlement-engine · http`. */
const portAndService = (item: vscode.TreeItem) => label(item).split(' · ')[0];

/** The labels the server's allocations call for in the range starting at `from`: `port service[ · role]`. */
async function serverLabels(from: number): Promise<string[]> {
  const result = await (await portolan()).getAllocations();
  const range = result.folders[0].ranges.find((r) => r.from === from);
  assert.ok(range, `the server reports a range from ${from}`);
  return range.allocations.map((a) => `${a.port} ${a.service}${a.role ? ` · ${a.role}` : ''}`);
}

const iconId = (item: vscode.TreeItem) => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined);
const tooltipText = (item: vscode.TreeItem) => (typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '');

async function child(parent: vscode.TreeItem | undefined, pattern: RegExp): Promise<vscode.TreeItem> {
  const items = await (await portolan()).getTreeItems(parent);
  const found = items.find((i) => pattern.test(label(i)));
  assert.ok(found, `an item matching ${pattern} under ${parent ? label(parent) : 'the root'}; have ${JSON.stringify(items.map(label))}`);
  return found;
}

suite('Ports tree', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
    (await portolan()).refreshTree();
  });

  test('roots: the declared ranges with their fill, then the reserved ports', async () => {
    const roots = (await (await portolan()).getTreeItems()).map(label);
    const ranges = roots.filter((l) => /^\d+-\d+ /.test(l));
    assert.ok(ranges.length >= 2, JSON.stringify(roots));
    assert.ok(ranges.some((l) => /^8000-8009 .+ · \d+\/10 used$/.test(l)), JSON.stringify(roots));
    assert.ok(ranges.some((l) => /^8080-8089 .+ · \d+\/10 used$/.test(l)), JSON.stringify(roots));
    assert.deepEqual(ranges, [...ranges].sort((a, b) => parseInt(a) - parseInt(b)), 'ranges sorted by port');
    assert.equal(roots.at(-1), 'Reserved');
  });

  test('the core range: its four ports, the reserved one marked', async () => {
    const core = await child(undefined, /^8000-8009 /);
    assert.equal(label(core), '8000-8009 core · 4/10 used');
    const items = await (await portolan()).getTreeItems(core);
    assert.deepEqual(items.map(portAndService), ['8000 gateway', '8001 gateway', '8002 auth', '8005 legacy-console']);
    assert.deepEqual(items.map(label), await serverLabels(8000));
    assert.equal(label(items[1]), '8001 gateway · grpc');
    assert.deepEqual(items.map(iconId), ['plug', 'plug', 'plug', 'warning']);
    assert.match(tooltipText(items[3]), /reserved-port: legacy-console is on 8005, which is reserved/);
    assert.equal(items[0].description, '5 places');
    assert.equal(items[0].contextValue, 'portolan.allocation');
  });

  test('the applications range: allocations sorted by port, the conflicting one marked with an error icon', async () => {
    const apps = await child(undefined, /^8080-8089 /);
    assert.equal(label(apps), '8080-8089 apps · 5/10 used');
    assert.equal(apps.contextValue, 'portolan.range');
    assert.equal(apps.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'a range with problems opens expanded');
    const items = await (await portolan()).getTreeItems(apps);
    const labels = items.map(label);
    assert.deepEqual(items.map(portAndService), ['8081 fraud-detector', '8081 ledger', '8082 reporting', '8083 reporting', '8087 settlement-engine', '8088 Settlement Engine']);
    assert.deepEqual(labels, await serverLabels(8080));
    const fraud = items.find((i) => label(i) === '8081 fraud-detector');
    assert.ok(fraud, JSON.stringify(labels));
    assert.equal(iconId(fraud), 'error');
    assert.match(tooltipText(fraud), /port-conflict/);
    assert.match(tooltipText(fraud), /Port 8081 is taken by both fraud-detector and ledger/);
    const ledger = items.find((i) => label(i) === '8081 ledger');
    assert.ok(ledger, JSON.stringify(labels));
    assert.equal(iconId(ledger), 'error', 'the conflict touches ledger too');
    const settlement = items.find((i) => /^8087 settlement-engine/.test(label(i)));
    assert.ok(settlement, JSON.stringify(labels));
    assert.equal(iconId(settlement), 'warning', 'the table\'s 8088 disagrees with it');
    const reporting = items.find((i) => label(i) === '8082 reporting');
    assert.ok(reporting, JSON.stringify(labels));
  });

  test('places: every file and line an allocation is written at, opening the exact range', async () => {
    const apps = await child(undefined, /^8080-8089 /);
    const ledger = await child(apps, /^8081 ledger$/);
    const places = await (await portolan()).getTreeItems(ledger);
    assert.deepEqual(places.map(label).sort(), ['docker-compose.yml:13', 'docs/PORTS.md:15', 'docs/PORTS.md:22', 'ports.yaml:24'].sort());
    const compose = places.find((p) => label(p) === 'docker-compose.yml:13');
    assert.ok(compose?.command);
    assert.equal(compose.command.command, 'vscode.open');
    const [uri, options] = compose.command.arguments as [vscode.Uri, vscode.TextDocumentShowOptions];
    assert.equal(relativePath(uri), 'docker-compose.yml');
    assert.ok(options.selection);
    assert.equal(show(options.selection as vscode.Range), '13:10-13:14');

    await vscode.commands.executeCommand(compose.command.command, ...compose.command.arguments!);
    const editor = await waitForEditor('docker-compose.yml');
    assert.equal(show(editor.selection), '13:10-13:14');
    assert.equal(editor.document.getText(editor.selection), '8081');
  });

  test('Reveal on an allocation opens its first place; Copy Port copies the port', async () => {
    const apps = await child(undefined, /^8080-8089 /);
    const fraud = await child(apps, /^8081 fraud-detector$/);
    await vscode.commands.executeCommand('portolan.reveal', fraud);
    const editor = await waitForEditor('docker-compose.yml');
    assert.equal(show(editor.selection), '17:10-17:14');

    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('portolan.copyPort', fraud);
    assert.equal(await vscode.env.clipboard.readText(), '8081');
    await vscode.commands.executeCommand('portolan.copyPort', apps);
    assert.equal(await vscode.env.clipboard.readText(), '8080-8089');
  });

  test('the Reserved group lists 8005 with its reason and opens its declaration', async () => {
    const reserved = await child(undefined, /^Reserved$/);
    const items = await (await portolan()).getTreeItems(reserved);
    assert.deepEqual(items.map(label), ['8005 · Legacy admin console, never use']);
    const [uri, options] = items[0].command!.arguments as [vscode.Uri, vscode.TextDocumentShowOptions];
    assert.equal(relativePath(uri), 'ports.yaml');
    assert.equal((options.selection as vscode.Range).start.line, 8);
  });

  test('getTree gives the whole tree at once', async () => {
    const tree = await (await portolan()).getTree();
    const count = (nodes: typeof tree): number => nodes.reduce((n, t) => n + 1 + count(t.children), 0);
    assert.ok(count(tree) > 20, `${count(tree)} nodes`);
  });

  test('refresh and collapse-all run from the view', async () => {
    await vscode.commands.executeCommand('portolan.ports.focus');
    await vscode.commands.executeCommand('portolan.refresh');
    await vscode.commands.executeCommand('portolan.collapseAll');
    assert.ok((await (await portolan()).getTreeItems()).length > 0);
  });
});

async function waitForEditor(file: string): Promise<vscode.TextEditor> {
  const target = fixture(file).toString();
  for (let i = 0; i < 100; i++) {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() === target) return editor;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${file} did not open (active: ${vscode.window.activeTextEditor?.document.uri.toString()})`);
}
