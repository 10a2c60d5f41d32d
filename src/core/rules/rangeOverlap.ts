// range-overlap: sibling ranges of one file (same parent) that overlap.
import type { Finding, RangeDecl } from '../model';
import { finding, type Rule } from './rule';
import { MAX_PORT } from '../syntax/ports';
import { serviceKey } from '../syntax/names';

export const rangeOverlap: Rule = {
  id: 'range-overlap',
  severity: 'warning',
  summary: 'sibling ranges that overlap',
  checks: { file: ({ facts }) => overlaps(facts.ranges) },
};

function overlaps(ranges: RangeDecl[]): Finding[] {
  const siblings = new Map<string, RangeDecl[]>();
  for (const range of ranges) {
    // A range of several spans, or of one port, is a category's ports, not a block of the port space.
    if (range.also || range.from === range.to) continue;
    const key = range.parent ?? range.group ?? '';
    const list = siblings.get(key);
    if (list) list.push(range);
    else siblings.set(key, [range]);
  }
  const out: Finding[] = [];
  for (const list of siblings.values()) {
    list.sort((a, b) => a.loc.span.startOffset - b.loc.span.startOffset);
    const umbrellas = umbrellasOf(list);
    const nestedIn = (inner: RangeDecl, outer: RangeDecl) => (umbrellas.has(outer) || namesItsBlock(inner, outer)) && contains(outer, inner);
    for (let i = 1; i < list.length; i++) {
      const later = list[i];
      // The same range written twice (a summary table and the section heading) is one range.
      const earlier = list.slice(0, i).filter((r) => r.from <= later.to && later.from <= r.to && !(r.from === later.from && r.to === later.to) && !nestedIn(later, r) && !nestedIn(r, later) && !(openEnded(r) && openEnded(later)));
      if (earlier.length === 0) continue;
      out.push(finding(rangeOverlap, {
        message: `${later.name} (${later.from}-${later.to}) overlaps ${earlier.map((r) => `${r.name} (${r.from}-${r.to})`).join(', ')}`,
        port: later.from,
        loc: later.loc,
        related: earlier.map((r) => ({ loc: r.loc, message: `${r.name}: ${r.from}-${r.to}` })),
      }));
    }
  }
  return out;
}

/**
 * `26000+` and `27000+` each say where a band starts, not that it runs to the last port: two
 * open-ended ranges do not overlap each other.
 */
function openEnded(range: RangeDecl): boolean {
  return range.to === MAX_PORT;
}

function contains(outer: RangeDecl, inner: RangeDecl): boolean {
  return outer.from <= inner.from && inner.to <= outer.to && (outer.from !== inner.from || outer.to !== inner.to) && !(openEnded(outer) && openEnded(inner));
}

/**
 * A range inside a sibling that it names as its block ("5203-5209: Reserved for Agent sub-services"
 * inside "Agent 5200-5209"): a part of that block kept for its own use, not a block beside it.
 */
function namesItsBlock(inner: RangeDecl, outer: RangeDecl): boolean {
  const words = new Set(serviceKey(inner.name).split('-'));
  const block = serviceKey(outer.name).split('-').filter((w) => w !== '');
  return block.length > 0 && block.every((w) => words.has(w));
}

/**
 * Ranges that hold two or more of their siblings whole: a document's overall range ("all our
 * ports in 50000-59999") written beside the blocks it is cut into, not a block that overlaps them.
 */
function umbrellasOf(list: RangeDecl[]): Set<RangeDecl> {
  return new Set(list.filter((outer) => list.filter((inner) => contains(outer, inner)).length >= 2));
}
