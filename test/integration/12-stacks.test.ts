/// <reference types="mocha" />
// Deployment units in the editor: an examples collection (independent stacks that reuse names and
// ports) stays quiet, and hover, references and rename keep to one stack; a base file and its
// override are one project whose services clash. The folders are written on disk for the test and
// removed after it, so the fixture's own diagnostics are untouched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, fixture, hoverText, label, portolan, relativePath, revertAll, waitFor, waitForFixtureDiagnostics } from './helpers';

const COLLECTION: Record<string, string> = {
  'collection/shop/compose.yaml': 'services:\n  web:\n    image: shop-web\n    ports:\n      - "4100:80"\n  metrics:\n    image: prom/prometheus\n    ports:\n      - "4190:9090"\n',
  'collection/shop/README.md': '# Shop\n\n| Service | Port |\n|---|---|\n| web | 4100 |\n',
  'collection/chat/compose.yaml': 'services:\n  web:\n    image: chat-web\n    ports:\n      - "4100:8080"\n  metrics:\n    image: prom/prometheus\n    ports:\n      - "4190:9090"\n',
  'collection/blog/compose.yaml': 'services:\n  web:\n    image: blog-web\n    ports:\n      - "4300:80"\n',
};

const LAYERED: Record<string, string> = {
  'layered/compose.yaml': 'services:\n  app:\n    image: app\n    ports:\n      - "4500:80"\n',
  'layered/compose.override.yaml': 'services:\n  jobs:\n    image: jobs\n    ports:\n      - "4500:9000"\n',
};

async function write(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(fixture(file), new TextEncoder().encode(text));
}

/** Warnings and errors of portolan in the given files. */
function problems(files: string[]): string[] {
  return files.flatMap((file) => vscode.languages.getDiagnostics(fixture(file))
    .filter((d) => d.source === 'portolan' && d.severity <= vscode.DiagnosticSeverity.Warning)
    .map((d) => `${file}:${d.range.start.line + 1} ${codeOf(d)}`));
}

/** Tree items with this label, anywhere under the Ports view's roots. */
async function treeRows(wanted: string): Promise<vscode.TreeItem[]> {
  const api = await portolan();
  const out: vscode.TreeItem[] = [];
  const walk = async (parent?: vscode.TreeItem, depth = 0): Promise<void> => {
    for (const item of await api.getTreeItems(parent)) {
      if (label(item) === wanted) out.push(item);
      else if (depth < 3 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(item, depth + 1);
    }
  };
  await walk();
  return out;
}

async function remove(folder: string): Promise<void> {
  await revertAll();
  await vscode.workspace.fs.delete(fixture(folder), { recursive: true, useTrash: false });
}

suite('deployment units', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  test('an examples collection: no problem between stacks; hover, references and rename keep to one stack', async () => {
    await write(COLLECTION);
    try {
      const shop = fixture('collection/shop/compose.yaml');
      // Until the new files are indexed, no problem proves nothing: wait for the hover to know them.
      await waitFor('the collection in the index', async () => {
        const doc = await vscode.workspace.openTextDocument(shop);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(4, 10));
        return hoverText(hovers ?? []);
      }, (text) => text.includes('collection/shop/README.md'));
      assert.deepEqual(problems(Object.keys(COLLECTION)), []);

      // The Ports view: one row per stack's web, each saying which stack.
      const rows = await waitFor('both web rows in the tree', () => treeRows('4100 web'), (r) => r.length === 2);
      assert.deepEqual(rows.map((r) => String(r.description).split(' · ')[0]).sort(), ['collection/chat', 'collection/shop']);

      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', shop, new vscode.Position(4, 10)));
      assert.match(hover, /\*\*Port 4100\*\*/);
      assert.ok(!hover.includes('collection/chat/'), `chat's 4100 is another stack's:\n${hover}`);

      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', shop, new vscode.Position(4, 10));
      assert.deepEqual(refs.map((l) => relativePath(l.uri)).sort(), ['collection/shop/README.md', 'collection/shop/compose.yaml']);

      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', shop, new vscode.Position(4, 10), '4101');
      assert.deepEqual(edit.entries().map(([uri]) => relativePath(uri)).sort(), ['collection/shop/README.md', 'collection/shop/compose.yaml']);
      // prometheus is no generic name, and still one per stack.
      const metrics = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', shop, new vscode.Position(8, 10), '4191');
      assert.deepEqual(metrics.entries().map(([uri]) => relativePath(uri)), ['collection/shop/compose.yaml']);
      // Another stack's port is not taken for this one (rename works on a loaded document).
      const blog = await vscode.workspace.openTextDocument(fixture('collection/blog/compose.yaml'));
      const onto = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', blog.uri, new vscode.Position(4, 10), '4100');
      assert.deepEqual(onto.entries().map(([uri]) => relativePath(uri)), ['collection/blog/compose.yaml']);
    } finally {
      await remove('collection');
    }
    await waitForFixtureDiagnostics();
  });

  test('a base file and its override are one project: their services clash, each file named in the other\'s problem', async () => {
    await write(LAYERED);
    try {
      const found = await waitFor('the conflict between base and override', () => problems(Object.keys(LAYERED)), (p) => p.length > 0);
      assert.equal(found.length, 1, found.join('\n'));
      const [file] = found[0].split(':');
      const diagnostic = vscode.languages.getDiagnostics(fixture(file)).find((d) => codeOf(d) === 'port-conflict')!;
      assert.match(diagnostic.message, /Port 4500 is taken by both (app and jobs|jobs and app) \(layered\/compose(\.override)?\.yaml:5\)/);
      const related = diagnostic.relatedInformation?.map((r) => relativePath(r.location.uri)) ?? [];
      assert.deepEqual(related, [file === 'layered/compose.yaml' ? 'layered/compose.override.yaml' : 'layered/compose.yaml']);
    } finally {
      await remove('layered');
    }
    await waitFor('the layered problems to clear', () => problems(Object.keys(LAYERED)), (p) => p.length === 0);
    await waitForFixtureDiagnostics();
  });
});
