// Registries of another format (src/core/parsers/registry/foreign*.ts): a ports.yaml that is not
// Portolan's is read by its own shape — environment blocks, host inventories, flat maps, range
// sections and lists, project blocks, forbidden slots in comments — and its facts take part in the
// rules. Each pattern is checked firing and not firing, on fixtures written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { parseRegistry } from '../../src/core/parsers/registry/registry';
import { SOURCE_KINDS } from '../../src/core/sources';
import { declaredRanges, owningRange } from '../../src/core/query/ranges';
import { buildRuleInput } from '../../src/core/rules/model';
import { spansText } from '../../src/core/model';

const isRegistryFileName = SOURCE_KINDS.registry.isNamed;

function parse(text: string) {
  return parseRegistry(text, { file: 'ports.yaml' });
}

/** Allocations as `service role port env` lines. */
function places(text: string): string[] {
  return parse(text).allocations.map((a) => [a.service, a.role ?? '-', a.port, a.environment ?? '-'].join(' '));
}

function findings(files: Record<string, string>): string[] {
  const c = checkFiles(files);
  return c.findings.filter((f) => f.severity !== 'info').map((f) => `${brief(f)} ${c.textAt(f.loc)}`);
}

const ENVIRONMENTS = `format: "2.0"
environments:
  production:
    alpha:
      api_port: 4100
      metrics_port: 4190
      metrics_mapping: "4190:4190"
    beta:
      api_port: 4200
      metrics_port: 4190
      metrics_mapping: "4290:4290"
  staging:
    alpha:
      api_port: 5100
    beta:
      api_port: 5100
      db_mapping: "6543:5432"
    gamma:
      port: 5432
      mapping: "6432:5432"
discovery:
  production:
    alpha: "http://alpha:4100"
extras:
  cache: 6380
  queue: 5673
`;

test('per-environment blocks: names and roles from keys, the environment from the block, URLs left alone', () => {
  assert.deepEqual(places(ENVIRONMENTS), [
    'alpha - 4100 production', 'alpha metrics 4190 production',
    'beta - 4200 production', 'beta metrics 4190 production', 'beta metrics 4290 production',
    'alpha - 5100 staging', 'beta - 5100 staging', 'beta db 6543 staging',
    'gamma - 6432 staging',
    'cache - 6380 -', 'queue - 5673 -',
  ]);
  assert.deepEqual(parse(ENVIRONMENTS).notes, []);
});

test('two services on one port in one environment block clash; the same port in two blocks does not', () => {
  const text = 'environments:\n  production:\n    alpha: { port: 4100 }\n    beta: { port: 4100 }\n  staging:\n    gamma: { port: 4300 }\n  development:\n    delta: { port: 4300 }\n';
  assert.deepEqual(findings({ 'ports.yaml': text }), ['port-conflict@ports.yaml:4 4100']);
});

test('blocks under `hosts:` are machines: one port on two machines does not clash, on one it does', () => {
  const text = 'hosts:\n  nas:\n    media: 8096\n    photos: 2342\n  pi:\n    dns: 8096\n    ads: 2342\n    panel: 2342\n';
  assert.deepEqual(findings({ 'ports.yaml': text }), ['port-conflict@ports.yaml:8 2342']);
});

test('an entry whose port is neither side of its mapping contradicts itself; a mapping that agrees does not', () => {
  assert.deepEqual(findings({ 'ports.yaml': ENVIRONMENTS }), [
    'port-conflict@ports.yaml:10 4190',
    'port-mismatch@ports.yaml:11 4290',
    'port-conflict@ports.yaml:16 5100',
  ]);
  const agreeing = 'environments:\n  production:\n    alpha:\n      api_port: 8080\n      api_mapping: "8080:80"\n    beta:\n      port: 5432\n      mapping: "5433:5432"\n';
  assert.deepEqual(findings({ 'ports.yaml': agreeing }), []);
});

const INVENTORY = `# Host inventory
# slot | owner     | ports
#  0   | forbidden | 3000-3099
#  1   | shop      | 3100-3199 (reserved for the shop)
host:
  name: box
  address: "10.0.0.5"
ranges:
  shop:
    http: "3100-3199"
  tools:
    range: "7100-7119, 7300, 7400-7401"
  misc:
    range: "7300, 9900"
services:
  shop-web:
    port: 3101
    bind: "127.0.0.1"
    group: shop
    env: prod
  shop-db:
    port: 3101
    bind: internal
    group: shop
  shop-admin:
    port: 3250
    bind: "127.0.0.1"
    group: shop
  helper:
    port: 7300
    bind: "127.0.0.1"
    group: tools
  sidecar:
    port: 7500
    group: tools
    note: "runs beside misc"
  tunnel:
    port: null
    group: tools
  viewer:
    port: 7401
    bind: "10.0.0.9"
    group: tools
  viewer-proxy:
    port: 7401
    bind: "10.0.0.5"
`;

test('a host inventory: entries with a host port, their bind address, environment and group', () => {
  const facts = parse(INVENTORY);
  assert.deepEqual(facts.allocations.map((a) => `${a.service} ${a.port} ${a.hostIp ?? '*'} ${a.environment ?? '-'} ${a.ownerRange?.split(':').pop() ?? '-'}`), [
    'shop-web 3101 127.0.0.1 production shop',
    'shop-admin 3250 127.0.0.1 - shop',
    'helper 7300 127.0.0.1 - tools',
    'sidecar 7500 * - tools',
    'viewer 7401 10.0.0.9 - tools',
    'viewer-proxy 7401 10.0.0.5 - -',
  ]);
  assert.deepEqual(facts.ranges.map((r) => `${r.name}: ${spansText(r)}`), ['shop: 3100-3199', 'tools: 7100-7119, 7300, 7400-7401', 'misc: 7300, 9900']);
  assert.deepEqual(facts.reserved.map((r) => `${r.from}-${r.to} ${r.reason}`), ['3000-3099 forbidden']);
  assert.deepEqual(facts.problems, []);
});

test('a port between the parts of a list range is not in it (hover, tree and free ports ask owningRange)', () => {
  const ranges = declaredRanges(buildRuleInput([parse('meta: {}\nranges:\n  tools: "7100-7119, 7300"\n')]));
  assert.equal(owningRange(ranges, { port: 7300, scope: '' })?.name, 'tools');
  assert.equal(owningRange(ranges, { port: 7200, scope: '' }), undefined);
});

test('out of a group\'s range, or of every part of a list; lists of ports do not overlap-check; a bind address apart does not clash', () => {
  assert.deepEqual(findings({ 'ports.yaml': INVENTORY }), [
    'out-of-range@ports.yaml:26 3250',
    'out-of-range@ports.yaml:34 7500',
  ]);
});

test('a forbidden slot in a comment applies to what runs beside the registry; a slot reserved for a project does not', () => {
  const compose = 'services:\n  legacy:\n    ports: ["3050:80"]\n  store:\n    ports: ["3150:80"]\n';
  assert.deepEqual(findings({ 'ports.yaml': INVENTORY, 'app/docker-compose.yml': compose }), [
    'reserved-port@app/docker-compose.yml:3 3050',
    'out-of-range@ports.yaml:26 3250',
    'out-of-range@ports.yaml:34 7500',
  ]);
});

test('a flat service: port map is read; settings, text and counts are not', () => {
  assert.deepEqual(places('ports:\n  gateway: 4000\n  ledger_port: 4001\n  mailer: null\nwatchers:\n  - gateway\n'), ['gateway - 4000 -', 'ledger - 4001 -']);
  const notPorts = [
    'settings:\n  timeout: 30\n  max_connections: 100\n  retries: 3\n',
    'owners:\n  gateway: alice\n  ledger: 4001\n',
    'limits:\n  gateway: 0\n  ledger: 70000\n',
    '- name: alpha\n  colour: red\n',
    'title: My ports\nupdated: 2024-01-01\n',
  ];
  for (const text of notPorts) {
    const facts = parse(text);
    assert.deepEqual([facts.allocations, facts.problems], [[], []], text);
    assert.match(facts.notes.join('\n'), /not a Portolan registry/, text);
  }
});

test('projects with their range in a field, a key or a trailing comment own the services under them', () => {
  const text = [
    'projects:',
    '  - name: north',
    '    range: 6100-6199',
    '    services:',
    '      - { name: north-api, port: 6101 }',
    '      - { name: north-web, port: 6250 }',
    'apps:',
    '  south (6200-6299):',
    '    south-api: 6201',
    '    south-web: 6350',
    '  east:  # 6300-6399',
    '    east-api: { port: 6301, bind: "127.0.0.2" }',
    '  west:  # a note, no range',
    '    west-api: { port: 6901 }',
  ].join('\n');
  assert.deepEqual(parse(text).ranges.map((r) => `${r.name} ${r.from}-${r.to}`), ['north 6100-6199', 'south 6200-6299', 'east 6300-6399']);
  assert.deepEqual(findings({ 'ports.yaml': text }), [
    'out-of-range@ports.yaml:6 6250',
    'out-of-range@ports.yaml:10 6350',
  ]);
});

test('a range written as the key of a range section, and list items with no name of their own', () => {
  const text = 'slots:\n  "5000-5099": storefront\n  "5100-5199": 42\nteams:\n  storefront:  # 5000-5099\n    - cart: 5001\n    - search: 5120\n';
  assert.deepEqual(parse(text).ranges.map((r) => `${r.name} ${r.from}-${r.to}`), ['storefront 5000-5099', 'storefront 5000-5099']);
  assert.deepEqual(findings({ 'ports.yaml': text }), ['out-of-range@ports.yaml:7 5120']);
});

test('a foreign registry ties what runs under its folder: a clash with a compose port, a mismatch with an env file, no unregistered info', () => {
  const registry = 'inventory:\n  billing:\n    port: 4500\n  search:\n    port: 4600\n';
  const compose = 'services:\n  reports:\n    ports: ["4500:80"]\n  cache:\n    ports: ["6379:6379"]\n';
  const c = checkFiles({ 'ports.yaml': registry, 'stack/docker-compose.yml': compose, 'stack/.env': 'SEARCH_PORT=4601\n' });
  assert.deepEqual(c.findings.map((f) => `${brief(f)} ${f.severity} ${c.textAt(f.loc)}`), [
    'port-mismatch@stack/.env:1 warning 4601',
    'port-conflict@stack/docker-compose.yml:3 error 4500',
  ]);
});

test('a registry that names its machine (`meta: { server }`, `server:`) is that machine\'s; a block, an address, localhost or a `host:` field names none', () => {
  const entry = 'services:\n  billing:\n    port: 4500\n    env: prod\n';
  assert.equal(parse(`meta:\n  server: nas\n  last_audit: "2026-01-01"\n${entry}`).machine, 'nas');
  assert.equal(parse(`server: nas\n${entry}`).machine, 'nas');
  assert.equal(parse(`meta:\n  server:\n    name: nas\n${entry}`).machine, undefined);
  // A bind address is no machine.
  assert.equal(parse(`host: nas\n${entry}`).machine, undefined);
  assert.equal(parse(`server: 127.0.0.1\n${entry}`).machine, undefined);
  assert.equal(parse(`meta:\n  hostname: localhost\n${entry}`).machine, undefined);
  assert.equal(parse(entry).machine, undefined);
});

test('under a registry of one machine, a dev stack\'s port clashes with a production entry; under one of no machine, environments stay apart', () => {
  const entries = 'services:\n  billing:\n    port: 4500\n    env: prod\n';
  const doc = ['# Port map (Dev)', '', '| Service | Host port | Container port |', '|---|---|---|', '| Keycloak | 4500 | 8080 |'].join('\n');
  assert.deepEqual(findings({ 'ports.yaml': `meta:\n  server: nas\n${entries}`, 'stack/PORTS.md': doc }), ['port-conflict@stack/PORTS.md:5 4500']);
  assert.deepEqual(findings({ 'ports.yaml': entries, 'stack/PORTS.md': doc }), []);
});

test('a ports.yaml by role (`ingress: { http: 80 }`) is one service\'s ports', () => {
  assert.deepEqual(places('ingress:\n  http: 8080\n  https: 8443\n'), ['ingress - 8080 -', 'ingress https 8443 -']);
});

test('registry-schema stays for files that declare Portolan\'s format', () => {
  const ours = parse('version: 1\nservices:\n  api:\n    port: 8000\n');
  assert.ok(ours.problems.some((p) => p.rule === 'registry-schema'));
  const text = 'version: "3"\nowners: [team-a]\nservices:\n  api:\n    port: 8000\n    owner: team-a\n';
  assert.deepEqual([parse(text).problems, places(text)], [[], ['api - 8000 -']]);
});

test('without a version, an inventory under `services:` alone is read by its shape; one unknown field is a slip in ours', () => {
  const inventory = 'services:\n  api:\n    port: 8000\n    owner: team-a\n';
  assert.deepEqual([parse(inventory).problems, places(inventory)], [[], ['api - 8000 -']]);
  const slip = parse('services:\n  api:\n    ports: 8000\n    enviroment: prod\n');
  assert.deepEqual(slip.problems.map((p) => p.rule), ['registry-schema']);
});

test('a port outside 1-65535 where a foreign entry writes one is an invalid port; null is no port', () => {
  const facts = parse('meta: { owner: team }\nservices:\n  api:\n    port: 70000\n  tunnel:\n    port: null\n');
  assert.deepEqual(facts.problems.map((p) => `${p.rule} ${p.loc.span.startLine}`), ['invalid-port 4']);
});

test('named registries: `*.ports.yaml` is a registry file, `docker-compose-ports.yaml` is not', () => {
  assert.ok(isRegistryFileName('lab.ports.yaml'));
  assert.ok(isRegistryFileName('dir/.ports.yml'));
  assert.ok(!isRegistryFileName('docker-compose-ports.yaml'));
  assert.ok(!isRegistryFileName('ports.yaml.bak'));
});

test('a top-level reserved list of ports, or of ports with reasons, reserves them; an entry that names a service is that service\'s', () => {
  const registry = [
    'avoid:', '  - 5173', 'reserved:', '  - port: 3000', '    reason: framework default', '  - name: gateway', '    port: 8081',
    'projects:', '  shop:', '    admin: { port: 3000 }', '    web: { port: 5173 }', '    api: { port: 8080 }', '    jobs: { port: 9000 }', '',
  ].join('\n');
  const facts = parse(registry);
  assert.deepEqual(facts.reserved.map((r) => `${r.from} ${r.reason}`), ['5173 avoid', '3000 framework default']);
  assert.ok(facts.allocations.some((a) => a.service === 'gateway' && a.port === 8081));
  assert.deepEqual(findings({ 'ports.yaml': registry }), ['reserved-port@ports.yaml:10 3000', 'reserved-port@ports.yaml:11 5173']);
  // Held for the gateway, so another entry on it clashes.
  assert.deepEqual(findings({ 'ports.yaml': registry.replace('port: 8081', 'port: 8080') }), ['reserved-port@ports.yaml:10 3000', 'reserved-port@ports.yaml:11 5173', 'port-conflict@ports.yaml:12 8080']);
});

test('a registry of another format with one range at the top: its entries and its other ranges are inside it; `{ start, end }` is a range', () => {
  const registry = [
    'repo: shop',
    'range: { start: 44200, end: 44229 }',
    'reserved:',
    '  - { port: 44200, service: web dev server }',
    '  - { port: 44231, service: preview }',
    'dynamic: { start: 44220, end: 44229 }',
    '',
  ].join('\n');
  const facts = parse(registry);
  assert.deepEqual(facts.ranges.map((r) => `${r.name} ${r.from}-${r.to}${r.parent ? ' in ' + facts.ranges.find((p) => p.id === r.parent)!.name : ''}`), ['range 44200-44229', 'dynamic 44220-44229 in range']);
  assert.deepEqual(facts.allocations.map((a) => `${a.service} ${a.port}`), ['web dev server 44200', 'preview 44231']);
  assert.deepEqual(findings({ 'ports.yaml': registry }), ['out-of-range@ports.yaml:5 44231']);
  assert.deepEqual(findings({ 'ports.yaml': 'range: 44200-44229\nreserved:\n  web: 44200\n  stray: 50000\n' }), ['out-of-range@ports.yaml:4 50000']);
});

test("a foreign registry entry named for a folder gives that folder's compose project its ports: no clash with the services there, a clash elsewhere", () => {
  const registry = 'projects:\n  voice:\n    name: Voice demo\n    ports:\n      web: 8001\n      api: 8787\n';
  const compose = 'services:\n  server:\n    build: .\n    ports: ["8787:8787"]\n';
  assert.deepEqual(findings({ 'ports.yaml': registry, 'voice/docker-compose.yml': compose, 'voice/demo/docker-compose.yml': compose }), []);
  assert.deepEqual(findings({ 'ports.yaml': registry, 'chat/docker-compose.yml': compose }), ['port-conflict@ports.yaml:6 8787']);
});
