// An env template (`.env.example`) sets a variable named for a service (`LEDGER_PORT=7100`): a
// claim about that service's port. It is compared with where the service is allocated (the compose
// default that reads the variable, a registry), never a listener that clashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { parseEnv } from '../../src/core/parsers/env';

const COMPOSE = 'services:\n  ledger:\n    ports: ["${LEDGER_PORT:-7200}:7200"]\n  relay:\n    ports: ["${RELAY_PORT:-7300}:7300"]\n';

test('a template\'s service port variable is a claim; a bare PORT stays a mention', () => {
  const facts = parseEnv('LEDGER_PORT=7100\nPORT=7000\n', { file: 'app/.env.example', folderName: 'app' });
  assert.deepEqual(facts.allocations.map((a) => `${a.service} ${a.port} ${a.claim}`), ['ledger 7100 true']);
  assert.deepEqual(facts.mentions.map((m) => m.port), [7100, 7000]);
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
