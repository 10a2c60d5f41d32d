// The Ports tree's shape, built from a portolan/allocations result without an editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AllocationNode, AllocationsResult, FolderAllocations, PlaceNode } from '../../src/shared/protocol';
import { buildTree, worstSeverity, type TreeNode } from '../../src/vscode/treeModel';

const ROOT = 'file:///ws';
const place = (file: string, line: number, character: number, source: PlaceNode['source'], claim = false): PlaceNode => ({
  uri: `${ROOT}/${file}`,
  range: { start: { line, character }, end: { line, character: character + 4 } },
  source,
  claim,
});
const allocation = (port: number, service: string, extra: Partial<AllocationNode> = {}): AllocationNode => ({
  port,
  service,
  scope: '',
  problems: [],
  places: [place('ports.yaml', port % 100, 10, 'registry')],
  ...extra,
});

function folder(extra: Partial<FolderAllocations> = {}): FolderAllocations {
  return {
    uri: ROOT,
    name: 'ws',
    problemCount: 1,
    ranges: [
      {
        name: 'Applications', from: 8080, to: 8089, scope: '', used: 3, capacity: 10,
        declaredAt: [place('ports.yaml', 5, 2, 'registry')],
        allocations: [
          allocation(8087, 'settlement-engine', { role: 'http' }),
          allocation(8081, 'ledger'),
          allocation(8081, 'fraud-detector', {
            problems: [{ rule: 'port-conflict', severity: 'error', message: 'Port 8081 is taken by both fraud-detector and ledger' }],
            places: [place('docs/PORTS.md', 20, 3, 'markdown', true), place('docker-compose.yml', 16, 9, 'compose')],
          }),
        ],
      },
      {
        name: 'Core Infrastructure', from: 8000, to: 8009, scope: '', used: 10, capacity: 10,
        declaredAt: [], allocations: [allocation(8000, 'gateway', { environment: 'production' })],
      },
    ],
    outside: [allocation(6379, 'redis')],
    reserved: [{ from: 8005, to: 8005, reason: 'Legacy admin console', declaredAt: place('ports.yaml', 9, 10, 'registry') }],
    ...extra,
  };
}

const rel = { relativePath: (uri: string) => uri.slice(ROOT.length + 1) };
const labels = (nodes: TreeNode[]) => nodes.map((n) => n.label);

test('one folder: its ranges sorted by port, then "Outside any range", then "Reserved"', () => {
  const roots = buildTree({ folders: [folder()] }, rel);
  assert.deepEqual(labels(roots), [
    '8000-8009 Core Infrastructure · 10/10 used',
    '8080-8089 Applications · 3/10 used',
    'Outside any range',
    'Reserved',
  ]);
  assert.deepEqual(roots.map((n) => n.kind), ['range', 'range', 'outside', 'reserved-group']);
});

test('allocations sorted by port then service, labelled "port service · role"', () => {
  const apps = buildTree({ folders: [folder()] }, rel)[1];
  assert.deepEqual(labels(apps.children), ['8081 fraud-detector', '8081 ledger', '8087 settlement-engine · http']);
  assert.equal(apps.children[0].severity, 'error');
  assert.equal(apps.children[1].severity, undefined);
  assert.equal(apps.severity, 'error', 'a range rolls up its allocations\' problems');
  assert.equal(apps.expanded, true, 'a range with problems opens expanded');
  assert.equal(buildTree({ folders: [folder()] }, rel)[0].expanded, false);
});

test('places: allocations before references, relative path and 1-based line, open location', () => {
  const fraud = buildTree({ folders: [folder()] }, rel)[1].children[0];
  assert.deepEqual(labels(fraud.children), ['docker-compose.yml:17', 'docs/PORTS.md:21']);
  assert.deepEqual(fraud.children.map((c) => c.description), ['compose', 'markdown · reference']);
  assert.deepEqual(fraud.location, { uri: `${ROOT}/docker-compose.yml`, range: { start: { line: 16, character: 9 }, end: { line: 16, character: 13 } } });
  assert.equal(fraud.portText, '8081');
  assert.equal(fraud.description, '2 places');
});

test('environment in the description; reserved entries copy their port and open their declaration', () => {
  const [core, , outside, reserved] = buildTree({ folders: [folder()] }, rel);
  assert.equal(core.children[0].description, 'production · 1 place');
  assert.deepEqual(labels(outside.children), ['6379 redis']);
  assert.deepEqual(labels(reserved.children), ['8005 · Legacy admin console']);
  assert.equal(reserved.children[0].portText, '8005');
  assert.equal(reserved.children[0].location?.uri, `${ROOT}/ports.yaml`);
  assert.equal(core.portText, '8000-8009');
});

test('several folders: one root per folder; ids unique across the tree', () => {
  const result: AllocationsResult = { folders: [folder(), folder({ uri: 'file:///other', name: 'other', outside: [], reserved: [] })] };
  const roots = buildTree(result, rel);
  assert.deepEqual(labels(roots), ['ws', 'other']);
  assert.equal(roots[0].description, '1 problem');
  const ids: string[] = [];
  const walk = (nodes: TreeNode[]) => nodes.forEach((n) => { ids.push(n.id); walk(n.children); });
  walk(roots);
  assert.equal(new Set(ids).size, ids.length);
});

test('the same service written twice in one range gets distinct ids', () => {
  const twice = folder();
  twice.ranges[1].allocations.push(allocation(8000, 'gateway', { environment: 'production' }));
  const core = buildTree({ folders: [twice] }, rel)[0];
  assert.equal(core.children.length, 2);
  assert.notEqual(core.children[0].id, core.children[1].id);
});

test('worstSeverity', () => {
  assert.equal(worstSeverity([]), undefined);
  assert.equal(worstSeverity([{ severity: 'info' }, { severity: 'warning' }]), 'warning');
  assert.equal(worstSeverity([{ severity: 'warning' }, { severity: 'error' }, { severity: 'info' }]), 'error');
});

test('live status: listening allocations say so first in their description; unclaimed listeners get a group of their own', () => {
  const live = folder({
    live: 'proc',
    ranges: [{
      name: 'Applications', from: 8080, to: 8089, scope: '', used: 1, capacity: 10, declaredAt: [],
      allocations: [allocation(8081, 'ledger', { listening: true }), allocation(8082, 'reporting', { listening: false })],
    }],
    outside: [],
    unclaimed: [{ port: 8086, range: { name: 'Applications', from: 8080, to: 8089, scope: '' } }],
  });
  const roots = buildTree({ folders: [live] }, rel);
  assert.deepEqual(labels(roots), ['8080-8089 Applications · 1/10 used', 'Unclaimed listeners', 'Reserved']);
  const [ledger, reporting] = roots[0].children;
  assert.equal(ledger.description, 'listening · 1 place');
  assert.equal(ledger.listening, true);
  assert.equal(reporting.description, '1 place');
  assert.equal(reporting.listening, undefined);
  const group = roots[1];
  assert.equal(group.kind, 'unclaimed-group');
  assert.equal(group.description, '1 port');
  assert.deepEqual(group.children.map((c) => [c.kind, c.label, c.description, c.portText]), [['unclaimed', '8086', 'listening · Applications 8080-8089', '8086']]);
  // Without live status nothing changes.
  assert.ok(!labels(buildTree({ folders: [folder()] }, rel)).includes('Unclaimed listeners'));
});

test('a generic name in two stacks is two rows, each saying its stack', () => {
  const result: AllocationsResult = {
    folders: [folder({
      ranges: [],
      reserved: [],
      outside: [
        allocation(8000, 'web', { stack: 'shop', places: [place('shop/compose.yaml', 4, 10, 'compose')] }),
        allocation(8000, 'web', { stack: 'chat', places: [place('chat/compose.yaml', 4, 10, 'compose')] }),
      ],
    })],
  };
  const [outside] = buildTree(result, rel);
  assert.deepEqual(labels(outside.children), ['8000 web', '8000 web']);
  assert.deepEqual(outside.children.map((c) => c.description), ['shop · 1 place', 'chat · 1 place']);
  assert.notEqual(outside.children[0].id, outside.children[1].id);
});
