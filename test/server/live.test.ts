// Live status over the LSP connection: portolan/allocations with `live: true` marks the allocations
// listening now and lists unclaimed listeners in declared ranges; the hover says "Listening now";
// portolan.liveStatus = false turns both off. Real sockets on ports picked free at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, positionOf } from './harness';

async function listenOn(port: number): Promise<net.Server | undefined> {
  const server = net.createServer((s) => s.destroy());
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Two listeners on neighbouring ports P and P+1. */
async function twoListeners(): Promise<{ port: number; servers: net.Server[] }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await listenOn(0);
    if (!first) continue;
    const port = (first.address() as net.AddressInfo).port;
    const second = port < 65535 ? await listenOn(port + 1) : undefined;
    if (second) return { port, servers: [first, second] };
    first.close();
  }
  throw new Error('could not listen on two neighbouring ports');
}

test('live status: listening allocations, unclaimed listeners, the hover; off by setting', async (t) => {
  const { port, servers } = await twoListeners();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-live-'));
  const registry = path.join(root, 'ports.yaml');
  fs.writeFileSync(registry, `version: 1\nranges:\n  live: { from: ${port - 2}, to: ${port + 3} }\nservices:\n  api: { range: live, ports: ${port} }\n  idle: { range: live, ports: ${port + 2} }\n`);
  let liveStatus = true;
  const client = await TestClient.start({ folders: [root], settings: () => ({ debounceMs: 10, liveStatus }) });
  t.after(async () => {
    await client.stop();
    for (const s of servers) s.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  await client.waitFor('the first check', () => client.allocationChanges.length > 0);

  const live = (await client.allocations({ live: true })).folders[0];
  assert.equal(live.live, process.platform === 'linux' ? 'proc' : 'connect');
  const byService = Object.fromEntries(live.ranges[0].allocations.map((a) => [a.service, a.listening]));
  assert.deepEqual(byService, { api: true, idle: false });
  assert.deepEqual(live.unclaimed, [{ port: port + 1, range: { name: 'live', from: port - 2, to: port + 3, scope: '' } }]);

  const plain = (await client.allocations({})).folders[0];
  assert.equal(plain.live, undefined);
  assert.equal(plain.ranges[0].allocations[0].listening, undefined);

  const hover = await client.hoverText(registry, positionOf(registry, `ports: ${port}`, 8));
  assert.match(hover ?? '', /Listening now on this machine/);
  const idle = await client.hoverText(registry, positionOf(registry, `ports: ${port + 2}`, 8));
  assert.doesNotMatch(idle ?? '', /Listening now/);

  liveStatus = false;
  const changed = client.nextAllocationChange(root);
  await client.configurationChanged();
  await changed;
  const off = (await client.allocations({ live: true })).folders[0];
  assert.equal(off.live, undefined);
  assert.equal(off.unclaimed, undefined);
  assert.doesNotMatch(await client.hoverText(registry, positionOf(registry, `ports: ${port}`, 8)) ?? '', /Listening now/);
});
