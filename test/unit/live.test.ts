// Live status, the pure parts: /proc/net/tcp(6) parsing and unclaimed listeners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcNetTcp } from '../../src/core/live/procNet';
import { unclaimedListeners } from '../../src/core/live/unclaimed';
import { buildRuleInput } from '../../src/core/rules/model';
import { checkFiles } from '../support/memoryWorkspace';

const TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1492 1 00000000ce1839d3 100 0 0 10 0',
  '   1: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1493 1 0000000000000000 100 0 0 10 0',
  '   2: 0100007F:B109 0100007F:9CE4 06 00000000:00000000 03:0000088D 00000000     0        0 0 3 000000007c4a4a16',
  '   3: 0100007F:1F92 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 1501 1 0000000000000000 20 4 30 10 -1',
  '   4: 0F02000A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1494 1 0000000000000000 100 0 0 10 0',
  '',
].join('\n');

const TCP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000000000000000000000000000:1F93 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2001 1 0000000000000000 100 0 0 10 0',
  '   1: 00000000000000000000000001000000:1F94 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002 1 0000000000000000 100 0 0 10 0',
  '   2: 0000000000000000FFFF00000100007F:1F95 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2003 1 0000000000000000 100 0 0 10 0',
  '   3: 000080FE00000000FF005452AB12CD34:1F96 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2004 1 0000000000000000 100 0 0 10 0',
  '   4: 00000000000000000000000001000000:1F97 00000000000000000000000001000000:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 2005 1 0000000000000000 100 0 0 10 0',
].join('\n');

test('/proc/net/tcp: LISTEN sockets only (state 0A), ports and IPv4 addresses decoded', () => {
  assert.deepEqual(parseProcNetTcp(TCP, 4), [
    { port: 8080, address: '0.0.0.0', family: 4 },
    { port: 8081, address: '127.0.0.1', family: 4 },
    { port: 22, address: '10.0.2.15', family: 4 },
  ]);
});

test('/proc/net/tcp6: ::, ::1, IPv4-mapped and link-local addresses', () => {
  assert.deepEqual(parseProcNetTcp(TCP6, 6), [
    { port: 8083, address: '::', family: 6 },
    { port: 8084, address: '::1', family: 6 },
    { port: 8085, address: '::ffff:127.0.0.1', family: 6 },
    { port: 8086, address: 'fe80::5254:ff:34cd:12ab', family: 6 },
  ]);
});

test('empty, header-only and malformed content gives nothing', () => {
  assert.deepEqual(parseProcNetTcp('', 4), []);
  assert.deepEqual(parseProcNetTcp(TCP.split('\n')[0], 4), []);
  assert.deepEqual(parseProcNetTcp('header\n   0: nonsense 0A\n   1: 0100007F:XYZW 00000000:0000 0A\n', 4), []);
});

test('unclaimed listeners: listening inside a declared range, written nowhere in the folder', () => {
  const c = checkFiles({
    'ports.yaml': 'version: 1\nranges:\n  apps: { from: 8080, to: 8089 }\n  hot: { from: 8080, to: 8083 }\nreserved:\n  - ports: 8088-8089\n    kept_free: true\nservices:\n  api: { range: apps, ports: 8080 }\n',
    '.env': 'WEB_URL=http://localhost:8082\n',
  });
  const found = unclaimedListeners(buildRuleInput(c.model.files()), [8080, 8081, 8082, 8085, 9000, 8081]);
  // 8080 is allocated, 8082 is referenced, 9000 is in no range; the smallest range is named.
  assert.deepEqual(found.map((u) => `${u.port} ${u.range.name}`), ['8081 hot', '8085 apps']);
});
