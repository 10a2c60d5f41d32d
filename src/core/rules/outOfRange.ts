// out-of-range: a port outside the range that owns its entry (the heading over its table, the
// registry range its service names, a comment header over its keys), a range outside the parent
// it is declared in, a row that records its own port outside its block, and a range applied where
// the service runs (below).
import { rangeHolds, spansText, type Finding, type RangeDecl } from '../model';
import { describeSame, speaksFor } from '../project/relations';
import { compareLocations, portText, type NamedRange, type Place, type SharedFacts } from './model';
import { parseProblems } from './parseProblems';
import { finding, type Rule } from './rule';

export const outOfRange: Rule = {
  id: 'out-of-range',
  severity: 'warning',
  summary: 'a port outside the range that owns its entry',
  checks: {
    file: ({ facts, places, shared }) => [
      ...parseProblems(facts, outOfRange),
      ...outsideOwnRange(places, new Map(facts.ranges.map((r) => [r.id, r]))),
      ...strayRanges(facts.ranges),
      ...outsideProjectRange(places, shared.projectRanges),
      ...(facts.kind === 'compose' || facts.kind === 'env' ? outsideNamedRange(places, shared) : []),
    ],
    service: (unit) => outOfRangeElsewhere(unit.places, unit.rangeOf),
  },
};

/** `ranges` are the ranges of the places' own file: an owning range is always declared beside its entries. */
function outsideOwnRange(places: Place[], ranges: ReadonlyMap<string, RangeDecl>): Finding[] {
  const out: Finding[] = [];
  for (const place of places) {
    if (place.claim || !place.ownerRange) continue;
    const range = ranges.get(place.ownerRange);
    if (!range) continue;
    if (inside(place, range)) continue;
    out.push(finding(outOfRange, {
      message: `${place.service} is on ${portText(place)}, outside ${range.name} (${spansText(range)})`,
      service: place.service,
      port: place.port,
      loc: place.loc,
      related: [{ loc: range.loc, message: `${range.name}: ${spansText(range)}` }],
    }));
  }
  return out;
}

/** Ranges declared inside a parent range (a tier under its project's heading) that leave it. */
function strayRanges(ranges: RangeDecl[]): Finding[] {
  const byId = new Map(ranges.map((r) => [r.id, r]));
  const out: Finding[] = [];
  for (const child of ranges) {
    const parent = child.parent === undefined ? undefined : byId.get(child.parent);
    if (!parent || rangeHolds(parent, child.from, child.to)) continue;
    out.push(finding(outOfRange, {
      message: `${child.name} (${child.from}-${child.to}) is not inside ${parent.name} (${spansText(parent)}), the range it is declared in`,
      port: child.from,
      loc: child.loc,
      related: [{ loc: parent.loc, message: `${parent.name}: ${spansText(parent)}` }],
    }));
  }
  return out;
}

// A range applied where the service runs: a document that lists a service under a range (or a
// registry that gives it one) holds its compose and env ports to that range too. A compose file
// that publishes the service's main port outside the range its document puts it under is out of
// range at the compose port. Only the main port: other ports of a service (metrics, gRPC) often
// live in families of their own, and a port the document itself lists for the service is its
// business there (a mismatch, or an out-of-range finding at the document).
//
// The same for a registry's projects: the range a registry hands a project (`projects: web: { range,
// path }`) holds the project's own services in its folder, the compose services it builds and the
// ports its env files give their own service. Infrastructure it merely runs from an image
// (postgres on 5432) is not the project's to number, and stays quiet.

/** `places` are one service's; `rangeOf` finds the range a place's own file declares for it. */
function outOfRangeElsewhere(places: Iterable<Place>, rangeOf: (p: Place) => RangeDecl | undefined): Finding[] {
  // Most services are under no document's range: they cost one look at each place.
  if (!someRanged(places)) return [];
  const ranged: Array<{ place: Place; range: RangeDecl }> = [];
  const running: Place[] = [];
  // Every port a document or registry gives the service, under a range or not, as a claim or not.
  const documented: Place[] = [];
  for (const p of places) {
    if (p.source === 'markdown' || p.source === 'registry') documented.push(p);
    if (p.claim) continue;
    if (isRanged(p)) {
      const range = rangeOf(p);
      if (range) ranged.push({ place: p, range });
    } else if (isMainRunningPort(p)) {
      running.push(p);
    }
  }
  if (ranged.length === 0 || running.length === 0) return [];
  // In document order, so which document is cited does not depend on the order of edits.
  ranged.sort((a, b) => compareLocations(a.place.loc, b.place.loc));
  running.sort((a, b) => compareLocations(a.loc, b.loc));
  const out: Finding[] = [];
  for (const q of running) {
    const owner = ranged.find(({ place, range }) => describeSame(place, q) && compatible(place, q) && !inside(q, range) && !listedBeside(place, q, documented));
    if (!owner) continue;
    const { range } = owner;
    out.push(finding(outOfRange, {
      message: `${q.service} is on ${portText(q)}, outside ${range.name} (${spansText(range)}), the range ${owner.place.loc.file} puts it under`,
      service: q.service,
      port: q.port,
      loc: q.loc,
      related: [{ loc: range.loc, message: `${range.name}: ${spansText(range)}` }, { loc: owner.place.loc, message: `${owner.place.service}: ${owner.place.port}` }],
    }));
  }
  return out;
}

function someRanged(places: Iterable<Place>): boolean {
  for (const p of places) if (isRanged(p)) return true;
  return false;
}

/** A document's or registry's place under a range (claims too: they are skipped where it matters). */
function isRanged(p: Place): boolean {
  return p.ownerRange !== undefined && (p.source === 'markdown' || p.source === 'registry');
}

/** A compose service's first published port, or an env file's own port of a service: where it listens. */
function isMainRunningPort(p: Place): boolean {
  if (p.source === 'compose') return p.indexInGroup === 0 && p.fence === undefined;
  return p.source === 'env' && p.role === undefined;
}

function compatible(a: Place, b: Place): boolean {
  return a.environment === undefined || b.environment === undefined || a.environment === b.environment;
}

function inside(p: Place, range: RangeDecl): boolean {
  return rangeHolds(range, p.port, p.endPort ?? p.port);
}

/** The document lists this port for the service too (in the same file, in any section): not a port outside its plan. */
function listedBeside(doc: Place, q: Place, documented: Place[]): boolean {
  return documented.some((place) => place.loc.file === doc.loc.file && place.port === q.port);
}

/** Places in a registry project's folder whose own main port is outside the project's range. */
function outsideProjectRange(places: Place[], projectRanges: ReadonlyMap<string, RangeDecl>): Finding[] {
  if (projectRanges.size === 0) return [];
  const out: Finding[] = [];
  for (const p of places) {
    const range = projectRanges.get(p.scope);
    if (!range || p.claim || !isOwnMainPort(p) || inside(p, range)) continue;
    out.push(finding(outOfRange, {
      message: `${p.service} is on ${portText(p)}, outside project ${range.name}'s range (${spansText(range)})`,
      service: p.service,
      port: p.port,
      loc: p.loc,
      related: [{ loc: range.loc, message: `${range.name}: ${spansText(range)}` }],
    }));
  }
  return out;
}

/** A compose service the project builds (its first published port), or an env file's own port. */
function isOwnMainPort(p: Place): boolean {
  if (p.source === 'compose') return p.buildContext !== undefined && p.indexInGroup === 0 && p.fence === undefined;
  return p.source === 'env' && p.own === true && p.role === undefined;
}

// A range a document names for a service (`| 4400-4499 | Insight — Lighthouse |`) holds where that
// service runs: its compose service's main port, its port variable in an env file (a template's
// too: its value is what a copy of it runs on). Only for a service the document gives no port of
// its own: one it lists is compared as listed (above, and port-mismatch).

const PORT_VARIABLE = /(?:^|_)PORT$/i;

/** A compose service's main port, or an env variable that sets a service's port (not a URL it is reached at). */
function runsOn(p: Place): boolean {
  if (p.source === 'env') return p.role === undefined && p.variable !== undefined && PORT_VARIABLE.test(p.variable);
  return !p.claim && isMainRunningPort(p);
}

/** Running places (of a compose or env file) of services a document names a range for, outside every such range. */
function outsideNamedRange(places: Place[], shared: SharedFacts): Finding[] {
  if (shared.namedRanges.size === 0) return [];
  const out: Finding[] = [];
  for (const p of places) {
    if (!runsOn(p)) continue;
    const named = shared.namedRanges.get(p.identity);
    if (!named) continue;
    const holding = named.filter((n) => holdsFor(n, p)).map((n) => n.range);
    if (holding.length === 0 || holding.some((r) => inside(p, r))) continue;
    const first = holding[0];
    out.push(finding(outOfRange, {
      message: `${p.service} is on ${portText(p)}, outside ${first.name} (${spansText(first)}), the range ${first.loc.file} names for it`,
      service: p.service,
      port: p.port,
      loc: p.loc,
      related: holding.map((r) => ({ loc: r.loc, message: `${r.name}: ${spansText(r)}` })),
    }));
  }
  return out;
}

/** Whether a named range holds for the place: declared elsewhere, by a document that speaks for it and lists no port of its own for the service. */
function holdsFor(n: NamedRange, p: Place): boolean {
  return n.range.loc.file !== p.loc.file && speaksFor(n.declaredBy, p) && !n.listed.has(p.serviceKey);
}
