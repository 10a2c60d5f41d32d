// The fast block-YAML reader (src/core/parsers/yaml/blockYaml.ts) against the `yaml` package:
// whenever it returns a tree, that tree must equal the one made of yaml's document, and whenever
// yaml reports an error it must have returned nothing (so the file goes to yaml and gets the same
// note as before). Checked on generated compose-like YAML, mutations of it, every YAML file and
// YAML fence of the fixtures and examples, and the benchmark's compose files; plus what it refuses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { buildWorkspace } from '../../bench/generate';
import type { FileFacts, Location } from '../../src/core/model';
import { parseCompose } from '../../src/core/parsers/compose';
import { readBlockYaml } from '../../src/core/parsers/yaml/blockYaml';
import { treeFromYaml } from '../../src/core/parsers/yaml/fromYaml';

const SEED = 20250612;

/** 'fast' when the reader read `text` (and agreed with yaml), 'yaml' when it left it to yaml. */
function differential(text: string): 'fast' | 'yaml' {
  const fast = readBlockYaml(text);
  let docs: Document.Parsed[] | undefined;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, merge: false, prettyErrors: false }) as Document.Parsed[];
  } catch {
    docs = undefined;
  }
  if (fast === undefined) return 'yaml';
  assert.ok(docs, 'yaml threw on a text the reader read');
  assert.equal(docs.length, 1, 'the reader read a text that is not one document');
  assert.deepEqual(docs[0].errors.map((e) => e.message.split('\n')[0]), [], 'the reader read a text yaml reports an error in');
  assert.deepEqual(fast, treeFromYaml(docs[0], text));
  return 'fast';
}

function withContext(text: string, check: () => void): void {
  try {
    check();
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- text:\n${JSON.stringify(text)}`, { cause: err });
  }
}

// ---------------------------------------------------------------------------------------------
// Generated compose-like YAML

const ANCHORS = ['common', 'a', 'b', 'default-logging'];

/** Values inside the subset, and near misses of it (weighted in only for noisy documents). */
const POOLS = {
  plain: [
    'web', 'nginx:1.27', '8080', '8080:80', '22:22', '127.0.0.1:8001:8001', '::1:6000:6000', '9090-9091:8080-8081/udp',
    '${WEB_PORT:-8080}:80', '$ADMIN_PORT:82', 'http://api:8080/v1', 'redis://redis:6379/0', 'PORT=3000', 'unless-stopped',
    'null', '~', 'NULL', 'Null', 'true', '0x1F', '1e3', '.inf', '-1', '08080', 'json-file', '10m', 'a b', 'a  b', "it's",
    '-x', ':x', '?x', 'a#b', 'a #b', 'x"y', '<<', 'a,b', 'a[b]', 'ü', 'a\u2028b', 'a\u00a0b', 'x:y',
  ],
  plainNoisy: [
    'x:', 'a: b', '[x]', '{x}', '', '- x', '? x', ': x', '*x', '&x', '!x', '!!str x', '%x', '@x', '`x', ',x', ']x', '}x',
    '|', '>', '#x', '---', '...', '"x', "'x", '[::1]:6001:6001',
  ],
  quoted: ['8080:80', '', 'a #b', 'a: b', '${A:-80}', '#', 'http://x:1/', ' padded ', 'null', "it's", "x'y"],
  quotedNoisy: ['x\\ny', 'x\\"y', "it''s", '\\', 'a\\tb', '\t'],
  key: [
    'services', 'web', 'api', 'ports', 'expose', 'environment', 'image', 'target', 'published', 'x-common', 'PORT', 'API_URL',
    'logging', 'options', '<<', '"<<"', '"quoted key"', "'single'", 'a b', 'null', '~', '-k', 'k:x', 'k#x', '""', 'ü',
  ],
  keyNoisy: ['k #x', '? x', '&k key', '*a', '!!str k', '[k]', '{k: 1}', '"k\\"', 'k\t', '%k', '@k', 'x'.repeat(1030), ''],
  comment: ['', '', '', ' # c', '  # port 80: x'],
  commentNoisy: ['#x', ' #', '\t# tab'],
  blockHeader: ['|', '>', '|-', '>-', '|+', '>+', '| # c', '>- # c'],
  blockHeaderNoisy: ['|2', '|-1', '|+-', '|#c', '|x'],
  blockLine: ['x', 'a b', '# not a comment', '', '', 'http://a:8080/', 'key: value', '- item', '  spaced', 'trailing  '],
  extra: ['# comment', '', '   ', '# a: b', '  # indented'],
  extraNoisy: ['---', '...', '%YAML 1.2', '\t'],
  start: ['', '', '', '---\n', '--- # doc\n', '\uFEFF', '\uFEFF---\n', '# head\n\n'],
  startNoisy: ['\uFEFF  ', '--- x\n', '---\n---\n'],
};

function pool(noisy: boolean, clean: string[], near: string[]): fc.Arbitrary<string> {
  return noisy ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...clean) }, { weight: 1, arbitrary: fc.constantFrom(...near) }, fc.string({ maxLength: 6 })) : fc.constantFrom(...clean);
}

interface BlockScalarGen {
  header: string;
  lines: Array<{ extra: number; text: string }>;
}

type Gen =
  | { kind: 'inline'; text: string; anchor?: string }
  | { kind: 'block'; scalar: BlockScalarGen; anchor?: string }
  | { kind: 'map'; pairs: Array<[string, Gen, string]>; anchor?: string; step: number; colon: string }
  | { kind: 'seq'; items: Array<[Gen, string]>; anchor?: string; step: number; indentless: boolean; compact: boolean; dash: string };

interface DocGen {
  root: Gen;
  rootCol: number;
  /** Comment and empty lines to insert: [before line index, indentation, text]. */
  extras: Array<[number, number, string]>;
  trailingSpaces: number[];
  start: string;
  crlf: boolean;
  finalNewline: boolean;
}

/** Compose-like documents; `noisy` ones mix in near misses of the subset and random text. */
function documents(noisy: boolean): fc.Arbitrary<DocGen> {
  const inlineScalar = fc.oneof(
    { weight: 5, arbitrary: pool(noisy, POOLS.plain, POOLS.plainNoisy) },
    { weight: 3, arbitrary: pool(noisy, POOLS.quoted, POOLS.quotedNoisy).filter((t) => !t.includes('"')).map((t) => `"${t}"`) },
    { weight: 2, arbitrary: pool(noisy, POOLS.quoted, POOLS.quotedNoisy).filter((t) => noisy || !t.includes("'")).map((t) => `'${t}'`) },
    { weight: 1, arbitrary: fc.constantFrom(...ANCHORS, 'missing').map((a) => `*${a}`) },
  );
  // Plain scalars of a flow collection must not hold its indicators.
  const flowItem = noisy ? inlineScalar : inlineScalar.filter((t) => !/[,[\]{}]|^[-?:](?:$| )| #|: |:$/.test(t) && t !== '');
  const flowSep = fc.constantFrom(', ', ',', ' , ', ',  ');
  const flowCollection = fc.oneof(
    fc.tuple(fc.array(flowItem, { maxLength: 4 }), flowSep, noisy ? fc.constantFrom('', ' ', ',', ', [x]', ' ]') : fc.constantFrom('', ' '))
      .map(([items, sep, tail]) => `[${items.join(sep)}${tail}]`),
    fc.tuple(fc.array(fc.tuple(fc.constantFrom('driver', 'target', '"k"', "'k'", '<<', 'a b'), noisy ? fc.constantFrom(': ', ':', ' : ') : fc.constantFrom(': ', ':  '), flowItem), { maxLength: 3 }), flowSep, fc.constantFrom('', ' '))
      .map(([pairs, sep, space]) => `{${space}${pairs.map(([k, colon, v]) => `${k}${colon}${v}`).join(sep)}${space}}`),
  );
  const anchor = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...ANCHORS) });
  const comment = pool(noisy, POOLS.comment, POOLS.commentNoisy);
  const blockScalar: fc.Arbitrary<BlockScalarGen> = fc.record({
    header: pool(noisy, POOLS.blockHeader, POOLS.blockHeaderNoisy),
    lines: fc.array(
      fc.record({ extra: noisy ? fc.constantFrom(0, 0, 0, 1, 2, -1, -2) : fc.constantFrom(0, 0, 0, 1, 2), text: fc.constantFrom(...POOLS.blockLine) }),
      { minLength: noisy ? 0 : 1, maxLength: 6 },
    ),
  });
  const tree = fc.letrec<{ node: Gen; map: Gen; seq: Gen }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('inline' as const), text: inlineScalar, anchor }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('inline' as const), text: flowCollection, anchor }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('block' as const), scalar: blockScalar, anchor }) },
      { weight: 3, arbitrary: tie('map') },
      { weight: 2, arbitrary: tie('seq') },
    ),
    map: fc.record({
      kind: fc.constant('map' as const),
      pairs: fc.array(fc.tuple(pool(noisy, POOLS.key, POOLS.keyNoisy), tie('node'), comment), { minLength: 1, maxLength: 4 }),
      anchor,
      step: fc.constantFrom(2, 2, 2, 4, 1, 3),
      // What separates a key from its value: mostly `: `, sometimes more spaces, or spaces before `:`.
      colon: fc.constantFrom(':', ':', ':', ':', ':  ', ' :', '  :   '),
    }),
    seq: fc.record({
      kind: fc.constant('seq' as const),
      items: fc.array(fc.tuple(tie('node'), comment), { minLength: 1, maxLength: 4 }),
      anchor,
      step: fc.constantFrom(2, 2, 4, 1),
      indentless: fc.boolean(),
      compact: fc.boolean(),
      dash: fc.constantFrom('-', '-', '-', '-  ', '-   '),
    }),
  }));
  return fc.record({
    root: fc.oneof({ weight: 4, arbitrary: tree.map }, { weight: 1, arbitrary: tree.seq }),
    rootCol: noisy ? fc.constantFrom(0, 0, 0, 1, 2) : fc.constant(0),
    extras: fc.array(fc.tuple(fc.nat(60), fc.nat(6), pool(noisy, POOLS.extra, POOLS.extraNoisy)), { maxLength: 4 }),
    trailingSpaces: fc.array(fc.nat(60), { maxLength: 3 }),
    start: pool(noisy, POOLS.start, POOLS.startNoisy),
    crlf: fc.boolean(),
    finalNewline: fc.constantFrom(true, true, false),
  });
}

const doc = fc.oneof({ weight: 3, arbitrary: documents(false) }, { weight: 1, arbitrary: documents(true) });

const pad = (n: number) => ' '.repeat(Math.max(0, n));
const anchored = (node: Gen) => (node.anchor ? `&${node.anchor} ` : '');

/** The lines of `node` after `lead` (`key:` or `-`), its block content indented at least `col`. */
function renderAfter(lead: string, node: Gen, col: number, parentCol: number, trail: string, out: string[]): void {
  switch (node.kind) {
    case 'inline':
      out.push(`${lead} ${anchored(node)}${node.text}${trail}`);
      return;
    case 'block': {
      out.push(`${lead} ${anchored(node)}${node.scalar.header}${trail}`);
      for (const line of node.scalar.lines) out.push(line.text === '' ? pad(col + line.extra) : `${pad(col + line.extra)}${line.text}`);
      return;
    }
    case 'map':
      out.push(`${lead}${node.anchor ? ` &${node.anchor}` : ''}${trail}`);
      renderBlock(node, col, out);
      return;
    case 'seq':
      out.push(`${lead}${node.anchor ? ` &${node.anchor}` : ''}${trail}`);
      renderBlock(node, node.indentless && !lead.trimStart().startsWith('-') ? parentCol : col, out);
  }
}

/** A block map or sequence whose keys or dashes are at column `col`. */
function renderBlock(node: Gen, col: number, out: string[]): void {
  if (node.kind === 'map') {
    for (const [key, value, trail] of node.pairs) renderAfter(`${pad(col)}${key}${node.colon}`, value, col + node.step, col, trail, out);
  } else if (node.kind === 'seq') {
    for (const [item, trail] of node.items) {
      if (node.compact && (item.kind === 'map' || item.kind === 'seq')) {
        // `- key: value` (or `- - item`): the item's first line shares the dash's line; an anchor
        // there (`- &a key: value`) names the first key.
        const inner: string[] = [];
        const at = col + node.dash.length + 1;
        renderBlock(item, at, inner);
        inner[0] = `${pad(col)}${node.dash} ${anchored(item)}${inner[0].slice(at)}`;
        out.push(...inner);
      } else {
        renderAfter(`${pad(col)}${node.dash}`, item, col + node.step, col, trail, out);
      }
    }
  }
}

function renderDoc(d: DocGen): string {
  const lines: string[] = [];
  renderBlock(d.root, d.rootCol, lines);
  for (const at of d.trailingSpaces) if (at < lines.length) lines[at] += '  ';
  for (const [at, indent, text] of d.extras) lines.splice(Math.min(at, lines.length), 0, text === '' ? '' : `${pad(indent)}${text}`);
  let text = d.start + lines.join('\n') + (d.finalNewline ? '\n' : '');
  if (d.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

/** Small edits that make near-misses of the subset: tabs, stray indicators, shifted lines. */
const mutation = fc.tuple(fc.nat(4000), fc.constantFrom('\t', ' ', '  ', ':', '#', '-', '"', "'", '[', ']', '{', '}', '&a', '*a', '!', '|', '>', '\n', '\r', '\n  ', '\\', '', 'x'), fc.nat(3));

function mutate(text: string, edits: Array<[number, string, number]>): string {
  let out = text;
  for (const [at, insert, remove] of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + insert + out.slice(i + remove);
  }
  return out;
}

test('generated compose-like YAML: the fast tree is always yaml\'s tree, and yaml errors are never read', () => {
  let fast = 0;
  let runs = 0;
  fc.assert(
    fc.property(doc, (d) => {
      const text = renderDoc(d);
      withContext(text, () => {
        runs++;
        if (differential(text) === 'fast') fast++;
      });
    }),
    { seed: SEED, numRuns: 3000 },
  );
  // A reader that left everything to yaml would pass the property, so it must read a good share:
  // about half (the rest hold near misses of the subset on purpose).
  assert.ok(fast > runs * 0.4, `the fast reader read only ${fast} of ${runs} generated documents`);
});

test('mutated compose-like YAML: the fast tree is always yaml\'s tree, and yaml errors are never read', () => {
  fc.assert(
    fc.property(doc, fc.array(mutation, { minLength: 1, maxLength: 3 }), (d, edits) => {
      const text = mutate(renderDoc(d), edits);
      withContext(text, () => differential(text));
    }),
    { seed: SEED + 1, numRuns: 3000 },
  );
});

// ---------------------------------------------------------------------------------------------
// Real files

const ROOT = join(__dirname, '..', '..');

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, out);
    else out.push(path);
  }
  return out;
}

/** Every YAML file and every ```yaml fence of the fixtures and examples. */
function fixtureYaml(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const file of [...filesUnder(join(ROOT, 'test', 'fixtures')), ...filesUnder(join(ROOT, 'examples'))]) {
    const text = readFileSync(file, 'utf8');
    if (/\.ya?ml$/i.test(file)) out.push({ name: file, text });
    if (/\.md$/i.test(file)) {
      for (const m of text.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)) out.push({ name: `${file} fence@${m.index}`, text: m[1] });
    }
  }
  return out;
}

test('every YAML file and fence of the fixtures and examples, also with CRLF and a BOM', () => {
  const compose = fixtureYaml();
  assert.ok(compose.length > 20);
  for (const { name, text } of compose) {
    for (const variant of [text, text.replace(/\n/g, '\r\n'), `\uFEFF${text}`]) {
      withContext(variant, () => assert.doesNotThrow(() => differential(variant), name));
    }
  }
});

test('the fast path is taken for the compose fixtures and the benchmark\'s compose files', () => {
  for (const file of ['docker-compose.yml', 'docker-compose.prod.yml', 'differential/docker-compose.yml']) {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'compose', file), 'utf8');
    assert.equal(differential(text), 'fast', file);
    assert.equal(differential(text.replace(/\n/g, '\r\n')), 'fast', `${file} (CRLF)`);
  }
  const { files } = buildWorkspace(100);
  const composeFiles = [...files].filter(([name]) => /docker-compose[^/]*\.ya?ml$/.test(name));
  assert.ok(composeFiles.length >= 10);
  for (const [name, text] of composeFiles) assert.equal(differential(text), 'fast', name);
});

// ---------------------------------------------------------------------------------------------
// What the reader refuses, and the same facts through yaml

/** Facts as what they point at, so texts that differ in layout can be compared. */
function view(text: string, facts: FileFacts): string[] {
  const at = (loc: Location) => JSON.stringify(text.slice(loc.span.startOffset, loc.span.endOffset));
  return [
    ...facts.allocations.map((a) => `allocation ${a.service} ${a.port}${a.endPort ? `-${a.endPort}` : ''}/${a.protocol} ${a.hostIp ?? ''} ${at(a.loc)}`),
    ...facts.mentions.map((m) => `mention ${m.port} ${at(m.loc)}`),
    ...facts.problems.map((p) => `problem ${p.message} ${at(p.loc)}`),
    ...facts.notes.map((n) => `note ${n}`),
  ];
}

const BASE = [
  'x-common: &common',
  '  environment:',
  '    API_URL: http://api:8080/v1',
  'services:',
  '  web:',
  '    <<: *common',
  '    ports:',
  '      - "8000:80"',
  '      - 127.0.0.1:8001:81',
  '    expose: ["9000"]',
  '',
].join('\n');

const BASE_FACTS = [
  'allocation web 8000/tcp  "8000"',
  'allocation web 8001/tcp 127.0.0.1 "8001"',
  'mention 80 "80"',
  'mention 81 "81"',
  'mention 9000 "9000"',
  'mention 8080 "8080"',
];

/** Each text the reader refuses, and its facts through yaml: the base's facts unless shown. */
const REFUSED: Array<[string, string, string[]]> = [
  ['a tab in a comment', BASE.replace('    expose: ["9000"]', '    expose: ["9000"]\t# tab'), BASE_FACTS],
  ['a tab as indentation', BASE.replace('      - "8000:80"', '\t  - "8000:80"'), ['note YAML error, document skipped: Tabs are not allowed as indentation']],
  ['a tag', BASE.replace('- "8000:80"', '- !!str "8000:80"'), BASE_FACTS],
  ['a directive', `%YAML 1.2\n---\n${BASE}`, BASE_FACTS],
  ['a second document', `${BASE}---\nservices:\n  api:\n    ports: ["8002:80"]\n`, [
    ...BASE_FACTS.slice(0, 2), 'allocation api 8002/tcp  "8002"', ...BASE_FACTS.slice(2), 'mention 80 "80"',
  ]],
  ['a multi-line plain scalar', BASE.replace('API_URL: http://api:8080/v1', 'API_URL: http://api:8080/v1\n      http://more:8081/'), [
    ...BASE_FACTS.slice(0, 5),
    // A folded scalar has no 1:1 map to the source: its facts point at all of it.
    'mention 8080 "http://api:8080/v1\\n      http://more:8081/"',
    'mention 8081 "http://api:8080/v1\\n      http://more:8081/"',
  ]],
  ['a multi-line quoted scalar', BASE.replace('- "8000:80"', '- "8000:\n        80"'), [
    'allocation web 8000/tcp  "\\"8000:\\n        80\\""', ...BASE_FACTS.slice(1, 2), ...BASE_FACTS.slice(3),
    'problem " 80" is not a port number "\\"8000:\\n        80\\""',
  ]],
  ['an escape in double quotes', BASE.replace('- "8000:80"', '- "8000:\\x380"'), [
    'allocation web 8000/tcp  "\\"8000:\\\\x380\\""', ...BASE_FACTS.slice(1, 2), 'mention 80 "\\"8000:\\\\x380\\""', ...BASE_FACTS.slice(3),
  ]],
  ["a '' in single quotes", BASE.replace('- "8000:80"', "- '8000:80''s'"), [
    `allocation web 8000/tcp  "'8000:80''s'"`, ...BASE_FACTS.slice(1, 2), ...BASE_FACTS.slice(3),
    `problem "80's" is not a port number "'8000:80''s'"`,
  ]],
  ['a nested flow collection', BASE.replace('expose: ["9000"]', 'expose: ["9000", [x]]'), BASE_FACTS],
  ['a multi-line flow collection', BASE.replace('expose: ["9000"]', 'expose: ["9000",\n      "9001"]'), [
    ...BASE_FACTS.slice(0, 5), 'mention 9001 "9001"', ...BASE_FACTS.slice(5),
  ]],
  ['a complex key', BASE.replace('    expose:', '    ? expose\n    :'), BASE_FACTS],
  ['an explicit block indentation', BASE.replace('API_URL: http://api:8080/v1', 'API_URL: |2\n      http://api:8080/v1'), [
    ...BASE_FACTS.slice(0, 5), 'mention 8080 "|2\\n      http://api:8080/v1\\n"',
  ]],
];

test('what the reader refuses goes to yaml, with the facts yaml gives', () => {
  assert.equal(differential(BASE), 'fast');
  assert.deepEqual(view(BASE, parseCompose(BASE, { file: 'compose.yaml' })), BASE_FACTS);
  for (const [name, text, expected] of REFUSED) {
    assert.equal(readBlockYaml(text), undefined, name);
    assert.deepEqual(view(text, parseCompose(text, { file: 'compose.yaml' })), expected, name);
  }
});

test('a document yaml reports an error in gets the note it always got', () => {
  const broken = 'services:\n  web:\n    ports: ["8080:80"\n  db: : :\n';
  assert.equal(readBlockYaml(broken), undefined);
  assert.match(parseCompose(broken, { file: 'compose.yaml' }).notes.join('\n'), /^YAML error, document skipped: /);
  const nested = `x: a: b\n${BASE}`;
  assert.equal(readBlockYaml(nested), undefined);
  assert.deepEqual(parseCompose(nested, { file: 'compose.yaml' }).notes, ['YAML error, document skipped: Nested mappings are not allowed in compact mappings']);
});

test('deep nesting is left to yaml without using the stack', () => {
  const depth = 5000;
  const block = Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.equal(readBlockYaml(`${block} 1\n`), undefined);
  assert.equal(readBlockYaml(`x:\n${'- '.repeat(depth)}x\n`), undefined);
  // Within the reader's depth, a deep but ordinary document is still read.
  const shallow = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.equal(differential(`${shallow} 1\n`), 'fast');
});
