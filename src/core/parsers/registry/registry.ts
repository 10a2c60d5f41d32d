// Reads a ports.yaml registry (format: registrySchema.ts) into facts. The whole document is
// validated for problems, then each entry is read on its own, so one bad entry reports a problem
// without hiding the rest of the registry from the checks.

import { parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { emptyFacts, type Allocation, type FileFacts, type ParseContext, type RangeDecl } from '../../model';
import { environmentFromText, matchRole, roleFromWords, serviceKey } from '../../syntax/names';
import { isValidPort, parseRange, type WrittenRange } from '../../syntax/ports';
import { findSuppressions } from '../../syntax/suppressions';
import { LineIndex } from '../../text/lineIndex';
import { formatPath, issueProblems, schemaProblem, yamlProblems } from './registryProblems';
import {
  ProjectSchema, RangeEntrySchema, RegistrySchema, ReservedEntrySchema, ServiceObjectSchema, type RangeFields,
} from './registrySchema';
import { YamlLocator, type Path, type PathLocator } from '../yaml/yamlLocator';
import { readBlockYaml } from '../yaml/blockYaml';
import { readForeignRegistry } from './foreignRegistry';
import { coreValue } from '../yaml/coreValue';
import { unlessNotSure } from '../yaml/notSure';
import { TreeLocator } from '../yaml/treeLocator';

/** The note on a file of another format in which nothing was found to read (foreignRegistry.ts). */
const FOREIGN_NOTE = 'not a Portolan registry (not `version: 1`, and top-level keys of another format), and no ports found in it';

// Aliases expand when the document becomes a value: a few nested ones (an "alias bomb") would
// expand to billions of nodes.
const MAX_ALIAS_COUNT = 100;

export function parseRegistry(text: string, ctx: ParseContext): FileFacts {
  return parseRegistryFromTree(text, ctx) ?? parseRegistryWithYaml(text, ctx);
}

/**
 * The fast path, for the registry as it nearly always is: block YAML the block reader is sure of,
 * a value that is certain (coreValue) and valid, and no problem found while reading it; undefined
 * otherwise. Its facts are those parseRegistryWithYaml gives (test/unit/registry-fast.test.ts and
 * the `registry:fast` fuzz property hold them equal). The yaml package reads a registry at about
 * 0.5 MB/s, which a keystroke in a large registry pays, and a CLI run pays its warm-up on top.
 */
export function parseRegistryFromTree(text: string, ctx: ParseContext): FileFacts | undefined {
  const tree = readBlockYaml(text);
  const plain = tree && coreValue(tree);
  if (!plain || !isRecord(plain.value) || !RegistrySchema.safeParse(plain.value).success) return undefined;
  const input = plain.value;
  const facts = emptyFacts(ctx.file, 'registry');
  facts.suppressions = findSuppressions(text);
  const at = new TreeLocator(tree, new LineIndex(text), ctx.file);
  const read = unlessNotSure(() => {
    readRegistry(input, new Reader(at, facts));
    return true;
  });
  return read && facts.problems.length === 0 ? facts : undefined;
}

/** Every registry through yaml's document, which places every problem. */
export function parseRegistryWithYaml(text: string, ctx: ParseContext): FileFacts {
  const lines = new LineIndex(text);
  const facts = emptyFacts(ctx.file, 'registry');
  facts.suppressions = findSuppressions(text);
  // `logLevel: 'error'`: a hostile file's oddities (a collection as a key) are not process warnings.
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'error' });
  const at = new YamlLocator(doc, lines, ctx.file);
  facts.problems.push(...yamlProblems(doc, at));
  const plain = toPlain(doc);
  if ('failure' in plain) {
    facts.problems.push(schemaProblem(`YAML: ${plain.failure}; the registry was not read`, at.of(failingAlias(doc))));
    return facts;
  }
  // An empty file, or one with only comments, is an empty registry.
  const input = plain.value ?? {};
  const checked = RegistrySchema.safeParse(input);
  if (!checked.success && isForeign(input)) {
    // Other tools keep files called ports.yaml too: one without `version: 1` whose top level is
    // not ours is a registry of its own shape, read as such; schema errors would only be noise.
    const foreign: FileFacts = { ...emptyFacts(ctx.file, 'registry'), suppressions: facts.suppressions, foreign: true };
    readForeignRegistry(input, at, lines, foreign);
    // A file nothing was read from is no registry at all (see unregisteredPort.ts), and says why.
    const read = foreign.allocations.length + foreign.ranges.length + foreign.reserved.length + foreign.problems.length > 0;
    return read ? foreign : { ...foreign, notes: [FOREIGN_NOTE] };
  }
  if (!checked.success) facts.problems.push(...issueProblems(checked.error.issues, input, at));
  if (isRecord(input)) readRegistry(input, new Reader(at, facts));
  // Document order, as editors and the CLI list them.
  facts.problems.sort((a, b) => a.loc.span.startOffset - b.loc.span.startOffset);
  return facts;
}

function toPlain(doc: Document.Parsed): { value: unknown } | { failure: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // Only aliases make toJS throw: too many expansions, or one used before its anchor.
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

function failingAlias(doc: Document.Parsed): Node | null {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_, alias) => void aliases.push(alias) });
  return aliases.find((alias) => !alias.resolve(doc)) ?? aliases[0] ?? null;
}

/** Where facts and the problems found while reading them go. */
class Reader {
  constructor(readonly at: PathLocator, readonly facts: FileFacts) {}

  problem(path: Path, message: string, on: 'key' | 'value' = 'value'): void {
    const loc = on === 'key' ? this.at.key(path) : this.at.value(path);
    this.facts.problems.push(schemaProblem(`${formatPath(path)}: ${message}`, loc));
  }
}

function readRegistry(root: Record<string, unknown>, r: Reader): void {
  const parents = readRanges(root.ranges, r);
  readProjects(root.projects, r);
  const refs = new RangeRefs(root, r.facts.ranges);
  linkParents(parents, refs, r);
  readReserved(root.reserved, r);
  for (const [name, entry] of entriesOf(root.services)) readService(name, entry, refs, r);
}

interface PendingParent {
  decl: RangeDecl;
  name: string;
  path: Path;
}

function readRanges(section: unknown, r: Reader): PendingParent[] {
  const pending: PendingParent[] = [];
  for (const [name, entry] of entriesOf(section)) {
    const range = valid(RangeEntrySchema, entry);
    const fields = typeof range === 'string' ? { range } : range;
    const bounds = fields && boundsOf(fields);
    if (!bounds) continue;
    const decl: RangeDecl = { id: `${r.facts.file}#registry:${name}`, name, ...bounds, scope: '', loc: r.at.key(['ranges', name]) };
    r.facts.ranges.push(decl);
    if (typeof range === 'object' && range.parent !== undefined) {
      pending.push({ decl, name: range.parent, path: ['ranges', name, 'parent'] });
    }
  }
  return pending;
}

function readProjects(section: unknown, r: Reader): void {
  for (const [name, entry] of entriesOf(section)) {
    const project = valid(ProjectSchema, entry);
    if (!project) continue;
    const loc = r.at.key(['projects', name]);
    const bounds = boundsOf(project);
    let rangeId: string | undefined;
    if (bounds) {
      rangeId = `${r.facts.file}#registry:project:${name}`;
      r.facts.ranges.push({ id: rangeId, name, ...bounds, scope: '', project: true, loc });
    }
    const path = project.path === undefined ? undefined : normalizeFolder(project.path);
    r.facts.projects.push({ name, ...defined({ path, rangeId }), loc });
  }
}

function boundsOf(fields: RangeFields): WrittenRange | undefined {
  if (fields.range !== undefined) return parseRange(fields.range);
  return fields.from !== undefined && fields.to !== undefined ? { from: fields.from, to: fields.to } : undefined;
}

// Project folders are compared with workspace-relative paths that use '/'.
function normalizeFolder(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

/** Resolves the range names that parents and services refer to; a range wins over a project. */
class RangeRefs {
  private readonly rangeNames: Set<string>;
  private readonly projectNames: Set<string>;
  private readonly ids: Set<string>;

  constructor(root: Record<string, unknown>, decls: readonly RangeDecl[]) {
    this.rangeNames = new Set(entriesOf(root.ranges).map(([name]) => name));
    this.projectNames = new Set(entriesOf(root.projects).map(([name]) => name));
    this.ids = new Set(decls.map((decl) => decl.id));
  }

  /**
   * The id of the range a name written at `path` refers to. Undefined when no range or project
   * has that name (reported here) or when its entry is invalid (reported by the schema).
   */
  resolve(name: string, path: Path, r: Reader): string | undefined {
    const id = this.rangeNames.has(name) ? `${r.facts.file}#registry:${name}`
      : this.projectNames.has(name) ? `${r.facts.file}#registry:project:${name}` : undefined;
    if (id === undefined) r.problem(path, `unknown range ${JSON.stringify(name)}${this.knownHint()}`);
    return id !== undefined && this.ids.has(id) ? id : undefined;
  }

  private knownHint(): string {
    const known = [...this.rangeNames, ...this.projectNames];
    if (known.length === 0) return ' (no ranges or projects are declared)';
    return ` (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})`;
  }
}

function linkParents(pending: readonly PendingParent[], refs: RangeRefs, r: Reader): void {
  for (const { decl, name, path } of pending) {
    const id = refs.resolve(name, path, r);
    if (id !== undefined) decl.parent = id;
  }
  // Rules walk parent chains upwards; a loop would never end.
  const byId = new Map(r.facts.ranges.map((decl) => [decl.id, decl]));
  for (const { decl, path } of pending) {
    if (decl.parent !== undefined && loopsBack(decl, byId)) {
      r.problem(path, `the parent chain of "${decl.name}" loops back to it`);
      delete decl.parent;
    }
  }
}

function loopsBack(decl: RangeDecl, byId: ReadonlyMap<string, RangeDecl>): boolean {
  const seen = new Set<RangeDecl>();
  for (let up = byId.get(decl.parent ?? ''); up && !seen.has(up); up = byId.get(up.parent ?? '')) {
    if (up === decl) return true;
    seen.add(up);
  }
  return false;
}

function readReserved(section: unknown, r: Reader): void {
  if (!Array.isArray(section)) return;
  section.forEach((item, index) => {
    const entry = valid(ReservedEntrySchema, item);
    if (entry === undefined) return;
    const { written, field, reason, keptFree } = reservation(entry);
    const bounds = typeof written === 'number' ? { from: written, to: written } : parseRange(written);
    if (!bounds) return;
    const loc = r.at.value(field === undefined ? ['reserved', index] : ['reserved', index, field]);
    if (keptFree) {
      const name = reason || `${bounds.from}-${bounds.to}`;
      r.facts.ranges.push({ id: `${r.facts.file}#registry:reserved:${index}`, name, ...bounds, scope: '', keptFree: true, loc });
    } else {
      r.facts.reserved.push({ ...bounds, reason, scope: '', loc });
    }
  });
}

interface WrittenReservation {
  written: number | string;
  /** The key the ports are written under; undefined for the shorthand list item. */
  field?: 'port' | 'ports';
  reason: string;
  keptFree: boolean;
}

function reservation(entry: z.infer<typeof ReservedEntrySchema>): WrittenReservation {
  if (typeof entry !== 'object') return { written: entry, reason: '', keptFree: false };
  const reason = entry.reason ?? '';
  const keptFree = entry.kept_free === true;
  // The schema admits exactly one of port and ports.
  return entry.port !== undefined
    ? { written: entry.port, field: 'port', reason, keptFree }
    : { written: entry.ports ?? '', field: 'ports', reason, keptFree };
}

const SERVICE = ServiceObjectSchema.shape;

function readService(name: string, entry: unknown, refs: RangeRefs, r: Reader): void {
  const path: Path = ['services', name];
  const key = serviceKey(name);
  if (key === '') {
    r.problem(path, 'a service name needs a letter or a digit', 'key');
    return;
  }
  // Fields are read one by one: a typo in one field must not take the service's ports out of the checks.
  const fields = isRecord(entry) ? entry : {};
  const range = valid(SERVICE.range, fields.range);
  const ownerRange = range === undefined ? undefined : refs.resolve(range, [...path, 'range'], r);
  const environment = valid(SERVICE.environment, fields.environment);
  const base: Omit<Allocation, 'port' | 'indexInGroup' | 'loc'> = {
    service: name,
    serviceKey: key,
    protocol: valid(SERVICE.protocol, fields.protocol) ?? 'tcp',
    scope: '',
    source: 'registry',
    claim: false,
    group: r.at.key(path).span.startOffset,
    ...defined({ environment: environment && (environmentFromText(environment) ?? environment.trim()) }),
  };
  const written = isRecord(entry) ? { ports: entry.ports, path: [...path, 'ports'] } : { ports: entry, path };
  servicePorts(written.ports, written.path, r).forEach(({ role, port, path: at }, indexInGroup) => {
    // A service's range holds its main (http) port; gRPC, metrics and the like often live in
    // families of their own (50051, 9090), so the range does not own them.
    const owned = matchRole(role) === 'main' ? ownerRange : undefined;
    r.facts.allocations.push({ ...base, ...defined({ role, ownerRange: owned }), port, indexInGroup, loc: r.at.value(at) });
  });
  readAliases(key, valid(SERVICE.aliases, fields.aliases), r);
}

interface ServicePort {
  role?: string;
  port: number;
  path: Path;
}

/** The valid ports of a service, in written order, one per role. */
function servicePorts(ports: unknown, path: Path, r: Reader): ServicePort[] {
  if (typeof ports === 'number') return isValidPort(ports) && isDecimal(ports, path, r) ? [{ port: ports, path }] : [];
  const out: ServicePort[] = [];
  const givenBy = new Map<string | undefined, string>();
  for (const [key, port] of entriesOf(ports)) {
    if (typeof port !== 'number' || !isValidPort(port) || !isDecimal(port, [...path, key], r)) continue;
    const role = roleOf(key);
    const first = givenBy.get(role);
    if (first !== undefined) {
      r.problem([...path, key], `the ${role ?? 'main'} port is already given by "${first}"`, 'key');
      continue;
    }
    givenBy.set(role, key);
    out.push({ role, port, path: [...path, key] });
  }
  return out;
}

/**
 * YAML reads `0x1F90`, `0o17620` and `8080.0` as 8080, but nobody reading (or grepping) the file
 * does: a port not written in decimal is reported where it is written, and not allocated.
 */
function isDecimal(port: number, path: Path, r: Reader): boolean {
  const written = r.at.written(path);
  if (/^\+?\d+$/.test(written)) return true;
  const message = `${formatPath(path)}: ${written.length > 40 ? `${written.slice(0, 39)}…` : written} is not a valid port (write it in decimal: ${port})`;
  r.facts.problems.push({ rule: 'invalid-port', message, loc: r.at.value(path) });
  return false;
}

const MAIN_PORT_KEYS = new Set(['main', 'port', 'default']);

function roleOf(key: string): string | undefined {
  const word = key.trim().toLowerCase();
  if (MAIN_PORT_KEYS.has(word)) return undefined;
  // Single words get the role other sources infer (`rest` is http); a compound key such as
  // `grpc-web` is a role of its own, not grpc.
  return /^[a-z]+$/.test(word) ? roleFromWords(word) ?? word : word;
}

function readAliases(key: string, aliases: string | string[] | undefined, r: Reader): void {
  const keys = new Set(([] as string[]).concat(aliases ?? []).map(serviceKey));
  keys.delete('');
  keys.delete(key);
  if (keys.size > 0) r.facts.aliases.push({ serviceKey: key, aliasKeys: [...keys] });
}

const TOP_LEVEL_KEYS = new Set(['version', 'ranges', 'reserved', 'services', 'projects']);

/**
 * A file that does not say it is version 1 of ours, with top-level keys of another format, or
 * (without any version) service or project entries of another shape: a service with two fields we
 * do not know (`port:`, `host:`, `owner:`) is an inventory's, not a slip in one of ours, and so is
 * a project that holds two services (`echo: { admin: { port: 3000 }, web: { port: 5173 } }`).
 */
function isForeign(input: unknown): boolean {
  if (!isRecord(input)) return true;
  if (input.version === 1 || input.version === '1') return false;
  if (Object.keys(input).some((k) => !TOP_LEVEL_KEYS.has(k))) return true;
  return input.version === undefined && (ofAnotherShape(input.services, SERVICE) || ofAnotherShape(input.projects, PROJECT));
}

const PROJECT = ProjectSchema.shape;

/** Some entry of `section` has two keys that `known` does not have. */
function ofAnotherShape(section: unknown, known: object): boolean {
  return entriesOf(section).some(([, entry]) => isRecord(entry) && Object.keys(entry).filter((k) => !Object.hasOwn(known, k)).length >= 2);
}

function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return isRecord(value) ? Object.entries(value) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaves out absent fields, so facts hold only what the registry says. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

