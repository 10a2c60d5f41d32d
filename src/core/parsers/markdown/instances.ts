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
  const tables = tablesOf(state.facts.allocations);
  if (tables.size < 2) return;
  const groups = [...tables.keys()];
  const copies = new Set<number>();
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      if (shifted(tables.get(groups[i])!, tables.get(groups[j])!)) copies.add(groups[i]).add(groups[j]);
    }
  }
  for (const a of state.facts.allocations) {
    if (copies.has(a.group) && inTable(a)) a.environment = `${VARIANT_PREFIX}instance-${a.group}`;
  }
}

interface Table {
  environment?: string;
  /** Service and role → ports. */
  ports: Map<string, Set<number>>;
}

/** The rows of each table (by group) that give a service a port. */
function tablesOf(allocations: Allocation[]): Map<number, Table> {
  const out = new Map<number, Table>();
  for (const a of allocations) {
    if (!inTable(a)) continue;
    let table = out.get(a.group);
    if (!table) out.set(a.group, (table = { environment: a.environment, ports: new Map() }));
    const key = `${a.serviceKey}\u0000${a.role ?? ''}`;
    let ports = table.ports.get(key);
    if (!ports) table.ports.set(key, (ports = new Set()));
    ports.add(a.port);
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
  const [a, b] = [x.ports, y.ports];
  const shared = new Set<string>();
  for (const [key, ports] of a) {
    const others = b.get(key);
    if (!others) continue;
    for (const port of ports) if (others.has(port)) return false;
    shared.add(serviceOf(key));
  }
  const shorter = Math.min(servicesIn(a), servicesIn(b));
  return shared.size >= MIN_SHARED && shared.size * 2 >= shorter;
}

function serviceOf(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}

function servicesIn(table: Map<string, Set<number>>): number {
  return new Set([...table.keys()].map(serviceOf)).size;
}
