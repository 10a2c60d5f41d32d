// Env parser tests: the fixtures in test/fixtures/env, and inline texts for what a fixture file
// cannot hold reliably (a BOM, CRLF line endings, binary garbage).
//
// The quoting and comment cases of the first assignment tests were checked against bash
// (`set -a; . ./file`): it agrees on every value except that it unescapes `\"` (we keep values as
// written) and rejects what only dotenv loaders accept (blanks around `=`, dotted names).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts, Location } from '../../src/core/model';
import { emptyFacts } from '../../src/core/model';
import { LineIndex } from '../../src/core/text/lineIndex';
import { envEnvironmentFromFileName, isEnvTemplateFileName } from '../../src/core/syntax/names';
import {
  envFacts,
  parseEnv,
  parseEnvAssignments,
  readEnvVariables,
} from '../../src/core/parsers/env';
import { SOURCE_KINDS } from '../../src/core/sources';
import { brief, checkFiles } from '../support/memoryWorkspace';

const isEnvFileName = SOURCE_KINDS.env.isNamed;

const FIXTURES = join(__dirname, '..', 'fixtures', 'env');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** What a location points at: the text under it and where it starts. */
function at(text: string, loc: Location): { written: string; line: number; column: number } {
  return {
    written: text.slice(loc.span.startOffset, loc.span.endOffset),
    line: loc.span.startLine,
    column: loc.span.startColumn,
  };
}

function allocations(text: string, facts: FileFacts) {
  return facts.allocations.map((a) => ({
    service: a.service, serviceKey: a.serviceKey, role: a.role, port: a.port, claim: a.claim, ...at(text, a.loc),
  }));
}

function mentions(text: string, facts: FileFacts) {
  return facts.mentions.map((m) => ({ port: m.port, ...at(text, m.loc) }));
}

// ---------------------------------------------------------------------------------------------
// parseEnvAssignments

test('assignments: export, quotes, inline comments, blanks around = and comment lines', () => {
  const text = [
    '# comment PORT=1',
    '   # indented comment',
    '',
    'export PORT=8080',
    'GRPC_PORT="50051"   # gRPC',
    "NAME='a # not a comment'",
    'URL=http://host/#/route',
    'KEY = spaced value  ',
    'EMPTY=',
    'BLANK= # only a comment',
    'server.port=9000',
  ].join('\n');
  const got = parseEnvAssignments(text).map((a) => ({ key: a.key, value: a.value, slice: text.slice(a.valueStart, a.valueEnd), keyAt: text.slice(a.keyStart, a.keyStart + a.key.length) }));
  assert.deepEqual(got.map((g) => [g.key, g.value]), [
    ['PORT', '8080'],
    ['GRPC_PORT', '50051'],
    ['NAME', 'a # not a comment'],
    ['URL', 'http://host/#/route'],
    ['KEY', 'spaced value'],
    ['EMPTY', ''],
    ['BLANK', ''],
    ['server.port', '9000'],
  ]);
  for (const g of got) {
    assert.equal(g.slice, g.value);
    assert.equal(g.keyAt, g.key);
  }
});

test('assignments: Windows set, set "KEY=VALUE" and a console prompt', () => {
  const text = 'set HTTP_PORT=8087\r\nSET "GRPC_PORT=50051" \r\n$ export WS_PORT=8090\r\nset -e\r\nset /p PORT=Port?\r\n';
  assert.deepEqual(parseEnvAssignments(text).map((a) => [a.key, a.value]), [
    ['HTTP_PORT', '8087'],
    ['GRPC_PORT', '50051'],
    ['WS_PORT', '8090'],
  ]);
});

test('assignments: shell commands are not assignments', () => {
  const text = [
    'cd services/gateway',
    'cargo run --release',
    'netstat -ano | findstr "8080 8081"',
    'docker run -p 8080:80 nginx',
    'curl http://localhost:8080/health?x=1',
    'npm start -- --port=3000',
    'export PORT',
    '=8080',
    '9PORT=1',
  ].join('\n');
  assert.deepEqual(parseEnvAssignments(text), []);
});

test('assignments: CRLF, lone CR and a BOM before the first key', () => {
  const text = '\uFEFFPORT=8080\r\nHTTP_PORT=8081\rGRPC_PORT=8082\r\n';
  const got = parseEnvAssignments(text);
  assert.deepEqual(got.map((a) => [a.key, a.value]), [['PORT', '8080'], ['HTTP_PORT', '8081'], ['GRPC_PORT', '8082']]);
  assert.equal(got[0].keyStart, 1);
  assert.equal(text.slice(got[1].valueStart, got[1].valueEnd), '8081');
});

test('assignments: quoted values may span lines; an unclosed quote yields nothing', () => {
  const text = 'KEY="-----BEGIN KEY-----\nPORT=1234\n-----END KEY-----"\nPORT=8080\nBAD="8081\nLAST=1\n';
  assert.deepEqual(parseEnvAssignments(text).map((a) => a.key), ['KEY', 'PORT', 'LAST']);
  const escaped = 'A="say \\"hi\\"" # c\nB=2';
  assert.deepEqual(parseEnvAssignments(escaped).map((a) => [a.key, a.value]), [['A', 'say \\"hi\\"'], ['B', '2']]);
});

test('assignments: baseOffset gives whole-file offsets', () => {
  const doc = '# Setup\n\n```bash\nexport PORT=8080\n```\n';
  const content = 'export PORT=8080\n';
  const base = doc.indexOf(content);
  const [a] = parseEnvAssignments(content, base);
  assert.equal(doc.slice(a.keyStart, a.keyStart + 4), 'PORT');
  assert.equal(doc.slice(a.valueStart, a.valueEnd), '8080');
});

test('readEnvVariables: values for compose interpolation, later assignments win', () => {
  const vars = readEnvVariables('API_PORT=8090\nexport ADMIN_PORT="8070" # admin\nAPI_PORT=8091\nIMAGE=app:1.2\n');
  assert.deepEqual([...vars], [['API_PORT', '8091'], ['ADMIN_PORT', '8070'], ['IMAGE', 'app:1.2']]);
});

// ---------------------------------------------------------------------------------------------
// parseEnv on fixtures

test('gateway/.env: the owner\'s ports, upstream claims, mentions and nothing for other numbers', () => {
  const file = 'gateway/.env';
  const text = fixture(file);
  const facts = parseEnv(text, { file, folderName: 'gateway' });
  assert.equal(facts.kind, 'env');
  assert.deepEqual(allocations(text, facts), [
    { service: 'gateway', serviceKey: 'gateway', role: undefined, port: 8080, claim: false, written: '8080', line: 3, column: 13 },
    { service: 'gateway', serviceKey: 'gateway', role: 'grpc', port: 50051, claim: false, written: '50051', line: 4, column: 12 },
    { service: 'gateway', serviceKey: 'gateway', role: 'metrics', port: 9464, claim: false, written: '9464', line: 5, column: 15 },
    { service: 'token-engine', serviceKey: 'token-engine', role: undefined, port: 8081, claim: true, written: '8081', line: 8, column: 35 },
    // TOKEN_ENGINE_URL beside it: the gateway's connection setting, so a claim too.
    { service: 'token-engine', serviceKey: 'token-engine', role: 'grpc', port: 50052, claim: true, written: '50052', line: 9, column: 24 },
    { service: 'settlement-engine', serviceKey: 'settlement-engine', role: undefined, port: 8083, claim: true, written: '8083', line: 10, column: 46 },
    { service: 'reporting', serviceKey: 'reporting', role: 'metrics', port: 8084, claim: true, written: '8084', line: 11, column: 32 },
    { service: 'postgres', serviceKey: 'postgres', role: undefined, port: 5432, claim: true, written: '5432', line: 12, column: 48 }, // DATABASE_URL=postgresql:// dials a PostgreSQL
    // DB_HOST beside DB_PORT: the gateway's connection setting, not the database's allocation.
    { service: 'db', serviceKey: 'db', role: undefined, port: 5433, claim: true, written: '5433', line: 14, column: 9 },
    { service: 'redis', serviceKey: 'redis', role: undefined, port: 6379, claim: false, written: '6379', line: 15, column: 12 },
    { service: 'ledger', serviceKey: 'ledger', role: undefined, port: 8090, claim: true, written: '8090', line: 17, column: 34 },
  ]);
  // A public API, CORS origins and HOST_PORT are ports without a service of this workspace.
  assert.deepEqual(mentions(text, facts), [
    { port: 443, written: '443', line: 16, column: 39 },
    { port: 3000, written: '3000', line: 20, column: 31 },
    { port: 3001, written: '3001', line: 20, column: 53 },
    { port: 9000, written: '9000', line: 23, column: 11 },
  ]);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.suppressions, [{ line: 3, rules: ['port-conflict'] }]);
  const port = facts.allocations[0];
  assert.equal(port.source, 'env');
  assert.equal(port.protocol, 'tcp');
  assert.equal(port.scope, '');
  assert.equal(port.environment, undefined);
  assert.equal(port.variable, 'PORT');
  assert.equal(port.group, text.indexOf('PORT='), 'the group is where the variable is written');
  assert.equal(port.indexInGroup, 0);
  assert.equal(new Set(facts.allocations.map((a) => a.group)).size, facts.allocations.length);
});

test('token-engine/.env.production: SERVICE_NAME owns the ports; environment from the file name', () => {
  const file = 'token-engine/.env.production';
  const text = fixture(file);
  const facts = parseEnv(text, { file, folderName: 'token-engine' });
  assert.deepEqual(allocations(text, facts), [
    { service: 'Token Engine', serviceKey: 'token-engine', role: 'http', port: 8081, claim: false, written: '8081', line: 2, column: 11 },
    // Its own name before _GRPC_PORT: the owner's gRPC port, not a client setting.
    { service: 'Token Engine', serviceKey: 'token-engine', role: 'grpc', port: 50061, claim: false, written: '50061', line: 3, column: 24 },
    { service: 'postgres', serviceKey: 'postgres', role: undefined, port: 5432, claim: true, written: '5432', line: 5, column: 15 },
  ]);
  assert.ok(facts.allocations.every((a) => a.environment === 'production'));
});

test('token-engine/.env.example: a template claims only its own service\'s port, and gives no problems for placeholders', () => {
  const file = 'token-engine/.env.example';
  const text = fixture(file);
  const facts = parseEnv(text, { file, folderName: 'token-engine' });
  assert.deepEqual(facts.allocations.map((a) => `${a.service} ${a.port} ${a.claim}`), ['token-engine 8081 true']);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(mentions(text, facts), [
    { port: 8081, written: '8081', line: 2, column: 6 },
    { port: 8080, written: '8080', line: 3, column: 30 },
  ]);
});

test('invalid port values are problems at the value, naming key and value', () => {
  const file = 'token-engine/invalid.env';
  const text = fixture(file);
  const facts = parseEnv(text, { file, folderName: 'token-engine' });
  assert.deepEqual(facts.allocations, []);
  assert.deepEqual(facts.problems.map((p) => ({ rule: p.rule, port: p.port, ...at(text, p.loc) })), [
    { rule: 'invalid-port', port: 99999, written: '99999', line: 1, column: 6 },
    // HTTP_PORT=0 on line 2 asks for any free port: no problem (see the PORT=0 test).
    { rule: 'invalid-port', port: -1, written: '-1', line: 3, column: 11 },
    { rule: 'invalid-port', port: undefined, written: '0x1F90', line: 4, column: 14 },
    { rule: 'invalid-port', port: undefined, written: 'abc', line: 5, column: 12 },
  ]);
  assert.match(facts.problems[0].message, /PORT=99999/);
  assert.match(facts.problems[3].message, /ADMIN_PORT=abc/);
});

// ---------------------------------------------------------------------------------------------
// parseEnv on inline texts

test('BOM and CRLF: the first key still counts and locations point at the digits', () => {
  const text = '\uFEFFPORT=8080\r\nexport HTTP_PORT="8081" # http\r\n';
  const facts = parseEnv(text, { file: 'svc/.env', folderName: 'svc' });
  assert.deepEqual(allocations(text, facts), [
    { service: 'svc', serviceKey: 'svc', role: undefined, port: 8080, claim: false, written: '8080', line: 1, column: 7 },
    { service: 'svc', serviceKey: 'svc', role: 'http', port: 8081, claim: false, written: '8081', line: 2, column: 19 },
  ]);
});

test('owner: APP_NAME names the service; no owner makes PORT a mention; config folders own nothing', () => {
  const named = 'APP_NAME=billing\nPORT=8085\n';
  assert.deepEqual(allocations(named, parseEnv(named, { file: 'x/.env', folderName: 'x' })).map((a) => a.service), ['billing']);
  const bare = 'PORT=8085\n';
  for (const folderName of [undefined, 'config']) {
    const facts = parseEnv(bare, { file: 'config/.env', folderName });
    assert.deepEqual(facts.allocations, []);
    assert.deepEqual(mentions(bare, facts), [{ port: 8085, written: '8085', line: 1, column: 6 }]);
  }
});

test('numbers under other names, references, empty values and switches give nothing', () => {
  const text = 'MONTHLY_BUDGET=3000\nTIMEOUT=8080\nPORT=${UNSET}\nHTTP_PORT=$OTHER\nset GRPC_PORT=%GRPC%\nPORT=\nRANDOM_PORT=true\nMAX_RETRIES=5\n';
  const facts = parseEnv(text, { file: 'svc/.env', folderName: 'svc' });
  assert.deepEqual(facts.allocations, []);
  assert.deepEqual(facts.mentions, []);
  assert.deepEqual(facts.problems, []);
});

test('a shell prefix assignment gives its first word: PORT=8081 cargo run', () => {
  const text = 'PORT=8081 cargo run\n';
  const facts = parseEnv(text, { file: 'svc/run.env', folderName: 'svc' });
  assert.deepEqual(allocations(text, facts).map((a) => [a.port, a.written, a.column]), [[8081, '8081', 6]]);
});

test('key shapes: role words are stripped, generic names and public hosts name no service', () => {
  const text = [
    'GATEWAY_HTTP_PORT=8080',
    'PAYMENTS_SERVICE_URL=http://payments:8082',
    'LEDGER_ADDR=localhost:8086',
    'GRPC_LISTEN_PORT=50051',
    'CONTAINER_PORT=80',
    'LISTEN_ADDR=:8080',
    'PUBLIC_URL=http://localhost:3000',
    'NEXT_PUBLIC_API_URL=http://localhost:8000',
    'PROMETHEUS_PORT=9090',
  ].join('\n');
  const facts = parseEnv(text, { file: 'svc/.env', folderName: 'svc' });
  assert.deepEqual(facts.allocations.map((a) => [a.serviceKey, a.role, a.port, a.claim]), [
    ['gateway', 'http', 8080, false],
    ['payments', undefined, 8082, true],
    ['ledger', undefined, 8086, true],
    ['svc', 'grpc', 50051, false],
    ['prometheus', undefined, 9090, false],
  ]);
  assert.deepEqual(facts.mentions.map((m) => m.port), [80, 8080, 3000, 8000]);
});

test('isEnvFileName and environments from file names', () => {
  for (const name of ['.env', '.env.production', '.env.local', 'dev.env', 'services/api/.env.example', 'C:\\x\\.env.sample', 'env.example', 'deploy/env.sample', 'env.template', 'env.dist']) {
    assert.ok(isEnvFileName(name), name);
  }
  // A template named without the dot is a template like `.env.example`.
  assert.ok(isEnvTemplateFileName('deploy/env.sample'));
  for (const name of ['.envrc', 'env', 'README.md', 'environment.ts', '.env.', 'docker-compose.yml', 'env.ts', 'env.production']) {
    assert.ok(!isEnvFileName(name), name);
  }
  assert.equal(envEnvironmentFromFileName('.env.production'), 'production');
  assert.equal(envEnvironmentFromFileName('a/.env.production.local'), 'production');
  assert.equal(envEnvironmentFromFileName('.env.local'), 'development');
  assert.equal(envEnvironmentFromFileName('.env.development'), 'development');
  assert.equal(envEnvironmentFromFileName('dev.env'), 'development');
  assert.equal(envEnvironmentFromFileName('.env.staging'), 'staging');
  assert.equal(envEnvironmentFromFileName('.env'), undefined);
  assert.equal(envEnvironmentFromFileName('.env.example'), undefined);
});

// ---------------------------------------------------------------------------------------------
// envFacts as the Markdown parser calls it

test('a fenced block under a service heading: set HTTP_PORT=8087 belongs to the heading\'s service', () => {
  const doc = '# Services\n\n### Token Engine (Port 8081)\n\n```cmd\ncd token-engine\nset HTTP_PORT=8087\nnetstat -ano | findstr "8080 8081"\n```\n';
  const content = doc.slice(doc.indexOf('cd token-engine'), doc.lastIndexOf('```'));
  const base = doc.indexOf(content);
  const lines = new LineIndex(doc);
  const facts = emptyFacts('docs/PORTS.md', 'markdown');
  envFacts(parseEnvAssignments(content, base), lines, facts, {
    ctx: { file: 'docs/PORTS.md' }, owner: 'Token Engine', environment: 'development', scope: 'payments',
    source: 'markdown',
  });
  assert.deepEqual(allocations(doc, facts), [
    { service: 'Token Engine', serviceKey: 'token-engine', role: 'http', port: 8087, claim: false, written: '8087', line: 7, column: 15 },
  ]);
  const [a] = facts.allocations;
  assert.equal(a.source, 'markdown');
  assert.equal(a.scope, 'payments');
  assert.equal(a.environment, 'development');
  assert.equal(a.group, doc.indexOf('HTTP_PORT'), 'the group is where the variable is written, in the document');
  assert.deepEqual(facts.mentions, []);
  assert.deepEqual(facts.problems, []);
});

test('a block with DB_HOST and DB_PORT is a client setting; without an owner PORT is a mention', () => {
  const content = 'DB_HOST=localhost\nDB_PORT=5432\nPORT=8080\n';
  const lines = new LineIndex(content);
  const facts = emptyFacts('README.md', 'markdown');
  envFacts(parseEnvAssignments(content), lines, facts, { ctx: { file: 'README.md' }, source: 'markdown' });
  assert.deepEqual(allocations(content, facts).map((a) => [a.serviceKey, a.port, a.claim]), [['db', 5432, true]]);
  assert.deepEqual(mentions(content, facts), [{ port: 8080, written: '8080', line: 3, column: 6 }]);
});

// ---------------------------------------------------------------------------------------------
// Hostile input

test('binary garbage, invalid UTF-8 and huge lines never throw', () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let round = 0; round < 200; round++) {
    const bytes = Buffer.from(Array.from({ length: 512 }, () => Math.floor(random() * 256)));
    const pieces = ['PORT=', '"', "'", '\n', '\r', '#', ' ', '=', 'export ', 'set "', '_URL=http://a:', '\\'];
    const mixed = bytes.toString('utf8') + pieces.map((p) => (random() < 0.5 ? p : '')).join('') + bytes.toString('latin1');
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), mixed]) {
      const facts = parseEnv(text, { file: '.env', folderName: 'x' });
      for (const a of facts.allocations) assert.ok(a.port >= 1 && a.port <= 65535);
    }
  }
  const huge = `PORT=${'9'.repeat(200_000)}\nA=${'x'.repeat(200_000)} # c\n${'B'.repeat(200_000)}\n`;
  const facts = parseEnv(huge, { file: '.env', folderName: 'x' });
  assert.equal(facts.problems.length, 1);
  assert.ok(facts.problems[0].message.length < 100);
});

test('an unclosed quote and many escaped quotes stay linear', () => {
  const text = `A="open\n${'B=\\"x\\" \\"y\\"\n'.repeat(100_000)}`;
  const started = Date.now();
  const got = parseEnvAssignments(text);
  assert.equal(got.length, 100_000);
  assert.equal(got[0].key, 'B');
  assert.equal(got[0].value, '\\"x\\" \\"y\\"');
  assert.ok(Date.now() - started < 2000);
});

test('Docker link variables (`DB_PORT_5432_TCP_PORT`) say where a client connects: no service, no allocation', () => {
  const text = 'MYSQL_PORT_3306_TCP_ADDR=db\nMYSQL_PORT_3306_TCP_PORT=3306\nCACHE_PORT_6379_TCP=tcp://cache:6379\nAPP_PORT=8000\n';
  const facts = parseEnv(text, { file: 'app/.env', folderName: 'app' });
  assert.deepEqual(facts.allocations.map((a) => `${a.serviceKey}:${a.port}`), ['app:8000']);
  assert.ok(facts.mentions.some((m) => m.port === 6379));
});

test('a variable set again further down takes the later value: an earlier other port is a mismatch at its line', () => {
  const text = ['BILLING_PORT=7100', 'LEDGER_PORT=7200', 'TIMEOUT=30', '', '# Ports moved to the 32100 block', 'BILLING_PORT=32100', 'LEDGER_PORT=7200', 'TIMEOUT=60', ''].join('\n');
  for (const file of ['.env', '.env.example']) {
    const facts = parseEnv(text, { file, folderName: 'shop' });
    assert.deepEqual(facts.allocations.map((a) => `${a.variable}=${a.port}@${a.loc.span.startLine}`), ['BILLING_PORT=32100@6', 'LEDGER_PORT=7200@7'], file);
    assert.deepEqual(facts.problems.map((p) => `${p.rule}@${p.loc.span.startLine}: ${p.message}`), [
      'port-mismatch@1: BILLING_PORT is 7100 here, but set again to 32100 on line 6, the value that is used',
    ], file);
    assert.deepEqual(facts.problems[0].related?.map((r) => r.loc.span.startLine), [6], file);
  }
});

test("PROMETHEUS_PORT in an app's own env file is where the app serves its metrics; elsewhere it is Prometheus's port", () => {
  const app = 'SERVICE_NAME=proxy\nPORT=30007\nPROMETHEUS_PORT=30008\n';
  assert.deepEqual(parseEnv(app, { file: 'proxy/.env', folderName: 'proxy' }).allocations.map((a) => `${a.serviceKey} ${a.role ?? '-'} ${a.port}`), ['proxy - 30007', 'proxy metrics 30008']);
  // A stack's env file that sets no app port of its own: the variable is the Prometheus server's.
  const stack = 'PROMETHEUS_PORT=9090\nGRAFANA_PORT=3000\n';
  assert.deepEqual(parseEnv(stack, { file: 'monitoring/.env', folderName: 'monitoring' }).allocations.map((a) => `${a.serviceKey} ${a.role ?? '-'} ${a.port}`), ['prometheus - 9090', 'grafana - 3000']);
});

test('`<NAME>_HOST_PORT` is the host side of that service\'s port; a bare `HOST_PORT` names no service', () => {
  const text = 'PREVIEW_HOST_PORT=46001\nREDIS_EXTERNAL_PORT=6380\nHOST_PORT=8080\n';
  assert.deepEqual(parseEnv(text, { file: '.env' }).allocations.map((a) => `${a.serviceKey} ${a.port}`), ['preview 46001', 'redis 6380']);
});

test('one file setting a service\'s APP and API ports apart names two parts; one main word alone is the service', () => {
  const names = (text: string) => parseEnv(text, { file: '.env', folderName: 'shop' }).allocations.map((a) => `${a.serviceKey}=${a.port}${a.claim ? '?' : ''}`);
  // (The URL beside the app's port makes the file a client of the app: a claim.)
  assert.deepEqual(names('LEDGER_APP_PORT=7201\nLEDGER_API_PORT=7601\nLEDGER_APP_URL=http://localhost:7201\n'), ['ledger-app=7201?', 'ledger-api=7601', 'ledger-app=7201?']);
  assert.deepEqual(names('LEDGER_API_PORT=7601\nLEDGER_WORKERS=4\n'), ['ledger=7601']);
  // Both set to one port: one service, written twice.
  assert.deepEqual(names('LEDGER_APP_PORT=7601\nLEDGER_API_PORT=7601\n'), ['ledger=7601', 'ledger=7601']);
  assert.deepEqual(checkFiles({ '.env': 'LEDGER_APP_PORT=7201\nLEDGER_API_PORT=7601\n' }).findings.map(brief), []);
});

test('a `localhost` URL is dialled through the host port: the container port behind another published port does not agree', () => {
  const compose = 'services:\n  vault:\n    image: vault\n    ports: ["7381:7300"]\n';
  const findings = (env: string) => checkFiles({ 'compose.yaml': compose, '.env': env }).findings.map(brief);
  assert.deepEqual(findings('VAULT_URL=http://localhost:7300/v1\n'), ['port-mismatch@.env:1']);
  assert.deepEqual(findings('VAULT_URL=http://localhost:7381/v1\n'), []);
  // By the service's name (in a container on the compose network), or as a bare port: the container side agrees.
  assert.deepEqual(findings('VAULT_URL=http://vault:7300/v1\n'), []);
  assert.deepEqual(findings('VAULT_PORT=7300\n'), []);
});

test('FRONTEND_API_URL is where the frontend finds its API, not the frontend\'s own URL; FRONTEND_URL is the frontend\'s', () => {
  const claims = (text: string) => parseEnv(text, { file: 'web/.env' }).allocations.map((a) => `${a.service}=${a.port}`);
  assert.deepEqual(claims('VITE_FRONTEND_API_ENDPOINT=http://localhost:8080\nCLIENT_API_URL=http://localhost:8081\n'), []);
  assert.deepEqual(claims('FRONTEND_URL=http://localhost:3301\nLEDGER_API_URL=http://localhost:8082\n'), ['frontend=3301', 'ledger=8082']);
});

test('PORT=0 asks the system for any free port: no allocation and no invalid-port; 70000 is still invalid', () => {
  const facts = parseEnv('PORT=0\nLEDGER_PORT=0\nVAULT_PORT=70000\n', { file: 'services/till/.env.test' });
  assert.deepEqual(facts.allocations, []);
  assert.deepEqual(facts.problems.map((p) => `${p.rule}:${p.loc.span.startLine}`), ['invalid-port:3']);
});

test('settings under a comment that calls them internal or container ports are where processes listen inside containers: mentions', () => {
  const env = ['# Gateway', 'GATEWAY_GRPC_PORT=7317', '# Tracer internal ports', 'TRACER_GRPC_PORT=7317', 'TRACER_HTTP_PORT=7318'].join('\n');
  const c = checkFiles({ '.env': env });
  assert.deepEqual(c.allocations.map((a) => `${a.service}=${a.port}`), ['gateway=7317']);
  assert.deepEqual(c.findings.map(brief), []);
  // The same block in a document; without the comment the two clash.
  const doc = (comment: string) => ['# Stack', '', '```env', 'GATEWAY_GRPC_PORT=7317', comment, 'TRACER_GRPC_PORT=7317', '```'].join('\n');
  assert.deepEqual(checkFiles({ 'README.md': doc('# container ports (not published)') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'README.md': doc('# Tracer') }).findings.map(brief), ['port-conflict@README.md:6']);
});
