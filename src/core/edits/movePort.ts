// Moving a service's port: every place that writes that service's port (for one role) gets the
// new number: the registry entry, compose published ports (the host side only; for `${VAR:-N}`
// the `.env` value and/or the default, see portSpans.ts), env values and URLs, table cells,
// mermaid labels and env blocks in docs. The container side of a compose port, other roles'
// ports and other services' places are never touched. A Dockerfile's ports are the container side
// too: they move only with each other, when the port renamed is one of them (an `EXPOSE`).
import { matchRole } from '../syntax/names';
import type { Place, RuleInput } from '../rules/model';
import { portSpans } from './portSpans';
import { describeSame } from '../project/relations';
import { dedupeEdits, type TextEdit, type TextHost } from './textEdit';

export interface MovePlan {
  edits: TextEdit[];
  /** The places the edits change. */
  places: Place[];
  /** Places of the service's port that could not be edited (a range, a number not written as one). */
  skipped: Array<{ place: Place; reason: string }>;
}

/**
 * The places that write the same port of the same service as `target`: same identity and scope,
 * describing the same deployment (one stack's `prometheus` is not another's), same port, and the
 * same role (a place with no role is whichever role has that port); on the same side of the
 * container as `target` (a Dockerfile's or not).
 */
export function servicePortPlaces(input: RuleInput, target: Place): Place[] {
  const role = matchRole(target.role);
  const inImage = target.source === 'dockerfile';
  return input.places.filter((p) => p.identity === target.identity
    && (p.source === 'dockerfile') === inImage
    && p.scope === target.scope
    && describeSame(p, target)
    && p.port === target.port
    && (p.endPort ?? p.port) === (target.endPort ?? target.port)
    && (p.role === undefined || target.role === undefined || matchRole(p.role) === role));
}

/** The edits that move `target`'s service (its port for that role) to `newPort` everywhere it is written. */
export function planMove(input: RuleInput, target: Place, newPort: number, host: TextHost): MovePlan {
  const edits: TextEdit[] = [];
  const places: Place[] = [];
  const skipped: MovePlan['skipped'] = [];
  for (const place of servicePortPlaces(input, target)) {
    const found = portSpans(place, host);
    if ('error' in found) {
      skipped.push({ place, reason: found.error });
      continue;
    }
    places.push(place);
    for (const span of found.spans) edits.push({ ...span, newText: String(newPort) });
  }
  return { edits: dedupeEdits(edits), places, skipped };
}
