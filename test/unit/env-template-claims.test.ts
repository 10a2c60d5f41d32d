// An env template (`.env.example`) sets a variable named for a service (`LEDGER_PORT=7100`): a
// claim about that service's port. It is compared with where the service is allocated (the compose
// default that reads the variable, a registry), never a listener that clashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { parseEnv } from '../../src/core/parsers/env';

const COMPOSE = 'services:\n  ledger:\n    ports: ["${LEDGER_PORT:-7200}:7200"]\n  relay:\n    ports: ["${RELAY_PORT:-7300}:7300"]\n';

test('a template\'s service port variable is a claim, and a bare PORT in a service\'s folder; at the root or in a config folder it stays a mention', () => {
  const facts = parseEnv('LEDGER_PORT=7100\nPORT=7000\n', { file: 'app/.env.example', folderName: 'app' });
  assert.deepEqual(facts.allocations.map((a) => `${a.service} ${a.port} ${a.claim}`), ['ledger 7100 true', 'app 7000 true']);
  assert.deepEqual(facts.mentions.map((m) => m.port), [7100, 7000]);
  assert.deepEqual(parseEnv('LEDGER_PORT=7100\nPORT=7000\n', { file: '.env.example', folderName: 'app' }).allocations.map((a) => a.service), ['ledger']);
  assert.deepEqual(parseEnv('PORT=7000\n', { file: 'config/.env.example', folderName: 'config' }).allocations, []);
});

test('a service folder\'s template that gives its bare PORT another port than the documents is a mismatch at the template', () => {
  const doc = ['| Service | Port |', '|---|---|', '| billing | 7401 |'].join('\n');
  const c = checkFiles({ 'docs/PORTS.md': doc, 'services/billing/.env.example': 'PORT=7400\n' });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@services/billing/.env.example:1']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc, 'services/billing/.env.example': 'PORT=7401\n' }).findings, []);
  // The container port behind the port compose publishes agrees.
  const compose = 'services:\n  billing:\n    build: ./services/billing\n    ports: ["7401:7400"]\n';
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'services/billing/.env.example': 'PORT=7400\n' }).findings, []);
});

test('a template that sets another port than the compose default reading it is a mismatch at the template; one that agrees is not', () => {
  const c = checkFiles({ 'docker-compose.yml': COMPOSE, '.env.example': 'LEDGER_PORT=7100\nRELAY_PORT=7300\n' });
  assert.deepEqual(c.findings.map((f) => `${brief(f)} ${c.textAt(f.loc)}`), ['port-mismatch@.env.example:1 7100']);
});

test('template claims never clash, and alone say nothing', () => {
  assert.deepEqual(checkFiles({ '.env.example': 'LEDGER_PORT=7100\nRELAY_PORT=7100\n' }).findings, []);
  const c = checkFiles({ 'docker-compose.yml': 'services:\n  web:\n    ports: ["7100:80"]\n', '.env.example': 'LEDGER_PORT=7100\n' });
  assert.deepEqual(c.findings, []);
});

test('a template\'s value for a variable the real env file beside it sets is a default the user replaced: compared with nothing', () => {
  const compose = 'services:\n  ledger:\n    ports: ["${LEDGER_PORT}:7200"]\n';
  const c = checkFiles({ 'docker-compose.yml': compose, '.env': 'LEDGER_PORT=9128\n', '.env.example': 'LEDGER_PORT=4001\n' });
  assert.deepEqual(c.findings.map(brief), []);
  // In another folder the template is no default of that env file: still compared.
  const apart = checkFiles({ 'docker-compose.yml': compose, '.env': 'LEDGER_PORT=9128\n', 'deploy/.env.example': 'LEDGER_PORT=4001\n' });
  assert.deepEqual(apart.findings.map(brief), ['port-mismatch@deploy/.env.example:1']);
});

test('an env file named as a template (`PROD_ENV_TEMPLATE.env`) is a template: its ports are claims that never clash', () => {
  const compose = 'services:\n  metrics:\n    image: prom/prometheus\n    ports: ["9090:9090"]\n';
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'PROD_ENV_TEMPLATE.env': 'GRAFANA_PORT=9090\n' }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'prod.env': 'GRAFANA_PORT=9090\n' }).findings.map(brief), ['port-conflict@prod.env:1']);
});
