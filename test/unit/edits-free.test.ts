// Free ports (src/core/edits/freePort.ts): free across the whole folder (registry, compose, env,
// docs, references and mentions), not reserved, not kept free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../support/memoryWorkspace';
import { buildRuleInput } from '../../src/core/rules/model';
import { nextFreePort, portBlockers, whyNotFree, isFree } from '../../src/core/edits/freePort';

function input(files: Record<string, string>) {
  return buildRuleInput(checkFiles(files).model.files());
}

const FILES = {
  'ports.yaml': [
    'version: 1',
    'ranges:',
    '  apps: { from: 8080, to: 8089 }',
    'reserved:',
    '  - port: 8082',
    '    reason: legacy',
    '  - ports: 8085-8086',
    '    kept_free: true',
    'services:',
    '  a: { range: apps, ports: 8080 }',
  ].join('\n'),
  'docker-compose.yml': 'services:\n  b:\n    ports: ["8081:8083"]\n',
  '.env': 'C_URL=http://localhost:8084\n',
  'docs/PORTS.md': '| Service | Port |\n|---|---|\n| d | 8088 |\n\nSee http://localhost:8087 in prose.\n',
};

test('next free port: skips allocations of every source, references, mentions, reserved and kept-free ports', () => {
  const i = input(FILES);
  // 8080 registry, 8081 compose, 8082 reserved, 8083 only a container port (free on the host),
  assert.equal(nextFreePort(i, { from: 8080, to: 8089, scope: '' }), 8083);
  // 8084 a reference in .env, 8085-8086 kept free, 8087 a mention in prose, 8088 a table cell.
  assert.equal(nextFreePort(i, { from: 8084, to: 8089, scope: '' }), 8089);
  assert.equal(nextFreePort(i, { from: 8084, to: 8088, scope: '' }), undefined);
});

test('whyNotFree: taken by another service, reserved, kept free, invalid; a service\'s own port is no obstacle', () => {
  const i = input(FILES);
  const a = i.places.find((p) => p.service === 'a')!;
  const b = i.places.find((p) => p.service === 'b')!;
  assert.match(whyNotFree(i, 8081, a)!, /^8081 is taken by b \(docker-compose\.yml:3\)$/);
  assert.equal(whyNotFree(i, 8081, b), undefined);
  assert.match(whyNotFree(i, 8082, a)!, /^8082 is reserved \(legacy\) in ports\.yaml:5$/);
  assert.match(whyNotFree(i, 8085, a)!, /kept free/);
  assert.match(whyNotFree(i, 0, a)!, /not a port number/);
  assert.match(whyNotFree(i, 70000, a)!, /not a port number/);
  assert.equal(whyNotFree(i, 8089, a), undefined);
  assert.ok(isFree(portBlockers(i, 8089, '')));
  assert.ok(!isFree(portBlockers(i, 8087, '')));
});

test('whyNotFree: a port another, independent stack publishes is no obstacle', () => {
  const i = input({
    'shop/compose.yaml': 'services:\n  web:\n    image: w\n    ports: ["8000:80"]\n  cache:\n    image: c\n    ports: ["6400:6379"]\n',
    'blog/compose.yaml': 'services:\n  web:\n    image: w\n    ports: ["4200:80"]\n',
  });
  const blogWeb = i.places.find((p) => p.loc.file === 'blog/compose.yaml')!;
  assert.equal(whyNotFree(i, 8000, blogWeb), undefined);
  const shopWeb = i.places.find((p) => p.loc.file === 'shop/compose.yaml' && p.service === 'web')!;
  assert.match(whyNotFree(i, 6400, shopWeb)!, /taken by cache/);
});
