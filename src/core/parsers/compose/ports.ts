// `ports:` and `expose:` of a service. Published host ports are allocations; container ports and
// `expose` are mentions, since they live in the container's own network namespace.

import type { Location, Protocol } from '../../model';
import { serviceKey } from '../../syntax/names';
import { isValidPort, MAX_PORT } from '../../syntax/ports';
import { containerPortClaim } from './containerSide';
import { invalidPort, location, mention } from './facts';
import { UNKNOWN } from './interpolation';
import type { Seg } from './interpolation';
import { locate, scalarText, slice, whole } from './scalarText';
import type { Text } from './scalarText';
import type { MapNode, YamlNode } from '../yaml/tree';
import { mapEntries, seqItems } from './walk';
import type { ServiceMeta } from './serviceMeta';
import type { Value, Walk } from './walk';

interface Endpoint {
  port: number;
  seg: Seg;
}

/** A single container port whose host port no variable read here sets, and where it is written. */
type UnknownHostPort = Endpoint & { loc: Location };

interface PortRange {
  first: Endpoint;
  last: Endpoint;
}

/**
 * A port or range where compose requires one. An unset variable makes it unknown, which is not
 * a problem: the `.env` that sets it may simply not be beside the file.
 */
function readPortRange(text: Text, seg: Seg, walk: Walk): PortRange | undefined {
  const written = slice(text, seg);
  if (written.includes(UNKNOWN)) return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(written);
  // A document's example writes placeholders where the port goes (`81XX`, `<port>`, `PORT`,
  // `新端口`); digits it writes wrong (`80:80` under `expose:`) are still a mistake.
  if (!m && walk.opts.snippet && /[\p{L}<>]/u.test(written)) return undefined;
  if (!m) {
    invalidPort(notAPortMessage(written), text, seg, walk, /^-\d{1,9}$/.test(written) ? Number(written) : undefined);
    return undefined;
  }
  const first = endpoint(m[1], seg.from, text, walk);
  const last = m[2] === undefined ? first : endpoint(m[2], seg.from + m[1].length + 1, text, walk);
  if (!first || !last) return undefined;
  if (first.port > last.port) {
    invalidPort(`Port range ${shown(written)} runs backwards`, text, seg, walk);
    return undefined;
  }
  return { first, last };
}

function notAPortMessage(written: string): string {
  if (written === '') return 'Missing port number';
  if (/^-\d+$/.test(written)) return `Port ${clip(written)} is outside 1-${MAX_PORT}`;
  return `${shown(written)} is not a port number`;
}

function shown(written: string): string {
  return JSON.stringify(clip(written));
}

/** A value cut short for a message: a hostile file can make it arbitrarily long. */
function clip(written: string): string {
  return written.length > 40 ? `${written.slice(0, 39)}…` : written;
}

function endpoint(digits: string, from: number, text: Text, walk: Walk): Endpoint | undefined {
  const port = Number(digits);
  const seg = { from, to: from + digits.length };
  // `"0042:8042"` publishes 42: a digit dropped or a zero too many, never how anyone writes a port.
  if (isValidPort(port) && digits.startsWith('0')) invalidPort(`Port ${clip(digits)} has a leading zero: Compose reads it as ${port}`, text, seg, walk, port, 'warning');
  if (isValidPort(port)) return { port, seg };
  invalidPort(`Port ${clip(digits)} is outside 1-${MAX_PORT}`, text, seg, walk, port);
  return undefined;
}

function mentionRange(range: PortRange, text: Text, walk: Walk): void {
  mention(range.first.port, text, range.first.seg, walk);
  if (range.last !== range.first) mention(range.last.port, text, range.last.seg, walk);
}

/** One `ports:` entry, short or long syntax, reduced to where each part was written. */
interface PortSpec {
  host?: { text: Text; seg: Seg };
  container?: { text: Text; seg: Seg };
  hostIp?: string;
  protocol: string;
}

/** What a service's ports share: where the service is written (their group) and what it builds. */
export interface ServiceOrigin {
  group: number;
  buildContext?: string;
  meta?: ServiceMeta;
  /** It builds a Dockerfile and leaves its listening port to the image (see leavesPortToImage). */
  imagePorts?: boolean;
}

export function extractPorts(service: string, origin: ServiceOrigin, node: Value, walk: Walk): void {
  let index = 0;
  const unknownHost: UnknownHostPort[] = [];
  for (const item of seqItems(node, walk)) {
    const spec = item.kind === 'map' ? longSyntax(item, walk) : shortSyntax(item, walk);
    if (spec && publish(service, spec, origin, index, walk, unknownHost)) index++;
  }
  // A document's snippet sets its variables in the document, if anywhere: no claim from it.
  if (index > 0 && !walk.opts.snippet) claimContainerSide(service, origin, unknownHost, index, walk);
}

/**
 * `${SYNC_PORT}:8384` with SYNC_PORT set nowhere read: the service publishes its container port
 * 8384 on a host port nobody here can tell. Beside ports it does publish, that container port is
 * one a document may list for it (its web UI's 8384 beside 22000 and 21027): a claim, compared
 * with the documents and never a host port. A service with no known host port at all makes no such
 * claim: a document's port for it is then as likely the variable's value.
 */
function claimContainerSide(service: string, origin: ServiceOrigin, ports: UnknownHostPort[], from: number, walk: Walk): void {
  const key = serviceKey(service) || JSON.stringify(service);
  ports.forEach((p, i) => walk.out.allocations.push(containerPortClaim(service, key, p, { group: origin.group, indexInGroup: from + i, names: origin.meta?.names }, walk)));
}

/**
 * `[[ip:]host:]container[/protocol]`, split as Docker's nat.ParsePortSpec does: the last `:` ends
 * the host port, the one before it the IP, so `::1:6000:6000` binds ::1.
 */
function shortSyntax(node: YamlNode, walk: Walk): PortSpec | undefined {
  const text = scalarText(node, walk);
  if (!text) return undefined;
  const { value } = text;
  const last = value.lastIndexOf(':');
  const before = last > 0 ? value.lastIndexOf(':', last - 1) : -1;
  const containerFrom = last + 1;
  const slash = value.indexOf('/', containerFrom);
  const containerTo = slash < 0 ? value.length : slash;
  return {
    container: { text, seg: { from: containerFrom, to: containerTo } },
    host: last >= 0 ? { text, seg: { from: before + 1, to: last } } : undefined,
    hostIp: before >= 0 ? value.slice(0, before) : undefined,
    protocol: slash < 0 ? '' : value.slice(slash + 1).split('/')[0],
  };
}

/** `{ target, published, host_ip, protocol, mode }`; `mode` does not change the host port. */
function longSyntax(map: MapNode, walk: Walk): PortSpec | undefined {
  const fields = mapEntries(map, walk);
  const target = scalarText(fields.get('target'), walk);
  const published = scalarText(fields.get('published'), walk);
  // Without either this is not compose (a Kubernetes `ports:` list in a snippet, say).
  if (!target && !published) return undefined;
  return {
    container: target && { text: target, seg: whole(target) },
    host: published && { text: published, seg: whole(published) },
    hostIp: scalarText(fields.get('host_ip'), walk)?.value,
    protocol: scalarText(fields.get('protocol'), walk)?.value ?? '',
  };
}

/**
 * Mentions the container port and allocates the host port; true when it allocated. A single TCP
 * container port published from a host port no variable read here sets goes to `unknownHost`.
 */
function publish(service: string, spec: PortSpec, origin: ServiceOrigin, indexInGroup: number, walk: Walk, unknownHost: UnknownHostPort[]): boolean {
  const container = spec.container && readContainer(spec.container.text, spec.container.seg, walk);
  const protocol = protocolOf(spec.protocol);
  // An empty host part (`127.0.0.1::80`) asks Docker for an ephemeral port: nothing to allocate.
  if (!spec.host || spec.host.seg.from === spec.host.seg.to || !protocol) return false;
  const { text, seg } = spec.host;
  const host = readPortRange(text, seg, walk);
  if (!host) {
    if (container && container.first === container.last && protocol === 'tcp' && slice(text, seg).includes(UNKNOWN)) {
      const loc = writtenPort(spec.container!.text, container, walk);
      if (loc) unknownHost.push({ ...container.first, loc });
    }
    return false;
  }
  if (container) checkRangeLengths(host, container, text, seg, walk);
  const at = locate(text, seg);
  walk.out.allocations.push({
    service,
    // A name with no letter or digit (`_`, `-`) is still its own service.
    serviceKey: serviceKey(service) || JSON.stringify(service),
    port: host.first.port,
    endPort: host.last.port > host.first.port ? host.last.port : undefined,
    protocol,
    hostIp: hostIpOf(spec.hostIp),
    scope: walk.opts.scope ?? '',
    environment: walk.opts.environment,
    source: 'compose',
    claim: false,
    group: origin.group,
    indexInGroup,
    buildContext: origin.buildContext,
    containerPort: container?.first.port,
    containerLoc: origin.imagePorts && spec.container ? writtenPort(spec.container.text, container, walk) : undefined,
    fromVariable: at.variable,
    // Plain fields, present on every place: one object shape for all of them.
    names: nonEmpty(origin.meta?.names),
    networks: nonEmpty(origin.meta?.networks),
    profiles: nonEmpty(origin.meta?.profiles),
    loc: location(walk, at),
  });
  return true;
}

/** Where a single container port is written as a number, not through a variable. */
function writtenPort(text: Text, container: PortRange | undefined, walk: Walk): Location | undefined {
  if (!container || container.first !== container.last || text.rawStart === undefined) return undefined;
  const at = locate(text, container.first.seg);
  return at.variable === undefined ? location(walk, at) : undefined;
}

/** Most services have no other name, network or profile: no list for them. */
function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function readContainer(text: Text, seg: Seg, walk: Walk): PortRange | undefined {
  const range = readPortRange(text, seg, walk);
  if (range) mentionRange(range, text, walk);
  return range;
}

/** Docker accepts a host range for one container port (it picks one), but not unequal ranges. */
function checkRangeLengths(host: PortRange, container: PortRange, text: Text, seg: Seg, walk: Walk): void {
  const containerSpan = container.last.port - container.first.port;
  if (containerSpan === 0 || containerSpan === host.last.port - host.first.port) return;
  invalidPort(`Host range ${shown(slice(text, seg))} and its container range differ in length`, text, seg, walk);
}

// Compose substitutes '' for an unset variable, so an unknown protocol or IP means the default.
function protocolOf(written: string): Protocol | undefined {
  const protocol = written.includes(UNKNOWN) ? '' : written.toLowerCase();
  if (protocol === '') return 'tcp';
  // Any other protocol makes Docker reject the file; such an entry publishes nothing.
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp' ? protocol : undefined;
}

/** IPv6 addresses are kept without brackets, as Docker stores them (`[::1]` → `::1`). */
function hostIpOf(written: string | undefined): string | undefined {
  if (!written || written.includes(UNKNOWN)) return undefined;
  return written.replace(/^\[(.*)\]$/, '$1');
}

/** Mentions an `expose:` entry; returns its port when it is a single one. */
export function extractExpose(node: YamlNode, walk: Walk): { port: number; loc: Location } | undefined {
  const text = scalarText(node, walk);
  if (!text) return undefined;
  const slash = text.value.indexOf('/');
  const seg = { from: 0, to: slash < 0 ? text.value.length : slash };
  const range = readPortRange(text, seg, walk);
  if (!range) return undefined;
  mentionRange(range, text, walk);
  return range.first.port === range.last.port ? { port: range.first.port, loc: location(walk, locate(text, seg)) } : undefined;
}
