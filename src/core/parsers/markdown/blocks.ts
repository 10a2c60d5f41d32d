// Sections that each describe a project or platform of their own: `### Shop` with Frontend 3000 and
// Backend 3001, `### Blog` with Frontend 3002 and Backend 3003. Two sections that list the same
// generic parts (frontend, backend, api, db ...) on different ports everywhere are two blocks, not
// one service written twice: each block's parts are named for their section (`Blog Frontend`), so
// they are neither compared with each other nor with a compose `frontend`. A section the page
// marks as its own repository's ("(This App)", "(this project)") keeps the plain names: those are
// the parts compose runs here. Sections that share some ports (a services table and a quick-start
// list, one of them stale) are one block written twice, and stay as they are.
import type { Allocation } from '../../model';
import { serviceKey } from '../../syntax/names';
import { isGenericName } from '../../project/roles';
import { nearestHeading, type MdState, type Section } from './state';

// Two shared parts at least: one repeated name may be anything, a repeated set is a pattern.
const MIN_SHARED_PARTS = 2;
const THIS_PROJECT = /\((?:this|current|our)\s+(?:app|application|project|repo|repository|service|platform)\)|\bthis (?:app|repo|repository|project)\b/i;

/** Files an allocation under the heading it was written under, when its name is a generic part. */
export function noteGenericPart(state: MdState, allocation: Allocation): void {
  if (!isGenericName(allocation.serviceKey)) return;
  const heading = nearestHeading(state);
  // Sections for environments and machines keep their parts apart already, and name them as compose does.
  if (heading && !heading.info.environment && !heading.info.host) state.generic.push({ allocation, heading });
}

/** Names the generic parts of sections that are blocks of their own for their sections. */
export function nameBlockParts(state: MdState): void {
  if (state.generic.length < 2 * MIN_SHARED_PARTS) return;
  const bySection = new Map<Section, Map<string, Set<number>>>();
  for (const { allocation, heading } of state.generic) {
    if (allocation.claim) continue;
    let parts = bySection.get(heading);
    if (!parts) bySection.set(heading, (parts = new Map()));
    const ports = parts.get(allocation.serviceKey);
    if (ports) ports.add(allocation.port);
    else parts.set(allocation.serviceKey, new Set([allocation.port]));
  }
  const sections = [...bySection.keys()];
  const blocks = new Set<Section>();
  for (let i = 0; i < sections.length; i++) {
    for (let j = i + 1; j < sections.length; j++) {
      if (sections[i].level !== sections[j].level || !apart(bySection.get(sections[i])!, bySection.get(sections[j])!)) continue;
      blocks.add(sections[i]);
      blocks.add(sections[j]);
    }
  }
  for (const { allocation, heading } of state.generic) {
    if (!blocks.has(heading) || THIS_PROJECT.test(heading.info.name)) continue;
    allocation.service = `${heading.info.name} ${allocation.service}`;
    allocation.serviceKey = serviceKey(allocation.service);
  }
}

/** Two sections list enough of the same parts, each on other ports in the one than in the other. */
function apart(a: Map<string, Set<number>>, b: Map<string, Set<number>>): boolean {
  let shared = 0;
  for (const [key, ports] of a) {
    const theirs = b.get(key);
    if (!theirs) continue;
    for (const port of ports) if (theirs.has(port)) return false;
    shared++;
  }
  return shared >= MIN_SHARED_PARTS;
}
