// devcontainer.json: what it says (the fixtures in test/fixtures/devcontainer, and inline files for
// what a fixture cannot show on its own), and its places in the world model: the dev environment of
// the compose project it names, where its forwarded ports clash with that project's services; and
// the core queries the editor asks on them (the place under the cursor, references, rename, ignore).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts } from '../../src/core/model';
import { parseByKind, sourceKindOf } from '../../src/core/parsers/dispatch';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { buildRuleInput } from '../../src/core/rules/model';
import { targetAt } from '../../src/core/query/at';
import { placesOn } from '../../src/core/query/lookup';
import { planMove } from '../../src/core/edits/movePort';
import { planIgnore } from '../../src/core/edits/suppress';
import { applyEdits, groupByFile } from '../../src/core/edits/textEdit';

const FIXTURES = join(__dirname, '..', 'fixtures', 'devcontainer');

type Files = Record<string, string>;

function parse(text: string, file = '.devcontainer/devcontainer.json'): FileFacts {
  return parseByKind(sourceKindOf(file)!, text, { file, folderName: '.devcontainer' });
}

/** `service port "written" line` for each allocation, and `port line` for each mention. */
function summary(text: string, facts: FileFacts): { allocations: string[]; mentions: string[] } {
  const written = (span: { startOffset: number; endOffset: number }) => JSON.stringify(text.slice(span.startOffset, span.endOffset));
  return {
    allocations: facts.allocations.map((a) => [a.service, a.port, a.environment, written(a.loc.span), a.loc.span.startLine, ...(a.names ?? [])].join(' ')),
    mentions: facts.mentions.map((m) => `${m.port} ${m.loc.span.startLine}`),
  };
}

test('forwardPorts and appPort: host ports of the dev environment, named by label, by the compose service named, or by the dev container\'s service', () => {
  const text = readFileSync(join(FIXTURES, '.devcontainer', 'devcontainer.json'), 'utf8');
  const facts = parse(text);
  assert.deepEqual(summary(text, facts), {
    allocations: [
      'Harbor UI 4100 development "4100" 7 workspace',
      'Harbor UI 4100 development "4100" 17 workspace',
      'ledger-db 5432 development "5432" 8',
      'Node debugger 9229 development "9229" 12 workspace',
      'Node debugger 9229 development "9229" 18 workspace',
      'workspace 4180 development "4180" 15',
      'workspace 4182 development "4182" 15',
    ],
    // A label of a port nothing forwards names no place; a commented entry and a placeholder say nothing.
    mentions: ['4444 20'],
  });
  assert.deepEqual(facts.devcontainer, { composeFiles: ['compose.yaml', '.devcontainer/compose.dev.yaml'] });
  assert.deepEqual(facts.allocations.find((a) => a.port === 4180)?.containerPort, 80);
  assert.deepEqual(facts.problems.map((p) => `${p.rule} ${p.port} ${p.loc.span.startLine}`), ['invalid-port 70000 13']);
});

test('a dev container of an image: a range\'s label names the ports in it; an escaped digit is no place to edit', () => {
  const text = readFileSync(join(FIXTURES, '.devcontainer.json'), 'utf8');
  assert.deepEqual(summary(text, parse(text, '.devcontainer.json')).allocations, ['Previews 4310 development "4310" 3', 'Previews 4311 development "4311" 3']);
});

test('a dev container with neither service nor name nor label: its ports are mentions; broken JSONC is a note, never a throw', () => {
  assert.deepEqual(summary('{ "forwardPorts": [3000] }', parse('{ "forwardPorts": [3000] }')), { allocations: [], mentions: ['3000 1'] });
  for (const broken of ['{ "forwardPorts": [3000 }', '{ /* open', '{ "name": "x", } }', '[3000]', '']) {
    const facts = parse(broken);
    assert.deepEqual(facts.allocations, []);
    if (broken.startsWith('{')) assert.deepEqual(facts.notes, ['not valid JSON with comments: its ports were not read']);
  }
});

function findings(files: Files): string[] {
  return checkFiles(files).findings.map((f) => `${brief(f)} ${f.message}`);
}

const COMPOSE = [
  'services:',
  '  workspace:',
  '    build: .',
  '  ledger-db:',
  '    image: postgres:16',
  '    ports:',
  '      - "5433:5432"',
  '  mail:',
  '    image: mailpit',
  '    ports:',
  '      - "8025:8025"',
  '',
].join('\n');

function devcontainer(forward: string, extra = ''): string {
  return `{\n  "name": "Harbor",\n  "dockerComposeFile": "../compose.yaml",\n  "service": "workspace",\n  "forwardPorts": [${forward}],${extra}\n}\n`;
}

test('port-conflict: a port the dev container takes under a name of its own where another service of its compose project publishes it', () => {
  // A bare forward of mail's port forwards mail's port (the dev container shares its network, or the
  // editor forwards the published port): no second listener.
  assert.deepEqual(findings({ 'compose.yaml': COMPOSE, '.devcontainer/devcontainer.json': devcontainer('3000, 8025') }), []);
  // Labelled as a service of its own, or published by Docker (`appPort`), it is one.
  assert.deepEqual(findings({ 'compose.yaml': COMPOSE, '.devcontainer/devcontainer.json': devcontainer('3000, 8025', '\n  "portsAttributes": { "8025": { "label": "Harbor UI" } },') }),
    ['port-conflict@compose.yaml:11 Port 8025 is taken by both mail and Harbor UI (.devcontainer/devcontainer.json:5)']);
  assert.deepEqual(findings({ 'compose.yaml': COMPOSE, '.devcontainer/devcontainer.json': devcontainer('3000', '\n  "appPort": [8025],') }),
    ['port-conflict@compose.yaml:11 Port 8025 is taken by both mail and workspace (.devcontainer/devcontainer.json:6)']);
  // Two forwarded entries of different services on one port, with no compose project at all.
  assert.deepEqual(findings({ '.devcontainer.json': '{ "name": "solo", "forwardPorts": [6379, "cache:6379"] }' }),
    ['port-conflict@.devcontainer.json:1 Port 6379 is taken by both cache and solo (.devcontainer.json:1)']);
});

test('not a conflict nor a mismatch: the service\'s own port forwarded, a label of a service\'s port, a commented entry, a placeholder, an unrelated project', () => {
  // ledger-db publishes its 5432 on the host's 5433: forwarding the container's 5432 agrees with it.
  assert.deepEqual(findings({ 'compose.yaml': COMPOSE, '.devcontainer/devcontainer.json': devcontainer('"ledger-db:5432", "mail:8025"') }), []);
  assert.deepEqual(findings({
    'compose.yaml': COMPOSE,
    '.devcontainer/devcontainer.json': devcontainer('"mail:8025", // 5433\n    "${localEnv:MAIL_PORT}"', '\n  "portsAttributes": { "8025": { "label": "Mail UI" } },'),
  }), []);
  // A compose project the dev container does not run is another world.
  assert.deepEqual(findings({ 'other/compose.yaml': COMPOSE, '.devcontainer/devcontainer.json': devcontainer('8025') }), []);
  // In production, a document's table is another environment than the dev container's.
  assert.deepEqual(findings({
    'README.md': '# Harbor\n\n## Production\n\n| Service | Port |\n|---|---|\n| billing | 3000 |\n',
    '.devcontainer/devcontainer.json': devcontainer('3000'),
  }), []);
});

const WORKSPACE: Files = {
  'compose.yaml': COMPOSE,
  '.devcontainer/devcontainer.json': devcontainer('"ledger-db:5432", 4100', '\n  "portsAttributes": { "4100": { "label": "Harbor UI" } },'),
};

test('hover and references: the digits inside the JSON string are the place under the cursor, beside the compose service\'s places', () => {
  const { model } = checkFiles(WORKSPACE);
  const input = buildRuleInput(model.files());
  const line = WORKSPACE['.devcontainer/devcontainer.json'].split('\n')[4];
  const column = line.indexOf('5432') + 1;
  const target = targetAt(input, '.devcontainer/devcontainer.json', { line: 5, column });
  assert.ok(target?.kind === 'place');
  assert.deepEqual([target.place.service, target.place.port, target.place.source, target.place.loc.span.endColumn - column], ['ledger-db', 5432, 'devcontainer', 4]);
  assert.deepEqual(placesOn(input, 4100, 4100).map((p) => `${p.service} ${p.loc.file}:${p.loc.span.startLine}`),
    ['Harbor UI .devcontainer/devcontainer.json:5', 'Harbor UI .devcontainer/devcontainer.json:6']);
});

test('rename: moving a forwarded port edits its digits and its portsAttributes key, nothing else', () => {
  const { model } = checkFiles(WORKSPACE);
  const input = buildRuleInput(model.files());
  const file = '.devcontainer/devcontainer.json';
  const place = input.places.find((p) => p.loc.file === file && p.port === 4100)!;
  const plan = planMove(input, place, 4101, { read: (f) => WORKSPACE[f] });
  assert.deepEqual(plan.skipped, []);
  const after: Files = { ...WORKSPACE };
  for (const [f, edits] of groupByFile(plan.edits)) after[f] = applyEdits(WORKSPACE[f], edits);
  assert.equal(after[file], WORKSPACE[file].replace('5432", 4100', '5432", 4101').replace('"4100": {', '"4101": {'));
  assert.equal(after['compose.yaml'], COMPOSE);
  // Inside the JSON string: `"ledger-db:5432"` becomes `"ledger-db:5434"`.
  const db = input.places.find((p) => p.loc.file === file && p.port === 5432)!;
  const moved = planMove(input, db, 5434, { read: (f) => WORKSPACE[f] });
  assert.deepEqual(moved.edits.map((e) => `${e.file} ${WORKSPACE[e.file].slice(e.start, e.end)}→${e.newText}`), [`${file} 5432→5434`]);
});

test('ignore here: a // comment above the line, which JSONC allows and the engine honours', () => {
  const file = '.devcontainer.json';
  const text = '{\n  "name": "solo",\n  "forwardPorts": [\n    6379,\n    "cache:6379"\n  ]\n}\n';
  assert.deepEqual(findings({ [file]: text }), ['port-conflict@.devcontainer.json:5 Port 6379 is taken by both cache and solo (.devcontainer.json:4)']);
  const plan = planIgnore(text, file, 'devcontainer', 5, 'port-conflict');
  assert.ok('edits' in plan);
  const ignored = applyEdits(text, plan.edits);
  assert.equal(ignored, text.replace('    "cache', '    // portolan-ignore port-conflict\n    "cache'));
  assert.deepEqual(findings({ [file]: ignored }), []);
});
