// A Dockerfile's ports are the container side of the compose service that builds it: compared with
// the container port that service publishes (port-mismatch), and never anything else; they are
// places of the service in the allocation table, and rename moves them apart from the host side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocationTable } from '../../src/core/query/allocations';
import { buildRuleInput, type Place } from '../../src/core/rules/model';
import { planMove } from '../../src/core/edits/movePort';
import { planChangePort } from '../../src/core/edits/changePort';
import { whyNotFree } from '../../src/core/edits/freePort';
import { applyEdits, groupByFile, type TextEdit } from '../../src/core/edits/textEdit';
import { brief, checkFiles } from '../support/memoryWorkspace';

type Files = Record<string, string>;
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const COMPOSE = lines(
  'services:',
  '  orders:',
  '    build: ./orders',
  '    ports:',
  '      - "8080:3000"',
);
const image = (...body: string[]) => lines('FROM node:20-alpine', ...body, 'CMD ["node", "server.js"]');

test('port-mismatch: compose publishes a container port the image it builds does not expose, at the container port', () => {
  const c = checkFiles({ 'docker-compose.yml': COMPOSE, 'orders/Dockerfile': image('EXPOSE 8080') });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@docker-compose.yml:5']);
  const [f] = c.findings;
  assert.equal(f.severity, 'warning');
  assert.equal(c.textAt(f.loc), '3000');
  assert.equal(f.port, 3000);
  assert.equal(f.message, 'orders publishes container port 3000 here, but its image declares 8080 (orders/Dockerfile:2)');
  assert.deepEqual(f.related.map((r) => `${r.loc.file}:${r.loc.span.startLine} ${r.message}`), ['orders/Dockerfile:2 EXPOSE 8080']);
  // The image's own PORT is what it declares too.
  assert.deepEqual(checkFiles({ 'docker-compose.yml': COMPOSE, 'orders/Dockerfile': image('ENV PORT=8080') }).findings.map(brief), ['port-mismatch@docker-compose.yml:5']);
  // The service under a registry name of its own, built from a folder of another name: the image is that service's still.
  const registry = lines('version: 1', 'services:', '  order-service:', '    ports: 8080', '    aliases: [orders]');
  const compose = COMPOSE.replace('build: ./orders', 'build: ./svc');
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'ports.yaml': registry, 'svc/Dockerfile': image('EXPOSE 8080') }).findings.map(brief), ['port-mismatch@docker-compose.yml:5']);
});

test('no port-mismatch where the image agrees or where it is not sure what the image listens on', () => {
  const quiet: Record<string, Files> = {
    'exposes it': { 'orders/Dockerfile': image('EXPOSE 8080 3000') },
    'sets it as its PORT': { 'orders/Dockerfile': image('ENV PORT=3000', 'EXPOSE 9229') },
    'a range holds it': { 'orders/Dockerfile': image('EXPOSE 2990-3010') },
    'says nothing': { 'orders/Dockerfile': image('ENV REDIS_PORT=6379') },
    'a commented EXPOSE': { 'orders/Dockerfile': image('# EXPOSE 8080') },
    'EXPOSE $PORT': { 'orders/Dockerfile': image('EXPOSE 8080 $PORT') },
    'EXPOSE ${PORT} from an ARG without default': { 'orders/Dockerfile': image('ARG PORT', 'EXPOSE 8080 ${PORT}') },
    'a base image with ports of its own': { 'orders/Dockerfile': lines('FROM nginx:alpine', 'EXPOSE 8080') },
    'an earlier stage the image is not': { 'orders/Dockerfile': lines('FROM node:20 AS build', 'EXPOSE 8080', 'FROM node:20') },
    'compose sets PORT': { 'docker-compose.yml': COMPOSE.replace('    ports:', '    environment:\n      PORT: "3000"\n    ports:'), 'orders/Dockerfile': image('EXPOSE 8080') },
    'compose runs another command': { 'docker-compose.yml': COMPOSE.replace('    ports:', '    command: node server.js --port 3000\n    ports:'), 'orders/Dockerfile': image('EXPOSE 8080') },
    'a variable container port': { 'docker-compose.yml': COMPOSE.replace('"8080:3000"', '"8080:${ORDERS_PORT}"'), 'orders/Dockerfile': image('EXPOSE 8080') },
    'a build arg sets the port': { 'docker-compose.yml': COMPOSE.replace('build: ./orders', 'build: { context: ./orders, args: { PORT: "3000" } }'), 'orders/Dockerfile': image('ARG PORT=8080', 'EXPOSE $PORT') },
    'the env file it reads sets PORT': {
      'docker-compose.yml': COMPOSE.replace('    ports:', '    env_file: orders.env\n    ports:'), 'orders.env': 'PORT=3000\n', 'orders/Dockerfile': image('EXPOSE 8080'),
    },
    'another Dockerfile than the one built': { 'orders/Dockerfile.dev': image('EXPOSE 8080') },
    'another port beside the one it exposes (a debugger)': {
      'docker-compose.yml': COMPOSE.replace('      - "8080:3000"', '      - "8080:3000"\n      - "9229:9229"'), 'orders/Dockerfile': image('EXPOSE 3000'),
    },
    'two services build one image': {
      'docker-compose.yml': `${COMPOSE}  orders-worker:\n    build: ./orders\n    ports: ["8090:3000"]\n`, 'orders/Dockerfile': image('EXPOSE 8080'),
    },
  };
  for (const [why, files] of Object.entries(quiet)) {
    const c = checkFiles({ 'docker-compose.yml': COMPOSE, ...files });
    assert.deepEqual(c.findings.map(brief), [], why);
  }
});

test('build.target: the stage compose builds and the stages it starts from are the image', () => {
  const dockerfile = lines('FROM node:20 AS base', 'EXPOSE 9229', 'FROM base AS dev', 'EXPOSE 3000', 'FROM node:20 AS release', 'EXPOSE 8080');
  const compose = (target: string) => COMPOSE.replace('build: ./orders', `build: { context: ./orders, target: ${target} }`);
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose('dev'), 'orders/Dockerfile': dockerfile }).findings.map(brief), []);
  const release = checkFiles({ 'docker-compose.yml': compose('release'), 'orders/Dockerfile': dockerfile });
  assert.deepEqual(release.findings.map((f) => f.message), ['orders publishes container port 3000 here, but its image declares 8080 (orders/Dockerfile:6)']);
  // Without a target, the last stage; a target that names no stage builds nothing Portolan can see.
  assert.deepEqual(checkFiles({ 'docker-compose.yml': COMPOSE, 'orders/Dockerfile': dockerfile }).findings.map(brief), ['port-mismatch@docker-compose.yml:5']);
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose('nope'), 'orders/Dockerfile': dockerfile }).findings.map(brief), []);
});

test('a Dockerfile\'s ports never clash, are never reserved or out of range, and never vote', () => {
  const files: Files = {
    'docker-compose.yml': lines('services:', '  orders:', '    build: ./orders', '    ports: ["8080:8080"]', '  search:', '    image: s', '    ports: ["3000:3000"]'),
    'orders/Dockerfile': image('EXPOSE 8080 9229'),
    'billing/Dockerfile': image('EXPOSE 3000'),
    'ports.yaml': lines('version: 1', 'ranges:', '  apps: { from: 8000, to: 8099 }', 'reserved:', '  - port: 9229', '    reason: debuggers', 'services:', '  orders: { range: apps, ports: 8080 }', '  search: 3000'),
    // The document's billing is compared with what runs (nothing here), not with the image.
    'docs/PORTS.md': lines('## Apps (8000-8099)', '', '| Service | Port |', '|---|---|', '| orders | 8080 |', '| billing | 8031 |'),
  };
  assert.deepEqual(checkFiles(files).findings.map(brief), []);
});

function workspace(files: Files) {
  const c = checkFiles(files);
  return { ...c, input: buildRuleInput(c.model.files()), host: { read: (f: string) => files[f] } };
}

function applyAll(files: Files, edits: TextEdit[]): Files {
  const out = { ...files };
  for (const [file, list] of groupByFile(edits)) out[file] = applyEdits(files[file], list);
  return out;
}

const STACK: Files = {
  'docker-compose.yml': lines('services:', '  orders:', '    build: ./orders', '    ports:', '      - "3000:3000"'),
  'orders/Dockerfile': image('ENV PORT=3000', 'EXPOSE 3000 9229'),
};

test('rename on an EXPOSE moves the image\'s port: exactly its digits and the PORT that says the same, not the host side', () => {
  const { input, host } = workspace(STACK);
  const exposed = input.places.find((p) => p.source === 'dockerfile' && p.port === 3000 && p.loc.span.startLine === 3)!;
  // The image's place is the compose service's: its identity, in its stack.
  assert.equal(exposed.identity, 'orders');
  assert.equal(whyNotFree(input, 8080, exposed), undefined);
  const plan = planMove(input, exposed, 4000, host);
  assert.deepEqual(applyAll(STACK, plan.edits), { ...STACK, 'orders/Dockerfile': image('ENV PORT=4000', 'EXPOSE 4000 9229') });
  // The quick fix's edit of one place changes that EXPOSE only.
  const one = planChangePort(exposed, 4000, host);
  assert.ok(!('error' in one));
  assert.deepEqual(applyAll(STACK, one.edits), { ...STACK, 'orders/Dockerfile': image('ENV PORT=3000', 'EXPOSE 4000 9229') });
  // Moving the host port leaves the container side (the compose target and the image) alone.
  const published = input.places.find((p) => p.source === 'compose')!;
  assert.deepEqual(applyAll(STACK, planMove(input, published, 4000, host).edits), { ...STACK, 'docker-compose.yml': STACK['docker-compose.yml'].replace('"3000:3000"', '"4000:3000"') });
});

test('the allocation table: the image\'s port is a place of the compose row that publishes it', () => {
  const files = { ...STACK, 'docker-compose.yml': STACK['docker-compose.yml'].replace('"3000:3000"', '"8080:3000"') };
  const { input } = workspace(files);
  const rows = allocationTable(input).map((r) => `${r.service} ${r.port}: ${r.places.map((p: Place) => `${p.loc.file}:${p.loc.span.startLine}${p.claim ? '?' : ''}`).join(' ')}`);
  assert.deepEqual(rows, ['orders 8080: docker-compose.yml:5 orders/Dockerfile:2? orders/Dockerfile:3?']);
});

test('editing the Dockerfile or the compose file re-checks the pair', () => {
  const files: Files = { 'docker-compose.yml': COMPOSE, 'orders/Dockerfile': image('EXPOSE 3000') };
  const c = checkFiles(files);
  assert.deepEqual(c.model.findings().map(brief), []);
  files['orders/Dockerfile'] = image('EXPOSE 8080');
  c.model.update('orders/Dockerfile');
  assert.deepEqual(c.model.findings().map(brief), ['port-mismatch@docker-compose.yml:5']);
  files['docker-compose.yml'] = COMPOSE.replace('build: ./orders', 'build: { context: ./orders, target: other }');
  c.model.update('docker-compose.yml');
  assert.deepEqual(c.model.findings().map(brief), []);
  files['docker-compose.yml'] = COMPOSE;
  c.model.update('docker-compose.yml');
  assert.deepEqual(c.model.findings().map(brief), ['port-mismatch@docker-compose.yml:5']);
  delete files['orders/Dockerfile'];
  c.model.update('orders/Dockerfile');
  assert.deepEqual(c.model.findings().map(brief), []);
});
