// unregistered-port: when a folder keeps a ports.yaml registry, a compose or env port of a service
// that the registry does not list at all (under its name or an alias), in a scope the registry
// lists services in (a project folder it delegates with `projects:` keeps its own). Info: the
// registry is incomplete, nothing is wrong yet. Reported once per unit (a compose service's
// ports, an env variable), at its first port.
import type { FileFacts, Finding } from '../model';
import { groupKey, type Place } from './model';

/** Whether the file is a Portolan registry (a foreign `ports.yaml` is read by its own shape, and marked so). */
export function isRegistry(f: FileFacts): boolean {
  if (f.kind !== 'registry' || f.foreign) return false;
  const empty = f.allocations.length === 0 && f.ranges.length === 0 && f.reserved.length === 0 && f.problems.length === 0 && f.projects.length === 0;
  return !(empty && f.notes.length > 0);
}

/** `places` are the places, in one scope, of a service the registry does not list. */
export function unregisteredOf(places: Place[], registryName: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const p of places) {
    if (p.claim || (p.source !== 'compose' && p.source !== 'env')) continue;
    const group = groupKey(p);
    if (seen.has(group)) continue;
    seen.add(group);
    out.push({
      rule: 'unregistered-port',
      severity: 'info',
      message: `${p.service} (${p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port}) is not in ${registryName}`,
      service: p.service,
      port: p.port,
      loc: p.loc,
      related: [],
    });
  }
  return out;
}
