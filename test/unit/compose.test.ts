// Compose parser tests on the fixtures in test/fixtures/compose.
//
// Checked by hand against Debian's docker-compose 1.29.2 (`docker-compose -f FILE config`), the
// only compose available offline. Where it differs from this parser:
// - Unquoted `22:22` is the YAML 1.1 sexagesimal number 1342 to it (a container port, nothing
//   published). Compose v2 reads YAML 1.2 (Go yaml.v3) and sees the string "22:22", as we do.
// - `99999:80` and `0:80` pass its `config` (the engine rejects them later); we report
//   invalid-port for both.
// - It rejects spec features that Compose v2 accepts: a `published` range in long syntax,
//   `host_ip` in long syntax, the `sctp` protocol, and `:83` (an unset variable as host port).
// - It expands `9090-9091:8080-8081` into one mapping per port; we keep one allocation with
//   endPort. `::1` and `[::1]` both come out as host IP `::1` there and here.
// - Interpolation (`${VAR:-default}`, `${VAR-default}`, `$VAR`), merge keys and aliases gave the
//   same ports and environment as here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Allocation, FileFacts, Location, ParseContext } from '../../src/core/model';
import { emptyFacts } from '../../src/core/model';
import { LineIndex } from '../../src/core/text/lineIndex';
import {
  composeEnvironmentFromFileName,
  extractComposeFacts,
  parseCompose,
} from '../../src/core/parsers/compose';
import { SOURCE_KINDS } from '../../src/core/sources';
import { brief, checkFiles } from '../support/memoryWorkspace';

const isComposeFileName = SOURCE_KINDS.compose.isNamed;

const FIXTURES = join(__dirname, '..', 'fixtures', 'compose');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

const ENV: ParseContext['env'] = new Map([
  ['API_PORT', '8090'],
  ['ADMIN_PORT', '8070'],
]);

function parseFixture(name: string, env = ENV): { text: string; facts: FileFacts } {
  const text = fixture(name);
  return { text, facts: parseCompose(text, { file: name, env }) };
}

/** What a location points at: the text under it and where it starts. */
function at(text: string, loc: Location): { written: string; line: number; column: number } {
  return {
    written: text.slice(loc.span.startOffset, loc.span.endOffset),
    line: loc.span.startLine,
    column: loc.span.startColumn,
  };
}

function allocationsOf(facts: FileFacts, service: string): Allocation[] {
  return facts.allocations.filter((a) => a.service === service);
}

/** Claims on a service's container ports, as `port@line`. */
function claimsOf(facts: FileFacts, service: string): string[] {
  return allocationsOf(facts, service).filter((a) => a.claim).map((a) => `${a.port}@${a.loc.span.startLine}`);
}

interface Expected {
  port: number;
  endPort?: number;
  protocol?: string;
  hostIp?: string;
  fromVariable?: string;
  written: string;
  line: number;
  column: number;
}

/** The host ports a service publishes (not the claims on its container ports, see claimsOf). */
function assertAllocations(text: string, facts: FileFacts, service: string, expected: Expected[]): void {
  const actual = allocationsOf(facts, service).filter((a) => !a.claim).map((a) => ({
    port: a.port,
    endPort: a.endPort,
    protocol: a.protocol,
    hostIp: a.hostIp,
    fromVariable: a.fromVariable,
    ...at(text, a.loc),
  }));
  assert.deepEqual(actual, expected.map((e) => ({
    endPort: undefined, protocol: 'tcp', hostIp: undefined, fromVariable: undefined, ...e,
  })));
}

/** Mentions written on one line, as `port@column "text"`. */
function mentionsOn(text: string, facts: FileFacts, line: number): string[] {
  return facts.mentions
    .filter((m) => m.loc.span.startLine === line)
    .map((m) => `${m.port}@${m.loc.span.startColumn} ${JSON.stringify(at(text, m.loc).written)}`);
}

// --- ports: short syntax --------------------------------------------------------------------

test('container-only ports are mentions, not allocations', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assert.deepEqual(allocationsOf(facts, 'container-only'), []);
  assert.deepEqual(mentionsOn(text, facts, 6), ['3000@10 "3000"']);
  assert.deepEqual(mentionsOn(text, facts, 7), ['3000@10 "3000"', '3005@15 "3005"']);
  assert.deepEqual(mentionsOn(text, facts, 8), ['4000@9 "4000"']);
});

test('host:container publishes the host port, quoted or not', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assertAllocations(text, facts, 'mapped', [
    { port: 8000, written: '8000', line: 11, column: 10 },
    // Unquoted 22:22 is a string in YAML 1.2; the span is the source digits either way.
    { port: 22, written: '22', line: 12, column: 9 },
    { port: 49100, written: '49100', line: 13, column: 10 },
  ]);
  assert.deepEqual(mentionsOn(text, facts, 11), ['8000@15 "8000"']);
  assert.deepEqual(mentionsOn(text, facts, 12), ['22@12 "22"']);
  assert.deepEqual(mentionsOn(text, facts, 13), ['2222@16 "2222"']);
});

test('a published range is one allocation covering the range', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assertAllocations(text, facts, 'ranges', [
    { port: 9090, endPort: 9091, written: '9090-9091', line: 16, column: 10 },
    { port: 12400, endPort: 12500, written: '12400-12500', line: 17, column: 10 },
  ]);
  assert.deepEqual(mentionsOn(text, facts, 16), ['8080@20 "8080"', '8081@25 "8081"']);
});

test('host IPs, IPv6 kept without brackets; an empty host port publishes nothing', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assertAllocations(text, facts, 'bound', [
    { port: 8001, hostIp: '127.0.0.1', written: '8001', line: 20, column: 20 },
    { port: 6001, hostIp: '::1', written: '6001', line: 21, column: 16 },
    { port: 6000, hostIp: '::1', written: '6000', line: 22, column: 14 },
  ]);
  assert.deepEqual(mentionsOn(text, facts, 20), ['8002@25 "8002"']);
  assert.deepEqual(mentionsOn(text, facts, 23), ['5000@21 "5000"']);
});

test('protocol suffix, case-insensitive', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assertAllocations(text, facts, 'udp', [
    { port: 6060, protocol: 'udp', written: '6060', line: 26, column: 10 },
    { port: 6061, protocol: 'sctp', written: '6061', line: 27, column: 10 },
  ]);
});

test('an unknown protocol publishes nothing', () => {
  const text = 'services:\n  w:\n    ports:\n      - "6060:6060/foo"\n';
  const facts = parseCompose(text, { file: 'compose.yaml' });
  assert.deepEqual(facts.allocations, []);
  assert.deepEqual(facts.mentions.map((m) => at(text, m.loc).written), ['6060']);
});

// --- interpolation ---------------------------------------------------------------------------

test('interpolation: .env first, then the default; the span is the expression', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assertAllocations(text, facts, 'interpolated', [
    { port: 8080, fromVariable: 'WEB_PORT', written: '${WEB_PORT:-8080}', line: 30, column: 10 },
    { port: 8090, fromVariable: 'API_PORT', written: '${API_PORT}', line: 31, column: 10 },
    { port: 8070, fromVariable: 'ADMIN_PORT', written: '$ADMIN_PORT', line: 32, column: 9 },
    // Line 33, `${UNSET_PORT}:83`, cannot be resolved and publishes nothing: its container port is a claim.
    { port: 9100, hostIp: '127.0.0.1', fromVariable: 'METRICS_PORT', written: '${METRICS_PORT-9100}', line: 34, column: 32 },
  ]);
  assert.deepEqual(claimsOf(facts, 'interpolated'), ['83@33']);
  assert.deepEqual(mentionsOn(text, facts, 33), ['83@24 "83"']);
  assert.equal(facts.problems.filter((p) => p.loc.span.startLine === 33).length, 0);
});

test('a variable in .env wins over the default', () => {
  const { text, facts } = parseFixture('docker-compose.yml', new Map([['WEB_PORT', '8181'], ['METRICS_PORT', '']]));
  // API_PORT and ADMIN_PORT are unset now; `-` (unlike `:-`) keeps METRICS_PORT, set but empty,
  // which leaves the host port to Docker.
  assertAllocations(text, facts, 'interpolated', [
    { port: 8181, fromVariable: 'WEB_PORT', written: '${WEB_PORT:-8080}', line: 30, column: 10 },
  ]);
  // An empty METRICS_PORT asks Docker for a port: no claim for it.
  assert.deepEqual(claimsOf(facts, 'interpolated'), ['81@31', '82@32', '83@33']);
});

test('nested defaults, $$ escapes and unbraced variables', () => {
  const text = [
    'services:',
    '  a:',
    '    ports:',
    '      - "${A:-${B:-7070}}:80"',
    '      - "$$7071:80"',
    '      - "70${SUFFIX:-72}:80"',
  ].join('\n');
  const facts = parseCompose(text, { file: 'compose.yaml' });
  assertAllocations(text, facts, 'a', [
    { port: 7070, fromVariable: 'A', written: '${A:-${B:-7070}}', line: 4, column: 10 },
    { port: 7072, fromVariable: 'SUFFIX', written: '70${SUFFIX:-72}', line: 6, column: 10 },
  ]);
  assert.deepEqual(facts.problems.map((p) => [p.message, at(text, p.loc).written]), [['"$7071" is not a port number', '$$7071']]);
});

// --- ports: long syntax, expose --------------------------------------------------------------

test('long syntax: published number, range string and interpolated string', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assertAllocations(text, facts, 'long', [
    { port: 8081, protocol: 'udp', hostIp: '127.0.0.1', written: '8081', line: 38, column: 20 },
    { port: 8443, endPort: 8444, written: '8443-8444', line: 43, column: 21 },
    { port: 9001, fromVariable: 'LONG_PORT', written: '${LONG_PORT:-9001}', line: 44, column: 37 },
  ]);
  assert.deepEqual(mentionsOn(text, facts, 37), ['80@17 "80"']);
  assert.deepEqual(mentionsOn(text, facts, 44), ['9000@19 "9000"']);
  assert.deepEqual(mentionsOn(text, facts, 45), ['5432@17 "5432"']);
});

test('expose entries are mentions', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  assert.deepEqual(allocationsOf(facts, 'exposed'), []);
  assert.deepEqual(mentionsOn(text, facts, 48), ['7000@10 "7000"']);
  assert.deepEqual(mentionsOn(text, facts, 49), ['7001@9 "7001"']);
  assert.deepEqual(mentionsOn(text, facts, 50), ['7100@10 "7100"', '7102@15 "7102"']);
});

test('allocation identity: group, index, key, scope and source', () => {
  const { text, facts } = parseFixture('docker-compose.yml');
  const [first, second] = allocationsOf(facts, 'bound');
  assert.deepEqual(
    { ...first, loc: undefined },
    {
      service: 'bound', serviceKey: 'bound', port: 8001, endPort: undefined, protocol: 'tcp',
      hostIp: '127.0.0.1', scope: '', environment: undefined, source: 'compose', claim: false,
      group: text.indexOf('\n', text.indexOf('  bound:')) + 5, indexInGroup: 0, buildContext: undefined, containerPort: 8002, containerLoc: undefined, fromVariable: undefined,
      names: undefined, networks: undefined, profiles: undefined, loc: undefined,
    },
  );
  assert.equal(second.indexInGroup, 1);
  assert.equal(facts.kind, 'compose');
  assert.equal(allocationsOf(facts, 'container-only').length, 0);
});

// --- anchors, environment, problems -----------------------------------------------------------

test('the file name sets the environment', () => {
  const { facts } = parseFixture('docker-compose.prod.yml');
  assert.ok(facts.allocations.length > 0);
  for (const a of facts.allocations) assert.equal(a.environment, 'production');
});

test('ports through an alias point at the anchored text', () => {
  const { text, facts } = parseFixture('docker-compose.prod.yml');
  assertAllocations(text, facts, 'web', [{ port: 8088, written: '8088', line: 9, column: 6 }]);
  assert.deepEqual(mentionsOn(text, facts, 9), ['8080@11 "8080"']);
});

test('environment as a map (with a merge key) and as a list', () => {
  const { text, facts } = parseFixture('docker-compose.prod.yml');
  // The merged map's CACHE_URL, written once in x-common, reaches only `web`: `worker` has its own
  // environment, and a merge never deep-merges.
  assert.deepEqual(mentionsOn(text, facts, 6), ['6379@30 "6379"']);
  assert.deepEqual(mentionsOn(text, facts, 18), ['8080@13 "8080"']);
  assert.deepEqual(mentionsOn(text, facts, 19), ['9000@28 "${API_INTERNAL_PORT:-9000}"']);
  assert.deepEqual(mentionsOn(text, facts, 20), ['8081@19 "8081"']);
  assert.deepEqual(mentionsOn(text, facts, 21), []);
  assert.deepEqual(mentionsOn(text, facts, 26), ['3000@14 "3000"']);
  assert.deepEqual(mentionsOn(text, facts, 27), ['5432@36 "5432"']);
  // `worker` publishes nothing: its PORT is only a claim on its container port, for the documents.
  assert.deepEqual(allocationsOf(facts, 'worker').map((a) => `${a.port}${a.claim ? '?' : ''}@${a.loc.span.startLine}`), ['3000?@26']);
});

test('invalid ports are problems at the offending digits', () => {
  const { text, facts } = parseFixture('docker-compose.prod.yml');
  const problems = facts.problems.map((p) => ({ rule: p.rule, message: p.message, port: p.port, ...at(text, p.loc) }));
  assert.deepEqual(problems, [
    { rule: 'invalid-port', message: 'Port 99999 is outside 1-65535', port: 99999, written: '99999', line: 32, column: 10 },
    { rule: 'invalid-port', message: 'Port 0 is outside 1-65535', port: 0, written: '0', line: 33, column: 10 },
    { rule: 'invalid-port', message: '"abc" is not a port number', port: undefined, written: 'abc', line: 34, column: 10 },
    { rule: 'invalid-port', message: 'Port 70000 is outside 1-65535', port: 70000, written: '70000', line: 35, column: 15 },
    { rule: 'invalid-port', message: 'Port -1 is outside 1-65535', port: -1, written: '-1', line: 36, column: 9 },
    { rule: 'invalid-port', message: 'Port range "9091-9090" runs backwards', port: undefined, written: '9091-9090', line: 37, column: 10 },
    {
      rule: 'invalid-port', message: 'Host range "9090-9092" and its container range differ in length', port: undefined,
      written: '9090-9092', line: 38, column: 10,
    },
    { rule: 'invalid-port', message: 'Port 0 is outside 1-65535', port: 0, written: '0', line: 40, column: 10 },
  ]);
  // A bad container port does not hide the host port the author meant to publish.
  assert.deepEqual(allocationsOf(facts, 'broken').map((a) => a.port), [8082, 9090]);
});

test('an invalid port from a variable names the variable', () => {
  const text = 'services:\n  w:\n    ports:\n      - "${WEB_PORT}:80"\n';
  const facts = parseCompose(text, { file: 'compose.yaml', env: new Map([['WEB_PORT', 'abc']]) });
  assert.deepEqual(facts.problems.map((p) => [p.message, at(text, p.loc).written]), [
    ['"abc" is not a port number (from WEB_PORT)', '${WEB_PORT}'],
  ]);
});

test('environment values: URLs and *_PORT values are mentioned, written or interpolated, as a map or a list; words and other numbers are not', () => {
  const text = [
    'services:',
    '  w:',
    '    image: w',
    '    environment:',
    '      LOG_LEVEL: debug',
    '      TIMEOUT: 30',
    '      API_URL: http://api:8086/v1',
    '      UPSTREAM: ${UPSTREAM_URL}',
    '      CACHE_PORT: "6380"',
    '  q:',
    '    image: q',
    '    environment:',
    '      - MODE=fast',
    '      - RETRIES=3',
    '      - BROKER_URL=amqp://broker:5673',
    '      - QUEUE_PORT=$QUEUE_PORT',
  ].join('\n');
  const facts = parseCompose(text, { file: 'compose.yaml', env: new Map([['UPSTREAM_URL', 'http://upstream:9091'], ['QUEUE_PORT', '7001']]) });
  assert.deepEqual(facts.mentions.map((m) => `${m.port} ${at(text, m.loc).written}`), [
    '8086 8086', '9091 ${UPSTREAM_URL}', '6380 6380', '5673 5673', '7001 $QUEUE_PORT',
  ]);
});

// --- source text edge cases -------------------------------------------------------------------

test('CRLF line endings keep spans right', () => {
  const lf = parseFixture('docker-compose.yml');
  const text = lf.text.replace(/\n/g, '\r\n');
  const crlf = parseCompose(text, { file: 'docker-compose.yml', env: ENV });
  const view = (t: string, f: FileFacts) => [
    ...f.allocations.map((a) => `${a.service} ${a.port} ${JSON.stringify(at(t, a.loc))}`),
    ...f.mentions.map((m) => `${m.port} ${JSON.stringify(at(t, m.loc))}`),
  ];
  assert.ok(crlf.allocations.length > 10);
  assert.deepEqual(view(text, crlf), view(lf.text, lf.facts));
});

test('a scalar with escapes falls back to the whole scalar', () => {
  const text = 'services:\n  w:\n    ports:\n      - "80\\x380:80"\n';
  const facts = parseCompose(text, { file: 'compose.yaml' });
  assertAllocations(text, facts, 'w', [{ port: 8080, written: '"80\\x380:80"', line: 4, column: 9 }]);
});

test('duplicate keys do not throw; the last one wins', () => {
  const text = 'services:\n  w:\n    ports: ["1000:1"]\n    ports: ["2000:2"]\n';
  const facts = parseCompose(text, { file: 'compose.yaml' });
  assert.deepEqual(facts.allocations.map((a) => a.port), [2000]);
});

test('malformed YAML does not throw and allocates nothing', () => {
  const inputs = [
    'services:\n  web:\n    ports: ["8080:80"\n  db: : :\n',
    'services:\n\tweb:\n    ports:\n      - "8080:80"\n',
    '{{{{',
    '',
    '- just\n- a list\n',
    'services: 42\n',
    'services:\n  web: *missing\n  db:\n    ports: *missing\n',
    '%YAML 1.1\n---\nservices:\n  web:\n    ports:\n      - 22:22\n',
  ];
  for (const text of inputs) {
    const facts = parseCompose(text, { file: 'compose.yaml' });
    if (!text.startsWith('%YAML')) assert.deepEqual(facts.allocations, [], JSON.stringify(text));
  }
  // A YAML 1.1 document reads 22:22 as a number; the source text still says 22:22.
  const yaml11 = parseCompose(inputs[7], { file: 'compose.yaml' });
  assert.deepEqual(yaml11.allocations.map((a) => a.port), [22]);
});

test('alias bombs return quickly without throwing', () => {
  let lists = 'a0: &a0 ["8080:80", "8080:80", "8080:80", "8080:80", "8080:80", "8080:80", "8080:80", "8080:80", "8080:80"]\n';
  let maps = 'm0: &m0 { ports: ["8080:80"], x0: 1 }\n';
  for (let i = 1; i < 30; i++) {
    lists += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    maps += `m${i}: &m${i}\n  <<: [${Array(9).fill(`*m${i - 1}`).join(', ')}]\n  x${i}: 1\n`;
  }
  const bombs = [
    `${lists}services:\n  web:\n    ports: *a29\n    expose: *a29\n    environment: *a29\n`,
    `${maps}services:\n  web:\n    <<: *m29\n  api: *m29\n`,
  ];
  for (const text of bombs) {
    const started = Date.now();
    const facts = parseCompose(text, { file: 'compose.yaml' });
    assert.ok(Date.now() - started < 2000, 'took too long');
    assert.ok(facts.allocations.length < 10);
  }
});

// --- snippets in Markdown ---------------------------------------------------------------------

/** The content of each ```yaml fence and its offset in the document. */
function yamlFences(markdown: string): Array<{ content: string; offset: number }> {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => ({ content: m[1], offset: m.index! + '```yaml\n'.length }));
}

test('snippets: spans are in whole-file coordinates; bare services count, other YAML does not', () => {
  const markdown = fixture('snippet.md');
  const lines = new LineIndex(markdown);
  const facts = emptyFacts('snippet.md', 'markdown');
  const ctx = { file: 'snippet.md' };
  for (const fence of yamlFences(markdown)) {
    extractComposeFacts(fence.content, fence.offset, lines, facts, {
      ctx, snippet: true, environment: 'staging', scope: 'compliance',
    });
  }
  assert.deepEqual(
    facts.allocations.map((a) => ({ service: a.service, port: a.port, scope: a.scope, environment: a.environment, ...at(markdown, a.loc) })),
    [
      { service: 'compliance-monitor', port: 8017, scope: 'compliance', environment: 'staging', written: '8017', line: 8, column: 12 },
      { service: 'ledger', port: 7001, scope: 'compliance', environment: 'staging', written: '7001', line: 19, column: 10 },
    ],
  );
  // The group is where the service is written, in the document.
  assert.match(markdown.slice(facts.allocations[0].group), /^image: compliance\/monitor/);
  assert.deepEqual(mentionsOn(markdown, facts, 10), ['7001@30 "7001"']);
  // The Kubernetes manifest and the `x-` template give nothing.
  assert.equal(facts.mentions.filter((m) => m.loc.span.startLine > 21).length, 0);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.suppressions, []);
});

test('a compose file without services: has no bare services', () => {
  const text = 'compliance-monitor:\n  ports: ["8017:8017"]\n';
  assert.deepEqual(parseCompose(text, { file: 'compose.yaml' }).allocations, []);
});

// --- file names and suppressions -------------------------------------------------------------

test('compose file names', () => {
  for (const name of ['compose.yml', 'compose.yaml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-compose.prod.yml',
    'docker-compose-staging.yaml', 'compose.dev.yaml', 'deploy/docker-compose.override.yml', 'C:\\app\\compose.yaml']) {
    assert.equal(isComposeFileName(name), true, name);
  }
  for (const name of ['composer.yaml', 'compose.json', 'my-compose.yml', 'docker-compose.yml.bak', 'ports.yaml']) {
    assert.equal(isComposeFileName(name), false, name);
  }
});

test('environment from a compose file name', () => {
  assert.equal(composeEnvironmentFromFileName('docker-compose.prod.yml'), 'production');
  assert.equal(composeEnvironmentFromFileName('infra/compose.dev.yaml'), 'development');
  assert.equal(composeEnvironmentFromFileName('docker-compose_staging.yml'), 'staging');
  assert.equal(composeEnvironmentFromFileName('docker-compose.yml'), undefined);
  assert.equal(composeEnvironmentFromFileName('compose.yaml'), undefined);
  assert.equal(composeEnvironmentFromFileName('docker-compose.override.yml'), undefined);
});

test('suppressions are read from comments', () => {
  const text = 'services:\n  web:\n    ports:\n      # portolan-ignore port-conflict\n      - "8080:80"\n';
  const facts = parseCompose(text, { file: 'compose.yaml' });
  assert.deepEqual(facts.suppressions, [{ line: 5, rules: ['port-conflict'] }]);
  assert.equal(facts.allocations.length, 1);
});

test('build contexts: relative to the compose file, from a string or a map; none for images, remote or unknown contexts', () => {
  const text = [
    'services:',
    '  a: { build: ../api/, ports: ["8001:80"] }',
    '  b: { build: { context: ., dockerfile: Dockerfile.b }, ports: ["8002:80"] }',
    '  c: { build: { dockerfile: Dockerfile.c }, ports: ["8003:80"] }',
    '  d: { image: nginx, ports: ["8004:80"] }',
    '  e: { build: "https://github.com/example/e.git", ports: ["8005:80"] }',
    '  f: { build: "${CONTEXT}", ports: ["8006:80"] }',
    '  g: { build: ../../outside, ports: ["8007:80"] }',
  ].join('\n');
  const facts = parseCompose(text, { file: 'deploy/docker-compose.yml' });
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.buildContext]), [
    ['a', 'api'], ['b', 'deploy'], ['c', 'deploy'], ['d', undefined], ['e', undefined], ['f', undefined], ['g', undefined],
  ]);
});

test('a port written with a leading zero is read as Compose reads it, with a warning: nobody means 0042', () => {
  const text = ['services:', '  web:', '    image: nginx', '    ports:', '      - "0042:8042"', '      - "8043:08043"', '      - "8044:8044"'].join('\n');
  const c = checkFiles({ 'docker-compose.yml': text });
  assert.deepEqual(c.findings.map((f) => `${f.severity} ${brief(f)} ${f.message}`), [
    'warning invalid-port@docker-compose.yml:5 Port 0042 has a leading zero: Compose reads it as 42',
    'warning invalid-port@docker-compose.yml:6 Port 08043 has a leading zero: Compose reads it as 8043',
  ]);
  assert.deepEqual(c.allocations.map((a) => a.port), [42, 8043, 8044]);
});

test('the environment a compose file\'s services say they run in (NODE_ENV, RAILS_ENV, APP_ENV ...), when they agree', () => {
  const runtime = (environment: string, other = '') => parseCompose(`services:\n  web:\n    build: .\n    ports: ["9000:80"]\n    environment:\n${environment}\n  db:\n    image: postgres\n${other}`, { file: 'docker-compose.yml' }).compose?.runtime;
  assert.equal(runtime('      - NODE_ENV=development'), 'development');
  assert.equal(runtime('      RAILS_ENV: production'), 'production');
  assert.equal(runtime('      APP_ENV: ${APP_ENV:-staging}'), 'staging');
  // Services that say different environments, a value left to the shell, or none at all: none.
  assert.equal(runtime('      NODE_ENV: development', '    environment:\n      NODE_ENV: production\n'), undefined);
  assert.equal(runtime('      NODE_ENV:'), undefined);
  assert.equal(runtime('      TZ: UTC'), undefined);
});

test('a compose file alone in its project whose services run in development is not compared with the production and staging env files beside it', () => {
  const compose = 'services:\n  web:\n    build: .\n    ports: ["9000:80"]\n    environment:\n      - NODE_ENV=development\n';
  const env = (port: number) => `WEB_PORT=${port}\n`;
  const findings = (files: Record<string, string>) => checkFiles(files).findings.filter((f) => f.severity !== 'info').map(brief);
  assert.deepEqual(findings({ 'docker-compose.yml': compose, 'web/.env.production': env(9004), 'web/.env.staging': env(9002) }), []);
  // Development's own env file still disagrees.
  assert.deepEqual(findings({ 'docker-compose.yml': compose, 'web/.env.development': env(9006) }), ['port-mismatch@web/.env.development:1']);
  // Beside an override or a variant it is their base, which runs in every environment.
  assert.deepEqual(findings({ 'docker-compose.yml': compose, 'docker-compose.prod.yml': 'services:\n  web:\n    environment:\n      - NODE_ENV=production\n', 'web/.env.production': env(9004) }), ['port-mismatch@web/.env.production:1']);
});
