// The fuzz properties, shared by `npm run fuzz` (test/fuzz/run.ts, 100,000+ cases) and the
// fixed-seed slice in `npm run test:fast` (test/unit/fuzz.test.ts). For every parser and syntax
// helper, on generated and mutated inputs: no throw, no hang (each case within a time budget), every
// reported span inside the file with its line and column agreeing with its offset, every port of
// an allocation or mention in 1-65535; and the incremental Checker (fed as the language server
// feeds it) agrees with a cold runRules after every edit.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { FileFacts, Finding, Location, ParseContext, SourceKind } from '../../src/core/model';
import { PARSER_FAILED, parseByKind, sourceKindOf } from '../../src/core/parsers/dispatch';
import { WALK_FAILED } from '../../src/core/parsers/compose';
import { parseEnvAssignments } from '../../src/core/parsers/env';
import { parseRegistryFromTree, parseRegistryWithYaml } from '../../src/core/parsers/registry/registry';
import { splitRow } from '../../src/core/parsers/markdown/cells';
import { parseCellPorts } from '../../src/core/parsers/markdown/cellValues';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { Checker } from '../../src/core/rules/checker';
import { runRules } from '../../src/core/rules/run';
import { findRanges, findUrls, parseRange } from '../../src/core/syntax/ports';
import { findSuppressions } from '../../src/core/syntax/suppressions';
import { LineIndex } from '../../src/core/text/lineIndex';
import { cleanRegistryText, generatedText, mutatedCleanRegistry, mutatedText, parserInput, portToken, url } from './generators';
import type { Seed } from './seeds';

/** One case may take this long (inputs are a few KB; a parse takes about a millisecond). */
export const CASE_BUDGET_MS = 3000;

/** Where the runner learns which input is being tried, so a hang can be reported with it. */
export const tracker: { note: (property: string, input: string) => void } = { note: () => undefined };

// ---------------------------------------------------------------------------------------------
// Invariants

/** Line and column of an offset, computed independently of LineIndex: \n, \r\n and a lone \r end a line. */
export function naivePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function locationProblems(text: string, file: string, loc: Location, what: string): string[] {
  const out: string[] = [];
  const { span } = loc;
  const start = { offset: span.startOffset, line: span.startLine, column: span.startColumn };
  const end = { offset: span.endOffset, line: span.endLine, column: span.endColumn };
  if (loc.file !== file) out.push(`${what}: file ${loc.file} is not ${file}`);
  if (!(Number.isInteger(start.offset) && Number.isInteger(end.offset) && start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) {
    out.push(`${what}: span ${start.offset}..${end.offset} is not inside a text of ${text.length}`);
    return out;
  }
  for (const [name, p] of [['start', start], ['end', end]] as const) {
    const expected = naivePosition(text, p.offset);
    if (p.line !== expected.line || p.column !== expected.column) {
      out.push(`${what}: ${name} offset ${p.offset} says ${p.line}:${p.column}, the text says ${expected.line}:${expected.column}`);
    }
    if (text[p.offset - 1] === '\r' && text[p.offset] === '\n') out.push(`${what}: ${name} offset ${p.offset} splits a CRLF`);
  }
  return out;
}

function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

function isRangeEnd(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535;
}

/** Every way `facts` can be wrong about `text`; empty when they are sound. */
export function factsProblems(text: string, file: string, kind: SourceKind, facts: FileFacts): string[] {
  const out: string[] = [];
  if (facts.file !== file) out.push(`facts.file ${facts.file} is not ${file}`);
  if (facts.kind !== kind) out.push(`facts.kind ${facts.kind} is not ${kind}`);
  const where = (loc: Location) => `${loc.span.startOffset}..${loc.span.endOffset} ${JSON.stringify(text.slice(loc.span.startOffset, loc.span.endOffset))}`;
  facts.allocations.forEach((a, i) => {
    out.push(...locationProblems(text, file, a.loc, `allocation ${i}`));
    if (!isPort(a.port)) out.push(`allocation ${i} (${a.service}) port ${a.port} at ${where(a.loc)}`);
    if (a.endPort !== undefined && (!isPort(a.endPort) || a.endPort <= a.port)) out.push(`allocation ${i} endPort ${a.endPort} after ${a.port}`);
    if (a.loc.span.startOffset === a.loc.span.endOffset) out.push(`allocation ${i} has an empty span`);
    if (!a.serviceKey) out.push(`allocation ${i} has no service key`);
    const written = text.slice(a.loc.span.startOffset, a.loc.span.endOffset);
    if (/^\d+$/.test(written) && Number(written) !== a.port && Number(written) !== a.endPort) out.push(`allocation ${i} port ${a.port} is written ${written}`);
  });
  facts.mentions.forEach((m, i) => {
    out.push(...locationProblems(text, file, m.loc, `mention ${i}`));
    if (!isPort(m.port)) out.push(`mention ${i} port ${m.port} at ${where(m.loc)}`);
    const written = text.slice(m.loc.span.startOffset, m.loc.span.endOffset);
    if (/^\d+$/.test(written) && Number(written) !== m.port) out.push(`mention ${i} port ${m.port} is written ${written}`);
  });
  facts.problems.forEach((p, i) => out.push(...locationProblems(text, file, p.loc, `problem ${i} (${p.rule})`)));
  facts.ranges.forEach((r, i) => {
    out.push(...locationProblems(text, file, r.loc, `range ${i}`));
    if (!isRangeEnd(r.from) || !isRangeEnd(r.to) || r.from > r.to) out.push(`range ${i} is ${r.from}-${r.to}`);
  });
  facts.reserved.forEach((r, i) => {
    out.push(...locationProblems(text, file, r.loc, `reservation ${i}`));
    if (!isRangeEnd(r.from) || !isRangeEnd(r.to) || r.from > r.to) out.push(`reservation ${i} is ${r.from}-${r.to}`);
  });
  facts.projects.forEach((p, i) => out.push(...locationProblems(text, file, p.loc, `project ${i}`)));
  // The parsers' safety nets (a failed parse or walk becomes a note) must never be needed on these inputs.
  for (const note of facts.notes) if (note.startsWith(PARSER_FAILED) || note.startsWith(WALK_FAILED)) out.push(`note: ${note}`);
  const lineCount = new LineIndex(text).lineCount;
  for (const s of facts.suppressions) if (s.line < 2 || s.line > lineCount + 1) out.push(`suppression on line ${s.line} of ${lineCount}`);
  return out;
}

/** Parses with a time budget; the facts must be sound and the same on a second parse. */
export function checkParse(kind: SourceKind, text: string, ctx: ParseContext): FileFacts {
  const started = performance.now();
  const facts = parseByKind(kind, text, ctx);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < CASE_BUDGET_MS, `parsing took ${elapsed.toFixed(0)} ms`);
  const problems = factsProblems(text, ctx.file, kind, facts);
  assert.deepEqual(problems, [], problems.slice(0, 5).join('\n'));
  assert.deepEqual(parseByKind(kind, text, ctx), facts, 'a second parse of the same text gives other facts');
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Properties

export interface FuzzProperty {
  name: string;
  /** Cases in a full `npm run fuzz`. */
  runs: number;
  make(seeds: readonly Seed[]): fc.IProperty<unknown>;
}

/** A property with its argument types forgotten, so properties of different inputs share a list. */
function erase<T>(property: fc.IProperty<T>): fc.IProperty<unknown> {
  return property as unknown as fc.IProperty<unknown>;
}

const FILE_NAMES: Record<SourceKind, string[]> = {
  registry: ['ports.yaml', '.ports.yaml', 'apps/ports.yml'],
  compose: ['docker-compose.yml', 'compose.yaml', 'svc/docker-compose.prod.yml', 'compose.override.yaml', 'docker-compose.simple.yml'],
  env: ['.env', 'svc/.env', '.env.production', '.env.example', 'dev.env', 'config/.env.local'],
  markdown: ['PORTS.md', 'docs/architecture.md', 'README.markdown', 'svc/notes.mdx'],
  package: ['package.json', 'apps/web/package.json'],
  procfile: ['Procfile', 'svc/Procfile.dev'],
  kubernetes: ['k8s/app.yaml', 'deploy/service.yml', 'chart/templates/deployment.yaml', 'overlays/dev/kustomization.yaml'],
  dockerfile: ['Dockerfile', 'api/Dockerfile', 'Dockerfile.dev', 'svc/web.Dockerfile'],
  devcontainer: ['.devcontainer/devcontainer.json', '.devcontainer.json', '.devcontainer/py/devcontainer.json'],
  commands: ['Makefile', 'scripts/up.sh', 'ops/justfile', 'deploy.mk'],
};

const envMap = fc.option(
  fc.dictionary(fc.constantFrom('WEB_PORT', 'API_PORT', 'PORT', 'IP', 'A', 'UNSET'), fc.oneof(portToken, fc.constantFrom('', '127.0.0.1', '$OTHER'))).map((o) => new Map(Object.entries(o))),
  { nil: undefined },
);

function parserProperty(kind: SourceKind, runs: number): FuzzProperty {
  const name = `parse:${kind}`;
  return {
    name,
    runs,
    make: (seeds) => erase(fc.property(parserInput(kind, seeds), fc.constantFrom(...FILE_NAMES[kind]), envMap, fc.constantFrom(undefined, 'gateway', 'config', 'token-engine'), (text, file, env, folderName) => {
      tracker.note(name, text);
      checkParse(kind, text, { file, env: kind === 'compose' ? env : undefined, folderName });
    })),
  };
}

/** The registry's fast path gives yaml's facts whenever it answers at all. */
const registryFastProperty: FuzzProperty = {
  name: 'registry:fast',
  runs: 8000,
  make: (seeds) => erase(fc.property(fc.oneof(parserInput('registry', seeds), cleanRegistryText, mutatedCleanRegistry), (text) => {
    tracker.note('registry:fast', text);
    const fast = parseRegistryFromTree(text, { file: 'ports.yaml' });
    if (fast) assert.deepEqual(fast, parseRegistryWithYaml(text, { file: 'ports.yaml' }));
  })),
};

const mixedText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.oneof(portToken, url, fc.constantFrom('\n', '\r\n', '\r', ' ', '|', ':', '-', '–', 'x', 'xx', '+', '(', ')', '**', '`', '[', ']', '\uD800', '😀', '://', '_', '.', '/', '@', 'http', 'localhost', '8080')), { maxLength: 30 }).map((p) => p.join('')),
);

const lineIndexProperty: FuzzProperty = {
  name: 'syntax:lineIndex',
  runs: 4000,
  make: () => erase(fc.property(mixedText, fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 8 }), (text, offsets) => {
    tracker.note('syntax:lineIndex', text);
    const lines = new LineIndex(text);
    for (const offset of [...offsets, 0, text.length]) {
      const p = lines.position(offset);
      let clamped = Math.max(0, Math.min(offset, text.length));
      // Inside a CRLF pair is the end of the line, before the CR.
      if (text[clamped - 1] === '\r' && text[clamped] === '\n') clamped--;
      assert.equal(p.offset, clamped);
      assert.deepEqual({ line: p.line, column: p.column }, naivePosition(text, clamped), `offset ${offset}`);
      assert.ok(lines.lineStart(p.line) <= clamped);
      assert.ok(!/[\r\n]/.test(lines.lineText(p.line)), 'lineText holds a line break');
    }
  })),
};

/** findUrls as first written: the expression tried at every word. The faster one must find the same URLs. */
const URL_REFERENCE = /\b([a-zA-Z][a-zA-Z0-9+.-]{1,20}):\/\/(?:[^\s/@'"`<>]*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,6})(\/[^\s'"`<>)|,]*)?/g;

function referenceUrlSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(URL_REFERENCE)].map((m) => [m.index!, m.index! + m[0].length]);
}

const urlsAndRangesProperty: FuzzProperty = {
  name: 'syntax:urls-ranges',
  runs: 6000,
  make: () => erase(fc.property(mixedText, (text) => {
    tracker.note('syntax:urls-ranges', text);
    assert.deepEqual(findUrls(text).map((u) => [u.start, u.end]), referenceUrlSpans(text), 'the URLs the plain expression finds');
    for (const u of findUrls(text)) {
      assert.ok(u.start <= u.portStart && u.portStart < u.portEnd && u.portEnd <= u.end && u.end <= text.length, `url span ${JSON.stringify(u)}`);
      assert.equal(Number(text.slice(u.portStart, u.portEnd)), u.port, `url port ${JSON.stringify(text.slice(u.start, u.end))}`);
    }
    for (const r of findRanges(text)) {
      assert.ok(r.start < r.end && r.end <= text.length);
      assert.deepEqual(parseRange(text.slice(r.start, r.end)), { from: r.from, to: r.to });
      assert.ok(isRangeEnd(r.from) && isRangeEnd(r.to) && r.from < r.to, `range ${r.from}-${r.to}`);
    }
    const range = parseRange(text);
    if (range) assert.ok(isRangeEnd(range.from) && isRangeEnd(range.to) && range.from <= range.to);
  })),
};

const cellsProperty: FuzzProperty = {
  name: 'syntax:cells',
  runs: 6000,
  make: () => erase(fc.property(mixedText, (line) => {
    tracker.note('syntax:cells', line);
    const oneLine = line.replace(/[\r\n]/g, ' ');
    for (const cell of splitRow(oneLine)) {
      assert.equal(oneLine.slice(cell.start, cell.start + cell.text.length), cell.text, `cell at ${cell.start}`);
      for (const v of parseCellPorts(cell.text)) {
        assert.ok(v.start >= 0 && v.start < v.end && v.end <= cell.text.length, `cell value span ${v.start}..${v.end}`);
        const written = cell.text.slice(v.start, v.end);
        if (/^\d+$/.test(written)) assert.equal(Number(written), v.port);
        if (v.kind === 'port') assert.ok(isPort(v.port));
        if (v.kind === 'range') assert.ok(isRangeEnd(v.port) && isRangeEnd(v.to) && v.port <= v.to);
      }
    }
  })),
};

const envAssignmentsProperty: FuzzProperty = {
  name: 'syntax:env-assignments',
  runs: 6000,
  make: (seeds) => erase(fc.property(fc.oneof(generatedText('env'), mutatedText(seeds.filter((s) => s.kind === 'env')), mixedText), fc.nat(100), (text, base) => {
    tracker.note('syntax:env-assignments', text);
    let last = -1;
    for (const a of parseEnvAssignments(text, base)) {
      assert.ok(a.keyStart > last && a.keyStart < a.valueStart && a.valueStart <= a.valueEnd && a.valueEnd <= base + text.length, `assignment ${JSON.stringify(a)}`);
      assert.equal(text.slice(a.keyStart - base, a.keyStart - base + a.key.length), a.key);
      assert.equal(text.slice(a.valueStart - base, a.valueEnd - base), a.value);
      last = a.keyStart;
    }
    const lineCount = new LineIndex(text).lineCount;
    for (const s of findSuppressions(text)) assert.ok(s.line >= 2 && s.line <= lineCount + 1, `suppression line ${s.line} of ${lineCount}`);
  })),
};

// ---------------------------------------------------------------------------------------------
// The incremental checker against a cold run

const WORKSPACE_FILES = [
  'ports.yaml', '.env', 'docker-compose.yml', 'svc/.env', 'svc/docker-compose.yml', 'svc/compose.prod.yaml', 'svc/.env.production',
  'docs/PORTS.md', 'README.md', 'apps/web/PORTS.md', 'apps/web/.ports.yaml', 'apps/web/.env',
  'k8s/app.yaml', 'k8s/more.yaml', 'k8s/base/svc.yaml', 'k8s/kustomization.yaml', 'Dockerfile', 'svc/Dockerfile',
];

function workspaceText(file: string, seeds: readonly Seed[]): fc.Arbitrary<string> {
  // Kubernetes manifests have no names of their own.
  const kind = sourceKindOf(file) ?? 'kubernetes';
  return fc.oneof({ weight: 4, arbitrary: generatedText(kind) }, { weight: 1, arbitrary: mutatedText(seeds.filter((s) => s.kind === kind)) });
}

const workspaceOp = (seeds: readonly Seed[]) => fc
  .constantFrom(...WORKSPACE_FILES)
  .chain((file) => fc.record({ file: fc.constant(file), text: fc.option(workspaceText(file, seeds), { nil: undefined, freq: 6 }) }));

/** Findings in a canonical order (the order of findings at one place is not significant). */
function canonical(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}

function coldIndex(files: ReadonlyMap<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex({ read: (f) => files.get(f) }, 'root');
  for (const file of [...files.keys()].sort()) index.update(file);
  return index;
}

const checkerProperty: FuzzProperty = {
  name: 'checker:incremental',
  runs: 4000,
  make: (seeds) => erase(fc.property(fc.array(workspaceOp(seeds), { minLength: 1, maxLength: 12 }), (ops) => {
    tracker.note('checker:incremental', JSON.stringify(ops));
    const files = new Map<string, string>();
    const index = new WorkspaceIndex({ read: (f) => files.get(f) }, 'root');
    const checker = new Checker();
    const given = new Map<string, FileFacts>();
    ops.forEach((op, step) => {
      if (op.text === undefined) files.delete(op.file);
      else files.set(op.file, op.text);
      index.update(op.file);
      // As the language server does it: the facts objects that changed, and the files that are gone.
      const changed = [...index.files()].filter((f) => given.get(f.file) !== f);
      const removed = [...given.keys()].filter((file) => !index.get(file));
      checker.update(changed, removed);
      for (const file of removed) given.delete(file);
      for (const f of changed) given.set(f.file, f);
      const cold = coldIndex(files);
      for (const f of cold.files()) assert.deepEqual(index.get(f.file), f, `step ${step}: facts of ${f.file} differ from a cold index`);
      assert.equal(index.size, cold.size, `step ${step}: the index holds other files`);
      assert.deepEqual(canonical(checker.findings()), canonical(runRules(cold.files())), `step ${step} (${op.file}): incremental findings differ from a cold run`);
    });
  })),
};

export const PROPERTIES: FuzzProperty[] = [
  parserProperty('registry', 16_000),
  registryFastProperty,
  parserProperty('compose', 18_000),
  parserProperty('env', 16_000),
  parserProperty('markdown', 24_000),
  parserProperty('package', 8_000),
  parserProperty('procfile', 8_000),
  parserProperty('kubernetes', 12_000),
  parserProperty('dockerfile', 8000),
  parserProperty('devcontainer', 6000),
  parserProperty('commands', 4000),
  lineIndexProperty,
  urlsAndRangesProperty,
  cellsProperty,
  envAssignmentsProperty,
  checkerProperty,
];

export function totalRuns(scale = 1): number {
  return PROPERTIES.reduce((n, p) => n + Math.max(1, Math.round(p.runs * scale)), 0);
}
