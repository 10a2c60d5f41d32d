// The allocation table: one row per service, role and port, with every place that writes it.
// `portolan list`, the Ports tree (portolan/allocations) and the Markdown export all show these
// rows, so they agree with each other and with `portolan check` on what one service is: its
// identity after registry aliases (`api-gateway` listed as an alias of `gateway` is `gateway`), a
// generic name (`web`) once per stack, in its project's scope.
import { isGenericName } from '../project/roles';
import { compareLocations, type Place, type RuleInput } from '../rules/model';
import { matchRole } from '../syntax/names';
import { rangesOf } from './lookup';
import { owningRange, type RangeInfo } from './ranges';
import { bySpelling } from './services';

export interface AllocationRow {
  /** The service as the checker knows it (see Place.identity). */
  identity: string;
  /** The spelling shown: the registry's, then compose's, env's, Markdown's. */
  service: string;
  /** The role as that spelling's place writes it; undefined for a main port written without one. */
  role?: string;
  port: number;
  endPort?: number;
  /** The environment every allocation of the row names, when they all name the same one. */
  environment?: string;
  scope: string;
  /** The stack (its folder) of a service with a generic name (`web`, `api`): one row per stack. */
  stack?: string;
  /** The declared range that owns the row, one of rangesOf(input): the one a place's section names, else the smallest that holds it. */
  range?: RangeInfo;
  /** The allocations and the references that point at them, in document order. */
  places: Place[];
}

/** Every allocation of the rule input, sorted by port, service and role. */
export function allocationTable(input: RuleInput): AllocationRow[] {
  const ranges = rangesOf(input);
  return groupPlaces(input.places)
    .filter((places) => places.some((p) => !p.claim))
    .map((places) => rowOf(places, ranges))
    .sort((a, b) => a.port - b.port || a.service.localeCompare(b.service) || (a.role ?? '').localeCompare(b.role ?? ''));
}

/**
 * The row of places of one service, role and port in document order, at least one of them an
 * allocation. The Markdown export also makes rows of the ports one unit lists together.
 */
export function rowOf(places: Place[], ranges: readonly RangeInfo[]): AllocationRow {
  const owners = places.filter((p) => !p.claim);
  const first = [...owners].sort(bySpelling)[0];
  const environments = new Set(owners.map((p) => p.environment));
  return {
    identity: first.identity,
    service: first.service,
    ...(first.role !== undefined ? { role: first.role } : {}),
    port: first.port,
    ...(first.endPort !== undefined ? { endPort: first.endPort } : {}),
    ...(environments.size === 1 && first.environment !== undefined ? { environment: first.environment } : {}),
    scope: first.scope,
    ...(isGenericName(first.serviceKey) ? { stack: first.fileRole.home || '.' } : {}),
    // A range section's table names its range on each entry; compose and env places name none.
    range: owningRange(ranges, owners.find((p) => p.ownerRange !== undefined) ?? first),
    places,
  };
}

/**
 * Places grouped by scope, service identity, role and port, each group in document order, the
 * groups in document order of their first place. A group of references only is a reference to
 * nothing allocated here: no row. A port a Dockerfile exposes joins the row of the compose port that
 * publishes it (`"8080:3000"`, `EXPOSE 3000`: the row of 8080).
 */
export function groupPlaces(places: readonly Place[]): Place[][] {
  const sorted = [...places].sort((a, b) => compareLocations(a.loc, b.loc));
  const rowKey = (p: Place) => `${p.scope}\u0000${p.identity}\u0000${matchRole(p.role)}\u0000${p.port}\u0000${p.endPort ?? ''}`;
  const inContainer = (p: Place, port: number) => `${p.scope}\u0000${p.identity}\u0000${p.unit}\u0000${port}`;
  const publishing = new Map<string, string>();
  for (const p of sorted) {
    if (p.source !== 'compose' || p.claim || p.containerPort === undefined) continue;
    const key = inContainer(p, p.containerPort);
    if (!publishing.has(key)) publishing.set(key, rowKey(p));
  }
  const groups = new Map<string, Place[]>();
  for (const p of sorted) {
    const key = (p.source === 'dockerfile' && p.endPort === undefined ? publishing.get(inContainer(p, p.port)) : undefined) ?? rowKey(p);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()];
}
