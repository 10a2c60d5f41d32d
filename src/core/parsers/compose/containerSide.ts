// A service that publishes no port still listens on one inside its container: `environment:
// PORT: 30007` tells the process which, and `expose: ["30007"]` says so to other containers. For a
// service reached through a proxy or the compose network, that port is what a document's table
// lists for it, so it is compared with the documents, as a claim: it takes no host port, and
// nothing clashes with it. A service that publishes a port of an image it builds leaves the
// port the process listens on to the image, unless compose says it (leavesPortToImage).
import type { Allocation, Location } from '../../model';
import { keyFromVariable, serviceKey } from '../../syntax/names';
import type { PortVariable } from './environment';
import { scalarText } from './scalarText';
import { mapEntries, resolve, seqItems } from './walk';
import type { Value, Walk } from './walk';

// Variables that set the service's own listening port; `<SERVICE>_PORT` too (see ownVariable). A
// Dockerfile's `ENV`/`ARG` of these names is its image's port (parsers/dockerfile/).
export const OWN_PORT_KEYS: ReadonlySet<string> = new Set(['PORT', 'HTTP_PORT', 'SERVER_PORT', 'APP_PORT', 'LISTEN_PORT', 'API_PORT', 'WEB_PORT']);

function ownVariable(key: string, service: string): boolean {
  const upper = key.toUpperCase();
  if (OWN_PORT_KEYS.has(upper)) return true;
  return upper.endsWith('_PORT') && keyFromVariable(upper.slice(0, -'_PORT'.length)) === serviceKey(service);
}

export interface ContainerSideInput {
  service: string;
  group: number;
  /** Other names of the service (container_name, aliases), as keys. */
  names?: string[];
  environment: PortVariable[];
  exposed: Array<{ port: number; loc: Location }>;
}

/** Claims for an unpublished service's container port: its own `PORT` variable, else one `expose` entry. */
export function containerSideClaims(input: ContainerSideInput, walk: Walk): void {
  const own = input.environment.filter((v) => ownVariable(v.key, input.service));
  const ports = own.length > 0 ? own : input.exposed;
  // Several ports say nothing about which one a document means.
  if (new Set(ports.map((p) => p.port)).size !== 1) return;
  const key = serviceKey(input.service);
  if (!key) return;
  ports.forEach((p, indexInGroup) => walk.out.allocations.push(containerPortClaim(input.service, key, p, { group: input.group, indexInGroup, names: input.names }, walk)));
}

/**
 * A claim on a service's container port, written at `at.loc`: compared with the documents, never a
 * host port. Also for a port published from a host port nothing read sets (ports.ts).
 */
export function containerPortClaim(
  service: string, key: string, at: { port: number; loc: Location }, group: { group: number; indexInGroup: number; names?: string[] }, walk: Walk,
): Allocation {
  return {
    service, serviceKey: key, port: at.port, protocol: 'tcp', scope: walk.opts.scope ?? '', environment: walk.opts.environment,
    source: 'compose', claim: true, group: group.group, indexInGroup: group.indexInGroup, containerPort: at.port,
    names: group.names && group.names.length > 0 ? group.names : undefined, loc: at.loc,
  };
}

/**
 * Whether the port a service built from a Dockerfile listens on is the image's to say: compose
 * neither runs another command (`command:`, `entrypoint:`) nor sets the service's own port variable
 * in `environment:` (whatever its value).
 */
export function leavesPortToImage(service: string, fields: Map<string, Value>, walk: Walk): boolean {
  if (fields.has('command') || fields.has('entrypoint')) return false;
  const environment = resolve(fields.get('environment'), walk);
  const keys = environment?.kind === 'map'
    ? [...mapEntries(environment, walk).keys()]
    : seqItems(environment, walk).map((item) => scalarText(item, walk)?.value.split('=')[0] ?? '');
  return !keys.some((key) => ownVariable(key.trim(), service));
}
