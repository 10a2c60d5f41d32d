// A service whose environment names its ports by what they serve (`GRPC_PORT: 9097`,
// `METRICS_PORT: 9187`) and publishes those container ports: each such mapping is that role's
// port, so a document's gRPC column is compared with the gRPC mapping rather than with whichever
// port of the service agrees (`| ledger | 9092 | 8088 |` under gRPC and HTTP, where compose
// publishes 9097 and 8088 and says 9097 is gRPC, is drift in the gRPC port).
import type { Allocation } from '../../model';
import { roleFromWords } from '../../syntax/names';
import type { PortVariable } from './environment';

const PORT_WORD = /(?:^|_)PORT(?:_|$)/i;

/** Gives the service's published mappings the roles its environment's `*_PORT` variables name. */
export function rolesFromEnvironment(environment: readonly PortVariable[], published: readonly Allocation[]): void {
  const roles = new Map<number, string | null>();
  for (const v of environment) {
    const role = roleFromWords(v.key.replace(PORT_WORD, '_'));
    // An HTTP port is the service's main one; two roles on one port say nothing sure.
    if (role === undefined || role === 'http') continue;
    roles.set(v.port, roles.has(v.port) && roles.get(v.port) !== role ? null : role);
  }
  if (roles.size === 0) return;
  const roleOf = (a: Allocation) => (a.containerPort === undefined || a.claim || a.endPort !== undefined ? undefined : roles.get(a.containerPort) ?? undefined);
  // A service that publishes one port keeps it main, whatever it serves: a document that lists the
  // service by one port (`| story | 8082 |`) is still compared with it.
  if (published.filter((a) => !a.claim).length < 2) return;
  for (const a of published) {
    const role = roleOf(a);
    if (role !== undefined) a.role = role;
  }
}
