// A compose service that publishes nothing: its own PORT variable or one `expose` entry is its
// container port, a claim compared with the documents and never a host port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../src/core/parsers/compose';
import { brief, checkFiles } from '../support/memoryWorkspace';

const claims = (yaml: string) => parseCompose(yaml, { file: 'docker-compose.yml' }).allocations.map((a) => `${a.service}=${a.port}${a.claim ? '?' : ''}`);

test('an unpublished service claims its own PORT, else its one exposed port', () => {
  assert.deepEqual(claims(['services:', '  ledger:', '    image: l', '    environment:', '      PORT: 7100', '      REDIS_PORT: 6379'].join('\n')), ['ledger=7100?']);
  assert.deepEqual(claims(['services:', '  ledger:', '    image: l', '    environment:', '      - LEDGER_PORT=7101'].join('\n')), ['ledger=7101?']);
  assert.deepEqual(claims(['services:', '  ledger:', '    image: l', '    expose: ["7102"]'].join('\n')), ['ledger=7102?']);
});

test('a published service, a client\'s port, or several exposed ports claim nothing more', () => {
  assert.deepEqual(claims(['services:', '  ledger:', '    image: l', '    ports: ["7100:7100"]', '    environment:', '      PORT: 7100'].join('\n')), ['ledger=7100']);
  assert.deepEqual(claims(['services:', '  ledger:', '    image: l', '    environment:', '      REDIS_PORT: 6379', '      DB_PORT: 5432'].join('\n')), []);
  assert.deepEqual(claims(['services:', '  ledger:', '    image: l', '    expose: ["7102", "7103"]'].join('\n')), []);
});

test('compared with the documents, never clashing on the host', () => {
  const compose = ['services:', '  ledger:', '    image: l', '    environment:', '      PORT: 7100', '  atlas:', '    image: a', '    ports: ["7100:80"]'].join('\n');
  const doc = (port: number) => ['| Service | Port |', '|---|---|', `| ledger | ${port} |`].join('\n');
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'docs/PORTS.md': doc(7100) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'docs/PORTS.md': doc(7200) }).findings.map(brief), ['port-mismatch@docker-compose.yml:5']);
  // With no document at all it stays quiet.
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose }).findings.map(brief), []);
});
