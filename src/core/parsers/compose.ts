// Docker Compose files, and compose snippets inside Markdown fences. A service's published host
// ports are its allocations; container ports, `expose` and ports inside `environment` are only
// mentions, because they live in the container's own network namespace and cannot collide on the
// host. Everything is read from the yaml node tree (never toJS) so each fact keeps its exact source
// span, and aliases are expanded only within a small budget so alias bombs stay cheap.

import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document, ParsedNode, Scalar, YAMLMap } from 'yaml';
import { emptyFacts } from '../model';
import type { FileFacts, Location, ParseContext, Protocol } from '../model';
import { LineIndex } from '../text/lineIndex';
import { environmentFromText, serviceKey, VARIANT_PREFIX } from '../syntax/names';
import { findUrls, isValidPort, MAX_PORT, parseDecimal } from '../syntax/ports';
import { findSuppressions } from '../syntax/suppressions';

export interface ComposeExtractOptions {
  ctx: ParseContext;
  /**
   * The YAML is a fence in a document, not a compose file: without a `services:` map, top-level
   * keys whose maps have `ports` are taken as services.
   */
  snippet: boolean;
  environment?: string;
  scope?: string;
  /** Prefix of allocation group ids; defaults to the file. */
  groupPrefix?: string;
}

export function parseCompose(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'compose');
  facts.suppressions = findSuppressions(text);
  extractComposeFacts(text, 0, new LineIndex(text), facts, {
    ctx,
    snippet: false,
    environment: composeEnvironmentFromFileName(ctx.file),
  });
  return facts;
}

/**
 * Appends the compose facts of `yamlText`, which starts at `baseOffset` in the text `lines`
 * indexes, to `facts`. Never throws: a document that fails to parse or walk adds nothing.
 */
export function extractComposeFacts(
  yamlText: string,
  baseOffset: number,
  lines: LineIndex,
  facts: FileFacts,
  opts: ComposeExtractOptions,
): void {
  let docs: Document.Parsed[];
  try {
    // `merge: false`: merge keys are resolved here, under the alias budget.
    docs = parseAllDocuments(yamlText, { uniqueKeys: false, merge: false, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    // The yaml parser recurses per nesting level: thousands of levels overflow the stack.
    if (!opts.snippet) facts.notes.push(`YAML could not be parsed, file skipped: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      // A snippet in a document is often pseudo-YAML; a compose file with errors is worth a log line.
      if (!opts.snippet) facts.notes.push(`YAML error, document skipped: ${doc.errors[0].message.split('\n')[0]}`);
      continue;
    }
    let walk: Walk;
    try {
      walk = newWalk(doc, yamlText, baseOffset, lines, opts);
      for (const [name, node] of servicesOf(doc.contents, walk)) extractService(name, node, walk);
    } catch (err) {
      // A document we cannot walk adds nothing rather than half its facts.
      if (!opts.snippet) facts.notes.push(`${WALK_FAILED}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    appendFacts(facts, walk.out);
  }
}

/** How the note of a document the walk failed on begins. */
export const WALK_FAILED = 'YAML document could not be read, skipped';

const COMPOSE_NAME_RE = /^(?:docker-)?compose(?:[._-][^\\/]*)?\.ya?ml$/i;

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose.dev.yaml`, ... */
export function isComposeFileName(name: string): boolean {
  return COMPOSE_NAME_RE.test(baseName(name));
}

/** `docker-compose.prod.yml` → 'production'; the base `compose.yaml` says nothing. */
export function composeEnvironmentFromFileName(fileName: string): string | undefined {
  const m = /^(?:docker-)?compose(.*)\.ya?ml$/i.exec(baseName(fileName));
  // `\b` in environmentFromText does not break at '_', so separators become spaces first.
  const suffix = m ? m[1].replace(/[._-]+/g, ' ').trim() : '';
  if (suffix === '' || /^override$/i.test(suffix)) return undefined;
  // `docker-compose.simple.yml` is an alternative stack, compared with nothing but itself.
  return environmentFromText(suffix) ?? `${VARIANT_PREFIX}${suffix.toLowerCase().replace(/\s+/g, '-')}`;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

// ---------------------------------------------------------------------------------------------
// Walking the node tree

// Expanded merges are cached per map, so a merge bomb costs one expansion per anchor; the budget
// bounds whatever else a hostile document can make us resolve.
const MAX_MERGE_DEPTH = 20;
const MAX_RESOLUTIONS = 10_000;

interface Anchor {
  node: ParsedNode;
  start: number;
}

interface Walk {
  source: string;
  base: number;
  lines: LineIndex;
  opts: ComposeExtractOptions;
  /** Facts of the current document, appended only once the whole document was walked. */
  out: FileFacts;
  /** Each anchor name's definitions in source order (YAML lets a name be redefined). */
  anchors: Map<string, Anchor[]>;
  resolutions: number;
  entries: Map<YAMLMap.Parsed, Map<string, Value>>;
}

type Value = ParsedNode | null | undefined;

function newWalk(doc: Document.Parsed, source: string, base: number, lines: LineIndex, opts: ComposeExtractOptions): Walk {
  return { source, base, lines, opts, out: emptyFacts(opts.ctx.file, 'compose'), anchors: collectAnchors(doc), resolutions: 0, entries: new Map() };
}

function collectAnchors(doc: Document.Parsed): Map<string, Anchor[]> {
  const anchors = new Map<string, Anchor[]>();
  visit(doc, {
    Node(_key, node) {
      if (!node.anchor || !node.range) return;
      const defs = anchors.get(node.anchor) ?? [];
      defs.push({ node: node as ParsedNode, start: node.range[0] });
      anchors.set(node.anchor, defs);
    },
  });
  return anchors;
}

/** An alias means the latest anchor of its name before it; every lookup spends the budget. */
function resolve(node: Value, walk: Walk): ParsedNode | undefined {
  if (!isAlias(node)) return node ?? undefined;
  if (++walk.resolutions > MAX_RESOLUTIONS) return undefined;
  const defs = walk.anchors.get(node.source) ?? [];
  // Binary search for the last definition before the alias.
  let lo = 0;
  let hi = defs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (defs[mid].start < node.range[0]) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? defs[lo - 1].node : undefined;
}

function resolveMap(node: Value, walk: Walk): YAMLMap.Parsed | undefined {
  const map = resolve(node, walk);
  return isMap(map) ? (map as YAMLMap.Parsed) : undefined;
}

function seqItems(node: Value, walk: Walk): ParsedNode[] {
  const seq = resolve(node, walk);
  if (!isSeq(seq)) return [];
  const out: ParsedNode[] = [];
  for (const item of seq.items as Value[]) {
    const resolved = resolve(item, walk);
    if (resolved) out.push(resolved);
  }
  return out;
}

/**
 * A map's entries with `<<` merges applied as YAML defines them: own keys win over merged ones,
 * and earlier merge sources over later ones. Duplicate own keys: the last wins, as in toJS.
 */
function mapEntries(map: YAMLMap.Parsed, walk: Walk, depth = 0): Map<string, Value> {
  let entries = walk.entries.get(map);
  if (!entries) {
    entries = mergedEntries(map, walk, depth);
    walk.entries.set(map, entries);
  }
  return entries;
}

function mergedEntries(map: YAMLMap.Parsed, walk: Walk, depth: number): Map<string, Value> {
  const own = new Map<string, Value>();
  const merges: Value[] = [];
  for (const pair of map.items) {
    const key = keyName(pair.key, walk);
    if (key === undefined) continue;
    if (key === MERGE_KEY) merges.push(pair.value);
    else own.set(key, pair.value);
  }
  if (depth >= MAX_MERGE_DEPTH) return own;
  for (const source of mergeSources(merges, walk)) {
    for (const [key, value] of mapEntries(source, walk, depth + 1)) if (!own.has(key)) own.set(key, value);
  }
  return own;
}

// Read from the key's source, since a YAML 1.1 document turns a plain `<<` into a merge symbol;
// the sentinel keeps a quoted '<<', an ordinary key, apart.
const MERGE_KEY = '\u0000<<';

function keyName(key: Value, walk: Walk): string | undefined {
  const node = resolve(key, walk);
  if (!isScalar(node)) return undefined;
  if (node.type !== 'PLAIN') return String(node.value);
  const written = walk.source.slice(node.range[0], node.range[1]);
  return written === '<<' ? MERGE_KEY : written;
}

function mergeSources(values: Value[], walk: Walk): YAMLMap.Parsed[] {
  const out: YAMLMap.Parsed[] = [];
  for (const value of values) {
    const node = resolve(value, walk);
    const candidates = isSeq(node) ? (node.items as Value[]) : [node];
    for (const candidate of candidates) {
      const map = resolveMap(candidate, walk);
      if (map) out.push(map);
    }
  }
  return out;
}

function servicesOf(root: Value, walk: Walk): Array<[string, Value]> {
  const top = resolveMap(root, walk);
  if (!top) return [];
  const entries = mapEntries(top, walk);
  if (entries.has('services')) {
    const services = resolveMap(entries.get('services'), walk);
    return services ? [...mapEntries(services, walk)] : [];
  }
  if (!walk.opts.snippet) return [];
  // Docs show single services without the `services:` wrapper; `x-` keys are compose extensions.
  return [...entries].filter(([name, value]) => !name.startsWith('x-') && hasPorts(value, walk));
}

function hasPorts(value: Value, walk: Walk): boolean {
  const map = resolveMap(value, walk);
  return map !== undefined && mapEntries(map, walk).has('ports');
}

function extractService(name: string, node: Value, walk: Walk): void {
  const service = resolveMap(node, walk);
  if (!service) return;
  const fields = mapEntries(service, walk);
  extractPorts(name, fields.get('ports'), walk);
  for (const item of seqItems(fields.get('expose'), walk)) extractExpose(item, walk);
  extractEnvironment(fields.get('environment'), walk);
}

// ---------------------------------------------------------------------------------------------
// Scalars: source text, interpolation, and the way back to source offsets

/** Stands for an unset variable without a default: whatever it is part of is unknown. */
const UNKNOWN = '\u0000';

/** A slice of a Text's value. */
interface Seg {
  from: number;
  to: number;
}

interface Piece extends Seg {
  /** Offsets in the scalar's raw text. */
  rawStart: number;
  rawEnd: number;
  /** Literal text maps character for character; a substitution maps to its whole expression. */
  literal: boolean;
  variable?: string;
}

/** A scalar's value after interpolation, with the pieces that map it back to the source. */
interface Text {
  value: string;
  pieces: Piece[];
  /** Source offset of the raw text when it maps 1:1 onto the source; else the whole scalar is used. */
  rawStart?: number;
  scalarStart: number;
  scalarEnd: number;
}

function scalarText(node: Value, walk: Walk): Text | undefined {
  const scalar = resolve(node, walk);
  if (!isScalar(scalar) || scalar.value === null) return undefined;
  const raw = rawScalar(scalar as Scalar.Parsed, walk.source);
  const { value, pieces } = interpolate(raw.text, walk.opts.ctx.env, 0);
  return { value, pieces, rawStart: raw.start, scalarStart: scalar.range[0], scalarEnd: scalar.range[1] };
}

/**
 * The scalar as written, so `22:22` or `08080` are never reinterpreted by a schema. Escaped,
 * folded and block scalars have no 1:1 map to the source; their parsed value is used instead.
 */
function rawScalar(scalar: Scalar.Parsed, source: string): { text: string; start?: number } {
  const [start, end] = scalar.range;
  const written = source.slice(start, end);
  const inner = written.slice(1, -1);
  if (scalar.type === 'PLAIN' && !/[\r\n]/.test(written)) return { text: written, start };
  if (scalar.type === 'QUOTE_DOUBLE' && !/[\\\r\n]/.test(inner)) return { text: inner, start: start + 1 };
  if (scalar.type === 'QUOTE_SINGLE' && !/''|[\r\n]/.test(inner)) return { text: inner, start: start + 1 };
  return { text: String(scalar.value) };
}

type Env = ReadonlyMap<string, string> | undefined;

const MAX_NESTING = 20;
const NAME_RE = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Compose interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}` and the other operators. */
function interpolate(raw: string, env: Env, depth: number): { value: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let value = '';
  const push = (text: string, rawStart: number, rawEnd: number, literal: boolean, variable?: string) => {
    pieces.push({ from: value.length, to: value.length + text.length, rawStart, rawEnd, literal, variable });
    value += text;
  };
  let literalStart = 0;
  for (let dollar = raw.indexOf('$'); dollar >= 0; dollar = raw.indexOf('$', dollar + 1)) {
    if (dollar < literalStart) continue;
    const expr = readExpression(raw, dollar, env, depth);
    if (!expr) continue;
    if (dollar > literalStart) push(raw.slice(literalStart, dollar), literalStart, dollar, true);
    push(expr.text, dollar, expr.end, false, expr.variable);
    literalStart = expr.end;
  }
  if (literalStart < raw.length) push(raw.slice(literalStart), literalStart, raw.length, true);
  return { value, pieces };
}

interface Expression {
  text: string;
  end: number;
  variable?: string;
}

/** The expression starting at the `$` at `at`; undefined when that `$` is plain text. */
function readExpression(raw: string, at: number, env: Env, depth: number): Expression | undefined {
  if (raw[at + 1] === '$') return { text: '$', end: at + 2 };
  const braced = raw[at + 1] === '{';
  NAME_RE.lastIndex = at + (braced ? 2 : 1);
  const name = NAME_RE.exec(raw)?.[0];
  if (!name) return undefined;
  const nameEnd = NAME_RE.lastIndex;
  if (!braced) return { text: env?.get(name) ?? UNKNOWN, end: nameEnd, variable: name };
  const close = closingBrace(raw, nameEnd);
  if (close < 0) return { text: UNKNOWN, end: raw.length, variable: name };
  const text = substitute(name, raw.slice(nameEnd, close), env, depth);
  return { text, end: close + 1, variable: name };
}

function closingBrace(raw: string, from: number): number {
  let open = 1;
  for (let i = from; i < raw.length; i++) {
    if (raw.startsWith('${', i)) {
      open++;
      i++;
    } else if (raw[i] === '}' && --open === 0) {
      return i;
    }
  }
  return -1;
}

/** `rest` is what follows the name inside the braces: '', ':-default', '-default', ':?err', ... */
function substitute(name: string, rest: string, env: Env, depth: number): string {
  const value = env?.get(name);
  const op = /^:?[-?+]/.exec(rest)?.[0];
  if (op === undefined) return rest === '' && value !== undefined ? value : UNKNOWN;
  const isSet = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  const nested = () => nestedValue(rest.slice(op.length), env, depth);
  switch (op.replace(':', '')) {
    case '-':
      return isSet ? value! : nested();
    case '+':
      return isSet ? nested() : '';
    default:
      return isSet ? value! : UNKNOWN;
  }
}

function nestedValue(raw: string, env: Env, depth: number): string {
  if (depth >= MAX_NESTING) return UNKNOWN;
  const { value } = interpolate(raw, env, depth + 1);
  return value.includes(UNKNOWN) ? UNKNOWN : value;
}

interface Located {
  start: number;
  end: number;
  variable?: string;
}

/** Source offsets (in the YAML text) of a slice of a Text's value. */
function locate(text: Text, seg: Seg): Located {
  let start = Infinity;
  let end = -Infinity;
  let variable: string | undefined;
  for (const piece of text.pieces) {
    if (piece.to <= seg.from || piece.from >= seg.to) continue;
    const pieceStart = piece.literal ? piece.rawStart + Math.max(seg.from - piece.from, 0) : piece.rawStart;
    const pieceEnd = piece.literal ? piece.rawStart + Math.min(seg.to, piece.to) - piece.from : piece.rawEnd;
    start = Math.min(start, pieceStart);
    end = Math.max(end, pieceEnd);
    variable ??= piece.variable;
  }
  if (text.rawStart === undefined || start > end) return { start: text.scalarStart, end: text.scalarEnd, variable };
  return { start: text.rawStart + start, end: text.rawStart + end, variable };
}

function whole(text: Text): Seg {
  return { from: 0, to: text.value.length };
}

function slice(text: Text, seg: Seg): string {
  return text.value.slice(seg.from, seg.to);
}

// ---------------------------------------------------------------------------------------------
// Facts

function location(walk: Walk, at: Located): Location {
  return walk.lines.location(walk.opts.ctx.file, walk.base + at.start, walk.base + at.end);
}

function mention(port: number, text: Text, seg: Seg, walk: Walk): void {
  walk.out.mentions.push({ port, loc: location(walk, locate(text, seg)) });
}

function invalidPort(message: string, text: Text, seg: Seg, walk: Walk, port?: number): void {
  const at = locate(text, seg);
  const from = at.variable ? ` (from ${at.variable})` : '';
  walk.out.problems.push({ rule: 'invalid-port', message: message + from, port, loc: location(walk, at) });
}

function appendFacts(facts: FileFacts, found: FileFacts): void {
  for (const a of found.allocations) facts.allocations.push(a);
  for (const m of found.mentions) facts.mentions.push(m);
  for (const p of found.problems) facts.problems.push(p);
}

interface Endpoint {
  port: number;
  seg: Seg;
}

interface PortRange {
  first: Endpoint;
  last: Endpoint;
}

/**
 * A port or range where compose requires one. An unset variable makes it unknown, which is not
 * a problem: the `.env` that sets it may simply not be beside the file.
 */
function readPortRange(text: Text, seg: Seg, walk: Walk): PortRange | undefined {
  const written = slice(text, seg);
  if (written.includes(UNKNOWN)) return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(written);
  if (!m) {
    invalidPort(notAPortMessage(written), text, seg, walk, /^-\d{1,9}$/.test(written) ? Number(written) : undefined);
    return undefined;
  }
  const first = endpoint(m[1], seg.from, text, walk);
  const last = m[2] === undefined ? first : endpoint(m[2], seg.from + m[1].length + 1, text, walk);
  if (!first || !last) return undefined;
  if (first.port > last.port) {
    invalidPort(`Port range ${shown(written)} runs backwards`, text, seg, walk);
    return undefined;
  }
  return { first, last };
}

function notAPortMessage(written: string): string {
  if (written === '') return 'Missing port number';
  if (/^-\d+$/.test(written)) return `Port ${clip(written)} is outside 1-${MAX_PORT}`;
  return `${shown(written)} is not a port number`;
}

function shown(written: string): string {
  return JSON.stringify(clip(written));
}

/** A value cut short for a message: a hostile file can make it arbitrarily long. */
function clip(written: string): string {
  return written.length > 40 ? `${written.slice(0, 39)}…` : written;
}

function endpoint(digits: string, from: number, text: Text, walk: Walk): Endpoint | undefined {
  const port = Number(digits);
  const seg = { from, to: from + digits.length };
  if (isValidPort(port)) return { port, seg };
  invalidPort(`Port ${clip(digits)} is outside 1-${MAX_PORT}`, text, seg, walk, port);
  return undefined;
}

function mentionRange(range: PortRange, text: Text, walk: Walk): void {
  mention(range.first.port, text, range.first.seg, walk);
  if (range.last !== range.first) mention(range.last.port, text, range.last.seg, walk);
}

// ---------------------------------------------------------------------------------------------
// ports:

/** One `ports:` entry, short or long syntax, reduced to where each part was written. */
interface PortSpec {
  host?: { text: Text; seg: Seg };
  container?: { text: Text; seg: Seg };
  hostIp?: string;
  protocol: string;
}

function extractPorts(service: string, node: Value, walk: Walk): void {
  const group = `${walk.opts.groupPrefix ?? walk.opts.ctx.file}#services.${service}.ports`;
  let index = 0;
  for (const item of seqItems(node, walk)) {
    const spec = isMap(item) ? longSyntax(item as YAMLMap.Parsed, walk) : shortSyntax(item, walk);
    if (spec && publish(service, spec, group, index, walk)) index++;
  }
}

/**
 * `[[ip:]host:]container[/protocol]`, split as Docker's nat.ParsePortSpec does: the last `:` ends
 * the host port, the one before it the IP, so `::1:6000:6000` binds ::1.
 */
function shortSyntax(node: ParsedNode, walk: Walk): PortSpec | undefined {
  const text = scalarText(node, walk);
  if (!text) return undefined;
  const colons = [...text.value.matchAll(/:/g)].map((m) => m.index!);
  const count = colons.length;
  const containerFrom = count > 0 ? colons[count - 1] + 1 : 0;
  const slash = text.value.indexOf('/', containerFrom);
  const containerTo = slash < 0 ? text.value.length : slash;
  const hostFrom = count > 1 ? colons[count - 2] + 1 : 0;
  return {
    container: { text, seg: { from: containerFrom, to: containerTo } },
    host: count > 0 ? { text, seg: { from: hostFrom, to: colons[count - 1] } } : undefined,
    hostIp: count > 1 ? text.value.slice(0, colons[count - 2]) : undefined,
    protocol: slash < 0 ? '' : text.value.slice(slash + 1).split('/')[0],
  };
}

/** `{ target, published, host_ip, protocol, mode }`; `mode` does not change the host port. */
function longSyntax(map: YAMLMap.Parsed, walk: Walk): PortSpec | undefined {
  const fields = mapEntries(map, walk);
  const target = scalarText(fields.get('target'), walk);
  const published = scalarText(fields.get('published'), walk);
  // Without either this is not compose (a Kubernetes `ports:` list in a snippet, say).
  if (!target && !published) return undefined;
  return {
    container: target && { text: target, seg: whole(target) },
    host: published && { text: published, seg: whole(published) },
    hostIp: scalarText(fields.get('host_ip'), walk)?.value,
    protocol: scalarText(fields.get('protocol'), walk)?.value ?? '',
  };
}

/** Mentions the container port and allocates the host port; true when it allocated. */
function publish(service: string, spec: PortSpec, group: string, indexInGroup: number, walk: Walk): boolean {
  const container = spec.container && readContainer(spec.container.text, spec.container.seg, walk);
  const protocol = protocolOf(spec.protocol);
  // An empty host part (`127.0.0.1::80`) asks Docker for an ephemeral port: nothing to allocate.
  if (!spec.host || spec.host.seg.from === spec.host.seg.to || !protocol) return false;
  const { text, seg } = spec.host;
  const host = readPortRange(text, seg, walk);
  if (!host) return false;
  if (container) checkRangeLengths(host, container, text, seg, walk);
  const at = locate(text, seg);
  walk.out.allocations.push({
    service,
    // A name with no letter or digit (`_`, `-`) is still its own service.
    serviceKey: serviceKey(service) || JSON.stringify(service),
    port: host.first.port,
    endPort: host.last.port > host.first.port ? host.last.port : undefined,
    protocol,
    hostIp: hostIpOf(spec.hostIp),
    scope: walk.opts.scope ?? '',
    environment: walk.opts.environment,
    source: 'compose',
    claim: false,
    group,
    indexInGroup,
    fromVariable: at.variable,
    loc: location(walk, at),
  });
  return true;
}

function readContainer(text: Text, seg: Seg, walk: Walk): PortRange | undefined {
  const range = readPortRange(text, seg, walk);
  if (range) mentionRange(range, text, walk);
  return range;
}

/** Docker accepts a host range for one container port (it picks one), but not unequal ranges. */
function checkRangeLengths(host: PortRange, container: PortRange, text: Text, seg: Seg, walk: Walk): void {
  const containerSpan = container.last.port - container.first.port;
  if (containerSpan === 0 || containerSpan === host.last.port - host.first.port) return;
  invalidPort(`Host range ${shown(slice(text, seg))} and its container range differ in length`, text, seg, walk);
}

// Compose substitutes '' for an unset variable, so an unknown protocol or IP means the default.
function protocolOf(written: string): Protocol | undefined {
  const protocol = written.includes(UNKNOWN) ? '' : written.toLowerCase();
  if (protocol === '') return 'tcp';
  // Any other protocol makes Docker reject the file; such an entry publishes nothing.
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp' ? protocol : undefined;
}

/** IPv6 addresses are kept without brackets, as Docker stores them (`[::1]` → `::1`). */
function hostIpOf(written: string | undefined): string | undefined {
  if (!written || written.includes(UNKNOWN)) return undefined;
  return written.replace(/^\[(.*)\]$/, '$1');
}

// ---------------------------------------------------------------------------------------------
// expose: and environment:

function extractExpose(node: ParsedNode, walk: Walk): void {
  const text = scalarText(node, walk);
  if (!text) return;
  const slash = text.value.indexOf('/');
  const range = readPortRange(text, { from: 0, to: slash < 0 ? text.value.length : slash }, walk);
  if (range) mentionRange(range, text, walk);
}

const PORT_KEY_RE = /(?:^|_)PORT$/i;

function extractEnvironment(node: Value, walk: Walk): void {
  const resolved = resolve(node, walk);
  if (isMap(resolved)) {
    for (const [key, value] of mapEntries(resolved as YAMLMap.Parsed, walk)) {
      const text = scalarText(value, walk);
      if (text) extractEnvValue(key, text, whole(text), walk);
    }
    return;
  }
  for (const item of seqItems(resolved, walk)) {
    const text = scalarText(item, walk);
    const eq = text ? text.value.indexOf('=') : -1;
    if (text && eq > 0) extractEnvValue(text.value.slice(0, eq), text, { from: eq + 1, to: text.value.length }, walk);
  }
}

/**
 * Container environment speaks of container ports (`http://api:8080` on the compose network,
 * `PORT=3000` for the process inside), so these are mentions, never claims on host ports.
 */
function extractEnvValue(key: string, text: Text, seg: Seg, walk: Walk): void {
  const value = slice(text, seg);
  for (const url of findUrls(value)) {
    if (isValidPort(url.port)) mention(url.port, text, { from: seg.from + url.portStart, to: seg.from + url.portEnd }, walk);
  }
  const port = PORT_KEY_RE.test(key) ? parseDecimal(value) : undefined;
  if (port !== undefined && isValidPort(port)) mention(port, text, seg, walk);
}
