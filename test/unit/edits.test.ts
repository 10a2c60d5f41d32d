// Edit planning (src/core/edits): change one number, move a service's port everywhere it is
// written, compose `${VAR:-N}` ports. Each test applies the planned edits to the files and compares
// every file, whole, before and after: only the intended digits change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../support/memoryWorkspace';
import { buildRuleInput, type Place } from '../../src/core/rules/model';
import { applyEdits, groupByFile, type TextEdit } from '../../src/core/edits/textEdit';
import { planChangePort } from '../../src/core/edits/changePort';
import { planMove, servicePortPlaces } from '../../src/core/edits/movePort';
import { parseInterpolation, portSpans } from '../../src/core/edits/portSpans';

type Files = Record<string, string>;

function workspace(files: Files) {
  const c = checkFiles(files);
  const input = buildRuleInput(c.model.files());
  const host = { read: (f: string) => files[f] };
  return { ...c, input, host };
}

/** Every file after the edits (files the edits do not touch are returned unchanged). */
function applyAll(files: Files, edits: TextEdit[]): Files {
  const out = { ...files };
  for (const [file, list] of groupByFile(edits)) out[file] = applyEdits(files[file], list);
  return out;
}

function placeAt(input: ReturnType<typeof buildRuleInput>, file: string, line: number, service?: string): Place {
  const found = input.places.find((p) => p.loc.file === file && p.loc.span.startLine === line && (!service || p.service === service));
  assert.ok(found, `a place at ${file}:${line}`);
  return found;
}

const REGISTRY = [
  '# Port registry  (comments, blank lines and key order must survive)',
  'version: 1',
  '',
  'ranges:',
  '  core: { from: 8000, to: 8009, description: "Core services" }',
  '  apps: { from: 8080, to: 8089 }',
  '',
  'services:',
  '  gateway:',
  '    range: core',
  "    ports: { http: 8000, grpc: 50051 }   # gRPC stays",
  '  settlement-engine:',
  '    range: apps',
  '    ports: { http: 8087 }',
  '    aliases: ["Settlement"]',
  '  ledger:',
  '    range: apps',
  "    ports: 8081",
  '',
].join('\n');

const COMPOSE = [
  'services:',
  '  gateway:',
  '    ports:',
  '      - "8000:8000"',
  '      - "50051:50051"',
  '  settlement-engine:',
  '    ports:',
  '      - "8087:8087"        # host and container both 8087: only the host side moves',
  '    environment:',
  '      LEDGER_URL: http://ledger:8081',
  '  ledger:',
  '    ports:',
  "      - '${LEDGER_PORT:-8081}:8081'",
  '',
].join('\n');

const DOC = [
  '# Ports',
  '',
  '## Applications (8080-8089)',
  '',
  '| Service | Port | Notes |',
  '|---------|------|-------|',
  '| **Settlement Engine** | **8087** | clearing |',
  '| Ledger | 8081 | double entry, see http://localhost:8087/docs |',
  '',
  '```mermaid',
  'graph LR',
  '  Gateway[Gateway :8000] --> Settlement[Settlement Engine :8087]',
  '```',
  '',
  '```bash',
  'SETTLEMENT_ENGINE_URL=http://localhost:8087',
  'LEDGER_URL=http://localhost:8081',
  '```',
  '',
  'Settlement used to be on 8086 (history, not an allocation).',
  '',
].join('\n');

const ENV = 'LEDGER_PORT=8081\r\nSETTLEMENT_ENGINE_URL=http://localhost:8087/api\r\n# a comment\r\n';

const FILES: Files = { 'ports.yaml': REGISTRY, 'docker-compose.yml': COMPOSE, 'docs/PORTS.md': DOC, '.env': ENV };

test('move: every place that writes settlement-engine\'s port changes, nothing else', () => {
  const w = workspace(FILES);
  const target = placeAt(w.input, 'docs/PORTS.md', 7);
  assert.equal(target.identity, 'settlement-engine');
  const plan = planMove(w.input, target, 8083, w.host);
  assert.deepEqual(plan.skipped, []);
  const after = applyAll(FILES, plan.edits);
  assert.equal(after['ports.yaml'], REGISTRY.replace('{ http: 8087 }', '{ http: 8083 }'));
  assert.equal(after['docker-compose.yml'], COMPOSE.replace('"8087:8087"', '"8083:8087"'));
  assert.equal(after['docs/PORTS.md'], DOC
    .replace('**8087**', '**8083**')
    .replace('Settlement Engine :8087', 'Settlement Engine :8083')
    .replace('SETTLEMENT_ENGINE_URL=http://localhost:8087', 'SETTLEMENT_ENGINE_URL=http://localhost:8083'));
  // The URL in Ledger's notes cell is prose (a mention): not the service's port as far as we know.
  assert.ok(after['docs/PORTS.md'].includes('see http://localhost:8087/docs'));
  // CRLF and the comment in .env stay; only the digits of the URL's port change.
  assert.equal(after['.env'], ENV.replace('localhost:8087/api', 'localhost:8083/api'));
  assert.equal(plan.edits.every((e) => e.end - e.start === 4 && e.newText === '8083'), true);
});

test('move: the same number of another role or another service is never touched', () => {
  const w = workspace(FILES);
  const gateway = placeAt(w.input, 'ports.yaml', 11, 'gateway');
  assert.equal(gateway.port, 8000);
  const after = applyAll(FILES, planMove(w.input, gateway, 8002, w.host).edits);
  assert.equal(after['ports.yaml'], REGISTRY.replace('{ http: 8000, grpc: 50051 }', '{ http: 8002, grpc: 50051 }'));
  assert.equal(after['docker-compose.yml'], COMPOSE.replace('"8000:8000"', '"8002:8000"'));
  assert.equal(after['docs/PORTS.md'], DOC.replace('Gateway[Gateway :8000]', 'Gateway[Gateway :8002]'));
  assert.equal(after['.env'], ENV);
});

test('move: a compose ${VAR:-N} port set in the .env beside it edits the .env value and the matching default', () => {
  const w = workspace(FILES);
  const ledger = placeAt(w.input, 'docker-compose.yml', 13, 'ledger');
  assert.equal(ledger.fromVariable, 'LEDGER_PORT');
  const plan = planMove(w.input, ledger, 8084, w.host);
  const after = applyAll(FILES, plan.edits);
  assert.equal(after['docker-compose.yml'], COMPOSE.replace("'${LEDGER_PORT:-8081}:8081'", "'${LEDGER_PORT:-8084}:8081'"));
  assert.equal(after['.env'], ENV.replace('LEDGER_PORT=8081', 'LEDGER_PORT=8084'));
  assert.equal(after['ports.yaml'], REGISTRY.replace('ports: 8081', 'ports: 8084'));
  assert.equal(after['docs/PORTS.md'], DOC.replace('| Ledger | 8081 |', '| Ledger | 8084 |').replace('LEDGER_URL=http://localhost:8081', 'LEDGER_URL=http://localhost:8084'));
  // The container side (`:8081` after the variable) and the container URL in `environment` stay.
  assert.ok(after['docker-compose.yml'].includes('LEDGER_URL: http://ledger:8081'));
  // Two places (the compose port and LEDGER_PORT itself) write the .env value: one edit.
  assert.equal(plan.edits.filter((e) => e.file === '.env').length, 1);
});

test('${VAR:-N} without the variable in a .env edits the default; a default that differs from the .env value is left alone', () => {
  const compose = 'services:\n  web:\n    ports:\n      - "${WEB_PORT:-3000}:80"\n';
  const lone = workspace({ 'docker-compose.yml': compose });
  const web = placeAt(lone.input, 'docker-compose.yml', 4);
  assert.equal(applyEdits(compose, (planChangePort(web, 3001, lone.host) as { edits: TextEdit[] }).edits), compose.replace(':-3000}', ':-3001}'));

  const files = { 'docker-compose.yml': compose, '.env': 'WEB_PORT=3005\n' };
  const set = workspace(files);
  const webSet = placeAt(set.input, 'docker-compose.yml', 4);
  assert.equal(webSet.port, 3005);
  const after = applyAll(files, (planChangePort(webSet, 3006, set.host) as { edits: TextEdit[] }).edits);
  assert.equal(after['.env'], 'WEB_PORT=3006\n');
  assert.equal(after['docker-compose.yml'], compose);

  const bare = { 'docker-compose.yml': 'services:\n  web:\n    ports:\n      - "$WEB_PORT:80"\n', '.env': 'WEB_PORT="3005"\n' };
  const b = workspace(bare);
  const afterBare = applyAll(bare, (planChangePort(placeAt(b.input, 'docker-compose.yml', 4), 3007, b.host) as { edits: TextEdit[] }).edits);
  assert.equal(afterBare['.env'], 'WEB_PORT="3007"\n');
  assert.equal(afterBare['docker-compose.yml'], bare['docker-compose.yml']);
});

test('change: only the one number, in every kind of place', () => {
  const w = workspace(FILES);
  for (const [file, line, service, expected] of [
    ['docs/PORTS.md', 7, 'Settlement Engine', DOC.replace('**8087**', '**8088**')],
    ['docs/PORTS.md', 12, 'Settlement Engine', DOC.replace('Settlement Engine :8087', 'Settlement Engine :8088')],
    ['docs/PORTS.md', 16, undefined, DOC.replace('SETTLEMENT_ENGINE_URL=http://localhost:8087', 'SETTLEMENT_ENGINE_URL=http://localhost:8088')],
    ['ports.yaml', 14, undefined, REGISTRY.replace('{ http: 8087 }', '{ http: 8088 }')],
    ['docker-compose.yml', 8, undefined, COMPOSE.replace('"8087:8087"', '"8088:8087"')],
    ['.env', 2, undefined, ENV.replace('8087/api', '8088/api')],
  ] as const) {
    const place = placeAt(w.input, file, line, service);
    const plan = planChangePort(place, 8088, w.host);
    assert.ok('edits' in plan, `${file}:${line}`);
    assert.equal(plan.edits.length, 1);
    assert.equal(applyEdits(FILES[file], plan.edits), expected, `${file}:${line}`);
  }
});

test('places that are not one written number are skipped with a reason', () => {
  const files = { 'docker-compose.yml': 'services:\n  rtp:\n    ports:\n      - "10000-10010:10000-10010/udp"\n' };
  const w = workspace(files);
  const rtp = placeAt(w.input, 'docker-compose.yml', 4);
  const plan = planChangePort(rtp, 20000, w.host);
  assert.ok('error' in plan && /range of ports/.test(plan.error));
  assert.deepEqual(portSpans({ ...rtp.allocation, endPort: undefined, port: 9999 }, w.host), { error: 'docker-compose.yml:4 does not write 9999 as a number' });
});

test('servicePortPlaces: same identity (aliases included), scope, port and role; a role-less place joins the role with that port', () => {
  const w = workspace(FILES);
  const registry = placeAt(w.input, 'ports.yaml', 14);
  const places = servicePortPlaces(w.input, registry).map((p) => `${p.loc.file}:${p.loc.span.startLine}`);
  assert.deepEqual(places, ['.env:2', 'docker-compose.yml:8', 'docs/PORTS.md:7', 'docs/PORTS.md:12', 'docs/PORTS.md:16', 'ports.yaml:14']);
  const grpc = placeAt(w.input, 'ports.yaml', 11).role === 'grpc' ? placeAt(w.input, 'ports.yaml', 11) : w.input.places.find((p) => p.role === 'grpc')!;
  const grpcPlaces = servicePortPlaces(w.input, grpc).map((p) => `${p.loc.file}:${p.loc.span.startLine}:${p.port}`);
  assert.deepEqual(grpcPlaces, ['docker-compose.yml:5:50051', 'ports.yaml:11:50051']);
});

test('without a .env, a ${VAR} port compose takes from the env template is edited in the template; a ${VAR:-N} default is edited in place', () => {
  const compose = 'services:\n  web:\n    ports:\n      - "${WEB_PORT}:80"\n      - "${ADMIN_PORT:-3100}:81"\n';
  const files = { 'docker-compose.yml': compose, '.env.example': 'WEB_PORT=3005\nADMIN_PORT=3105\n' };
  const w = workspace(files);
  const web = placeAt(w.input, 'docker-compose.yml', 4);
  assert.equal(web.port, 3005);
  const after = applyAll(files, (planChangePort(web, 3006, w.host) as { edits: TextEdit[] }).edits);
  assert.equal(after['.env.example'], 'WEB_PORT=3006\nADMIN_PORT=3105\n');
  assert.equal(after['docker-compose.yml'], compose);
  const admin = placeAt(w.input, 'docker-compose.yml', 5);
  assert.equal(admin.port, 3100);
  const afterAdmin = applyAll(files, (planChangePort(admin, 3101, w.host) as { edits: TextEdit[] }).edits);
  assert.equal(afterAdmin['docker-compose.yml'], compose.replace(':-3100}', ':-3101}'));
  assert.equal(afterAdmin['.env.example'], files['.env.example']);
});

test('parseInterpolation', () => {
  assert.deepEqual(parseInterpolation('${A:-8080}'), { name: 'A', op: ':-', fallback: '8080', fallbackAt: 5 });
  assert.deepEqual(parseInterpolation('${A-80}'), { name: 'A', op: '-', fallback: '80', fallbackAt: 4 });
  assert.deepEqual(parseInterpolation('${A}'), { name: 'A', op: '', fallback: undefined, fallbackAt: 3 });
  assert.deepEqual(parseInterpolation('$A'), { name: 'A', op: '', fallbackAt: 0 });
  assert.equal(parseInterpolation('8080'), undefined);
  assert.equal(parseInterpolation('${A:?required}')?.fallback, undefined);
});

test('moving a service in one stack of an examples collection never touches another stack\'s same-named service', () => {
  const files: Files = {
    'shop/compose.yaml': 'services:\n  web:\n    image: w\n    ports: ["8000:80"]\n  metrics:\n    image: prom/prometheus\n    ports: ["9090:9090"]\n',
    'shop/README.md': '| Service | Port |\n|---|---|\n| web | 8000 |\n',
    'blog/compose.yaml': 'services:\n  web:\n    image: w\n    ports: ["8000:80"]\n  metrics:\n    image: prom/prometheus\n    ports: ["9090:9090"]\n',
  };
  const { input, host } = workspace(files);
  const web = placeAt(input, 'shop/compose.yaml', 4);
  assert.deepEqual(servicePortPlaces(input, web).map((p) => p.loc.file).sort(), ['shop/README.md', 'shop/compose.yaml']);
  const moved = applyAll(files, planMove(input, web, 8001, host).edits);
  assert.match(moved['shop/compose.yaml'], /"8001:80"/);
  assert.match(moved['shop/README.md'], /\| web \| 8001 \|/);
  assert.equal(moved['blog/compose.yaml'], files['blog/compose.yaml']);
  const metrics = placeAt(input, 'blog/compose.yaml', 7);
  assert.deepEqual(servicePortPlaces(input, metrics).map((p) => p.loc.file), ['blog/compose.yaml']);
});
