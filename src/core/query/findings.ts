// Which findings speak of a place: the hover lists the problems of the places it shows, the tree
// the problems of each allocation. A finding speaks of its own place and of its related places.
import type { Finding, Location } from '../model';

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
