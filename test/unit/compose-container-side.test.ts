// A compose service that publishes nothing: its own PORT variable or one `expose` entry is its
// container port, a claim compared with the documents and never a host port. A service that builds
// its image: the Dockerfile it builds, and the container port it leaves to the image.
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

test('a container port published from a host port nothing here sets is claimed beside the ports the service does publish', () => {
  const service = (ports: string[]) => ['services:', '  sync:', '    image: s', '    ports:', ...ports.map((p) => `      - "${p}"`)].join('\n');
  assert.deepEqual(claims(service(['${SYNC_PORT}:7384', '7400:7400', '7401:7401/udp'])), ['sync=7400', 'sync=7401', 'sync=7384?']);
  // With no known host port, a document's port for it may be the variable's value: no claim.
  assert.deepEqual(claims(service(['${SYNC_PORT}:7384'])), []);
  // A range, a variable container port or UDP claims nothing.
  assert.deepEqual(claims(service(['7400:7400', '${A}:7384-7385', '${B}:${C}', '${D}:7386/udp'])), ['sync=7400']);
  const doc = (port: number) => ['| Service | Port |', '|---|---|', `| sync | ${port} |`].join('\n');
  const compose = service(['${SYNC_PORT}:7384', '7400:7400']);
  assert.deepEqual(checkFiles({ 'sync/compose.yaml': compose, 'sync/README.md': doc(7384) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'sync/compose.yaml': compose, 'sync/README.md': doc(7399) }).findings.map(brief), ['port-mismatch@sync/README.md:3']);
});

test('compared with the documents, never clashing on the host', () => {
  const compose = ['services:', '  ledger:', '    image: l', '    environment:', '      PORT: 7100', '  atlas:', '    image: a', '    ports: ["7100:80"]'].join('\n');
  const doc = (port: number) => ['| Service | Port |', '|---|---|', `| ledger | ${port} |`].join('\n');
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'docs/PORTS.md': doc(7100) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'docs/PORTS.md': doc(7200) }).findings.map(brief), ['port-mismatch@docker-compose.yml:5']);
  // With no document at all it stays quiet.
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose }).findings.map(brief), []);
});

test('compose records the Dockerfile, target and build args a service builds, and where its container port is written', () => {
  const compose = [
    'services:',
    '  orders:',
    '    build: { context: ./orders, dockerfile: deploy/orders.Dockerfile, target: Release, args: [PORT=1] }',
    '    ports: ["8080:3000"]',
    '  inventory:',
    '    build: ./inventory',
    '    command: serve --port 3000',
    '    ports: ["8081:3000"]',
    '  billing:',
    '    build: ./billing',
    '    environment: [PORT=3000]',
    '    ports: ["8082:3000"]',
  ].join('\n');
  const facts = parseCompose(compose, { file: 'stack/docker-compose.yml' });
  assert.deepEqual(facts.compose?.images, [
    { dockerfile: 'stack/orders/deploy/orders.Dockerfile', target: 'release', args: ['PORT'], service: 'orders' },
    { dockerfile: 'stack/inventory/Dockerfile', target: undefined, args: [], service: 'inventory' },
    { dockerfile: 'stack/billing/Dockerfile', target: undefined, args: [], service: 'billing' },
  ]);
  const written = facts.allocations.map((a) => a.containerLoc && compose.slice(a.containerLoc.span.startOffset, a.containerLoc.span.endOffset));
  // Compose runs its own command, or sets the port itself: the image does not say which port is used.
  assert.deepEqual(written, ['3000', undefined, undefined]);
});

test('a published service whose environment sets the port its process listens on, where compose publishes another container port, is a mismatch at the variable', () => {
  const service = (lines: string[]) => ['services:', '  ledger:', '    image: l', ...lines].join('\n');
  const findings = (yaml: string) => checkFiles({ 'compose.yaml': yaml }).findings.map(brief);
  const wrong = service(['    ports: ["8080:8080"]', '    environment:', '      SERVER_PORT: 8081']);
  assert.deepEqual(findings(wrong), ['port-mismatch@compose.yaml:6']);
  assert.equal(parseCompose(wrong, { file: 'compose.yaml' }).problems[0].message, 'ledger listens on 8081 in its container (SERVER_PORT), but compose publishes container port 8080 (line 4)');
  assert.deepEqual(findings(service(['    ports: ["80:8081"]', '    environment:', '      - PORT=8081'])), []);
  // Another port it exposes, a command of its own, a client's API_PORT, or two values: not sure, quiet.
  assert.deepEqual(findings(service(['    ports: ["8080:8080"]', '    expose: ["8081"]', '    environment:', '      PORT: 8081'])), []);
  assert.deepEqual(findings(service(['    ports: ["8080:8080"]', '    command: serve', '    environment:', '      PORT: 8081'])), []);
  assert.deepEqual(findings(service(['    ports: ["8080:8080"]', '    environment:', '      API_PORT: 8081'])), []);
  assert.deepEqual(findings(service(['    ports: ["8080:8080"]', '    environment:', '      PORT: 8081', '      HTTP_PORT: 8082'])), []);
});

test('a published mapping whose container port an environment variable names by role (`GRPC_PORT: 9097`) is that role\'s port, compared with the documents\' port of that role', () => {
  const compose = (environment: string[], ports: string[]) => ['services:', '  ledger:', '    image: l', '    environment:', ...environment.map((e) => `      ${e}`), '    ports:', ...ports.map((p) => `      - "${p}"`)].join('\n');
  const roles = (yaml: string) => parseCompose(yaml, { file: 'docker-compose.yml' }).allocations.map((a) => `${a.port}:${a.role ?? 'main'}`);
  const both = compose(['GRPC_PORT: 9097', 'HTTP_PORT: 8088', 'METRICS_PORT: 9198'], ['9097:9097', '8088:8088', '19198:9198']);
  assert.deepEqual(roles(both), ['9097:grpc', '8088:main', '19198:metrics']);
  // A service that publishes one port keeps it main; one whose every port has a role keeps the roles;
  // a client's setting for another service names no role of its own.
  assert.deepEqual(roles(compose(['GRPC_PORT: 9097'], ['9097:9097'])), ['9097:main']);
  assert.deepEqual(roles(compose(['GRPC_PORT: 9097', 'ADMIN_PORT: 9901'], ['9097:9097', '9901:9901'])), ['9097:grpc', '9901:admin']);
  assert.deepEqual(roles(compose(['REDIS_PORT: 8088', 'GRPC_PORT: 9000'], ['9097:9097', '8088:8088'])), ['9097:main', '8088:main']);
  const doc = (grpc: number, http: number) => ['# Ports', '', '| Service | gRPC | HTTP |', '|---|---|---|', `| ledger | ${grpc} | ${http} |`].join('\n');
  const findings = (text: string) => checkFiles({ 'docker-compose.yml': both, 'README.md': text }).findings.map((f) => `${brief(f)} ${f.message}`);
  assert.deepEqual(findings(doc(9097, 8088)), []);
  assert.deepEqual(findings(doc(9092, 8088)), ['port-mismatch@README.md:5 ledger grpc is 9092 here, but 9097 in docker-compose.yml:9']);
  // A document's one port of the service agrees with whichever role it is.
  assert.deepEqual(findings(['# Ports', '', '| Service | Port |', '|---|---|', '| ledger | 9097 |'].join('\n')), []);
  assert.deepEqual(findings(['# Ports', '', '| Service | Port |', '|---|---|', '| ledger | 8085 / 9097 |'].join('\n')).map((f) => f.split(' ')[0]), ['port-mismatch@README.md:5']);
});
