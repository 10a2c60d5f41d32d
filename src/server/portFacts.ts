// Questions about one folder's facts that the hover and the allocations tree both ask: which
// declared ranges there are (one per span of ports, however many files declare it), which range
// owns a port, how full a range is, what is written on a port and which findings touch a place.
import type { FileFacts, Finding, Location, Mention, Reservation, SourceKind } from '../core/model';
import { compareLocations, type Place, type RuleInput } from '../core/rules/model';
import { declaredRanges, usedPorts, type RangeInfo } from '../core/query/ranges';

export { compareLocations };
export { kindsByFile, owningRange, type RangeInfo } from '../core/query/ranges';

export function rangeLabel(range: RangeInfo, input: RuleInput): string {
  return `${range.from}-${range.to} ${range.name} · ${usedPortsIn(input, range)}/${range.to - range.from + 1} used`;
}

/**
 * A rule input's declared ranges and how full each is, made once per rule input (a snapshot of one
 * index version): the hover, the tree and the code actions all ask, and each answer scans the folder.
 */
interface RangeFacts {
  ranges?: RangeInfo[];
  /** By scope, from and to. */
  used: Map<string, number>;
}

const rangeFacts = new WeakMap<RuleInput, RangeFacts>();

function rangeFactsOf(input: RuleInput): RangeFacts {
  let facts = rangeFacts.get(input);
  if (!facts) rangeFacts.set(input, (facts = { used: new Map() }));
  return facts;
}

/** declaredRanges(input), made once per rule input: the list is shared, so read it, do not change it. */
export function rangesOf(input: RuleInput): readonly RangeInfo[] {
  const facts = rangeFactsOf(input);
  return (facts.ranges ??= declaredRanges(input));
}

/** usedPorts(input, range), made once per rule input and range. */
export function usedPortsIn(input: RuleInput, range: { from: number; to: number; scope: string }): number {
  const { used } = rangeFactsOf(input);
  const key = `${range.scope}\u0000${range.from}\u0000${range.to}`;
  let count = used.get(key);
  if (count === undefined) used.set(key, (count = usedPorts(input, range)));
  return count;
}

/**
 * A rule input's facts filed by port and by file, built on first use: a hover or a reference
 * search asks about one port or one file of a folder that may hold 100,000 facts. A rule input is
 * a snapshot of one index version, so its lookup never goes stale.
 */
interface Lookup {
  /** Places by each port they are written on (a range on each of its ports), in input order. */
  placesByPort: Map<number, Place[]>;
  /** Places written as ranges of MAX_VISITED_PORTS ports or more, in input order: filed by no port. */
  widePlaces: Place[];
  /** Each place's position in input.places, so a union of buckets keeps input order; made when first needed. */
  order?: Map<Place, number>;
  mentionsByPort: Map<number, Mention[]>;
  /** Each mention's position in file order, as the scan it replaces listed them; made when first needed. */
  mentionOrder?: Map<Mention, number>;
  placesByFile: Map<string, Place[]>;
  files: Map<string, FileFacts>;
}

const lookups = new WeakMap<RuleInput, Lookup>();

/**
 * A question about more ports than this scans the facts instead of visiting every port, and a
 * place written as a wider range is filed under none of its ports: it is checked on each question.
 */
const MAX_VISITED_PORTS = 64;

function lookupOf(input: RuleInput): Lookup {
  const known = lookups.get(input);
  if (known) return known;
  const made: Lookup = {
    placesByPort: new Map(), widePlaces: [], mentionsByPort: new Map(), placesByFile: new Map(), files: new Map(),
  };
  for (const p of input.places) {
    push(made.placesByFile, p.loc.file, p);
    const last = p.endPort ?? p.port;
    if (last - p.port >= MAX_VISITED_PORTS) made.widePlaces.push(p);
    else for (let port = p.port; port <= last; port++) push(made.placesByPort, port, p);
  }
  for (const f of input.files) {
    made.files.set(f.file, f);
    for (const m of f.mentions) push(made.mentionsByPort, m.port, m);
  }
  lookups.set(input, made);
  return made;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The entries of the buckets of ports from-to and `extra`, each once, in the order `rank` gives. */
function gathered<T>(buckets: Map<number, T[]>, from: number, to: number, rank: () => Map<T, number>, extra: T[] = []): T[] {
  if (from === to && extra.length === 0) return [...(buckets.get(from) ?? [])];
  const found = new Set(extra);
  for (let port = from; port <= to; port++) for (const entry of buckets.get(port) ?? []) found.add(entry);
  const order = rank();
  return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
}

function ranks<T>(list: readonly T[]): Map<T, number> {
  return new Map(list.map((entry, i) => [entry, i]));
}

/** Allocations and references written on any port of [from, to], in input order. */
export function placesOn(input: RuleInput, from: number, to: number): Place[] {
  const meets = (p: Place) => p.port <= to && (p.endPort ?? p.port) >= from;
  if (to - from >= MAX_VISITED_PORTS) return input.places.filter(meets);
  const lookup = lookupOf(input);
  return gathered(lookup.placesByPort, from, to, () => (lookup.order ??= ranks(input.places)), lookup.widePlaces.filter(meets));
}

/** Ports written with no owner (URLs in prose, env templates) on any port of [from, to], in file order. */
export function mentionsOn(input: RuleInput, from: number, to: number): Mention[] {
  if (to - from >= MAX_VISITED_PORTS) return input.files.flatMap((f) => f.mentions.filter((m) => m.port >= from && m.port <= to));
  const lookup = lookupOf(input);
  return gathered(lookup.mentionsByPort, from, to, () => (lookup.mentionOrder ??= ranks(input.files.flatMap((f) => f.mentions))));
}

/** The places written in one file, in input order. */
export function placesIn(input: RuleInput, file: string): readonly Place[] {
  return lookupOf(input).placesByFile.get(file) ?? [];
}

/** One file's facts. */
export function factsOf(input: RuleInput, file: string): FileFacts | undefined {
  return lookupOf(input).files.get(file);
}

/** Reservations (declared "never use") that hold a port of [from, to] in a scope. */
export function reservationsOn(input: RuleInput, from: number, to: number, scope: string): Reservation[] {
  return input.reserved.filter((r) => r.from <= to && r.to >= from && (r.scope === '' || r.scope === scope));
}

/** Whether two locations are the same place (same file, spans that meet). */
export function samePlace(a: Location, b: Location): boolean {
  if (a.file !== b.file) return false;
  if (a.span.startOffset === b.span.startOffset) return true;
  return a.span.startOffset < b.span.endOffset && b.span.startOffset < a.span.endOffset;
}

/** Findings whose place or related places are one of `locs`. */
export function findingsTouching(findings: readonly Finding[], locs: Location[]): Finding[] {
  return findings.filter((f) => [f.loc, ...f.related.map((r) => r.loc)].some((l) => locs.some((loc) => samePlace(l, loc))));
}

const SOURCE_RANK: Record<SourceKind, number> = { registry: 0, compose: 1, env: 2, markdown: 3 };

/** Whose spelling of a service is shown: the registry's, then compose's, env's, Markdown's. */
export function bySpelling(a: Place, b: Place): number {
  return SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || compareLocations(a.loc, b.loc);
}

