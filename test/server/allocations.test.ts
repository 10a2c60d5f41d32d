// The `portolan/allocations` request and the `portolan/didChangeAllocations` notification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { AllocationNode, FolderAllocations, PlaceNode } from '../../src/shared/protocol';
import { TestClient, WORKSPACES, uriOf } from './harness';

const PLATFORM = path.join(WORKSPACES, 'platform');
const BILLING = path.join(WORKSPACES, 'billing');
const DOC = path.join(PLATFORM, 'docs/architecture.md');

/** `file:line` of a place, relative to its folder. */
function where(folder: string, place: PlaceNode): string {
  const file = decodeURIComponent(place.uri.slice(uriOf(folder).length + 1));
  return `${file}:${place.range.start.line + 1}${place.claim ? ' (ref)' : ''}`;
}

function row(folder: string, a: AllocationNode): string {
  const port = a.endPort !== undefined ? `${a.port}-${a.endPort}` : String(a.port);
  const problems = a.problems.map((p) => ` !${p.rule}`).join('');
  return `${port} ${a.service}${a.role ? `/${a.role}` : ''}: ${a.places.map((p) => where(folder, p)).join(', ')}${problems}`;
}

function summary(folder: string, f: FolderAllocations) {
  return {
    uri: f.uri,
    name: f.name,
    ranges: f.ranges.map((r) => ({
      range: `${r.from}-${r.to} ${r.name} ${r.used}/${r.capacity}`,
      declaredAt: r.declaredAt.map((p) => where(folder, p)),
      allocations: r.allocations.map((a) => row(folder, a)),
    })),
    outside: f.outside.map((a) => row(folder, a)),
    reserved: f.reserved.map((r) => `${r.from}-${r.to} ${r.reason} @ ${where(folder, r.declaredAt)}`),
    problemCount: f.problemCount,
  };
}

const PLATFORM_SUMMARY = {
  uri: uriOf(PLATFORM),
  name: 'platform',
  ranges: [
    {
      range: '8000-8009 core 2/10',
      declaredAt: ['ports.yaml:5'],
      allocations: [
        '8000 gateway/http: .env:2 (ref), docker-compose.yml:5, docs/architecture.md:7, docs/architecture.md:15, ports.yaml:15',
        '8001 token-engine: .env:1, docker-compose.yml:9, docs/architecture.md:8, docs/architecture.md:15, ports.yaml:18',
      ],
    },
    {
      range: '8080-8089 reporting 2/10',
      declaredAt: ['ports.yaml:6'],
      allocations: [
        '8087 Reporting Engine: docs/architecture.md:16 !port-mismatch',
        '8088 reporting-engine: docs/architecture.md:9, ports.yaml:21 !port-mismatch',
      ],
    },
  ],
  outside: [
    '5432 postgres: docker-compose.yml:13, docs/architecture.md:17, ports.yaml:23',
    '50051 gateway/grpc: ports.yaml:15',
  ],
  reserved: ['8085-8085 Legacy admin console @ ports.yaml:9'],
  problemCount: 1,
};

test('allocations: every folder, one folder, after a change', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM, BILLING], settings: () => ({ debounceMs: 10 }) });
  t.after(() => client.stop());
  await client.waitForDiagnostics(DOC, 'the first check', (d) => d.length === 1);

  await t.test('{} answers every folder, ranges with their allocations sorted by port', async () => {
    const result = await client.allocations({});
    assert.deepEqual(result.folders.map((f) => f.name), ['platform', 'billing']);
    assert.deepEqual(summary(PLATFORM, result.folders[0]), PLATFORM_SUMMARY);
    assert.deepEqual(summary(BILLING, result.folders[1]), {
      uri: uriOf(BILLING),
      name: 'billing',
      ranges: [],
      outside: [
        '8000 billing-api: README.md:5, docker-compose.yml:5',
        '8001 invoices: README.md:6, docker-compose.yml:9',
      ],
      reserved: [],
      problemCount: 0,
    });
  });

  await t.test('a request with no params at all answers every folder too', async () => {
    const result = await client.guarded('portolan/allocations', client.connection.sendRequest<{ folders: FolderAllocations[] }>('portolan/allocations'));
    assert.deepEqual(result.folders.map((f) => f.name), ['platform', 'billing']);
  });

  await t.test('places and problems carry what a tree needs', async () => {
    const [platform] = (await client.allocations({ uri: uriOf(PLATFORM) })).folders;
    const graph = platform.ranges[1].allocations[0];
    assert.deepEqual(graph.places, [{
      uri: uriOf(DOC), range: { start: { line: 15, character: 42 }, end: { line: 15, character: 46 } }, source: 'markdown', claim: false,
    }]);
    assert.deepEqual(graph.problems, [{
      rule: 'port-mismatch', severity: 'warning', message: 'Reporting Engine is 8087 here, but 8088 in docs/architecture.md:9 and 1 more place',
    }]);
    assert.equal(platform.ranges[0].scope, '');
    assert.equal(platform.ranges[0].capacity, 10);
    assert.equal(platform.ranges[0].used, 2);
  });

  await t.test('{ uri } answers that folder only (a folder URI, with or without a trailing slash, or a file in it)', async () => {
    const one = await client.allocations({ uri: uriOf(BILLING) });
    assert.deepEqual(one.folders.map((f) => f.name), ['billing']);
    const slash = await client.allocations({ uri: `${uriOf(PLATFORM)}/` });
    assert.deepEqual(slash.folders.map((f) => f.name), ['platform']);
    const file = await client.allocations({ uri: uriOf(DOC) });
    assert.deepEqual(file.folders.map((f) => f.name), ['platform']);
    const none = await client.allocations({ uri: uriOf(path.join(WORKSPACES, 'nowhere')) });
    assert.deepEqual(none.folders, []);
  });

  await t.test('an edit re-checks, notifies didChangeAllocations, and the tree follows', async () => {
    const notified = client.nextAllocationChange(PLATFORM);
    await client.open(DOC, undefined, 'markdown');
    await client.change(DOC, [{ range: { start: { line: 15, character: 42 }, end: { line: 15, character: 46 } }, text: '8088' }]);
    await notified;
    await client.waitForDiagnostics(DOC, 'cleared', (d) => d.length === 0);
    const [platform] = (await client.allocations({ uri: uriOf(PLATFORM) })).folders;
    assert.deepEqual(platform.ranges[1].allocations.map((a) => row(PLATFORM, a)), [
      '8088 reporting-engine: docs/architecture.md:9, docs/architecture.md:16, ports.yaml:21',
    ]);
    assert.equal(platform.ranges[1].used, 1);
    assert.equal(platform.problemCount, 0);
    await client.close(DOC);
  });
});
