// unregistered-port: when a folder keeps a ports.yaml registry, a compose or env port of a service
// that the registry does not list at all (under its name or an alias), in a scope the registry
// lists services in (a project folder it delegates with `projects:` keeps its own). Reported once
// per unit (a compose service's ports, an env variable), at its first port.
import type { FileFacts, Finding } from '../model';
import { groupKey } from './model';
import { finding, type Rule, type ServiceUnit } from './rule';

export const unregisteredPort: Rule = {
  id: 'unregistered-port',
  // The registry is incomplete; nothing is wrong yet.
  severity: 'info',
  summary: 'a compose or env port of a service that the ports.yaml registry does not list',
  checks: { service: unregisteredIn },
};

/** Whether the file is a Portolan registry (a foreign `ports.yaml` is read by its own shape, and marked so). */
export function isRegistry(f: FileFacts): boolean {
  if (f.kind !== 'registry' || f.foreign) return false;
  const empty = f.allocations.length === 0 && f.ranges.length === 0 && f.reserved.length === 0 && f.problems.length === 0 && f.projects.length === 0;
  return !(empty && f.notes.length > 0);
}

/**
 * A service the registry does not list, in a scope it answers for, at its places that a registry
 * speaks for. An env variable a compose file beside it interpolates is that compose service's port,
 * whatever its own name says: not a service of its own to register.
 */
function unregisteredIn(unit: ServiceUnit): Finding[] {
  const registry = unit.registry;
  if (!registry || !registry.scopes.has(unit.scope) || registry.identities.has(unit.identity)) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const p of unit.inOrder()) {
    if (p.claim || (p.source !== 'compose' && p.source !== 'env') || unit.interpolated(p) || !unit.underRegistry(p)) continue;
    const group = groupKey(p);
    if (seen.has(group)) continue;
    seen.add(group);
    out.push(finding(unregisteredPort, {
      message: `${p.service} (${p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port}) is not in ${registry.name}`,
      service: p.service,
      port: p.port,
      loc: p.loc,
      related: [],
    }));
  }
  return out;
}
