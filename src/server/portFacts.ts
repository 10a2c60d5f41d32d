// Questions about one folder's facts that the hover and the allocations tree both ask: which
// declared ranges there are (one per span of ports, however many files declare it), which range
// owns a port, how full a range is, what is written on a port and which findings touch a place.
import type { Finding, Location, Mention, Reservation, SourceKind } from '../core/model';
import { compareLocations, type Place, type RuleInput } from '../core/rules/model';
import { usedPorts, type RangeInfo } from '../core/query/ranges';

export { compareLocations };
export { declaredRanges, kindsByFile, owningRange, usedPorts, type RangeInfo } from '../core/query/ranges';

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

