// A document with a "Frontend ports" section and a "Backend ports" section that both list an app
// (`Learn` on 45009 under one, on 6002 under the other) lists two parts of that app, not one
// service written down twice: the frontend's ports get the role `frontend`, so they are compared
// with other frontend ports only. An app listed under one tier alone stays as it is.
import type { MdState } from './state';

export type Tier = 'frontend' | 'backend';

const FRONTEND = /\bfront-?ends?\b/i;
const BACKEND = /\bback-?ends?\b/i;

/** The tier a heading names, when it names exactly one. */
export function tierOf(heading: string): Tier | undefined {
  const front = FRONTEND.test(heading);
  if (front === BACKEND.test(heading)) return undefined;
  return front ? 'frontend' : 'backend';
}

export function splitTiers(state: MdState): void {
  if (state.tiered.length === 0) return;
  const tiersOf = new Map<string, Set<Tier>>();
  for (const { allocation, tier } of state.tiered) {
    let tiers = tiersOf.get(allocation.serviceKey);
    if (!tiers) tiersOf.set(allocation.serviceKey, (tiers = new Set()));
    tiers.add(tier);
  }
  for (const { allocation, tier } of state.tiered) {
    if (tier === 'frontend' && allocation.role === undefined && tiersOf.get(allocation.serviceKey)!.size === 2) allocation.role = 'frontend';
  }
}
