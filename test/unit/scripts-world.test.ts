// package.json scripts and Procfiles in the world model: what they start is the app's (unit: its
// folder; authority: what runs, as env files), compared with the documents and registry that speak
// for it, clashing with other apps only when something ties them; and the core queries the editor
// asks on them (the place under the cursor, the allocation table, references, rename).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { buildRuleInput } from '../../src/core/rules/model';
import { targetAt } from '../../src/core/query/at';
import { placesOn } from '../../src/core/query/lookup';
import { allocationTable } from '../../src/core/query/allocations';
import { servicesOf } from '../../src/core/query/services';
import { planMove } from '../../src/core/edits/movePort';
import { planIgnore } from '../../src/core/edits/suppress';
import { applyEdits, groupByFile } from '../../src/core/edits/textEdit';

type Files = Record<string, string>;

function pkg(name: string, scripts: Record<string, string>): string {
  return `${JSON.stringify({ name, version: '1.0.0', scripts }, null, 2)}\n`;
}

function findings(files: Files): string[] {
  return checkFiles(files).findings.map((f) => `${brief(f)} ${f.message}`);
}

const TABLE = (rows: Array<[string, number]>) => `# Apps\n\n| Service | Port |\n|---|---|\n${rows.map(([s, p]) => `| ${s} | ${p} |`).join('\n')}\n`;

test('a document that disagrees with a dev script is reported at the document, as what runs outranks it', () => {
  assert.deepEqual(findings({
    'README.md': TABLE([['harbor-web', 3001], ['harbor-admin', 3002]]),
    'web/package.json': pkg('@harbor/harbor-web', { dev: 'vite --port 3000' }),
    'admin/package.json': pkg('harbor-admin', { dev: 'vite --port 3002' }),
  }), ['port-mismatch@README.md:5 harbor-web is 3001 here, but 3000 in web/package.json:5']);
});

test('a Procfile\'s web process is the app\'s main port; its other processes have roles of their own', () => {
  assert.deepEqual(findings({
    'README.md': TABLE([['ledger', 3000]]),
    'ledger/Procfile': 'web: bundle exec rails s -p 3001\nassets: bin/vite dev --port 3036\n',
  }), ['port-mismatch@README.md:5 ledger is 3000 here, but 3001 in ledger/Procfile:1']);
});

test('the registry outranks scripts: reported at the script; an app whose scripts include its port agrees', () => {
  const registry = 'version: 1\nservices:\n  billing: 8001\n';
  assert.deepEqual(findings({ 'ports.yaml': registry, 'billing/package.json': pkg('billing', { start: 'PORT=8004 node server.js' }) }),
    ['port-mismatch@billing/package.json:5 billing is 8004 here, but 8001 in ports.yaml:3']);
  // The ways to start one app are one unit: `start` on 8001 and `dev` on 8002 state the app's ports.
  assert.deepEqual(findings({ 'ports.yaml': registry, 'billing/package.json': pkg('billing', { start: 'PORT=8001 node server.js', dev: 'PORT=8002 nodemon server.js' }) }), []);
});

test('not a mismatch: preview and Storybook ports, a test script\'s own port, an example folder', () => {
  assert.deepEqual(findings({
    'README.md': TABLE([['shop-ui', 5173]]),
    'ports.yaml': 'version: 1\nservices:\n  shop-ui: 5173\n',
    'ui/package.json': pkg('shop-ui', {
      dev: 'vite --port 5173', preview: 'vite preview --port 4173', storybook: 'storybook dev -p 6006', 'test:e2e': 'PORT=5999 node server.js',
    }),
    'examples/ui/package.json': pkg('shop-ui', { dev: 'vite --port 5180' }),
  }), []);
});

test('a registry or a document naming a script\'s server by its tool (`vite preview`, `Storybook`) names the app\'s place there, not another service', () => {
  const app = pkg('shop-ui', { dev: 'vite --port 5173', preview: 'vite preview --port 4173', storybook: 'storybook dev -p 6006' });
  assert.deepEqual(findings({ 'ui/package.json': app, 'README.md': TABLE([['shop-ui', 5173], ['Vite preview', 4173], ['Storybook', 6006]]) }), []);
  // Another name on those ports is another service.
  assert.deepEqual(findings({ 'ui/package.json': app, 'README.md': TABLE([['shop-ui', 5173], ['billing', 4173]]) }).map((f) => f.split(' ')[0]), ['port-conflict@ui/package.json:6']);
});

test('independent apps never clash; a registry or a document that lists both ties them', () => {
  const apps = { 'a/package.json': pkg('alpha', { dev: 'vite --port 5173' }), 'b/package.json': pkg('beta', { dev: 'vite --port 5173' }) };
  assert.deepEqual(findings(apps), []);
  assert.deepEqual(findings({ ...apps, 'ports.yaml': 'version: 1\nservices:\n  alpha: 5173\n' }),
    ['port-conflict@b/package.json:5 Port 5173 is taken by both beta and alpha (ports.yaml:3)']);
  assert.deepEqual(findings({ ...apps, 'docs/apps.md': TABLE([['alpha', 5173], ['beta', 5174]]) }), [
    'port-conflict@b/package.json:5 Port 5173 is taken by both beta and alpha (a/package.json:5)',
    'port-mismatch@docs/apps.md:6 beta is 5174 here, but 5173 in b/package.json:5',
  ]);
});

test('one app, however named: its folder\'s compose service, package.json and Procfile never clash with each other', () => {
  assert.deepEqual(findings({
    'ports.yaml': 'version: 1\nservices:\n  web: 3000\n',
    'docker-compose.yml': 'services:\n  web:\n    build: ./web\n    ports:\n      - "3000:3000"\n',
    'web/package.json': pkg('storefront', { dev: 'next dev -p 3000' }),
    'web/Procfile': 'web: next start -p 3000\n',
  }), []);
  // A script's port inside the container compose publishes elsewhere: the README's and the
  // registry's host port agree, and another service's host port 3000 is no clash.
  assert.deepEqual(findings({
    'docker-compose.yml': 'services:\n  web:\n    build: ./web\n    ports:\n      - "8080:3000"\n',
    'README.md': TABLE([['web', 8080]]),
    'web/package.json': pkg('web', { start: 'PORT=3000 node server.js' }),
  }), []);
  assert.deepEqual(findings({
    'ports.yaml': 'version: 1\nservices:\n  web-app: 8080\n  grafana: 3000\n',
    'docker-compose.yml': 'services:\n  web-app:\n    build: ./web-app\n    ports:\n      - "8080:3000"\n  grafana:\n    image: grafana/grafana\n    ports:\n      - "3000:3000"\n',
    'web-app/package.json': pkg('web-app', { start: 'PORT=3000 node server.js' }),
  }), []);
});

test('a reserved port in a Procfile is reported there', () => {
  assert.deepEqual(findings({ 'ports.yaml': 'version: 1\nreserved:\n  - 8080\nservices:\n  api: 8000\n', 'notifier/Procfile': 'web: puma -p 8080\n' }),
    ['reserved-port@notifier/Procfile:1 notifier is on 8080, which is reserved (8080)']);
});

// A Procfile's app is its folder's: here the package of that name beside it.
const WORKSPACE: Files = {
  'README.md': TABLE([['harbor-web', 5173]]),
  'harbor-web/package.json': pkg('@harbor/harbor-web', { dev: 'vite --host 0.0.0.0 --port 5173', preview: 'vite preview --port 4173' }),
  'harbor-web/Procfile': 'web: npx vite --port 5173\n',
};

test('hover, tree and references: the script\'s number is the place under the cursor, in the table with the others', () => {
  const { model } = checkFiles(WORKSPACE);
  const input = buildRuleInput(model.files());
  const line = WORKSPACE['harbor-web/package.json'].split('\n')[4];
  const column = line.indexOf('5173') + 1;
  const target = targetAt(input, 'harbor-web/package.json', { line: 5, column });
  assert.ok(target?.kind === 'place');
  assert.deepEqual([target.place.service, target.place.port, target.place.source, target.place.loc.span.endColumn - column], ['harbor-web', 5173, 'package', 4]);
  assert.deepEqual(placesOn(input, 5173, 5173).map((p) => `${p.loc.file}:${p.loc.span.startLine}`), ['README.md:5', 'harbor-web/Procfile:1', 'harbor-web/package.json:5']);
  const rows = allocationTable(input).map((r) => `${r.service} ${r.role ?? 'main'} ${r.port} ${r.places.length}`);
  assert.deepEqual(rows, ['harbor-web preview 4173 1', 'harbor-web main 5173 3']);
  const [service] = servicesOf(input);
  assert.deepEqual(service.roles.map((r) => `${r.role} ${r.port}`), ['main 5173', 'preview 4173']);
});

test('rename: moving the app\'s port edits the number inside the JSON string, the Procfile and the document, nothing else', () => {
  const { model } = checkFiles(WORKSPACE);
  const input = buildRuleInput(model.files());
  const place = input.places.find((p) => p.loc.file === 'harbor-web/package.json' && p.port === 5173)!;
  const plan = planMove(input, place, 5180, { read: (f) => WORKSPACE[f] });
  assert.deepEqual(plan.skipped, []);
  const after: Files = { ...WORKSPACE };
  for (const [file, edits] of groupByFile(plan.edits)) after[file] = applyEdits(WORKSPACE[file], edits);
  assert.equal(after['harbor-web/package.json'], WORKSPACE['harbor-web/package.json'].replace('--port 5173', '--port 5180'));
  assert.equal(after['harbor-web/Procfile'], 'web: npx vite --port 5180\n');
  assert.equal(after['README.md'], WORKSPACE['README.md'].replace('5173', '5180'));
  assert.deepEqual(JSON.parse(after['harbor-web/package.json']).scripts, { dev: 'vite --host 0.0.0.0 --port 5180', preview: 'vite preview --port 4173' });
  assert.deepEqual(checkFiles(after).findings, []);
});

test('ignore here: a Procfile takes a comment line; package.json, which is JSON, none', () => {
  assert.deepEqual(planIgnore('web: puma -p 8080\n', 'Procfile', 'procfile', 1, 'reserved-port'),
    { edits: [{ file: 'Procfile', start: 0, end: 0, newText: '# portolan-ignore reserved-port\n' }] });
  assert.ok('error' in planIgnore(WORKSPACE['harbor-web/package.json'], 'harbor-web/package.json', 'package', 5, 'port-mismatch'));
});
