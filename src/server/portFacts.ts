// Questions about one folder's facts that the hover and the allocations tree both ask: which
// declared ranges there are (one per span of ports, however many files declare it), which range
// owns a port, how full a range is, what is written on a port and which findings touch a place.
import type { Finding, Location, Mention, RangeDecl, Reservation, SourceKind } from '../core/model';
import { compareLocations, type Place, type RuleInput } from '../core/rules/model';

export { compareLocations };

/** A declared range, merged over the files that declare the same ports in the same scope. */
export interface RangeInfo {
  name: string;
  from: number;
  to: number;
  scope: string;
  keptFree: boolean;
  project: boolean;
  decls: RangeDecl[];
}

export function kindsByFile(input: RuleInput): Map<string, SourceKind> {
  return new Map(input.files.map((f) => [f.file, f.kind]));
}

/** Every declared range, merged by scope and ports; the registry's name wins. Sorted by start, outer first. */
export function declaredRanges(input: RuleInput): RangeInfo[] {
  const kinds = kindsByFile(input);
  const byKey = new Map<string, RangeInfo>();
  for (const decl of input.ranges.values()) {
    const key = `${decl.scope}\u0000${decl.from}\u0000${decl.to}\u0000${decl.keptFree ? 'free' : ''}`;
    const info = byKey.get(key);
    if (!info) {
      byKey.set(key, {
        name: decl.name, from: decl.from, to: decl.to, scope: decl.scope, keptFree: !!decl.keptFree, project: !!decl.project, decls: [decl],
      });
      continue;
    }
    info.decls.push(decl);
    info.project ||= !!decl.project;
    if (kinds.get(decl.loc.file) === 'registry' && kinds.get(info.decls[0].loc.file) !== 'registry') info.name = decl.name;
  }
  for (const info of byKey.values()) info.decls.sort((a, b) => compareLocations(a.loc, b.loc));
  return [...byKey.values()].sort((a, b) => a.from - b.from || b.to - a.to || a.name.localeCompare(b.name));
}

/** The range that owns an entry: the one its section or registry entry names, else the smallest that holds it. */
export function owningRange(
  ranges: RangeInfo[],
  entry: { port: number; endPort?: number; scope: string; ownerRange?: string },
): RangeInfo | undefined {
  if (entry.ownerRange !== undefined) {
    const named = ranges.find((r) => r.decls.some((d) => d.id === entry.ownerRange));
    if (named) return named;
  }
  const last = entry.endPort ?? entry.port;
  return ranges
    .filter((r) => !r.keptFree && scopeMeets(r.scope, entry.scope) && entry.port >= r.from && last <= r.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
}

function scopeMeets(rangeScope: string, scope: string): boolean {
  return rangeScope === '' || rangeScope === scope;
}

/** Distinct ports of the range that some allocation (not a reference) in its scope uses. */
export function usedPorts(input: RuleInput, range: { from: number; to: number; scope: string }): number {
  const used = new Set<number>();
  const capacity = range.to - range.from + 1;
  for (const p of input.places) {
    if (p.claim || !scopeMeets(range.scope, p.scope)) continue;
    const from = Math.max(p.port, range.from);
    const to = Math.min(p.endPort ?? p.port, range.to);
    for (let port = from; port <= to && used.size < capacity; port++) used.add(port);
  }
  return used.size;
}

export function rangeLabel(range: RangeInfo, input: RuleInput): string {
  return `${range.from}-${range.to} ${range.name} · ${usedPorts(input, range)}/${range.to - range.from + 1} used`;
}

/** Allocations and references written on any port of [from, to]. */
export function placesOn(input: RuleInput, from: number, to: number): Place[] {
  return input.places.filter((p) => p.port <= to && (p.endPort ?? p.port) >= from);
}

/** Ports written with no owner (URLs in prose, env templates) on any port of [from, to]. */
export function mentionsOn(input: RuleInput, from: number, to: number): Mention[] {
  return input.files.flatMap((f) => f.mentions.filter((m) => m.port >= from && m.port <= to));
}

/** Reservations (declared "never use") that hold a port of [from, to] in a scope. */
export function reservationsOn(input: RuleInput, from: number, to: number, scope: string): Reservation[] {
  return input.reserved.filter((r) => r.from <= to && r.to >= from && (r.scope === '' || r.scope === scope));
}

/** Whether two locations are the same place (same file, spans that meet). */
export function samePlace(a: Location, b: Location): boolean {
  if (a.file !== b.file) return false;
  if (a.span.start.offset === b.span.start.offset) return true;
  return a.span.start.offset < b.span.end.offset && b.span.start.offset < a.span.end.offset;
}

/** Findings whose place or related places are one of `locs`. */
export function findingsTouching(findings: Finding[], locs: Location[]): Finding[] {
  return findings.filter((f) => [f.loc, ...f.related.map((r) => r.loc)].some((l) => locs.some((loc) => samePlace(l, loc))));
}

const SOURCE_RANK: Record<SourceKind, number> = { registry: 0, compose: 1, env: 2, markdown: 3 };

/** Whose spelling of a service is shown: the registry's, then compose's, env's, Markdown's. */
export function bySpelling(a: Place, b: Place): number {
  return SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || compareLocations(a.loc, b.loc);
}

