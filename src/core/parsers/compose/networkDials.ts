// A service that reaches another by its name on the compose network (`redis://cache:6380`,
// `REDIS_HOST: cache` with `REDIS_PORT: 6380`, `CACHE_ADDR: cache:6380`) reaches the port the other
// listens on in its container. Dialling the port the other publishes on the host instead is a
// common mistake that works nowhere: `cache` publishes `"6380:6379"`, so inside the network
// nothing listens on 6380. Judged within one compose document, where both services and the
// mapping are in view; reported as port-mismatch at the dialled port, with the mapping as related.
// Most documents dial nothing by a service's name: what a service listens on is worked out only
// for a service that is dialled.

import type { Location, Mention, ParseProblem } from '../../model';
import { defaultPortOf } from '../../syntax/servers';
import { location } from './facts';
import { scalarText } from './scalarText';
import { mapEntries, resolve, seqItems } from './walk';
import type { Value, Walk } from './walk';

/** Records a port a service's environment dials on a host it names. */
export type Dialer = (host: string, port: number, loc: Location) => void;

/** Where one service's facts are in its document's lists, and the fields that may say more of where it listens. */
export interface ServiceRecord {
  /** Its allocations: `allocations.slice(from, to)` of the document. */
  allocations: [number, number];
  /** The container ports its `ports:` and `expose:` mention. */
  mentions: [number, number];
  fields: ReadonlyMap<string, Value>;
  /** The well-known server its image runs (ServiceMeta.server). */
  server?: string;
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

  /**
   * What `client`'s environment dials; undefined off the network, or where `extra_hosts` may send
   * names elsewhere. `links` are its own names for others (`links: ["vault:secrets"]`: `secrets`
   * is vault). A service that names itself (a broker's advertised listener) describes itself.
   */
  dialerOf(client: string, extraHosts: boolean, links: ReadonlyMap<string, string>): Dialer | undefined {
    if (extraHosts || this.offNetwork.has(client)) return undefined;
    return (host, port, loc) => {
      const linked = links.get(host);
      const target = linked === undefined ? this.byName.get(host) : this.byName.get(linked);
      if (target !== undefined && target !== client && !this.offNetwork.has(target)) this.dials.push({ client, target, host, port, loc });
    };
  }

  record(service: string, record: ServiceRecord): void {
    this.records.set(service, record);
  }

  /** Dials of a host port that the dialled service publishes to another container port. */
  problems(walk: Walk): ParseProblem[] {
    const { allocations, mentions } = walk.out;
    const out: ParseProblem[] = [];
    for (const dial of this.dials) {
      const record = this.records.get(dial.target);
      if (!record || listensInside(record, dial.port, walk)) continue;
      const mapping = allocations.slice(...record.allocations)
        .find((a) => !a.claim && a.endPort === undefined && a.port === dial.port && a.containerPort !== undefined && a.containerPort !== dial.port);
      if (!mapping) {
        const server = offDefault(record, dial, walk);
        if (server) out.push(server);
        continue;
      }
      const inside = mentionAt(record.mentions, mapping.containerPort!, mentions);
      out.push({
        rule: 'port-mismatch',
        message: `${dial.client} dials ${dial.host}:${dial.port} on the compose network, where ${dial.target} listens on ${mapping.containerPort}: ${dial.port} is the port it publishes on the host (line ${mapping.loc.span.startLine})`,
        service: dial.target,
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

/**
 * A dial of a well-known server's image (`db: { image: postgres:16 }`) on a port it does not listen
 * on: the image's default (5432), where nothing about the service says it listens elsewhere (no
 * other container port, no number in its command, no listener variable: see listensInside).
 */
function offDefault(record: ServiceRecord, dial: ClientDial, walk: Walk): ParseProblem | undefined {
  const port = record.server === undefined ? undefined : defaultPortOf(record.server);
  const image = scalarText(record.fields.get('image'), walk);
  if (port === undefined || port === dial.port || image === undefined) return undefined;
  // A container port of its own other than the default: it may be set up to listen elsewhere.
  for (let i = record.mentions[0]; i < record.mentions[1]; i++) if (walk.out.mentions[i].port !== port) return undefined;
  return {
    rule: 'port-mismatch',
    message: `${dial.client} dials ${dial.host}:${dial.port} on the compose network, where ${dial.target} runs ${image.value}, which listens on ${port}`,
    service: dial.target,
    port: dial.port,
    loc: dial.loc,
    related: [{ loc: location(walk, { start: image.scalarStart, end: image.scalarEnd }), message: `${dial.target}: image ${image.value} (port ${port})` }],
  };
}

/**
 * The service says it listens on `port` inside: a container port or `expose` entry, a number in its
 * `command:` or `entrypoint:` (`redis-server --port 6380`), or in a variable of its environment
 * named for a port or listener (`PGPORT`, `REDIS_PORT_NUMBER`, `KAFKA_LISTENERS`).
 */
function listensInside(record: ServiceRecord, port: number, walk: Walk): boolean {
  if (mentionAt(record.mentions, port, walk.out.mentions)) return true;
  const numbers = [...numbersIn(record.fields.get('command'), walk), ...numbersIn(record.fields.get('entrypoint'), walk)];
  const environment = resolve(record.fields.get('environment'), walk);
  if (environment?.kind === 'map') {
    for (const [key, value] of mapEntries(environment, walk)) if (LISTENER_KEY.test(key)) numbers.push(...numbersIn(value, walk));
  } else {
    for (const item of seqItems(environment, walk)) {
      const text = scalarText(item, walk)?.value ?? '';
      if (LISTENER_KEY.test(text.slice(0, Math.max(text.indexOf('='), 0)))) numbers.push(...numbersInText(text));
    }
  }
  return numbers.includes(port);
}

const LISTENER_KEY = /PORT|LISTEN/i;

/** The numbers a scalar or a list of scalars holds. */
function numbersIn(node: Value, walk: Walk): number[] {
  const resolved = resolve(node, walk);
  const items = resolved?.kind === 'seq' ? seqItems(resolved, walk) : [resolved];
  return items.flatMap((item) => numbersInText(scalarText(item, walk)?.value ?? ''));
}

function numbersInText(text: string): number[] {
  return [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** Where the mentions `range` of a document's `mentions` (a service's container ports) write `port`, if they do. */
export function mentionAt(range: readonly [number, number], port: number, mentions: readonly Mention[]): Location | undefined {
  for (let i = range[0]; i < range[1]; i++) if (mentions[i].port === port) return mentions[i].loc;
  return undefined;
}
