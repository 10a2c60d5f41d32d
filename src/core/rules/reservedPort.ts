// reserved-port: an allocation on a port declared reserved (a registry `reserved` entry, a
// document's "never use" section), wherever the declaring file speaks.
import type { Finding, RangeDecl, Reservation } from '../model';
import type { FileRole } from '../project/roles';
import { speaksFor } from '../project/relations';
import type { Place } from './model';
import { finding, type Rule } from './rule';

export const reservedPort: Rule = {
  id: 'reserved-port',
  severity: 'warning',
  summary: 'an allocation on a port declared reserved',
  checks: { file: ({ places, shared }) => reservedUse(places, shared.reserved, shared.declaredBy) },
};

/** `declaredBy` gives the role of the file that declares each reservation. */
function reservedUse(places: Place[], reserved: Reservation[], declaredBy: ReadonlyMap<string, FileRole>): Finding[] {
  if (reserved.length === 0) return [];
  const out: Finding[] = [];
  for (const place of places) {
    if (place.claim) continue;
    const reservation = holding(place, reserved, declaredBy);
    if (!reservation) continue;
    const what = reservation.from === reservation.to ? String(reservation.from) : `${reservation.from}-${reservation.to}`;
    out.push(finding(reservedPort, {
      message: `${place.service} is on ${place.port}, which is reserved (${what}${reservation.reason ? `: ${reservation.reason}` : ''})`,
      service: place.service,
      port: place.port,
      loc: place.loc,
      related: [{ loc: reservation.loc, message: `reserved: ${reservation.reason || what}` }],
    }));
  }
  return out;
}

/**
 * The first of `declared` (reservations, or ranges kept free) that holds the place's port, in the
 * place's scope, where the file that declares it speaks (see speaksFor).
 */
export function holding<T extends Reservation | RangeDecl>(place: Place, declared: T[], declaredBy: ReadonlyMap<string, FileRole>): T | undefined {
  return declared.find((r) => {
    if (place.port < r.from || place.port > r.to || (r.scope !== '' && r.scope !== place.scope)) return false;
    const declaring = declaredBy.get(r.loc.file);
    return declaring === undefined || speaksFor(declaring, place);
  });
}
