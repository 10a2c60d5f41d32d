// kept-free-port: an allocation inside a range kept free for later ("reserved for future
// expansion"). A port that is also reserved is reported as reserved-port only.
import type { Finding, RangeDecl, Reservation } from '../model';
import type { FileRole } from '../project/roles';
import type { Place } from './model';
import { holding } from './reservedPort';
import { finding, type Rule } from './rule';

export const keptFreePort: Rule = {
  id: 'kept-free-port',
  // Using a port kept for later is notable, not forbidden.
  severity: 'info',
  summary: 'a port inside a range kept free for later',
  checks: { file: ({ places, shared }) => keptFreeUse(places, shared.keptFree, shared.reserved, shared.declaredBy) },
};

/** `declaredBy` gives the role of the file that declares each reservation and kept-free range. */
function keptFreeUse(places: Place[], keptFree: RangeDecl[], reserved: Reservation[], declaredBy: ReadonlyMap<string, FileRole>): Finding[] {
  if (keptFree.length === 0) return [];
  const out: Finding[] = [];
  for (const place of places) {
    if (place.claim || holding(place, reserved, declaredBy)) continue;
    const kept = holding(place, keptFree, declaredBy);
    if (!kept) continue;
    out.push(finding(keptFreePort, {
      message: `${place.service} is on ${place.port}, inside ${kept.name} (${kept.from}-${kept.to}), kept free for later`,
      service: place.service,
      port: place.port,
      loc: place.loc,
      related: [{ loc: kept.loc, message: `${kept.name}: ${kept.from}-${kept.to}` }],
    }));
  }
  return out;
}
