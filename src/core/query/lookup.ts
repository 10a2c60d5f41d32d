// A rule input's facts looked up by port and by file, and its declared ranges with how full each
// is: what the hover, the tree, navigation and the code actions ask, one port or one file at a
// time, of a folder that may hold 100,000 facts. Each answer is built once per rule input (a
// snapshot of one index version, so it never goes stale) and kept in a WeakMap keyed by it.
import type { FileFacts, Mention, Reservation } from '../model';
import type { Place, RuleInput } from '../rules/model';
import { declaredRanges, scopeMeets, usedPorts, type RangeInfo } from './ranges';

/** A rule input's declared ranges and how full each is, made as they are first asked for. */
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

/** A rule input's facts filed by port and by file, built on first use. */
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
  return input.reserved.filter((r) => r.from <= to && r.to >= from && scopeMeets(r.scope, scope));
}
