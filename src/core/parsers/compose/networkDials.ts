// A service that reaches another by its name on the compose network (`redis://cache:6380`,
// `REDIS_HOST: cache` with `REDIS_PORT: 6380`, `CACHE_ADDR: cache:6380`) reaches the port the other
// listens on in its container. Dialling the port the other publishes on the host instead is a
// common mistake that works nowhere: `cache` publishes `"6380:6379"`, so inside the network
// nothing listens on 6380. Judged within one compose document, where both services and the
// mapping are in view; reported as port-mismatch at the dialled port, with the mapping as related.

import type { Location, ParseProblem } from '../../model';

/** A port a service dials on another by a name the network resolves. */
export interface Dial {
  /** The name dialled, lowercased (DNS names are case-insensitive). */
  host: string;
  port: number;
  loc: Location;
}

/** What the network knows of one service of the document. */
export interface NetworkSide {
  service: string;
  /** The names other containers reach it by: its key, `container_name`, `hostname`, network aliases (lowercased). */
  names: string[];
  /** Its single host port → container port mappings. */
  published: Array<{ port: number; containerPort: number; loc: Location }>;
  /** Ports it says it listens on inside: container ports, `expose`, its own `*_PORT`s, numbers in its command. */
  inside: ReadonlySet<number>;
  /** Its dials; none for a service whose names resolve elsewhere (`extra_hosts`) or that is off the network. */
  dials: Dial[];
  /** `network_mode:` set: it is not on the project's network the usual way, and neither is what it publishes. */
  offNetwork: boolean;
}

/** Dials of a host port that the dialled service publishes to another container port. */
export function hostPortDials(sides: readonly NetworkSide[]): ParseProblem[] {
  const byName = new Map<string, NetworkSide>();
  for (const side of sides) for (const name of side.names) if (!byName.has(name)) byName.set(name, side);
  const out: ParseProblem[] = [];
  for (const client of sides) {
    if (client.offNetwork) continue;
    for (const dial of client.dials) {
      const target = byName.get(dial.host);
      if (!target || target.offNetwork || target.inside.has(dial.port)) continue;
      const mapping = target.published.find((m) => m.port === dial.port && m.containerPort !== dial.port);
      if (!mapping) continue;
      out.push({
        rule: 'port-mismatch',
        message: `${client.service} dials ${dial.host}:${dial.port} on the compose network, where ${target.service} listens on ${mapping.containerPort}: ${dial.port} is the port it publishes on the host (line ${mapping.loc.span.startLine})`,
        port: dial.port,
        loc: dial.loc,
        related: [{ loc: mapping.loc, message: `${target.service}: ${mapping.port}:${mapping.containerPort}` }],
      });
    }
  }
  return out;
}
