import { test } from 'node:test';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import { parseEnv } from '../../src/core/parsers/env';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';

const table = (rows: Array<[string, number | string]>, header = '| Service | Port |') =>
  [header, '|---|---|', ...rows.map(([s, p]) => `| ${s} | ${p} |`)].join('\n');

const atWarningOrError = (c: ReturnType<typeof checkFiles>) => c.findings.filter((f) => f.severity !== 'info');

test('port-conflict: two services on one port in one scope, reported once with the holder related', () => {
  const c = checkFiles({ 'docs/ports.md': table([['grafana', 3000], ['web', 3001], ['mission-control', 3000]]) });
  assert.deepEqual(c.findings.map(brief), ['port-conflict@docs/ports.md:5']);
  const f = c.findings[0];
  assert.equal(f.severity, 'error');
  assert.equal(f.port, 3000);
  assert.equal(c.textAt(f.loc), '3000');
  assert.deepEqual(f.related.map((r) => r.loc.span.startLine), [3]);
});

test('port-conflict does not fire across environments, host IPs, protocols, or for one service', () => {
  const c = checkFiles({
    'docs/envs.md': ['## Development', table([['web', 8000]]), '## Production', table([['proxy', 8000]])].join('\n'),
    'docker-compose.yml': [
      'services:',
      '  a: { ports: ["127.0.0.1:9000:9000"] }',
      '  b: { ports: ["127.0.0.2:9000:9000"] }',
      '  dns: { ports: ["5353:53/udp"] }',
      '  mdns: { ports: ["5353:5353/tcp"] }',
      '  api: { ports: ["7000:7000"] }',
    ].join('\n'),
    'docs/api.md': table([['api', 7000]]),
  });
  assert.deepEqual(c.findings.map(brief), []);
});

test('claims never conflict: DATABASE_URL is not a service called "database" but a claim on the PostgreSQL its scheme dials', () => {
  const c = checkFiles({
    'docs/ports.md': table([['postgres', 5432]]),
    'api/.env': 'DATABASE_URL=postgresql://u:p@localhost:5432/app\nPORT=8080\n',
  });
  assert.deepEqual(c.findings.map(brief), []);
  assert.ok(c.allocations.some((a) => a.serviceKey === 'postgres' && a.claim));
});

test('port-mismatch: the outvoted place is reported, naming both ports, with the agreeing places related', () => {
  const doc = [
    '## Ports',
    table([['Settlement Engine', 8087], ['Reporting Engine', 8088]]),
    '',
    '```mermaid',
    'graph TD',
    '  R[Reporting Engine :8087]',
    '```',
    '',
    '- Reporting Engine: 8088',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@docs/ports.md:9']);
  const f = c.findings[0];
  assert.match(f.message, /Reporting Engine is 8087 here, but 8088/);
  assert.equal(c.textAt(f.loc), '8087');
  assert.deepEqual(f.related.map((r) => r.loc.span.startLine).sort((a, b) => a - b), [5, 12]);
});

test('port-mismatch: the registry wins over any number of documents', () => {
  const c = checkFiles({
    'ports.yaml': 'version: 1\nservices:\n  billing:\n    ports: 8001\n',
    'docs/a.md': table([['billing', 8002]]),
    'docs/b.md': table([['billing', 8002]]),
  });
  assert.deepEqual(c.findings.map(brief).sort(), ['port-mismatch@docs/a.md:3', 'port-mismatch@docs/b.md:3']);
});

test('port-mismatch: a summary is reported against the port document it summarizes, and the clash it causes is folded in', () => {
  const c = checkFiles({
    'docs/PORTS.md': table([['data-backup', 8017], ['compliance-monitor', 8040]]),
    'docs/summary.md': ['1. **compliance-monitor (8017)**: monitoring', '', '```yaml', 'compliance-monitor:', '  ports: ["8017:8017"]', '```'].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief).sort(), ['port-mismatch@docs/summary.md:1', 'port-mismatch@docs/summary.md:5']);
});

test('port-mismatch: documents of one rank that disagree with no majority are reported on neither side', () => {
  const c = checkFiles({
    'docs/master.md': table([['data-backup', 8017], ['compliance-monitor', 8040]]),
    'docs/summary.md': ['1. **compliance-monitor (8017)**: monitoring'].join('\n'),
  });
  assert.deepEqual(c.findings.filter((f) => f.rule === 'port-mismatch').map(brief), []);
});

test('port-mismatch: a range written for a service holds the ports written for it elsewhere', () => {
  const compose = ['services:', '  ledger:', '    image: ledger', '    ports:', '      - "7500:7500"', '      - "7501:7501"'].join('\n');
  const inRange = checkFiles({ 'README.md': ['## Ports', '', table([['Ledger', '7500-7502']])].join('\n'), 'docker-compose.yml': compose });
  assert.deepEqual(inRange.findings.filter((f) => f.rule === 'port-mismatch').map(brief), []);
  const outside = checkFiles({ 'README.md': ['## Ports', '', table([['Ledger', '7600-7602']])].join('\n'), 'docker-compose.yml': compose });
  assert.deepEqual(outside.findings.filter((f) => f.rule === 'port-mismatch').map(brief), ['port-mismatch@README.md:5']);
});

test('a metrics URL on another port is a second role, not a mismatch', () => {
  const c = checkFiles({
    'docs/ports.md': [table([['Notification Engine', 8089]], '| Service | HTTP Port |'), '', '```bash', 'Notification Engine: http://localhost:9095/metrics', '```'].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), []);
});

test('an abbreviation of a name is that name: "KVS Admin UI" on Key Value Store\'s port is no conflict', () => {
  const c = checkFiles({ 'docs/ports.md': table([['Key Value Store', 81], ['KVS Admin UI', 81], ['Kiosk View', 81]]) });
  assert.deepEqual(c.findings.map((f) => `${f.rule}:${f.service}`), ['port-conflict:Kiosk View']);
});

test('a server and the word for its kind are one name: "PostgreSQL (Ledger)" is `ledger-db`, "Vault DB" is `vault-postgres`; two databases named apart still clash', () => {
  const page = (a: string, b: string) => ['- ' + a + ': 5435', '- ' + b + ': 5435', ''].join('\n');
  const about = (a: string, b: string) => checkFiles({ 'docs/PORTS.md': page(a, b) }).findings.map(brief);
  assert.deepEqual(about('PostgreSQL (Ledger)', 'ledger-db'), []);
  assert.deepEqual(about('Vault DB', 'vault-postgres'), []);
  assert.deepEqual(about('Orders DB', 'Billing Postgres'), ['port-conflict@docs/PORTS.md:2']);
  assert.deepEqual(about('Ledger DB', 'ledger-redis'), ['port-conflict@docs/PORTS.md:2']);
});

test('NATS and NATS Monitoring are different services', () => {
  const c = checkFiles({ 'docs/a.md': table([['NATS', 4222], ['NATS Monitoring', 8222]]), 'docs/b.md': table([['NATS', 4222]]) });
  assert.deepEqual(c.findings.map(brief), []);
});

test('the same PostgreSQL in two project sections is two services', () => {
  const c = checkFiles({
    'docs/projects.md': ['## ALPHA (16000-16999)', '### Data (16400-16499)', table([['PostgreSQL', 16432]]), '## BETA (26000-26999)', '### Data (26400-26499)', table([['PostgreSQL', 26432]])].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), []);
});

test('a history line is not an allocation', () => {
  const c = checkFiles({ 'docs/ports.md': [table([['ml-ensemble', 8021], ['real-time-processor', 8014]]), '', '## History', '1. **ml-ensemble vs business-api**: ml-ensemble moved from 8014 → 8021'].join('\n') });
  assert.deepEqual(c.findings.map(brief), []);
  assert.equal(c.allocations.length, 2);
});

test('out-of-range fires for a port outside its heading range and not inside it', () => {
  const c = checkFiles({ 'docs/ports.md': ['## Infrastructure (26400-26499)', table([['PostgreSQL', 26432], ['Redis', 26500]])].join('\n') });
  assert.deepEqual(c.findings.map(brief), ['out-of-range@docs/ports.md:5']);
  assert.match(c.findings[0].message, /Redis is on 26500, outside Infrastructure \(26400-26499\)/);
  assert.equal(c.findings[0].related[0].loc.span.startLine, 1);
});

test('range-overlap: siblings overlap; the same range twice and a range nested in its parent do not', () => {
  const c = checkFiles({
    'docs/ranges.md': [
      '| Port Range | Project |', '|---|---|', '| 16000-16999 | NEURECTOMY |',
      '## NEURECTOMY (16000-16999)',
      '### Application Tier (16000-16099)',
      '### API Tier (16080-16099)',
      '### Databases (16400-16499)',
    ].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), ['range-overlap@docs/ranges.md:6']);
  assert.deepEqual(c.findings[0].related.map((r) => r.loc.span.startLine), [5]);
});

test('range-overlap: a range that holds two or more of its siblings whole is their umbrella, not an overlap', () => {
  const c = checkFiles({
    'docs/ranges.md': [
      '## Rules', '', '### All services (50000-59999)', '',
      '## Agents (50000-50999)', '', '## Rooms (51000-51999)', '', '## Tools (51500-52499)',
    ].join('\n'),
  });
  // Tools still overlaps Rooms; neither overlaps the umbrella they sit in.
  assert.deepEqual(c.findings.map(brief), ['range-overlap@docs/ranges.md:9']);
  assert.deepEqual(c.findings[0].related.map((r) => r.loc.span.startLine), [7]);
});

test('range-overlap: a range inside a sibling it names as its block is a part of that block; inside another, an overlap', () => {
  const doc = (name: string) => ['# Ports (5200-5299)', '', '## Products', '', '| Product | Port Range |', '|---|---|', '| Agent | 5200-5209 |', '| Relay | 5210-5219 |', '', '## Later', '', `- **5203-5209**: ${name}`].join('\n');
  assert.deepEqual(checkFiles({ 'docs/ports.md': doc('Reserved for Agent sub-services') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/ports.md': doc('Reserved for Relay sub-services') }).findings.map(brief), ['range-overlap@docs/ports.md:12']);
});

test('range-overlap: two open-ended ranges each say where a band starts, and do not overlap each other', () => {
  const c = checkFiles({ 'docs/ranges.md': ['## Databases (27000+)', '', '## Caches (26000+)', '', '## Queues (26500-26999)'].join('\n') });
  // The bounded range inside an open-ended one still overlaps it.
  assert.deepEqual(c.findings.map(brief), ['range-overlap@docs/ranges.md:5']);
  assert.deepEqual(c.findings[0].related.map((r) => r.loc.span.startLine), [3]);
});

test('reserved-port fires for a forbidden port; a port in a range kept free is only info', () => {
  const c = checkFiles({
    'ports.yaml': 'version: 1\nreserved:\n  - port: 8080\n    reason: Common HTTP alt\n  - ports: 8070-8079\n    reason: later\n    kept_free: true\n',
    'docker-compose.yml': 'services:\n  web:\n    ports: ["8080:80"]\n  influx:\n    ports: ["8075:8086"]\n',
  });
  const ranged = c.findings.filter((f) => f.rule !== 'unregistered-port');
  assert.deepEqual(ranged.map((f) => `${brief(f)} ${f.severity}`), ['reserved-port@docker-compose.yml:3 warning', 'kept-free-port@docker-compose.yml:5 info']);
  assert.deepEqual(atWarningOrError(c).map((f) => f.port), [8080]);
});

test('invalid-port and registry-schema are errors at the exact node', () => {
  const c = checkFiles({ 'ports.yaml': 'version: 1\nservices:\n  api:\n    ports: 99999\n    owner: me\n' });
  assert.deepEqual(c.findings.map((f) => `${f.rule}:${c.textAt(f.loc)}`).sort(), ['invalid-port:99999', 'registry-schema:owner']);
  assert.ok(c.findings.every((f) => f.severity === 'error'));
});

test('compose interpolation from the sibling .env is one fact, not a conflict between "web" and "frontend"', () => {
  const c = checkFiles({ 'app/.env': 'WEB_PORT=8080\n', 'app/docker-compose.yml': 'services:\n  frontend:\n    ports: ["${WEB_PORT:-3000}:80"]\n' });
  assert.deepEqual(c.findings.map(brief), []);
  assert.ok(c.allocations.some((a) => a.service === 'frontend' && a.port === 8080 && a.fromVariable === 'WEB_PORT'));
});

test('variables that compose files beside them publish as one service\'s port are that service\'s, whatever they are called; a UDP or TCP word gives the protocol', () => {
  const stack = (variable: string, image: string) => ['services:', '  beacon:', `    image: ${image}`, '    ports:', `      - \${${variable}}:\${${variable}}`].join('\n');
  // Two alternative setups of the beacon, each with its own variable for the port.
  const alternatives = { '.env': 'ALPHA_P2P_PORT=9000\nBETA_P2P_PORT=9000\n', 'alpha.yml': stack('ALPHA_P2P_PORT', 'alpha'), 'beta.yml': stack('BETA_P2P_PORT', 'beta') };
  assert.deepEqual(checkFiles(alternatives).findings.map(brief), []);
  // Two services of one stack on one port still clash.
  const two = {
    '.env': 'WEB_PORT=9000\nAPI_PORT=9000\n',
    'compose.yaml': ['services:', '  web:', '    image: w', '    ports: ["${WEB_PORT}:80"]', '  api:', '    image: a', '    ports: ["${API_PORT}:3000"]'].join('\n'),
  };
  assert.deepEqual(checkFiles(two).findings.map(brief).filter((f) => f.startsWith('port-conflict')).length > 0, true);
  // A clash with a service published through a variable is reported once, with that service, not with the variable's name.
  const through = {
    '.env': 'CALLS_PORT=7443\n',
    'compose.yaml': ['services:', '  proxy:', '    image: nginx', '    ports: ["7443:443"]', '  chat:', '    image: c', '    ports: ["${CALLS_PORT}:${CALLS_PORT}/tcp"]'].join('\n'),
  };
  const clashes = checkFiles(through).findings.filter((f) => f.rule === 'port-conflict');
  assert.deepEqual(clashes.map((f) => `${brief(f)} ${f.message}`), ['port-conflict@compose.yaml:7 Port 7443 is taken by both chat and proxy (compose.yaml:4)']);
  // A UDP port and a TCP port on one number are two sockets.
  const transports = parseEnv('BEACON_UDP_PORT=9000\nBEACON_TCP_PORT=9001\nCL_P2P_PORT=9000\n', { file: '.env' });
  assert.deepEqual(transports.allocations.map((a) => `${a.serviceKey}/${a.protocol}=${a.port}`), ['beacon-udp/udp=9000', 'beacon-tcp/tcp=9001', 'cl-p2p/tcp=9000']);
  assert.deepEqual(checkFiles({ '.env': 'BEACON_UDP_PORT=9000\nCL_P2P_PORT=9000\n' }).findings.map(brief), []);
});

test('suppression comments and rule settings silence or re-grade findings', () => {
  const doc = table([['grafana', 3000], ['mission-control', 3000]]);
  assert.equal(checkFiles({ 'd.md': doc }).findings.length, 1);
  assert.equal(checkFiles({ 'd.md': doc.replace('| mission-control', '<!-- portolan-ignore port-conflict -->\n| mission-control') }).findings.length, 0);
  assert.equal(checkFiles({ 'd.md': doc }, { 'port-conflict': 'off' }).findings.length, 0);
  assert.equal(checkFiles({ 'd.md': doc }, { 'port-conflict': 'warning' }).findings[0].severity, 'warning');
});

test('updating one file re-checks against the rest; a fixed mismatch disappears', () => {
  const files: Record<string, string> = { 'a.md': table([['billing', 8000]]), 'b.md': table([['billing', 8000]]), 'c.md': table([['billing', 8001]]) };
  const c = checkFiles(files);
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@c.md:3']);
  files['c.md'] = table([['billing', 8000]]);
  assert.deepEqual(c.model.update('c.md'), ['c.md']);
  assert.deepEqual(c.model.findings(), []);
});

test('examples and rejected alternatives allocate nothing', () => {
  const c = checkFiles({
    'docs/ports.md': [
      table([['backend', 8000], ['web', 3000]]),
      '## Alternative considered (rejected)',
      '```yaml', 'services:', '  backend:', '    ports: ["9000:8000"]', '```',
      '## Example service',
      table([['my-service', 3000]]),
      '## Setup',
      '```bash', '# Example: pick your own port', 'PORT=3000', 'SERVICE_NAME=demo', '```',
    ].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), []);
  assert.deepEqual(c.allocations.map((a) => a.service).sort(), ['backend', 'web']);
});

test('name drift is not a conflict; separate instances and separate services are', () => {
  const spellings = checkFiles({
    'docs/ports.md': table([['PostgreSQL', 5432], ['ClickHouse HTTP', 8123], ['Kafka External', 29092]]),
    'docker-compose.yml': 'services:\n  postgres: { ports: ["5432:5432"] }\n  clickhouse: { ports: ["8123:8123"] }\n  kafka: { ports: ["29092:29092", "9092:9092"] }\n',
  });
  assert.deepEqual(spellings.findings.map(brief), []);
  const drift = checkFiles({
    'docs/ports.md': table([['Backend API (FastAPI)', 8000]]),
    'svc/api/.env': 'SERVICE_NAME=backend\nPORT=8000\n',
  });
  assert.deepEqual(drift.findings.map(brief), []);
  // A name of generic words only is that word of another: "api (NestJS)" and "Backend API"; not two named APIs.
  const generic = checkFiles({ 'docs/ports.md': [table([['api (NestJS)', 4000], ['Orders API', 4100], ['Billing API', 4100]]), '', '## Why', '', '- **Backend API (4000)**: its own range'].join('\n') });
  assert.deepEqual(generic.findings.map(brief), ['port-conflict@docs/ports.md:5']);
  // Also where the other name glues the generic word to its own: a document's `API_PORT` beside `fastapi`.
  const glued = checkFiles({
    'docker-compose.yml': 'services:\n  fastapi:\n    environment:\n      API_PORT: ${API_PORT}\n    ports: ["18000:8000"]\n',
    'docs/ports.md': [table([['FastAPI', 18000], ['Grafana', 13000]]), '', '```bash', 'API_PORT=18000', 'GRAFANA_PORT=13000', '```'].join('\n'),
  });
  assert.deepEqual(glued.findings.map(brief), []);
  // Two ways into one service ("Flow UI", "Flow Webhooks") on its port are that service; two services' UIs are not.
  assert.deepEqual(checkFiles({ 'docs/ports.md': table([['Flow UI', 5678], ['Flow Webhooks', 5678]]) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/ports.md': table([['Orders UI', 5678], ['Billing UI', 5678]]) }).findings.map(brief), ['port-conflict@docs/ports.md:4']);
  // "Container" says how a service runs: `Ledger Container` in a diagram is the page's `Ledger daemon`.
  assert.deepEqual(checkFiles({ 'docs/ports.md': table([['Ledger Container', 4200], ['Ledger sync daemon', 4200]]) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/ports.md': table([['Ledger Container', 4200], ['Atlas Container', 4200]]) }).findings.map(brief), ['port-conflict@docs/ports.md:4']);
  const apart = checkFiles({ 'docs/ports.md': table([['api', 4000], ['rapid', 4000]]) });
  assert.deepEqual(apart.findings.map(brief), ['port-conflict@docs/ports.md:4']);
  const instances = checkFiles({ 'docs/ports.md': table([['Ollama (CPU)', 11434], ['Ollama (GPU)', 11434]]) });
  assert.deepEqual(instances.findings.map(brief), ['port-conflict@docs/ports.md:4']);
  const services = checkFiles({ 'docs/ports.md': table([['Redis', 6379], ['Valkey Cache', 6379]]) });
  assert.deepEqual(services.findings.map(brief), ['port-conflict@docs/ports.md:4']);
  // A page may call a server by what it is for: "Database" beside PostgreSQL, "Message broker" beside RabbitMQ.
  const kinds = checkFiles({
    'docs/ports.md': [table([['PostgreSQL', 7801], ['Redis', 7802], ['RabbitMQ', 7803], ['Ledger', 7804]]), '', '## Access', '', '- **Database**: localhost:7801', '- **Cache**: localhost:7802', '- **Message broker**: localhost:7803', '- **数据库**: localhost:7801'].join('\n'),
  });
  assert.deepEqual(kinds.findings.map(brief), []);
  // But a kind is not any server: "Database" beside a service of another kind, or two databases, still clash.
  const others = checkFiles({ 'docs/ports.md': [table([['Ledger', 7804], ['MySQL', 7805], ['PostgreSQL', 7805]]), '', '## Access', '', '- **Database**: localhost:7804'].join('\n') });
  assert.deepEqual(others.findings.map(brief).sort(), ['port-conflict@docs/ports.md:5', 'port-conflict@docs/ports.md:9']);
});

test('a compose file with YAML errors is skipped with a note, not a throw', () => {
  const c = checkFiles({ 'docker-compose.yml': 'services:\n  web:\n    ports: ["8000:80"]\n    environment:\n      A: 1\n      - b\n' });
  assert.deepEqual(c.allocations, []);
  assert.match(c.model.facts('docker-compose.yml')!.notes[0], /^YAML error, document skipped/);
});

test('environment columns and "Dev Port" / "Prod Port" headers keep environments apart', () => {
  const c = checkFiles({
    'docs/a.md': ['| Service | Dev Port | Prod Port |', '|---|---|---|', '| web | 3000 | 80 |', '| proxy | 8080 | 3000 |'].join('\n'),
    'docs/b.md': ['| Service | Port | Environment |', '|---|---|---|', '| api | 9000 | production |', '| api | 9001 | staging |'].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), []);
  assert.deepEqual(c.allocations.filter((a) => a.service === 'web').map((a) => [a.port, a.environment]), [[3000, 'development'], [80, 'production']]);
});

test('a document that gives a service a port for an environment (or its env file) and another for none says itself which the environment uses', () => {
  const compose = (file: string, port: number) => ({ [file]: ['services:', '  till:', '    image: t', `    ports: ["${port}:${port}"]`].join('\n') });
  const page = (heading: string, port: number) => [`### ${heading}`, `- **Till**: ${port}`, '', '### Default', '- **Till**: 9128', ''].join('\n');
  assert.deepEqual(checkFiles({ ...compose('docker-compose.local.yml', 7357), 'PORTS.md': page('Local', 7357) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ ...compose('docker-compose.local.yml', 7357), 'PORTS.md': page('Docker (.env.local)', 7357) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ ...compose('docker-compose.prod.yml', 3001), 'PORTS.md': page('Production (.env.production)', 3001) }).findings.map(brief), []);
  // Without a section for that environment, the page's port is compared with it.
  const plain = ['- **Till**: 9128', ''].join('\n');
  assert.deepEqual(checkFiles({ ...compose('docker-compose.local.yml', 7357), 'PORTS.md': plain }).findings.map(brief), ['port-mismatch@PORTS.md:1']);
  // The environment's own places are still compared among themselves.
  assert.deepEqual(checkFiles({ ...compose('docker-compose.local.yml', 7358), 'PORTS.md': page('Local', 7357) }).findings.map(brief), ['port-mismatch@PORTS.md:2']);
  // And with everything else written for no environment: what compose publishes from the .env too.
  const interpolated = { 'compose.yaml': ['services:', '  till:', '    image: t', '    ports: ["${TILL_PORT}:9000", "50051:50051"]'].join('\n'), '.env': 'TILL_PORT=7357\n' };
  const exports = (port: number) => [table([['till', 7357]]), '', '## Local development', '', '```bash', `export TILL_PORT=${port}`, '```', ''].join('\n');
  assert.deepEqual(checkFiles({ ...interpolated, 'docs/PORTS.md': exports(7357) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ ...interpolated, 'docs/PORTS.md': exports(7358) }).findings.map(brief), ['port-mismatch@docs/PORTS.md:8']);
});

test('an env file of a named environment overrides the base .env: its own ports are no mismatch; the defaults and the production places are still checked each among themselves', () => {
  const compose = ['services:', '  frontend:', '    image: f', '    ports:', '      - "${FRONTEND_PORT}:3000"'].join('\n');
  const files = { 'compose.yaml': compose, '.env': 'FRONTEND_PORT=3000\n', 'README.md': table([['frontend', 3000]]) };
  assert.deepEqual(checkFiles({ ...files, '.env.production': 'FRONTEND_PORT=8088\n' }).findings.map(brief), []);
  // A page with no environment that disagrees with the base .env is still a mismatch.
  assert.deepEqual(checkFiles({ ...files, 'README.md': table([['frontend', 3010]]), '.env.production': 'FRONTEND_PORT=8088\n' }).findings.map(brief), ['port-mismatch@README.md:3']);
  // So is a production page that disagrees with the production env file (and a third production place).
  const production = ['## Production', '', table([['frontend', 8090]])].join('\n');
  const deploy = ['## Production', '', table([['frontend', 8088]])].join('\n');
  assert.deepEqual(checkFiles({ ...files, '.env.production': 'FRONTEND_PORT=8088\n', 'docs/prod.md': production, 'docs/deploy.md': deploy }).findings.map(brief), ['port-mismatch@docs/prod.md:5']);
  // A port compose publishes as a number holds in production too: what production says otherwise is a mismatch.
  const literal = compose.replace('"${FRONTEND_PORT}:3000"', '"3000:3000"');
  assert.deepEqual(checkFiles({ 'compose.yaml': literal, 'README.md': table([['frontend', 3000]]), '.env.production': 'FRONTEND_PORT=8088\n', 'docs/deploy.md': deploy }).findings.map(brief).sort(), [
    'port-mismatch@.env.production:1', 'port-mismatch@docs/deploy.md:5',
  ]);
});

test('a client .env that dials a service on this machine is compared with that service\'s own .env in another folder of the repository', () => {
  const files = (url: string) => ({ 'services/till/.env': 'PORT=3002\n', 'services/ledger/.env': `PORT=3005\nTILL_SERVICE_URL=${url}\n` });
  assert.deepEqual(checkFiles(files('http://localhost:3001')).findings.map(brief), ['port-mismatch@services/ledger/.env:2']);
  assert.deepEqual(checkFiles(files('http://localhost:3002')).findings.map(brief), []);
  // By name on a network, or a copy under examples/, it dials some other till.
  assert.deepEqual(checkFiles(files('http://till:3001')).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'services/till/.env': 'PORT=3002\n', 'examples/ledger/.env': 'TILL_SERVICE_URL=http://localhost:3001\n' }).findings.map(brief), []);
});

test('a service .env PORT that compose publishes from inside the container is its container port: no mismatch, no conflict', () => {
  const compose = ['services:', '  api:', '    build: ./services/api', '    ports: ["4000:3000"]', '  web:', '    build: ./services/web', '    ports: ["4001:3000"]'].join('\n');
  const inside = checkFiles({ 'docker-compose.yml': compose, 'services/api/.env': 'PORT=3000\n', 'services/web/.env': 'PORT=3000\n' });
  assert.deepEqual(inside.findings.map(brief), []);
  // Another port in the .env is neither the published nor the container port: a mismatch, at the
  // .env (compose, what runs, outranks it).
  const other = checkFiles({ 'docker-compose.yml': compose, 'services/api/.env': 'PORT=3001\n', 'services/web/.env': 'PORT=3000\n' });
  assert.deepEqual(other.findings.map(brief).sort(), ['port-mismatch@services/api/.env:1']);
  // Without the compose file the two folders' .env files are two stacks that nothing runs together.
  const alone = checkFiles({ 'services/api/.env': 'PORT=3000\n', 'services/web/.env': 'PORT=3000\n' });
  assert.deepEqual(alone.findings.map(brief), []);
});

test('compose services in two files that build the same folder are one service; two services in one file clash, two projects do not', () => {
  const root = ['services:', '  api:', '    build: ./api', '    ports: ["8080:8080"]'].join('\n');
  const own = ['services:', '  app:', '    build: { context: . }', '    ports: ["8080:8080"]'].join('\n');
  assert.deepEqual(checkFiles({ 'docker-compose.yml': root, 'api/docker-compose.yml': own }).findings.map(brief), []);
  const elsewhere = ['services:', '  app:', '    build: ../web', '    ports: ["8080:8080"]'].join('\n');
  assert.deepEqual(checkFiles({ 'docker-compose.yml': root, 'api/docker-compose.yml': elsewhere }).findings.map(brief), []);
  const twice = [root, '  worker:', '    build: ./api', '    ports: ["8080:8080"]'].join('\n');
  assert.deepEqual(checkFiles({ 'docker-compose.yml': twice }).findings.map(brief), ['port-conflict@docker-compose.yml:7']);
  // Two services of one image in one file are two containers too; in two projects they are not compared.
  const image = (name: string) => [`  ${name}:`, '    image: acme/app:1.2', '    ports: ["8000:8000"]'];
  assert.deepEqual(checkFiles({ 'docker-compose.yml': ['services:', ...image('api'), ...image('worker')].join('\n') }).findings.map(brief), ['port-conflict@docker-compose.yml:7']);
  assert.deepEqual(checkFiles({ 'a/docker-compose.yml': ['services:', ...image('api')].join('\n'), 'b/docker-compose.yml': ['services:', ...image('worker')].join('\n') }).findings.map(brief), []);
  // A table row that names the image's other service is still that service written another way.
  assert.deepEqual(checkFiles({ 'docker-compose.yml': ['services:', ...image('api')].join('\n'), 'docs/PORTS.md': table([['app', 8000]]) }).findings.map(brief), []);
});

test('two services of one compose run whose names each have a word of their own clash, however alike; a name that only adds a word, or files of a folder run one at a time, do not', () => {
  const service = (name: string, port = 4100) => [`  ${name}:`, `    image: ${name}`, `    ports: ["${port}:${port}"]`];
  const one = (...names: string[]) => checkFiles({ 'compose.yaml': ['services:', ...names.flatMap((n) => service(n))].join('\n') }).findings.map(brief);
  assert.deepEqual(one('till-api', 'till-worker'), ['port-conflict@compose.yaml:7']);
  assert.deepEqual(one('vault', 'pg'), ['port-conflict@compose.yaml:7']);
  assert.deepEqual(one('db', 'postgres'), ['port-conflict@compose.yaml:7']);
  // `speaker-gpu` may be the variant a profile in another file picks instead of `speaker`.
  assert.deepEqual(one('speaker', 'speaker-gpu'), []);
  // A base file and its override are one run.
  const base = ['services:', ...service('till-api')].join('\n');
  assert.deepEqual(checkFiles({ 'compose.yaml': base, 'compose.override.yaml': ['services:', ...service('till-worker')].join('\n') }).findings.map(brief), ['port-conflict@compose.yaml:4']);
  // Two files of a folder not named for compose, each run with its own -f, are not started together for sure.
  const readme = ['```sh', 'docker compose -f stack/queue-a.yml up -d', '# or', 'docker compose -f stack/queue-b.yml up -d', '```'].join('\n');
  const alternatives = { 'stack/queue-a.yml': ['services:', ...service('ledger-zk', 9092)].join('\n'), 'stack/queue-b.yml': ['services:', ...service('ledger-api', 9092)].join('\n'), 'README.md': readme };
  assert.deepEqual(checkFiles(alternatives).findings.map(brief), []);
});

test('port-conflict relates every place of the holder in the deployment: its table row and registry entry too', () => {
  const c = checkFiles({
    'docker-compose.yml': ['services:', '  ledger:', '    image: l', '    ports: ["8081:8081"]', '  fraud:', '    image: f', '    ports: ["8081:9000"]'].join('\n'),
    'docs/PORTS.md': table([['Ledger', 8081]]),
    'elsewhere/README.md': table([['Ledger', 8081]]),
  });
  const conflict = c.findings.find((f) => f.rule === 'port-conflict')!;
  assert.deepEqual(conflict.related.map((r) => `${r.loc.file}:${r.loc.span.startLine}`), ['docker-compose.yml:4', 'docs/PORTS.md:3']);
});

test('a VM qualifier is not an abbreviation: "Lobby (apps VM, behind TLR)" clashes with Traffic Load Router', () => {
  const c = checkFiles({ 'docs/PORTS.md': ['### Big Server', table([['Traffic Load Router', 443], ['Lobby (apps VM, behind TLR)', 443]])].join('\n') });
  assert.deepEqual(c.findings.map((f) => `${f.rule}:${f.service}`), ['port-conflict:Lobby (apps VM, behind TLR)']);
  // Without the qualifier, the initials name the router: one service.
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': table([['Traffic Load Router', 443], ['TLR Admin UI', 443]]) }).findings, []);
});

test('words run together are one name: "Stream Job Manager" on stream-jobmanager\'s port is no conflict; API and Server stay apart', () => {
  const c = checkFiles({ 'docs/ports.md': table([['stream-jobmanager', 9081], ['Stream Job Manager', 9081], ['API', 9090], ['Server', 9090]]) });
  assert.deepEqual(c.findings.map((f) => `${f.rule}:${f.service}`), ['port-conflict:Server']);
});

test('a document\'s Container Port column: a place that writes the container side agrees with the row', () => {
  const doc = ['| Host Port | Service | Container Port |', '|---|---|---|', '| 9407 | rabbitmq-management | 15672 |', '| 36379 | redis | 6379 |'].join('\n');
  const files = {
    'docs/PORTS.md': doc,
    // A template's port for the service, and a compose service that only exposes its port.
    '.env.example': 'RABBITMQ_MANAGEMENT_PORT=15672\n',
    'docker-compose.yml': 'services:\n  redis:\n    image: redis\n    expose:\n      - "6379"\n',
  };
  assert.deepEqual(atWarningOrError(checkFiles(files)).map(brief), []);
  // Without the column, the same places say another port than the document.
  const hostOnly = ['| Host Port | Service |', '|---|---|', '| 9407 | rabbitmq-management |', '| 36379 | redis |'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ ...files, 'docs/PORTS.md': hostOnly })).map(brief), ['port-mismatch@.env.example:1', 'port-mismatch@docker-compose.yml:5']);
});

test('a product under its long and short names is one service: PostgreSQL in a document is compose\'s postgres', () => {
  const compose = 'services:\n  postgres:\n    image: postgres:16\n    ports: ["5432:5432"]\n  mongo:\n    image: mongo\n    ports: ["27017:27017"]\n';
  const c = checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': table([['PostgreSQL', 5433], ['MongoDB', 27017]]) });
  assert.deepEqual(atWarningOrError(c).map(brief), ['port-mismatch@PORTS.md:3']);
  // And no clash on the port they agree on.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': table([['PostgreSQL', 5432]]) })).map(brief), []);
});

test('a Host Port column says the host side: the container port behind another published port does not agree with it', () => {
  const compose = 'services:\n  grafana:\n    image: grafana/grafana\n    ports: ["3001:3000"]\n';
  const hostColumn = ['| Service | Host Port | Container Port |', '|---|---|---|', '| grafana | 3000 | 3000 |'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': hostColumn })).map(brief), ['port-mismatch@PORTS.md:3']);
  // In a README a plain Port column may mean the container side: 3000 is grafana's port inside its container.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': table([['grafana', 3000]]) })).map(brief), []);
  // A port document allocates the host's ports: there it is the host side, and 3000 is not what compose publishes.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': table([['grafana', 3000]]) })).map(brief), ['port-mismatch@PORTS.md:3']);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'docs/ports.md': ['## Monitoring (3000-3099)', '', table([['grafana', 3000]])].join('\n') })).map(brief), ['port-mismatch@docs/ports.md:5']);
  // Unless its only port column says the port inside.
  for (const header of ['| Service | Container Port |', '| Service | Internal Port |']) {
    assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': table([['grafana', 3000]], header) })).map(brief), [], header);
  }
  // "Inner Docker port" beside "Opened port" is the container side: two services on 80 inside clash on nothing.
  const inner = ['| Service | Opened port | Inner Docker port |', '|---|---|---|', '| proxy | 80 | 80 |', '| pgadmin | 5050 | 80 |'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'PORTS.md': inner })).map(brief), []);
});

test('a localhost URL is reached through a host port: the container port behind another published port does not agree with it', () => {
  const compose = 'services:\n  grafana:\n    image: grafana/grafana\n    ports: ["3001:3000"]\n';
  const row = ['| Service | Port | URL |', '|---|---|---|', '| grafana | 3000 | http://localhost:3000 |'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': row })).map(brief), ['port-mismatch@PORTS.md:3']);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': '- Grafana: http://localhost:3000\n' })).map(brief), ['port-mismatch@README.md:1']);
  // Another container reaches it by its service name, on the container side: that agrees.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': row.replace('localhost', 'grafana') })).map(brief), []);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': '- Grafana: http://localhost:3001\n' })).map(brief), []);
  // The same against a document's Host Port and Container Port columns, under a page's generic title.
  const ports = ['| Service | Host Port | Container Port |', '|---|---|---|', '| Ledger API | 7410 | 7400 |', '| Web | 7420 | 80 |'].join('\n');
  const start = (port: number) => ['# Getting started', '', `- Ledger API: http://localhost:${port}`, '- Web: http://localhost:7420'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/PORTS.md': ports, 'START.md': start(7400) })).map(brief), ['port-mismatch@START.md:3']);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/PORTS.md': ports, 'START.md': start(7410) })).map(brief), []);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/PORTS.md': ports, 'START.md': start(7410).replace('localhost:7420', 'localhost:7421') })).map(brief), ['port-mismatch@START.md:4']);
  // So is the machine's address on its network; an address on Docker's bridge is the container's own.
  const at = (address: string) => atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': `- Grafana: http://${address}:3000\n` })).map(brief);
  assert.deepEqual(at('10.0.0.5'), ['port-mismatch@README.md:1']);
  assert.deepEqual(at('192.168.1.20'), ['port-mismatch@README.md:1']);
  assert.deepEqual(at('172.18.0.5'), []);
});

test('a mapping a document writes says its host side: `"9000:9000"` in a README snippet does not agree with `9003:9000`; a variable host port does', () => {
  const compose = 'services:\n  store:\n    image: minio/minio\n    ports: ["9003:9000"]\n';
  const snippet = (port: string) => ['# Setup', '', '```yaml', 'services:', '  store:', '    ports:', `      - "${port}"`, '```'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': snippet('9000:9000') })).map(brief), ['port-mismatch@README.md:7']);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': snippet('${STORE_PORT:-9000}:9000') })).map(brief), []);
  assert.deepEqual(atWarningOrError(checkFiles({ 'docker-compose.yml': compose, 'README.md': snippet('9003:9000') })).map(brief), []);
});

test('a table cell or list value written as a mapping (`5436:5432`) gives the host port, with the container port behind it', () => {
  const doc = ['| Anwendung | Port |', '|---|---|', '| ledger | 7436:5432 |', '| search | 7070:80/tcp |', '| relay | 8000-8009:80 |'].join('\n');
  const parsed = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(parsed.allocations.map((a) => `${a.service} ${a.port}:${a.containerPort}`), ['ledger 7436:5432', 'search 7070:80']);
  const compose = 'services:\n  ledger:\n    image: postgres\n    ports: ["7437:5432"]\n  search:\n    image: s\n    ports: ["7070:80"]\n';
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': compose })).map(brief), ['port-mismatch@docs/ports.md:3']);
  assert.deepEqual(parseMarkdown('## Ports\n\n- ledger: 7436:5432\n', { file: 'docs/ports.md' }).allocations.map((a) => `${a.service} ${a.port}:${a.containerPort}`), ['ledger 7436:5432']);
});

test('a name with what it is built with or its version is the service: Backend (FastAPI), Redis 7; an instance number is not a version', () => {
  const c = checkFiles({
    'docs/ports.md': table([['Backend (FastAPI)', 8010], ['Web (React + Vite)', 3000], ['Redis 7', 6392], ['PostgreSQL (16)', 5442], ['Worker 2', 9002], ['API (v2)', 8002]]),
    'docker-compose.yml': [
      'services:',
      '  backend: { build: ., ports: ["8001:8000"] }',
      '  web: { build: ./web, ports: ["3000:80"] }',
      '  redis: { image: redis, ports: ["6393:6379"] }',
      '  postgres: { image: postgres, ports: ["5442:5432"] }',
      '  worker: { build: ./worker, ports: ["9003:9000"] }',
      '  api: { build: ./api, ports: ["8003:8000"] }',
      '',
    ].join('\n'),
  });
  assert.deepEqual(atWarningOrError(c).map(brief), ['port-mismatch@docs/ports.md:3', 'port-mismatch@docs/ports.md:5']);
  assert.match(atWarningOrError(c)[0].message, /^Backend is 8010 here, but 8001/);
});

test('a member row with what it is built with is its group\'s part: two projects\' Frontend (Next.js) rows are two services', () => {
  const doc = ['| Service | Port | Project |', '|---|---|---|', '| Frontend | 8080 | Shop |', '| Frontend (Next.js) | 8081 | Blog |', '', '## Shop', '', '- **Frontend**: 8080', '', '## Blog', '', '- **Frontend (Next.js)**: 8081'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc })).map(brief), []);
});

test('sections listing the same parts on other ports each are blocks of their own; the page\'s own block and a stale copy are not', () => {
  const compose = 'services:\n  frontend: { build: ./web, ports: ["3000:80"] }\n  backend: { build: ./api, ports: ["3001:8000"] }\n';
  const blocks = [
    '# Ports', '', '### Billing (This App)', '- **Frontend**: `3000`', '- **Backend**: `3001`', '',
    '### Twin Platform', '- **Frontend**: `3002`', '- **Backend**: `3003`', '',
    '### Asset Platform', '- **Frontend**: `3004`', '- **Backend**: `3005`',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': blocks, 'docker-compose.yml': compose });
  assert.deepEqual(atWarningOrError(c).map(brief), []);
  assert.ok(c.allocations.some((a) => a.service === 'Twin Platform Frontend' && a.port === 3002));
  // The same parts written twice with a port in common: one block, and the stale port a mismatch.
  const stale = ['# Ports', '', '## Services', '- **Frontend**: `3000`', '- **Backend**: `3001`', '', '## Quick start', '- **Frontend**: `3000`', '- **Backend**: `3005`'].join('\n');
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': stale, 'docker-compose.yml': compose })).map(brief), ['port-mismatch@docs/ports.md:9']);
});

test('a test stack neither clashes with nor outranks a document written for no environment', () => {
  const doc = table([['frontend', 3000], ['backend', 3001]]);
  const test = 'services:\n  backend: { build: ./api, ports: ["3000:3000"] }\n  frontend: { build: ./web, ports: ["3001:3000"] }\n';
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc, 'docker-compose.test.yml': test })).map(brief), []);
  // The same stack as the project's own compose file is what runs: the document is reported.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': test })).map(brief).sort(), ['port-mismatch@docs/ports.md:3', 'port-mismatch@docs/ports.md:4']);
});

test('container and host columns pair by what they say; an env file writing the container port agrees where nothing publishes the service', () => {
  const doc = [
    '| Component | Container HTTP | Container gRPC | Container gRPC Health | Host HTTP | Host gRPC |', '|---|---|---|---|---|---|',
    '| ledger | 8080 | 9090 | 9091 | 8081 | 9092 |',
  ].join('\n');
  const env = 'LEDGER_HTTP_PORT=8080\nLEDGER_GRPC_PORT=9090\n';
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc, '.env': env })).map(brief), []);
  // A value that is neither side is still a mismatch.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc, '.env': 'LEDGER_HTTP_PORT=8085\n' })).map(brief), ['port-mismatch@docs/ports.md:3']);
  // A compose file says which host port it publishes: the row's container side excuses nothing.
  const compose = 'services:\n  ledger:\n    build: .\n    ports: ["8080:8080"]\n';
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': compose })).map(brief), ['port-mismatch@docs/ports.md:3']);
});

test('a table row whose URL is a page under another row\'s URL is that service\'s page, not a service on its port', () => {
  const doc = ['| Service | Port | URL |', '|---|---|---|', '| Backend API | 8001 | `http://localhost:8001` |', '| API Docs | 8001 | `http://localhost:8001/docs` |', '| Grafana | 8001 | **http://localhost:8001/** |'].join('\n');
  // The docs page is the backend's; Grafana on the backend's very address still clashes.
  assert.deepEqual(atWarningOrError(checkFiles({ 'docs/ports.md': doc })).map(brief), ['port-conflict@docs/ports.md:5']);
});

test('DATABASE_URL and AMQP_URL dial the one service of the stack that runs a PostgreSQL or a RabbitMQ, whatever it is called', () => {
  const compose = ['services:', '  db:', '    image: postgis/postgis:16', '    ports: ["5434:5432"]', '  mq:', '    image: rabbitmq:3-management', '    ports: ["5800:5672"]'].join('\n');
  const env = (db: number, mq: number) => `DATABASE_URL=postgresql+asyncpg://u:p@localhost:${db}/app\nAMQP_URL=amqp://u:p@localhost:${mq}\n`;
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, '.env': env(5432, 5672) }).findings.map(brief), ['port-mismatch@.env:1', 'port-mismatch@.env:2']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, '.env': env(5434, 5800) }).findings.map(brief), []);
  // On the compose network by its name, the container port agrees and the host port is the mistake.
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, '.env': 'DATABASE_URL=postgresql://u:p@db:5432/app\n' }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, '.env': 'DATABASE_URL=postgresql://u:p@db:5434/app\n' }).findings.map(brief), ['port-mismatch@.env:1']);
  // Two PostgreSQLs in the stack: which one is not said.
  const two = `${compose}\n  replica:\n    image: postgres:16\n    ports: ["5435:5432"]`;
  assert.deepEqual(checkFiles({ 'compose.yaml': two, '.env': env(5432, 5800) }).findings.map(brief), []);
});

test('an env file dialling a well-known server by name on a port it does not listen on is reported once, with the port it listens on', () => {
  const compose = ['services:', '  db:', '    image: postgres:16', '    ports: ["5434:5432"]', '  queue:', '    image: rabbitmq:3-management', '    ports: ["15672:15672"]'].join('\n');
  const check = (env: string) => checkFiles({ 'compose.yaml': compose, '.env': env }).findings;
  const wrong = check('DATABASE_URL=postgres://u:p@db:5433/app\n');
  assert.deepEqual(wrong.map(brief), ['port-mismatch@.env:1']);
  assert.equal(wrong[0].message, 'DATABASE_URL dials db:5433 on the compose network, where db listens on 5432 (compose.yaml:4)');
  assert.deepEqual(check('DATABASE_URL=postgres://u:p@db:5432/app\n').map(brief), []);
  // The host port on the network: the mistake the message names as such.
  assert.match(check('DATABASE_URL=postgres://u:p@db:5434/app\n')[0].message, /5434 is the port it publishes on the host/);
  // A server that publishes another of its ports only (the management UI) may still listen on its default inside.
  assert.deepEqual(check('AMQP_URL=amqp://u:p@queue:5672\n').map(brief), []);
  assert.deepEqual(check('AMQP_URL=amqp://u:p@localhost:5672\n').map(brief), []);
});
