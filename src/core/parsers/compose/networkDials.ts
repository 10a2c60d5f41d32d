// A service that reaches another by its name on the compose network (`redis://cache:6380`,
// `REDIS_HOST: cache` with `REDIS_PORT: 6380`, `CACHE_ADDR: cache:6380`) reaches the port the other
// listens on in its container. Dialling the port the other publishes on the host instead is a
// common mistake that works nowhere: `cache` publishes `"6380:6379"`, so inside the network
// nothing listens on 6380. Judged within one compose document, where both services and the
// mapping are in view; reported as port-mismatch at the dialled port, with the mapping as related.
// Most documents dial nothing by a service's name: what a service listens on is worked out only
// for a service that is dialled.

import type { Allocation, Location, Mention, ParseProblem } from '../../model';

/** Records a port a service's environment dials on a host it names. */
export type Dialer = (host: string, port: number, loc: Location) => void;

/** Where one service's facts are in its document's lists, and what else says where it listens. */
export interface ServiceRecord {
  /** Its allocations: `allocations.slice(from, to)` of the document. */
  allocations: [number, number];
  /** The container ports its `ports:` and `expose:` mention. */
  mentions: [number, number];
  /** The ports its `environment:` and `command:` hold. */
  alsoInside: number[];
}

interface ClientDial {
  client: string;
  /** The dialled service. */
  target: string;
  host: string;
  port: number;
  loc: Location;
}

/** The services of one compose document as its network sees them. */
export class ComposeNetwork {
  private readonly byName = new Map<string, string>();
  private readonly offNetwork = new Set<string>();
  private readonly records = new Map<string, ServiceRecord>();
  private readonly dials: ClientDial[] = [];

  /** `services`: each service with the names it is reached by besides its own, and whether it sets `network_mode:`. */
  constructor(services: Iterable<[string, readonly string[], boolean]>) {
    for (const [service, reachedAs, networkMode] of services) {
      if (networkMode) this.offNetwork.add(service);
      for (const name of [service.toLowerCase(), ...reachedAs]) if (!this.byName.has(name)) this.byName.set(name, service);
    }
  }

  /** What `client`'s environment dials; undefined off the network, or where `extra_hosts` may send names elsewhere. */
  dialerOf(client: string, extraHosts: boolean): Dialer | undefined {
    if (extraHosts || this.offNetwork.has(client)) return undefined;
    return (host, port, loc) => {
      const target = this.byName.get(host);
      if (target !== undefined && !this.offNetwork.has(target)) this.dials.push({ client, target, host, port, loc });
    };
  }

  record(service: string, record: ServiceRecord): void {
    this.records.set(service, record);
  }

  /** Dials of a host port that the dialled service publishes to another container port. */
  problems(allocations: readonly Allocation[], mentions: readonly Mention[]): ParseProblem[] {
    const out: ParseProblem[] = [];
    for (const dial of this.dials) {
      const record = this.records.get(dial.target);
      if (!record || listensInside(record, dial.port, mentions)) continue;
      const mapping = allocations.slice(...record.allocations)
        .find((a) => !a.claim && a.endPort === undefined && a.port === dial.port && a.containerPort !== undefined && a.containerPort !== dial.port);
      if (!mapping) continue;
      const inside = containerPortAt(record, mapping.containerPort!, mentions);
      out.push({
        rule: 'port-mismatch',
        message: `${dial.client} dials ${dial.host}:${dial.port} on the compose network, where ${dial.target} listens on ${mapping.containerPort}: ${dial.port} is the port it publishes on the host (line ${mapping.loc.span.startLine})`,
        port: dial.port,
        loc: dial.loc,
        related: [
          { loc: mapping.loc, message: `${dial.target}: ${mapping.port}:${mapping.containerPort}` },
          // The port to dial instead: a quick fix offers to change the dial to it.
          ...(inside ? [{ loc: inside, message: `${dial.target} listens on ${mapping.containerPort} inside` }] : []),
        ],
      });
    }
    return out;
  }
}

/** The service says it listens on `port` inside: a container port, an `expose`, its own variable or command. */
function listensInside(record: ServiceRecord, port: number, mentions: readonly Mention[]): boolean {
  if (record.alsoInside.includes(port)) return true;
  for (let i = record.mentions[0]; i < record.mentions[1]; i++) if (mentions[i].port === port) return true;
  return false;
}

/** Where the service's `ports:` write the container port `port`. */
function containerPortAt(record: ServiceRecord, port: number, mentions: readonly Mention[]): Location | undefined {
  for (let i = record.mentions[0]; i < record.mentions[1]; i++) if (mentions[i].port === port) return mentions[i].loc;
  return undefined;
}
