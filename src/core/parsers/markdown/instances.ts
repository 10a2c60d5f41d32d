// A document that gives each copy of one stack its own block of ports (a section per git worktree,
// per developer, per tenant: PostgreSQL 3000, Redis 3001 in one; PostgreSQL 4000, Redis 4001 in
// the next) lists instances, not one service written down with drifting ports. Two tables are
// copies when they list at least two of the same services (and roles) and give every one of them
// other ports: one drifted row, or one service in common, is no pattern. Each copy becomes an
// environment of its own, compared with nothing else. Tables of different environments are no
// copies of each other (Production and Development sections say so already).
import type { Allocation } from '../../model';
import { VARIANT_PREFIX } from '../../syntax/names';
import type { MdState } from './state';

const MIN_SHARED = 2;

export function splitInstances(state: MdState): void {
  // A list item is a group of its own, mostly of one service: only groups of several can be copies.
  const several = groupsOfSeveral(state.facts.allocations);
  if (several.size < 2) return;
  const tables = [...tablesOf(state.facts.allocations, several).values()].filter((t) => t.services.size >= MIN_SHARED);
  if (tables.length < 2) return;
  const copies = new Set<number>();
  for (let i = 0; i < tables.length; i++) {
    for (let j = i + 1; j < tables.length; j++) {
      if (shifted(tables[i], tables[j])) copies.add(tables[i].group).add(tables[j].group);
    }
  }
  if (copies.size === 0) return;
  for (const a of state.facts.allocations) {
    if (copies.has(a.group) && inTable(a)) a.environment = `${VARIANT_PREFIX}instance-${a.group}`;
  }
}

interface Table {
  group: number;
  environment?: string;
  /** Service and role → ports. */
  ports: Map<string, Set<number>>;
  services: Set<string>;
}

/** The groups whose rows name more than one service: cheap, so most documents stop here. */
function groupsOfSeveral(allocations: Allocation[]): Set<number> {
  const first = new Map<number, string>();
  const out = new Set<number>();
  for (const a of allocations) {
    if (!inTable(a)) continue;
    const key = first.get(a.group);
    if (key === undefined) first.set(a.group, a.serviceKey);
    else if (key !== a.serviceKey) out.add(a.group);
  }
  return out;
}

/** The rows of each of `groups` (a table each) that give a service a port. */
function tablesOf(allocations: Allocation[], groups: Set<number>): Map<number, Table> {
  const out = new Map<number, Table>();
  for (const a of allocations) {
    if (!groups.has(a.group) || !inTable(a)) continue;
    let table = out.get(a.group);
    if (!table) out.set(a.group, (table = { group: a.group, environment: a.environment, ports: new Map(), services: new Set() }));
    const key = `${a.serviceKey}\u0000${a.role ?? ''}`;
    let ports = table.ports.get(key);
    if (!ports) table.ports.set(key, (ports = new Set()));
    ports.add(a.port);
    table.services.add(a.serviceKey);
  }
  return out;
}

/** A row that gives its service a port, not one listing who holds a port now (occupied). */
function inTable(a: Allocation): boolean {
  return !a.claim && !a.occupied && !a.environment?.startsWith(VARIANT_PREFIX) && a.fence === undefined;
}

/**
 * The two tables share at least MIN_SHARED services, and half the services of the shorter one, each
 * on other ports in each.
 */
function shifted(x: Table, y: Table): boolean {
  if (x.environment !== y.environment) return false;
  const shared = new Set<string>();
  for (const [key, ports] of x.ports) {
    const others = y.ports.get(key);
    if (!others) continue;
    for (const port of ports) if (others.has(port)) return false;
    shared.add(key.slice(0, key.indexOf('\u0000')));
  }
  return shared.size >= MIN_SHARED && shared.size * 2 >= Math.min(x.services.size, y.services.size);
}
