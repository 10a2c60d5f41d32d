// LiveStatus: /proc on Linux (no connection made), a short TCP connect elsewhere; real sockets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { LiveStatus } from '../../src/server/liveStatus';

async function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const l = await listen();
  await l.close();
  return l.port;
}

test('connect probing (not Linux): a listening port is found, a closed one is not', async () => {
  const open = await listen();
  const closed = await freePort();
  try {
    const live = new LiveStatus({ platform: 'darwin' });
    const result = await live.listening([open.port, closed]);
    assert.equal(result.method, 'connect');
    assert.deepEqual([...result.ports], [open.port]);
  } finally {
    await open.close();
  }
});

test('Linux: the kernel tables, read once per cache period, no connection made', { skip: process.platform !== 'linux' }, async () => {
  const open = await listen();
  try {
    let probes = 0;
    const live = new LiveStatus({ probe: async () => { probes++; return false; } });
    const result = await live.listening([]);
    assert.equal(result.method, 'proc');
    assert.ok(result.ports.has(open.port), `${open.port} in ${[...result.ports]}`);
    assert.equal(probes, 0);
  } finally {
    await open.close();
  }
});

test('Linux with sample tables; an unreadable /proc falls back to connecting; results are cached', async () => {
  const header = '  sl  local_address rem_address   st\n';
  let reads = 0;
  const tables = new LiveStatus({
    platform: 'linux',
    readFile: (p) => {
      reads++;
      if (p.endsWith('tcp6')) throw new Error('no IPv6');
      return `${header}   0: 00000000:1F90 00000000:0000 0A 0\n   1: 0100007F:1F91 0100007F:D431 01 0\n`;
    },
  });
  assert.deepEqual([...(await tables.listening([1])).ports], [8080]);
  await tables.listening([2]);
  assert.equal(reads, 2, 'tcp and tcp6 read once, then cached');

  const asked: number[] = [];
  const fallback = new LiveStatus({
    platform: 'linux',
    readFile: () => { throw new Error('EACCES'); },
    probe: async (port) => { asked.push(port); return port === 3000; },
  });
  const result = await fallback.listening([3000, 3001, 3000, 0, 70000]);
  assert.equal(result.method, 'connect');
  assert.deepEqual([...result.ports], [3000]);
  assert.deepEqual(asked, [3000, 3001]);
  await fallback.listening([3000]);
  assert.deepEqual(asked, [3000, 3001], 'cached');
});
