// A service that reaches another by name on the compose network reaches its container port: one
// that dials the host port the other publishes to another container port is reported at the dial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../src/core/parsers/compose';
import { brief, checkFiles } from '../support/memoryWorkspace';

const stack = (client: string[], vault: string[] = ['    ports: ["7381:7300"]']) =>
  ['services:', '  ledger:', '    image: ledger', ...client, '  vault:', '    image: vault', ...vault].join('\n');

const findings = (yaml: string) => checkFiles({ 'stack/compose.yaml': yaml }).findings.map(brief);

test('a URL, a host and port pair, and an address that dial the published host port are each reported at the port', () => {
  const url = stack(['    environment:', '      VAULT_URL: http://vault:7381/v1']);
  assert.deepEqual(findings(url), ['port-mismatch@stack/compose.yaml:5']);
  const problem = parseCompose(url, { file: 'stack/compose.yaml' }).problems[0];
  assert.equal(problem.message, 'ledger dials vault:7381 on the compose network, where vault listens on 7300: 7381 is the port it publishes on the host (line 8)');
  assert.equal(url.split('\n')[4].slice(problem.loc.span.startColumn - 1, problem.loc.span.endColumn - 1), '7381');
  assert.deepEqual(problem.related?.map((r) => r.message), ['vault: 7381:7300', 'vault listens on 7300 inside']);

  assert.deepEqual(findings(stack(['    environment:', '      - VAULT_HOST=vault', '      - VAULT_PORT=7381'])), ['port-mismatch@stack/compose.yaml:6']);
  assert.deepEqual(findings(stack(['    environment:', '      VAULT_ADDR: vault:7381'])), ['port-mismatch@stack/compose.yaml:5']);
  // By its container_name, hostname or a network alias too, whatever the case.
  assert.deepEqual(findings(stack(['    environment:', '      VAULT_URL: http://Secrets:7381'], ['    container_name: secrets', '    ports: ["7381:7300"]'])), ['port-mismatch@stack/compose.yaml:5']);
});

test('dials of the container port, of a port the service says it listens on inside, or of other hosts are quiet', () => {
  assert.deepEqual(findings(stack(['    environment:', '      VAULT_URL: http://vault:7300'])), []);
  // Published on the same number inside and out.
  assert.deepEqual(findings(stack(['    environment:', '      VAULT_URL: http://vault:7381'], ['    ports: ["7381:7381"]'])), []);
  // The service listens there too: a second mapping, an expose, its own port variable, its command.
  for (const vault of [['    ports: ["7381:7300", "7382:7381"]'], ['    ports: ["7381:7300"]', '    expose: ["7381"]'], ['    ports: ["7381:7300"]', '    environment: [VAULT_PORT=7381]'], ['    ports: ["7381:7300"]', '    command: vault --listen 7381']]) {
    assert.deepEqual(findings(stack(['    environment:', '      VAULT_URL: http://vault:7381'], vault)), [], vault.join('\n'));
  }
  // A variable named for its port or listener, whatever the image calls it.
  for (const variable of ['PGPORT: "7381"', 'VAULT_PORT_NUMBER: 7381', 'VAULT_LISTENERS: tcp://0.0.0.0:7381']) {
    assert.deepEqual(findings(stack(['    environment:', '      VAULT_URL: http://vault:7381'], ['    ports: ["7381:7300"]', '    environment:', `      ${variable}`])), [], variable);
  }
  // localhost, the host machine, a service of another file: not the compose network's.
  assert.deepEqual(findings(stack(['    environment:', '      VAULT_URL: http://localhost:7381', '      OTHER_URL: http://host.docker.internal:7381', '      THIRD_URL: http://archive:7381'])), []);
  // A port of another host under a `*_HOST` of another prefix is no pair.
  assert.deepEqual(findings(stack(['    environment:', '      VAULT_HOST: vault', '      CACHE_PORT: 7381'])), []);
});

test('off the compose network, behind extra_hosts, or in a document\'s snippet, nothing is judged', () => {
  const dial = ['    environment:', '      VAULT_URL: http://vault:7381'];
  assert.deepEqual(findings(stack(['    network_mode: host', ...dial])), []);
  assert.deepEqual(findings(stack(dial, ['    network_mode: bridge', '    ports: ["7381:7300"]'])), []);
  assert.deepEqual(findings(stack(['    extra_hosts: ["vault:host-gateway"]', ...dial])), []);
  // A link gives the client its own name for a service: `vault` here is archive, which listens on 7381.
  const linked = [...stack(['    links: ["archive:vault"]', ...dial]).split('\n'), '  archive:', '    image: archive', '    expose: ["7381"]'].join('\n');
  assert.deepEqual(findings(linked), []);
  // A service that names itself describes how others reach it (a broker's advertised listener).
  assert.deepEqual(findings(stack([], ['    ports: ["7381:7300"]', '    environment:', '      ADVERTISED_URL: http://vault:7381'])), []);
  const doc = ['# Setup', '', '```yaml', stack(dial), '```'].join('\n');
  assert.deepEqual(checkFiles({ 'stack/README.md': doc }).findings.map(brief), []);
});

test('an env file\'s client setting that dials a compose service by name at its published host port is reported at the setting', () => {
  const compose = ['services:', '  ledger:', '    image: ledger', '    env_file: .env', '  vault:', '    image: vault', '    ports: ["7381:7300"]'].join('\n');
  const findings = (env: string) => checkFiles({ 'stack/compose.yaml': compose, 'stack/.env': env }).findings;
  const pair = findings('VAULT_HOST=vault\nVAULT_PORT=7381\n');
  assert.deepEqual(pair.map(brief), ['port-mismatch@stack/.env:2']);
  assert.equal(pair[0].message, 'VAULT_PORT dials vault:7381 on the compose network, where vault listens on 7300: 7381 is the port it publishes on the host (stack/compose.yaml:7)');
  assert.deepEqual(findings('VAULT_URL=http://vault:7381/v1\n').map(brief), ['port-mismatch@stack/.env:1']);
  // The container port, the host port from the host, or a host the file does not name: quiet.
  assert.deepEqual(findings('VAULT_HOST=vault\nVAULT_PORT=7300\n').map(brief), []);
  assert.deepEqual(findings('VAULT_HOST=localhost\nVAULT_PORT=7381\n').map(brief), []);
  assert.deepEqual(findings('VAULT_PORT=7381\n').map(brief), []);
  // A variable compose publishes the port with is the host port: that is what it is for.
  const interpolating = compose.replace('"7381:7300"', '"${VAULT_PORT}:7300"');
  assert.deepEqual(checkFiles({ 'stack/compose.yaml': interpolating, 'stack/.env': 'VAULT_HOST=vault\nVAULT_PORT=7381\n' }).findings.map(brief), []);
});

test('a dial of a well-known server\'s image on a port it does not listen on is reported, unless the service says it listens there', () => {
  const server = (db: string[], url = 'postgres://u:p@db:5433/app') => ['services:', '  ledger:', '    image: ledger', '    environment:', `      DATABASE_URL: ${url}`, '  db:', ...db].join('\n');
  assert.deepEqual(findings(server(['    image: postgres:16'])), ['port-mismatch@stack/compose.yaml:5']);
  const problem = parseCompose(server(['    image: postgres:16']), { file: 'stack/compose.yaml' }).problems[0];
  assert.equal(problem.message, 'ledger dials db:5433 on the compose network, where db runs postgres:16, which listens on 5432');
  assert.deepEqual(problem.related?.map((r) => r.message), ['db: image postgres:16 (port 5432)']);
  // The default port, a port the command or a listener variable sets, another container port of its own: quiet.
  assert.deepEqual(findings(server(['    image: postgres:16'], 'postgres://u:p@db:5432/app')), []);
  assert.deepEqual(findings(server(['    image: postgres:16', '    command: postgres -p 5433'])), []);
  assert.deepEqual(findings(server(['    image: postgres:16', '    environment:', '      PGPORT: 5433'])), []);
  assert.deepEqual(findings(server(['    image: postgres:16', '    expose: ["5433"]'])), []);
  // An image that is no well-known server says nothing of its port.
  assert.deepEqual(findings(server(['    image: example/db:1'])), []);
});
