// Features are functions of a snapshot: called here on an in-memory FolderModel's, with a view of
// the folder written by hand, no connection and no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CancellationToken, Position } from 'vscode-languageserver/node';
import type { FolderView } from '../../src/server/features/feature';
import { hover } from '../../src/server/features/hover';
import { references } from '../../src/server/features/references';
import { codeActions } from '../../src/server/features/codeActions';
import { checkFiles } from '../support/memoryWorkspace';

const FILES: Record<string, string> = {
  'ports.yaml': 'version: 1\nranges:\n  web: { from: 8080, to: 8089 }\nservices:\n  gateway:\n    range: web\n    ports: 8080\n',
  'docker-compose.yml': 'services:\n  gateway:\n    image: gw\n    ports:\n      - "8080:80"\n',
  'docs/PORTS.md': '| Service | Port |\n|---|---|\n| gateway | 8081 |\n',
};

const token: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

/** The snapshot of the files above, and a view of their folder that records what it was asked. */
function folderOf(liveStatus: boolean) {
  const asked: number[][] = [];
  const view: FolderView = {
    name: 'demo',
    uri: 'file:///demo',
    liveStatus,
    uriOf: (file) => `file:///demo/${file}`,
    textOf: (file) => FILES[file],
    listening: async (ports) => {
      asked.push([...ports]);
      return { ports: new Set([8080]), method: 'proc' };
    },
  };
  return { snapshot: checkFiles(FILES).model.snapshot(), view, asked };
}

function at(file: string, needle: string): { textDocument: { uri: string }; position: Position; file: string } {
  const before = FILES[file].slice(0, FILES[file].indexOf(needle)).split('\n');
  return { textDocument: { uri: `file:///demo/${file}` }, position: { line: before.length - 1, character: before[before.length - 1].length }, file };
}

test('references: every place the service\'s port is written, without the registry entry when the declaration is left out', () => {
  const { snapshot, view } = folderOf(false);
  const where = (includeDeclaration: boolean) => references(snapshot, view, { ...at('docker-compose.yml', '8080'), context: { includeDeclaration } })
    ?.map((l) => `${l.uri.slice('file:///demo/'.length)}:${l.range.start.line + 1}`);
  assert.deepEqual(where(true), ['docker-compose.yml:5', 'ports.yaml:7']);
  assert.deepEqual(where(false), ['docker-compose.yml:5']);
  // The document's 8081 disagrees: a port of its own, not a reference to 8080.
  assert.deepEqual(references(snapshot, view, { ...at('docs/PORTS.md', '8081'), context: { includeDeclaration: true } })?.map((l) => l.uri), ['file:///demo/docs/PORTS.md']);
});

test('hover: the snapshot\'s owner, places and problem, and the live status asked for the one port under the cursor', async () => {
  const { snapshot, view, asked } = folderOf(true);
  const shown = await hover(snapshot, view, at('docs/PORTS.md', '8081'), token);
  const text = shown && (shown.contents as { value: string }).value;
  assert.ok(text);
  assert.match(text, /^\*\*Port 8081\*\*/);
  assert.match(text, /Owner: \*\*gateway\*\*/);
  assert.match(text, /\[docs\/PORTS\.md:3\]\(file:\/\/\/demo\/docs\/PORTS\.md#L3\)/);
  assert.match(text, /warning \[port-mismatch\]/);
  assert.deepEqual(asked, [[8081]]);

  const listening = await hover(snapshot, view, at('ports.yaml', '8080\n'), token);
  assert.match((listening!.contents as { value: string }).value, /Listening now on this machine/);
  assert.deepEqual(asked, [[8081], [8080]]);
});

test('hover with live status off, or on a range\'s bound, asks the machine nothing', async () => {
  const off = folderOf(false);
  assert.ok(await hover(off.snapshot, off.view, at('docker-compose.yml', '8080'), token));
  const on = folderOf(true);
  const range = await hover(on.snapshot, on.view, at('ports.yaml', '8089'), token);
  assert.match((range!.contents as { value: string }).value, /^\*\*Range 8080-8089 web/);
  assert.deepEqual([...off.asked, ...on.asked], []);
});

test('code actions: a mismatch at a number that is no allocation is changed to the port its related places write', () => {
  const files: Record<string, string> = {
    'api/Dockerfile': 'FROM node:20\nEXPOSE 7300\nCMD ["node", "api.js"]\n',
    'api/docker-compose.yml': 'services:\n  api:\n    build: .\n    ports:\n      - "7300:7000"\n',
    'k8s/shop.yaml': [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: shop', 'spec:', '  selector:', '    matchLabels:', '      app: shop',
      '  template:', '    metadata:', '      labels:', '        app: shop', '    spec:', '      containers:', '        - name: web', '          image: shop',
      '          ports:', '            - containerPort: 7400', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: shop', 'spec:',
      '  selector:', '    app: shop', '  ports:', '    - port: 80', '      targetPort: 7401', '',
    ].join('\n'),
    'vault/compose.yaml': 'services:\n  ledger:\n    image: l\n    environment:\n      VAULT_URL: http://vault:7381\n  vault:\n    image: v\n    ports: ["7381:7300"]\n',
  };
  const view: FolderView = {
    name: 'demo', uri: 'file:///demo', liveStatus: false, uriOf: (file) => `file:///demo/${file}`, textOf: (file) => files[file],
    listening: async () => ({ ports: new Set(), method: 'proc' }),
  };
  const snapshot = checkFiles(files).model.snapshot();
  const fixes = (file: string, needle: string) => {
    const finding = snapshot.findings.find((f) => f.loc.file === file && f.rule === 'port-mismatch')!;
    assert.equal(files[file].slice(finding.loc.span.startOffset, finding.loc.span.endOffset), needle);
    const range = { start: { line: finding.loc.span.startLine - 1, character: finding.loc.span.startColumn - 1 }, end: { line: finding.loc.span.endLine - 1, character: finding.loc.span.endColumn - 1 } };
    return codeActions(snapshot, view, { textDocument: { uri: `file:///demo/${file}` }, range, context: { diagnostics: [] }, file })
      .filter((a) => a.title.startsWith('Change to'))
      .map((a) => ({ title: a.title, preferred: a.isPreferred, edits: Object.values(a.edit!.changes!).flat().map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.newText}`) }));
  };
  // The compose container port the image does not declare: the image's EXPOSE says 7300.
  assert.deepEqual(fixes('api/docker-compose.yml', '7000'), [{ title: 'Change to 7300 (as in api/Dockerfile:2)', preferred: true, edits: ['5:15 7300'] }]);
  // The Service's targetPort no pod declares: the container port is 7400.
  assert.deepEqual(fixes('k8s/shop.yaml', '7401'), [{ title: 'Change to 7400 (as in k8s/shop.yaml:18)', preferred: true, edits: ['29:19 7400'] }]);
  // A dial of the host port on the compose network: the port the service listens on inside.
  assert.deepEqual(fixes('vault/compose.yaml', '7381'), [{ title: 'Change to 7300 (as in vault/compose.yaml:8)', preferred: true, edits: ['5:31 7300'] }]);
});

test('code actions: an out-of-range port moves into the range the finding names, not the one that holds it now', () => {
  const files: Record<string, string> = {
    'docs/PORTS.md': ['## Port blocks', '', '| Range | Layer |', '|---|---|', '| 4300-4399 | Core — Ledgerly |', '| 4400-4499 | Insight — Lighthouse |'].join('\n'),
    'ops/.env': 'LIGHTHOUSE_PORT=4300\n',
  };
  const view: FolderView = {
    name: 'demo', uri: 'file:///demo', liveStatus: false, uriOf: (file) => `file:///demo/${file}`, textOf: (file) => files[file],
    listening: async () => ({ ports: new Set(), method: 'proc' }),
  };
  const snapshot = checkFiles(files).model.snapshot();
  const finding = snapshot.findings.find((f) => f.rule === 'out-of-range')!;
  assert.equal(finding.loc.file, 'ops/.env');
  const range = { start: { line: 0, character: 16 }, end: { line: 0, character: 20 } };
  const moves = codeActions(snapshot, view, { textDocument: { uri: 'file:///demo/ops/.env' }, range, context: { diagnostics: [] }, file: 'ops/.env' })
    .filter((a) => a.title.startsWith('Move'))
    .map((a) => `${a.title} | ${Object.values(a.edit!.changes!).flat().map((e) => e.newText).join(',')}`);
  assert.deepEqual(moves, ['Move lighthouse to 4400, the next free port in Insight Lighthouse (4400-4499) | 4400']);
});
