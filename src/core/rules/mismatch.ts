// port-mismatch: one service and role, different ports in different places. The registry wins;
// otherwise places vote within a document and documents vote across documents; on a tie every
// disagreeing place is reported.
import type { Finding } from '../model';
import { matchRole } from '../syntax/names';
import { environmentsMeet, groupKey, insideContainer, isVariant, layered, placeKey, portText, sameGroup, where, type Place } from './model';

/** Mismatches among the places of one service in one scope. */
export function mismatchesOf(all: Place[]): Finding[] {
  const places = all.filter((p) => !insideContainer(p, () => all));
  if (!places.some((p) => !p.claim)) return [];
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const partition of environmentPartitions(places)) {
    for (const finding of checkService(partition)) {
      const key = placeKey(finding.loc);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(finding);
    }
  }
  return out;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Production and development may differ on purpose; places with no environment join every one. */
function environmentPartitions(places: Place[]): Place[][] {
  const named = [...new Set(places.map((p) => p.environment).filter((e): e is string => e !== undefined))];
  // Places with no environment are compared among themselves when every named one is a variant.
  const candidates: Array<string | undefined> = named.every(isVariant) && places.some((p) => p.environment === undefined) ? [undefined, ...named] : named;
  return candidates.map((env) => places.filter((p) => environmentsMeet(p.environment, env)));
}

function checkService(places: Place[]): Finding[] {
  const byRole = groupBy(places, (p) => matchRole(p.role));
  const otherRolePorts = new Set<string>();
  for (const [role, list] of byRole) if (role !== 'main') for (const p of list) if (!p.claim) otherRolePorts.add(portText(p));
  const out: Finding[] = [];
  for (const [role, list] of byRole) {
    // A main port that is another role's port ("Token :50051" in a graph, where 50051 is Token's
    // gRPC port) agrees with that role.
    const voters = role === 'main' ? list.filter((p) => !(p.role === undefined && otherRolePorts.has(portText(p)))) : list;
    out.push(...vote(voters, role));
  }
  return out;
}

/**
 * Places written together (one table, one compose service, one list item) are one unit: a unit
 * that lists several ports for a service (a compose service publishing 29092 and 9092, a table
 * with a row per port) states them all, and agrees with any of them.
 */
interface Unit {
  places: Place[];
  values: Set<string>;
}

function vote(places: Place[], role: string): Finding[] {
  if (new Set(places.map(portText)).size < 2) return [];
  const units = [...groupBy(places, groupKey).values()].map((list): Unit => ({ places: list, values: new Set(list.map(portText)) }));
  const deciding = units.filter((u) => u.places.some((p) => !p.claim));
  const registry = places.filter((p) => p.source === 'registry' && !p.claim);
  const winners = registry.length > 0 ? new Set(registry.map(portText)) : documentVote(deciding);
  if (winners.size === 0) return [];
  const tie = winners.size > 1;
  const out: Finding[] = [];
  for (const unit of units) {
    const agrees = tie ? [...winners].every((w) => unit.values.has(w)) : [...unit.values].some((v) => winners.has(v));
    if (agrees) continue;
    for (const place of unit.places) {
      const value = portText(place);
      if (!tie && winners.has(value)) continue;
      const others = places.filter((p) => !sameGroup(p, place) && portText(p) !== value && (tie || winners.has(portText(p))) && !layered(p, place));
      if (others.length > 0) out.push(finding(place, others, role, tie));
    }
  }
  return out;
}

/** Each document votes for the value(s) most of its units state; the values most documents vote for win. */
function documentVote(units: Unit[]): Set<string> {
  const tally = new Map<string, number>();
  for (const docUnits of groupBy(units, (u) => u.places[0].loc.file).values()) {
    const counts = new Map<string, number>();
    for (const u of docUnits) {
      for (const p of u.places) if (!p.claim) counts.set(portText(p), (counts.get(portText(p)) ?? 0) + 1);
    }
    const best = Math.max(...counts.values());
    for (const [value, n] of counts) if (n === best) tally.set(value, (tally.get(value) ?? 0) + 1);
  }
  if (tally.size === 0) return new Set();
  const best = Math.max(...tally.values());
  return new Set([...tally].filter(([, n]) => n === best).map(([v]) => v));
}

/** Related places listed per finding; the message counts the rest. */
const MAX_RELATED = 20;

function finding(place: Place, others: Place[], role: string, tie: boolean): Finding {
  const otherValues = [...new Set(others.map(portText))];
  const more = others.length > 1 ? ` and ${others.length - 1} more ${others.length > 2 ? 'places' : 'place'}` : '';
  const roleText = role === 'main' ? '' : ` ${role}`;
  const verdict = tie ? ' (no majority: the documents disagree)' : '';
  return {
    rule: 'port-mismatch',
    severity: 'warning',
    message: `${place.service}${roleText} is ${portText(place)} here, but ${otherValues.join(' / ')} in ${where(others[0].loc)}${more}${verdict}`,
    service: place.service,
    port: place.port,
    loc: place.loc,
    // A service written in thousands of places would make every finding list all of them.
    related: others.slice(0, MAX_RELATED).map((o) => ({ loc: o.loc, message: `${o.service}${roleText}: ${portText(o)}` })),
  };
}
