// Services as one thing each, whatever their spellings and places: the port each role has by
// majority (the registry's when it lists the service; otherwise documents vote, as the mismatch
// rule counts), and the place that defines it. What workspace symbols, Go to Definition and the
// registry authoring ask.
import type { Place, RuleInput } from '../rules/model';
import { compareLocations, scopedIdentity } from '../rules/model';
import { matchRole } from '../syntax/names';
import { dirOf } from '../syntax/paths';

export interface RolePort {
  /** `main` for the main (http) port, else the role. */
  role: string;
  /** The role as the defining place writes it (`http`, `grpc`), undefined for a bare main port. */
  written?: string;
  port: number;
  /** The registry entry, else the first place (document order) with the majority port. */
  definition: Place;
  /** Every place of this role, whatever its port. */
  places: Place[];
}

export interface ServiceInfo {
  identity: string;
  scope: string;
  /** The spelling shown: the registry's, then compose's, env's, Markdown's. */
  name: string;
  /** Every spelling, in that order. */
  spellings: string[];
  /** Main first, then by port. */
  roles: RolePort[];
  places: Place[];
}

const SOURCE_RANK = { registry: 0, compose: 1, kubernetes: 1, env: 2, package: 3, procfile: 4, devcontainer: 5, markdown: 6, dockerfile: 7, commands: 8 } as const;

/** Whose spelling of a service is shown: the registry's, then compose's, env's, an app's scripts', a dev container's labels, Markdown's, a Dockerfile's folder (then document order). */
export function bySpelling(a: Place, b: Place): number {
  return SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || compareLocations(a.loc, b.loc);
}

/** Every service with at least one allocation (references alone make none). */
export function servicesOf(input: RuleInput): ServiceInfo[] {
  const groups = new Map<string, Place[]>();
  const interpolated = interpolatedVariables(input.places);
  for (const p of input.places) {
    if (isInterpolated(p, interpolated)) continue;
    const key = scopedIdentity(p);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const out: ServiceInfo[] = [];
  for (const places of groups.values()) {
    if (!places.some((p) => !p.claim)) continue;
    const sorted = [...places].sort(bySpelling);
    const roles = rolesOf(places);
    if (roles.length === 0) continue;
    out.push({
      identity: places[0].identity,
      scope: places[0].scope,
      name: sorted.find((p) => !p.claim)!.service,
      spellings: [...new Set(sorted.map((p) => p.service))],
      roles,
      places: [...places].sort((a, b) => compareLocations(a.loc, b.loc)),
    });
  }
  return out.sort((a, b) => a.roles[0].port - b.roles[0].port || a.name.localeCompare(b.name));
}

function rolesOf(places: Place[]): RolePort[] {
  const byRole = new Map<string, Place[]>();
  for (const p of places) {
    // A second port of a unit with no role (a compose service's second published port) is not its main port.
    if (p.role === undefined && p.indexInGroup > 0) continue;
    if (p.endPort !== undefined) continue;
    const role = matchRole(p.role);
    const list = byRole.get(role);
    if (list) list.push(p);
    else byRole.set(role, [p]);
  }
  const out: RolePort[] = [];
  for (const [role, list] of byRole) {
    const voters = withoutOtherEnvironments(list.filter((p) => !p.claim));
    if (voters.length === 0) continue;
    const port = majorityPort(voters);
    const definition = [...voters].filter((p) => p.port === port).sort(bySpelling)[0];
    out.push({ role, written: role === 'main' ? (definition.role ?? [...voters].find((p) => p.role)?.role) : definition.role, port, definition, places: list });
  }
  return out.sort((a, b) => (a.role === 'main' ? -1 : b.role === 'main' ? 1 : a.port - b.port));
}

/** Places with no environment when there are some: environment-specific values are variations. */
function withoutOtherEnvironments(places: Place[]): Place[] {
  const plain = places.filter((p) => p.environment === undefined);
  return plain.length > 0 ? plain : places;
}

/** The registry's port; else each document votes for its most written port, most votes win (then most places, then the lowest port). */
function majorityPort(places: Place[]): number {
  const registry = places.filter((p) => p.source === 'registry');
  if (registry.length > 0) return [...registry].sort((a, b) => compareLocations(a.loc, b.loc))[0].port;
  const tally = new Map<number, number>();
  const total = new Map<number, number>();
  const byFile = new Map<string, Map<number, number>>();
  for (const p of places) {
    const counts = byFile.get(p.loc.file) ?? new Map<number, number>();
    counts.set(p.port, (counts.get(p.port) ?? 0) + 1);
    byFile.set(p.loc.file, counts);
    total.set(p.port, (total.get(p.port) ?? 0) + 1);
  }
  for (const counts of byFile.values()) {
    const best = Math.max(...counts.values());
    for (const [port, n] of counts) if (n === best) tally.set(port, (tally.get(port) ?? 0) + 1);
  }
  return [...tally.keys()].sort((a, b) => tally.get(b)! - tally.get(a)! || total.get(b)! - total.get(a)! || a - b)[0];
}

/** The service and role `place` writes, or undefined (a reference to a service allocated nowhere). */
export function roleOfPlace(input: RuleInput, place: Place, services = servicesOf(input)): { service: ServiceInfo; role: RolePort } | undefined {
  const service = services.find((s) => s.identity === place.identity && s.scope === place.scope);
  if (!service) return undefined;
  const wanted = matchRole(place.role);
  const role = service.roles.find((r) => r.role === wanted)
    ?? (place.role === undefined ? service.roles.find((r) => r.port === place.port) : undefined);
  return role && { service, role };
}

/**
 * `dir\u0000VAR` of every variable a compose file interpolates into a published port: the env
 * places of those variables are that compose service's port, not services of their own.
 */
function interpolatedVariables(places: Place[]): Set<string> {
  return new Set(places.filter((p) => p.source === 'compose' && p.fromVariable !== undefined).map((p) => `${dirOf(p.loc.file)}\u0000${p.fromVariable}`));
}

function isInterpolated(p: Place, interpolated: Set<string>): boolean {
  return p.source === 'env' && p.variable !== undefined && interpolated.has(`${dirOf(p.loc.file)}\u0000${p.variable}`);
}
