// Registry (ports.yaml) parser tests on the fixtures in test/fixtures/registry. Every location is
// checked by the text under it and its 1-based line and column, as an editor would underline it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileFacts, Location, ParseProblem } from '../../src/core/model';
import { parseRegistry } from '../../src/core/parsers/registry/registry';
import { SOURCE_KINDS } from '../../src/core/sources';
import { RegistrySchema } from '../../src/core/parsers/registry/registrySchema';

const isRegistryFileName = SOURCE_KINDS.registry.isNamed;

const FIXTURES = join(__dirname, '..', 'fixtures', 'registry');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function parse(text: string): FileFacts {
  return parseRegistry(text, { file: 'ports.yaml' });
}

/** A location as `line:column text`: where it starts and what it underlines. */
function at(text: string, loc: Location): string {
  return `${loc.span.startLine}:${loc.span.startColumn} ${text.slice(loc.span.startOffset, loc.span.endOffset)}`;
}

/** A group as `line:column` and the word written there. */
function groupAt(text: string, offset: number): string {
  const line = text.slice(0, offset).split('\n').length;
  return `${line}:${offset - text.lastIndexOf('\n', offset - 1)} ${/^[\w-]*/.exec(text.slice(offset))![0]}`;
}

/** Facts with every location and group replaced by what it points at, for exact comparison. */
function readable(text: string, facts: FileFacts): unknown {
  return JSON.parse(JSON.stringify(facts, (key, value) => (key === 'loc' ? at(text, value) : key === 'group' ? groupAt(text, value) : value)));
}

function problems(text: string, facts = parse(text)): Array<[ParseProblem['rule'], string, string]> {
  return facts.problems.map((p) => [p.rule, p.message, at(text, p.loc)]);
}

const GATEWAY = {
  service: 'gateway', serviceKey: 'gateway', protocol: 'tcp', scope: '', source: 'registry', claim: false,
  group: '19:3 gateway', environment: 'production', ownerRange: 'ports.yaml#registry:core',
};
const AGENT = {
  service: 'metrics-agent', serviceKey: 'metrics-agent', protocol: 'udp', scope: '', source: 'registry', claim: false,
  group: '26:3 metrics-agent', ownerRange: 'ports.yaml#registry:data-hot',
};
/** A service's range owns only its main (http) port. */
function unowned<T extends { ownerRange?: string }>(o: T): Omit<T, 'ownerRange'> {
  const { ownerRange: _, ...rest } = o;
  return rest;
}
const PLAIN = { protocol: 'tcp', scope: '', source: 'registry', claim: false };

test('file names: ports.yaml, .ports.yaml, ports.yml, .ports.yml, in any folder', () => {
  for (const name of ['ports.yaml', '.ports.yaml', 'ports.yml', '.ports.yml', 'apps/web/ports.yaml', 'C:\\repo\\Ports.YAML']) {
    assert.equal(isRegistryFileName(name), true, name);
  }
  for (const name of ['ports.yaml.bak', 'myports.yaml', 'ports.json', 'compose.yaml', 'ports.yaml/readme.md']) {
    assert.equal(isRegistryFileName(name), false, name);
  }
});

test('a full registry: exact facts, each located on its key or port digits', () => {
  const text = fixture('full.ports.yaml');
  const facts = parse(text);
  assert.deepEqual(readable(text, facts), {
    file: 'ports.yaml',
    kind: 'registry',
    allocations: [
      { ...GATEWAY, role: 'http', port: 8000, indexInGroup: 0, loc: '21:20 8000' },
      { ...unowned(GATEWAY), role: 'grpc', port: 50051, indexInGroup: 1, loc: '21:32 50051' },
      { ...PLAIN, service: 'redis', serviceKey: 'redis', group: '24:3 redis', port: 6379, indexInGroup: 0, loc: '25:12 6379' },
      { ...AGENT, port: 8011, indexInGroup: 0, loc: '30:13 8011' },
      { ...unowned(AGENT), role: 'metrics', port: 8012, indexInGroup: 1, loc: '31:19 8012' },
      { ...unowned(AGENT), role: 'grpc-web', port: 8013, indexInGroup: 2, loc: '32:17 8013' },
      { ...PLAIN, service: 'legacy', serviceKey: 'legacy', group: '34:3 legacy', port: 8080, indexInGroup: 0, loc: '34:11 8080' },
    ],
    ranges: [
      { id: 'ports.yaml#registry:core', name: 'core', from: 8000, to: 8009, scope: '', loc: '5:3 core' },
      { id: 'ports.yaml#registry:data', name: 'data', from: 8010, to: 8019, scope: '', loc: '6:3 data' },
      { id: 'ports.yaml#registry:data-hot', name: 'data-hot', from: 8010, to: 8014, scope: '', parent: 'ports.yaml#registry:data', loc: '7:3 data-hot' },
      { id: 'ports.yaml#registry:web-api', name: 'web-api', from: 10000, to: 10099, scope: '', loc: '8:3 web-api' },
      { id: 'ports.yaml#registry:project:web', name: 'web', from: 10000, to: 10999, scope: '', project: true, loc: '37:3 web' },
      {
        id: 'ports.yaml#registry:reserved:1', name: 'kept for expansion', from: 8070, to: 8099, scope: '', keptFree: true, loc: '13:12 "8070-8099"',
      },
    ],
    reserved: [
      { from: 8080, to: 8080, reason: 'Common HTTP alt', scope: '', loc: '11:11 8080' },
      { from: 22, to: 22, reason: '', scope: '', loc: '16:5 22' },
    ],
    mentions: [],
    problems: [],
    suppressions: [{ line: 34, rules: ['reserved-port'] }],
    aliases: [{ serviceKey: 'gateway', aliasKeys: ['api-gateway'] }],
    projects: [
      { name: 'web', path: 'apps/web', rangeId: 'ports.yaml#registry:project:web', loc: '37:3 web' },
      { name: 'tools', path: 'tools', loc: '40:3 tools' },
    ],
    notes: [],
  });
});

test('each schema error is reported on the node it is about', () => {
  const text = fixture('errors.ports.yaml');
  assert.deepEqual(problems(text), [
    ['registry-schema', 'version: expected 1, got 2', '1:10 2'],
    ['registry-schema', 'ranges.core.to: expected a number, got "abc"', '3:27 abc'],
    ['registry-schema', 'ranges.reversed.to: 8000 is below from (8009)', '4:31 8000'],
    // A missing key: the flow map that lacks it, or the key that opens a block map.
    ['registry-schema', 'ranges.half.to: required when from is given', '5:9 { from: 8000 }'],
    ['registry-schema', 'ranges.block.to: required when from is given', '6:3 block'],
    ['registry-schema', 'ranges.typo: unknown key "colour" (known keys: from, to, range, parent, description)', '8:27 colour'],
    ['registry-schema', 'ranges.badtext: expected a port range such as "8000-8009", got "80-"', '9:12 "80-"'],
    [
      'registry-schema',
      'ranges.orphan.parent: unknown range "nowhere" (known: core, reversed, half, block, typo, badtext, orphan)',
      '10:43 nowhere',
    ],
    ['registry-schema', 'reserved[0]: give exactly one of port or ports', '12:5 reason: no port given'],
    ['registry-schema', 'services.gateway.range: unknown range "cor" (known: core, reversed, half, block, typo, badtext, orphan)', '15:12 cor'],
    ['registry-schema', 'services.gateway.protocol: expected one of "tcp", "udp", "sctp", got "http"', '16:15 http'],
    ['registry-schema', 'services.gateway.ports.rest: the http port is already given by "http"', '17:26 rest'],
    ['registry-schema', 'services.gateway: unknown key "enviroment" (did you mean "environment"?)', '18:5 enviroment'],
    ['registry-schema', 'services.worker: expected a port or a mapping with ports, got "fast"', '19:11 "fast"'],
  ]);
});

test('what is valid is still read next to what is not', () => {
  const text = fixture('errors.ports.yaml');
  const facts = parse(text);
  // Only the orphan range is well formed; its unknown parent is dropped, the range kept.
  assert.deepEqual(facts.ranges.map((r) => [r.id, r.from, r.to, r.parent]), [['ports.yaml#registry:orphan', 9100, 9109, undefined]]);
  // A typo and a bad protocol elsewhere in the service do not take its port out of the checks.
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.role, a.port, a.protocol, a.ownerRange, at(text, a.loc)]), [
    ['gateway', 'http', 8000, 'tcp', undefined, '17:20 8000'],
  ]);
});

test('ports outside 1-65535 are invalid-port problems with the number, and nothing else on that node', () => {
  const text = [
    'ranges:',
    '  big: { from: 0, to: 99999 }',
    'reserved:',
    '  - port: -1',
    '  - 70000',
    'services:',
    '  api:',
    '    ports: { http: 8000, admin: 99999, debug: 0 }',
    '  dns: 65536',
    '  web: { ports: 8000.5 }',
  ].join('\n');
  const facts = parse(text);
  assert.deepEqual(facts.problems.map((p) => [p.rule, p.port, p.message, at(text, p.loc)]), [
    ['invalid-port', 0, 'ranges.big.from: 0 is not a valid port (1-65535)', '2:16 0'],
    ['invalid-port', 99999, 'ranges.big.to: 99999 is not a valid port (1-65535)', '2:23 99999'],
    ['invalid-port', -1, 'reserved[0].port: -1 is not a valid port (1-65535)', '4:11 -1'],
    ['invalid-port', 70000, 'reserved[1]: 70000 is not a valid port (1-65535)', '5:5 70000'],
    ['invalid-port', 99999, 'services.api.ports.admin: 99999 is not a valid port (1-65535)', '8:33 99999'],
    ['invalid-port', 0, 'services.api.ports.debug: 0 is not a valid port (1-65535)', '8:47 0'],
    ['invalid-port', 65536, 'services.dns: 65536 is not a valid port (1-65535)', '9:8 65536'],
    ['invalid-port', 8000.5, 'services.web.ports: 8000.5 is not a valid port (1-65535)', '10:17 8000.5'],
  ]);
  // The service's valid port is still allocated.
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.role, a.port]), [['api', 'http', 8000]]);
});

test('YAML syntax errors are problems at their position; the rest is still read', () => {
  const text = 'services:\n  a:\n    ports: [8000, 8001\n  b: 8002\n';
  const facts = parse(text);
  const syntax = facts.problems.filter((p) => p.message.startsWith('YAML syntax: '));
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].rule, 'registry-schema');
  assert.match(syntax[0].message, /Flow sequence .* must be sufficiently indented and end with a \]/);
  assert.equal(at(text, syntax[0].loc), '4:3 b');
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port]), [['b', 8002]]);
});

test('a duplicate key is a problem on the second key, and the last one counts', () => {
  const text = 'ranges:\n  core: { from: 8000, to: 8009 }\n  "core": { from: 9000, to: 9009 }\n';
  const facts = parse(text);
  assert.deepEqual(problems(text, facts), [['registry-schema', 'duplicate key "core" (the last one counts)', '3:3 "core"']]);
  assert.deepEqual(facts.ranges.map((r) => [r.from, r.to, at(text, r.loc)]), [[9000, 9009, '3:3 "core"']]);
});

test('an empty value is reported on its key', () => {
  const text = 'ranges:\n  core:\n    from: 8000\n    to:\n';
  assert.deepEqual(problems(text), [['registry-schema', 'ranges.core.to: expected a number, got nothing', '4:5 to']]);
});

test('wrong shapes: a number for a section, an unknown key next to `version`', () => {
  assert.deepEqual(problems('services: 5\n'), [['registry-schema', 'services: expected a mapping, got 5', '1:11 5']]);
  assert.deepEqual(problems('reserved: { port: 22 }\n'), [['registry-schema', 'reserved: expected a list, got a mapping', '1:11 { port: 22 }']]);
  assert.deepEqual(problems('ranges:\n  core: 5\n'), [
    ['registry-schema', 'ranges.core: expected a range such as "8000-8009" or a mapping with from/to, got 5', '2:9 5'],
  ]);
  assert.deepEqual(problems('version: 1\ncolour: red\n'), [
    ['registry-schema', 'top level: unknown key "colour" (known keys: version, ranges, reserved, services, projects)', '2:1 colour'],
  ]);
});

test('a ports.yaml of another format (no `version` or another one, a list at the top, foreign top-level keys) has no schema problems; with nothing to read, a note', () => {
  for (const text of ['- 8000\n- 8001\n', '8000\n', 'colour: red\n']) {
    const facts = parse(text);
    assert.deepEqual([facts.problems, facts.allocations], [[], []], JSON.stringify(text));
    assert.match(facts.notes[0], /not a Portolan registry/);
  }
  // Read by its own shape (registry-foreign.test.ts).
  for (const text of ['meta: {}\nservices:\n  api: { port: 8000, team: a }\n', 'version: "2.3"\nupdated: today\nenvironments: { prod: { api: 8000 } }\n']) {
    const facts = parse(text);
    assert.deepEqual([facts.problems, facts.notes, facts.allocations.map((a) => `${a.service} ${a.port}`)], [[], [], ['api 8000']], JSON.stringify(text));
  }
});

test('without `version`, projects that hold services of their own are another format; a project with one stray key is a slip in ours', () => {
  const theirs = parse('reserved:\n- port: 3000\n  reason: framework default\nprojects:\n  shop:\n    web: { port: 3100 }\n    api: { port: 3101, description: backend }\n');
  assert.deepEqual([theirs.problems, theirs.allocations.map((a) => `${a.service} ${a.port}`)], [[], ['web 3100', 'api 3101']]);
  const ours = parse('projects:\n  shop: { range: 3100-3199, owner: me }\n');
  assert.deepEqual(ours.problems.map((p) => p.message), ['projects.shop: unknown key "owner" (known keys: from, to, range, path, description)']);
});

test('an empty file, comments only or empty sections are an empty registry', () => {
  for (const text of ['', '# nothing yet\n', 'version: 1\nranges:\nservices:\nreserved:\nprojects:\n']) {
    const facts = parse(text);
    assert.deepEqual(facts.problems, [], JSON.stringify(text));
    assert.deepEqual([facts.allocations, facts.ranges, facts.reserved, facts.projects], [[], [], [], []]);
  }
});

test('an alias bomb returns at once with one problem, and an alias before its anchor too', () => {
  const bomb = fixture('alias-bomb.ports.yaml');
  const started = Date.now();
  const facts = parse(bomb);
  assert.ok(Date.now() - started < 1000, 'took too long');
  assert.deepEqual(problems(bomb, facts), [
    ['registry-schema', 'YAML: Excessive alias count indicates a resource exhaustion attack; the registry was not read', '2:8 *a'],
  ]);
  const early = 'services:\n  a: { ports: *p }\n  b: { ports: &p 8000 }\n';
  assert.deepEqual(problems(early), [
    ['registry-schema', 'YAML: Unresolved alias (the anchor must be set before the alias): p; the registry was not read', '2:15 *p'],
  ]);
});

test('an aliased port is located at its anchor, where the digits are', () => {
  const text = 'services:\n  a: { ports: &shared 8000 }\n  b: { ports: *shared }\n';
  const facts = parse(text);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port, at(text, a.loc)]), [
    ['a', 8000, '2:23 8000'],
    ['b', 8000, '2:23 8000'],
  ]);
});

test('range notations: from/to, dash, en dash, open-ended and wildcard', () => {
  const text = [
    'ranges:',
    '  a: { from: 8000, to: 8009 }',
    '  b: 8010-8019',
    '  c: "8020–8029"',
    '  d: { range: 12000+ }',
    '  e: 87xx',
    '  f: { range: "8100 - 8199" }',
    'projects:',
    '  p: { from: 20000, to: 20999 }',
    'reserved:',
    '  - ports: 300xx',
    '  - ports: 9000',
  ].join('\n');
  const facts = parse(text);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.ranges.map((r) => [r.name, r.from, r.to]), [
    ['a', 8000, 8009], ['b', 8010, 8019], ['c', 8020, 8029], ['d', 12000, 65535], ['e', 8700, 8799], ['f', 8100, 8199],
    ['p', 20000, 20999],
  ]);
  assert.deepEqual(facts.reserved.map((r) => [r.from, r.to, at(text, r.loc)]), [[30000, 30099, '11:12 300xx'], [9000, 9000, '12:12 9000']]);
});

test('range forms that say too much or too little', () => {
  const text = [
    'ranges:',
    '  both: { range: 8000-8009, from: 8000, to: 8009 }',
    '  none: { description: nothing }',
    '  reversed: "8019-8010"',
    'projects:',
    '  web: { to: 10999, path: web }',
  ].join('\n');
  assert.deepEqual(problems(text), [
    ['registry-schema', 'ranges.both.range: give either range or from/to, not both', '2:18 8000-8009'],
    ['registry-schema', 'ranges.none: a range needs from and to, or range', '3:9 { description: nothing }'],
    ['registry-schema', 'ranges.reversed: expected a port range such as "8000-8009", got "8019-8010"', '4:13 "8019-8010"'],
    ['registry-schema', 'projects.web.from: required when to is given', '6:8 { to: 10999, path: web }'],
  ]);
});

test('parents: a range or a project, never an unknown name or a loop', () => {
  const text = [
    'projects:',
    '  web: { range: 10000-10999 }',
    'ranges:',
    '  web-api: { from: 10000, to: 10099, parent: web }',
    '  a: { from: 1, to: 9, parent: b }',
    '  b: { from: 1, to: 9, parent: a }',
    '  self: { from: 1, to: 9, parent: self }',
  ].join('\n');
  const facts = parse(text);
  assert.deepEqual(problems(text, facts), [
    ['registry-schema', 'ranges.a.parent: the parent chain of "a" loops back to it', '5:32 b'],
    ['registry-schema', 'ranges.self.parent: the parent chain of "self" loops back to it', '7:35 self'],
  ]);
  assert.deepEqual(facts.ranges.map((r) => [r.id, r.parent]), [
    ['ports.yaml#registry:web-api', 'ports.yaml#registry:project:web'],
    ['ports.yaml#registry:a', undefined],
    ['ports.yaml#registry:b', 'ports.yaml#registry:a'],
    ['ports.yaml#registry:self', undefined],
    ['ports.yaml#registry:project:web', undefined],
  ]);
});

test('a service range may name a project; a range of the same name wins', () => {
  const text = [
    'projects:',
    '  web: { range: 10000-10999 }',
    '  data: { range: 11000-11999 }',
    'ranges:',
    '  data: 8010-8019',
    'services:',
    '  site: { range: web, ports: 10001 }',
    '  db: { range: data, ports: 8011 }',
  ].join('\n');
  const facts = parse(text);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.ownerRange]), [
    ['site', 'ports.yaml#registry:project:web'],
    ['db', 'ports.yaml#registry:data'],
  ]);
});

test('roles: main, port and default are the main port; single-word synonyms get the usual role', () => {
  const text = [
    'services:',
    '  a:',
    '    ports: { Main: 1, REST: 2, websocket: 3, tls: 4, api: 5, grpc-web: 6 }',
    '  b: { ports: { port: 7 } }',
    '  c: { ports: { default: 8 } }',
  ].join('\n');
  const facts = parse(text);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.role, a.port, a.indexInGroup]), [
    ['a', undefined, 1, 0], ['a', 'http', 2, 1], ['a', 'ws', 3, 2], ['a', 'https', 4, 3], ['a', 'api', 5, 4], ['a', 'grpc-web', 6, 5],
    ['b', undefined, 7, 0],
    ['c', undefined, 8, 0],
  ]);
});

test('service fields: environment and aliases are normalised, protocol applies to every port', () => {
  const text = [
    'services:',
    '  Settlement Engine:',
    '    ports: { http: 8000, metrics: 9100 }',
    '    protocol: sctp',
    '    environment: prod',
    '    aliases: settlement_engine',
    '  api:',
    '    ports: 8001',
    '    environment: eu-west',
    '    aliases: [API, "The API", "🎯"]',
  ].join('\n');
  const facts = parse(text);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.allocations.map((a) => [a.serviceKey, a.port, a.protocol, a.environment, groupAt(text, a.group)]), [
    ['settlement-engine', 8000, 'sctp', 'production', '2:3 Settlement'],
    ['settlement-engine', 9100, 'sctp', 'production', '2:3 Settlement'],
    ['api', 8001, 'tcp', 'eu-west', '7:3 api'],
  ]);
  // Spellings that are the service's own key, or no key at all, are not aliases.
  assert.deepEqual(facts.aliases, [{ serviceKey: 'api', aliasKeys: ['the-api'] }]);
});

test('a service name with no letter or digit is a problem on its key', () => {
  const text = 'services:\n  "🎯": 8000\n';
  const facts = parse(text);
  assert.deepEqual(problems(text, facts), [['registry-schema', 'services["🎯"]: a service name needs a letter or a digit', '2:3 "🎯"']]);
  assert.deepEqual(facts.allocations, []);
});

test('CRLF line endings give the same facts at the same lines and columns', () => {
  const lf = fixture('full.ports.yaml');
  const crlf = lf.replace(/\n/g, '\r\n');
  assert.deepEqual(readable(crlf, parse(crlf)), readable(lf, parse(lf)));
  const errors = fixture('errors.ports.yaml').replace(/\n/g, '\r\n');
  assert.deepEqual(problems(errors), problems(fixture('errors.ports.yaml')).map(([rule, message, loc]) => [
    rule, message, loc.replace(/\n/g, '\r\n'),
  ]));
});

test('project folders are normalised to workspace-relative paths with /', () => {
  const text = 'projects:\n  a: { path: ./apps/a/ }\n  b: { path: "apps\\\\b" }\n  c: { path: . }\n  d: {}\n';
  assert.deepEqual(parse(text).projects.map((p) => [p.name, p.path, p.rangeId]), [
    ['a', 'apps/a', undefined], ['b', 'apps/b', undefined], ['c', '', undefined], ['d', undefined, undefined],
  ]);
});

test('never throws: every prefix of a registry, and assorted garbage', () => {
  const full = fixture('full.ports.yaml') + fixture('errors.ports.yaml');
  const inputs = [
    '\u0000\ufeff: [}{', '? [a, b]\n: c', '!!binary x', '&a [*a]', 'a: &a {b: *a}\nservices: *a', 'services:\n  __proto__: 80\n',
    'services: { constructor: { ports: 80 } }', 'reserved: [null, [], {}]', '%YAML 1.1\n---\nservices: {}', 'a: 1\n---\nb: 2',
  ];
  for (let end = 0; end <= full.length; end += 3) inputs.push(full.slice(0, end));
  for (const text of inputs) {
    assert.doesNotThrow(() => parse(text), JSON.stringify(text.slice(-40)));
  }
});

test('the format example documented in registrySchema.ts is a valid registry', () => {
  const source = readFileSync(join(__dirname, '..', '..', 'src', 'core', 'parsers', 'registry', 'registrySchema.ts'), 'utf8');
  const example = /\/\/ ```yaml\n([\s\S]*?)\/\/ ```/.exec(source)?.[1].replace(/^\/\/ ?/gm, '');
  assert.ok(example);
  const facts = parse(example);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.role, a.port]), [
    ['gateway', 'http', 8000], ['gateway', 'grpc', 50051], ['redis', undefined, 6379], ['dns', undefined, 53],
  ]);
  assert.deepEqual(facts.ranges.map((r) => [r.id, r.parent]), [
    ['ports.yaml#registry:core', undefined], ['ports.yaml#registry:data', undefined], ['ports.yaml#registry:data-hot', 'ports.yaml#registry:data'],
    ['ports.yaml#registry:web-api', 'ports.yaml#registry:project:web'], ['ports.yaml#registry:project:web', undefined], ['ports.yaml#registry:reserved:1', undefined],
  ]);
});

test('the schema converts to a JSON Schema for editors', () => {
  const schema = z.toJSONSchema(RegistrySchema) as { additionalProperties: boolean; properties: Record<string, unknown> };
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(Object.keys(schema.properties), ['version', 'ranges', 'reserved', 'services', 'projects']);
  assert.match(JSON.stringify(schema), /"minimum":1,"maximum":65535/);
});
