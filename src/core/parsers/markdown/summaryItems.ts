// A list item that sums up ports the page gives elsewhere: `- **Infrastructure**: 2181, 8200, 9092`
// under tables that give each of those ports to its service, or `- ✅ **Allowed**: 8000 (main),
// 8001 (test)` under a table of the team's services. The item's name is a category, a policy or a
// heading, not one more service on each of those ports.
import type { Allocation } from '../../model';
import { mentionOnly, type MdState } from './state';

/** Notes the allocations one list item made, when it wrote several ports (see dropRestatedItems). */
export function noteItemPorts(state: MdState, from: number): void {
  const made = state.facts.allocations.slice(from);
  if (new Set(made.map((a) => a.port)).size >= 2) state.multiPortItems.push(made);
}

/**
 * Turns into mentions the items each of whose ports the page gives another service too: a
 * service of its own that shares every one of its several ports with others is a summary.
 */
export function dropRestatedItems(state: MdState): void {
  if (state.multiPortItems.length === 0) return;
  const inItems = new Set(state.multiPortItems.flat());
  const holders = new Map<number, Set<string>>();
  for (const a of state.facts.allocations) {
    if (inItems.has(a)) continue;
    const keys = holders.get(a.port);
    if (keys) keys.add(a.serviceKey);
    else holders.set(a.port, new Set([a.serviceKey]));
  }
  const restated = new Set<Allocation>();
  for (const item of state.multiPortItems) {
    if (item.every((a) => [...(holders.get(a.port) ?? [])].some((key) => key !== a.serviceKey))) for (const a of item) restated.add(a);
  }
  mentionOnly(state, restated);
}
