// A page about one product may label the ports of its property row with the product's components
//   # Relay
//   | **Port** | 8443 (api), 7000 (signal) |
// and run those components in its own compose snippet as `relay-api` and `relay-signal`. A
// labelled port is then a claim about that component's service, compared with the snippet, not a
// second port of the product. A label that names no service of the page's snippets ("STUN/TURN",
// "web") leaves the claim with the product.
import { serviceKey } from '../../syntax/names';
import type { MdState } from './state';

export function claimsForComponents(state: MdState): void {
  if (state.labelledClaims.length === 0) return;
  const snippetServices = new Map<string, string>();
  for (const a of state.facts.allocations) {
    if (a.fence !== undefined) snippetServices.set(a.serviceKey, a.service);
  }
  for (const { allocation, label } of state.labelledClaims) {
    const key = serviceKey(`${allocation.service} ${label}`);
    const service = snippetServices.get(key);
    if (service === undefined) continue;
    allocation.service = service;
    allocation.serviceKey = key;
  }
}
