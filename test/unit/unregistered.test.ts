// unregistered-port: with a ports.yaml in the folder, compose and env ports of services it does not
// list are an info finding, once per compose service / env variable; nothing without a registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { Checker } from '../../src/core/rules/checker';

const REGISTRY = 'version: 1\nservices:\n  api:\n    ports: 8000\n    aliases: [backend]\n';
const COMPOSE = 'services:\n  backend:\n    ports: ["8000:80"]\n  worker:\n    ports: ["9000:9000", "9001:9001"]\n';
const ENV = 'CACHE_PORT=6379\nAPI_URL=http://localhost:8000\n';
const DOC = '| Service | Port |\n|---|---|\n| docs-only | 7000 |\n';

test('compose and env ports of services the registry does not list; aliases count, references and docs do not', () => {
  const c = checkFiles({ 'ports.yaml': REGISTRY, 'docker-compose.yml': COMPOSE, '.env': ENV, 'docs/p.md': DOC });
  const found = c.findings.filter((f) => f.rule === 'unregistered-port');
  assert.deepEqual(found.map((f) => `${brief(f)} ${f.severity} ${f.message}`), [
    'unregistered-port@.env:1 info cache (6379) is not in ports.yaml',
    'unregistered-port@docker-compose.yml:5 info worker (9000) is not in ports.yaml',
  ]);
  assert.equal(c.textAt(found[1].loc), '9000');
});

test('no registry, or a foreign ports.yaml: nothing', () => {
  assert.deepEqual(checkFiles({ 'docker-compose.yml': COMPOSE }).findings, []);
  const foreign = checkFiles({ 'ports.yaml': 'ingress:\n  http: 80\n', 'docker-compose.yml': COMPOSE });
  assert.deepEqual(foreign.findings.filter((f) => f.rule === 'unregistered-port'), []);
});

test('incremental: registering the service clears the finding, removing the registry too', () => {
  const checker = new Checker();
  const c = checkFiles({ 'ports.yaml': REGISTRY, 'docker-compose.yml': COMPOSE });
  checker.update(c.model.files());
  assert.equal(checker.findings().filter((f) => f.rule === 'unregistered-port').length, 1);
  const registered = checkFiles({ 'ports.yaml': `${REGISTRY}  worker: 9000\n`, 'docker-compose.yml': COMPOSE });
  checker.update([registered.model.facts('ports.yaml')!]);
  assert.deepEqual(checker.findings().filter((f) => f.rule === 'unregistered-port'), []);
  checker.update([], ['ports.yaml']);
  assert.deepEqual(checker.findings(), []);
  // A compose file changed on its own is re-checked against the registry.
  checker.update([c.model.facts('ports.yaml')!]);
  const more = checkFiles({ 'docker-compose.yml': `${COMPOSE}  extra:\n    ports: ["9100:80"]\n` }, {}, 'root');
  checker.update([more.model.facts('docker-compose.yml')!]);
  assert.deepEqual(checker.findings().filter((f) => f.rule === 'unregistered-port').map((f) => f.service), ['worker', 'extra']);
  assert.equal(checkFiles({ 'ports.yaml': REGISTRY, 'docker-compose.yml': COMPOSE }, { 'unregistered-port': 'off' }).findings.length, 0);
});

test('an env variable that compose interpolates is the compose service\'s port, not a service of its own', () => {
  const registry = 'version: 1\nservices:\n  settlement-engine: 8087\n';
  const compose = 'services:\n  settlement-engine:\n    ports: ["${SETTLEMENT_PORT:-8087}:8080"]\n';
  const files = { 'ports.yaml': registry, 'docker-compose.yml': compose, '.env': 'SETTLEMENT_PORT=8087\n' };
  assert.deepEqual(checkFiles(files).findings, []);
  // Incrementally: the compose file stops interpolating the variable, so it stands for itself again.
  const checker = new Checker();
  checker.update(checkFiles(files).model.files());
  assert.deepEqual(checker.findings(), []);
  const plain = checkFiles({ ...files, 'docker-compose.yml': 'services:\n  settlement-engine:\n    ports: ["8087:8080"]\n' });
  checker.update([plain.model.facts('docker-compose.yml')!]);
  assert.deepEqual(checker.findings().map((f) => `${f.rule}:${f.service}`), ['unregistered-port:settlement']);
  checker.update([checkFiles(files).model.facts('docker-compose.yml')!]);
  assert.deepEqual(checker.findings(), []);
});

test('a project the registry delegates by folder keeps its own services: no infos there, still at the root', () => {
  const registry = `${REGISTRY}projects:\n  shop: { range: 20000-20099, path: projects/shop }\n`;
  const c = checkFiles({
    'ports.yaml': registry,
    'docker-compose.yml': COMPOSE,
    'projects/shop/docker-compose.yml': 'services:\n  cart:\n    ports: ["20001:80"]\n',
  });
  assert.deepEqual(c.findings.map((f) => `${brief(f)} ${f.service}`), ['unregistered-port@docker-compose.yml:5 worker']);
});

test('a registry speaks for its folder and below, not for test fixtures or a sibling folder', () => {
  const c = checkFiles({
    'platform/ports.yaml': REGISTRY,
    'platform/docker-compose.yml': COMPOSE,
    'platform/tests/docker-compose.yml': COMPOSE,
    'tools/docker-compose.yml': COMPOSE,
  });
  assert.deepEqual(c.findings.filter((f) => f.rule === 'unregistered-port').map(brief), ['unregistered-port@platform/docker-compose.yml:5']);
});
