// Range rules: out-of-range (a port outside the range whose section owns its entry, or a range
// outside the parent it is declared in), range-overlap (sibling ranges of one file that overlap),
// reserved-port (an allocation on a port declared forbidden) and kept-free-port (info: a port
// inside a range kept free for later).
import { rangeHolds, spansText, type Finding, type RangeDecl, type Reservation } from '../model';
import { portText, type Place } from './model';
import type { FileRole } from '../project/roles';
import { speaksFor } from '../project/relations';

/** `ranges` are the ranges of the places' own file: an owning range is always declared beside its entries. */
export function findOutOfRange(places: Place[], ranges: ReadonlyMap<string, RangeDecl>): Finding[] {
  const out: Finding[] = [];
  for (const place of places) {
    if (place.claim || !place.ownerRange) continue;
    const range = ranges.get(place.ownerRange);
    if (!range) continue;
    const last = place.endPort ?? place.port;
    if (rangeHolds(range, place.port, last)) continue;
    out.push({
      rule: 'out-of-range',
      severity: 'warning',
      message: `${place.service} is on ${portText(place)}, outside ${range.name} (${spansText(range)})`,
      service: place.service,
      port: place.port,
      loc: place.loc,
      related: [{ loc: range.loc, message: `${range.name}: ${spansText(range)}` }],
    });
  }
  return out;
}

/** Overlaps among the ranges of one file, sibling by sibling (same parent). */
export function findOverlaps(ranges: RangeDecl[]): Finding[] {
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
    for (let i = 1; i < list.length; i++) {
      const later = list[i];
      // The same range written twice (a summary table and the section heading) is one range.
      const earlier = list.slice(0, i).filter((r) => r.from <= later.to && later.from <= r.to && !(r.from === later.from && r.to === later.to));
      if (earlier.length === 0) continue;
      out.push({
        rule: 'range-overlap',
        severity: 'warning',
        message: `${later.name} (${later.from}-${later.to}) overlaps ${earlier.map((r) => `${r.name} (${r.from}-${r.to})`).join(', ')}`,
        port: later.from,
        loc: later.loc,
        related: earlier.map((r) => ({ loc: r.loc, message: `${r.name}: ${r.from}-${r.to}` })),
      });
    }
  }
  return out;
}

/** Ranges declared inside a parent range (a tier under its project's heading) that leave it. */
export function findStrayRanges(ranges: RangeDecl[]): Finding[] {
  const byId = new Map(ranges.map((r) => [r.id, r]));
  const out: Finding[] = [];
  for (const child of ranges) {
    const parent = child.parent === undefined ? undefined : byId.get(child.parent);
    if (!parent || rangeHolds(parent, child.from, child.to)) continue;
    out.push({
      rule: 'out-of-range',
      severity: 'warning',
      message: `${child.name} (${child.from}-${child.to}) is not inside ${parent.name} (${spansText(parent)}), the range it is declared in`,
      port: child.from,
      loc: child.loc,
      related: [{ loc: parent.loc, message: `${parent.name}: ${spansText(parent)}` }],
    });
  }
  return out;
}

/** `declaredBy` gives the role of the file that declares each reservation and kept-free range. */
export function findReservedUse(places: Place[], reserved: Reservation[], keptFree: RangeDecl[], declaredBy: ReadonlyMap<string, FileRole>): Finding[] {
  const out: Finding[] = [];
  const inScope = (r: { scope: string; loc: { file: string } }, place: Place) => {
    if (r.scope !== '' && r.scope !== place.scope) return false;
    const declaring = declaredBy.get(r.loc.file);
    return declaring === undefined || speaksFor(declaring, place);
  };
  for (const place of places) {
    if (place.claim) continue;
    const reservation = reserved.find((r) => inScope(r, place) && place.port >= r.from && place.port <= r.to);
    if (reservation) {
      const what = reservation.from === reservation.to ? String(reservation.from) : `${reservation.from}-${reservation.to}`;
      out.push({
        rule: 'reserved-port',
        severity: 'warning',
        message: `${place.service} is on ${place.port}, which is reserved (${what}${reservation.reason ? `: ${reservation.reason}` : ''})`,
        service: place.service,
        port: place.port,
        loc: place.loc,
        related: [{ loc: reservation.loc, message: `reserved: ${reservation.reason || what}` }],
      });
      continue;
    }
    const kept = keptFree.find((r) => inScope(r, place) && place.port >= r.from && place.port <= r.to);
    if (kept) {
      out.push({
        rule: 'kept-free-port',
        severity: 'info',
        message: `${place.service} is on ${place.port}, inside ${kept.name} (${kept.from}-${kept.to}), kept free for later`,
        service: place.service,
        port: place.port,
        loc: place.loc,
        related: [{ loc: kept.loc, message: `${kept.name}: ${kept.from}-${kept.to}` }],
      });
    }
  }
  return out;
}

