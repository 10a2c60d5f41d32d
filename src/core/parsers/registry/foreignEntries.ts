// One service's entry in a registry of another format: a mapping under the service's name whose
// port fields (`port: 3401`, `api_port: 8000`, `metricsPort: 9090`, `ports: [8080, "8443:443"]`,
// `metrics_mapping: "8790:8790"`) give its ports and whose other fields qualify them (`env: prod`,
// `bind: 127.0.0.1` or `internal`, `proto: udp`, `app: tools` naming a range of the file).

import type { Allocation, Protocol } from '../../model';
import { environmentFromText, roleFromWords, serviceKey } from '../../syntax/names';
import { isValidPort } from '../../syntax/ports';
import type { Path } from '../yaml/yamlLocator';
import { isRecord, type ForeignReader, type WrittenPort } from './foreignReader';

/** What an entry inherits from the blocks around it. */
export interface EntryContext {
  environment?: string;
  /** The range of the project the entry is written under. */
  ownerRange?: string;
  /** The machine block the entry is written under (`hosts: { nas: ... }`). */
  host?: string;
  /** Whether the mapping's keys are machines (it is a `hosts:` / `servers:` block). */
  machines?: boolean;
}

/** The word before a port key: '' for `port`, `api` for `api_port`, `metrics-port` or `apiPort`; not `transport`. */
function portKeyPrefix(key: string): string | undefined {
  const m = /^(?:(.*?)[_-])?port$/i.exec(key) ?? /^([a-z][a-zA-Z]*)Port$/.exec(key);
  return m ? m[1] ?? '' : undefined;
}

/** The word before a mapping key (`mapping`, `api_mapping`): a compose-style `host:container` pair. */
function mappingKeyPrefix(key: string): string | undefined {
  const m = /^(?:(.*?)[_-])?mapping$/i.exec(key);
  return m ? m[1] ?? '' : undefined;
}
/** Fields that hold the container side only, never a host port. */
const CONTAINER_SIDE = /container|internal|target|inner|private/i;
/** Prefixes of the service's main port: `api_port`, `host_port`, `http_port`. */
const MAIN_PREFIX = /^(?:api|app|main|service|server|web|public|external|host|http|default|listen|primary)?$/i;

const ENV_KEY = /^(?:env|environment|stage)$/i;
const BIND_KEY = /^(?:bind|binds|bind[_-]\w+|\w+[_-]bind|host[_-]?ip|listen|interface)$/i;
const EXPOSED_KEY = /^(?:exposed?|published?|public|host[_-]?bound)$/i;
const PROTOCOL_KEY = /^(?:proto|protocol)$/i;
const NAME_KEYS = /^(?:container|container[_-]name|hostname|aliases?)$/i;
/** Free text about an entry, never a link to a range. */
const TEXT_KEY = /^(?:note|notes|description|desc|comment|comments|summary|purpose|name|title)$/i;
/** What a bind field says when the service publishes no host port. */
const UNPUBLISHED = /^(?:internal|none|no|false|off|private|docker[-_ ]?network(?:[-_ ]only)?|not[-_ ]exposed|unexposed)$/i;
const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]*:[0-9a-f:]+\]?)$/i;

/** A key that is a role and nothing else: `http`, `grpc`, `metrics`, `admin`. */
function roleKey(key: string): string | undefined {
  return /^[a-z]+$/i.test(key) ? roleFromWords(key) : undefined;
}

/**
 * Whether a mapping is a service entry: it has a port or mapping field, or it is the service's
 * ports by role (`ingress: { http: 80, https: 443 }`).
 */
export function isServiceEntry(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.some(isPortField) || (keys.length > 0 && keys.every((key) => roleKey(key) !== undefined));
}

/** `ports`, `port`, `api_port`, `mapping`, `api_mapping`: a field that holds an entry's port. */
export function isPortField(key: string): boolean {
  return key === 'ports' || portKeyPrefix(key) !== undefined || mappingKeyPrefix(key) !== undefined;
}

interface PortFact extends WrittenPort {
  /** The host IP a `127.0.0.1:8080:80` value binds. */
  hostIp?: string;
}

/** Reads a service entry into allocations; an entry that says it publishes no host port gives none. */
export function readServiceEntry(name: string, entry: Record<string, unknown>, path: Path, ctx: EntryContext, r: ForeignReader): void {
  const key = serviceKey(name);
  if (key === '' || unpublished(entry)) return;
  const facts = entryPorts(name, entry, path, r);
  if (facts.length === 0) return;
  const envText = Object.entries(entry).find(([k, v]) => ENV_KEY.test(k) && typeof v === 'string')?.[1] as string | undefined;
  const environment = (envText !== undefined ? environmentFromText(envText) : undefined) ?? ctx.environment;
  const hostIp = entryHostIp(entry);
  const protocol = entryProtocol(entry);
  const ownerRange = r.rangeNamedIn(entry, TEXT_KEY) ?? ctx.ownerRange;
  const names = otherNames(entry, key);
  const group = r.at.key(path).span.startOffset;
  facts.forEach((fact, indexInGroup) => {
    const allocation: Allocation = {
      service: name, serviceKey: key, port: fact.port, protocol, scope: '', source: 'registry', claim: false,
      group, indexInGroup, loc: r.portAt(fact.path, fact.port),
    };
    if (fact.role !== undefined) allocation.role = fact.role;
    if (environment !== undefined) allocation.environment = environment;
    if ((fact.hostIp ?? hostIp) !== undefined) allocation.hostIp = fact.hostIp ?? hostIp;
    if (fact.containerPort !== undefined) allocation.containerPort = fact.containerPort;
    // A group's range holds its services' main ports; gRPC or metrics ports often live apart.
    if (ownerRange !== undefined && fact.role === undefined) allocation.ownerRange = ownerRange;
    if (names.length > 0) allocation.names = names;
    if (ctx.host !== undefined) allocation.host = ctx.host;
    r.facts.allocations.push(allocation);
  });
}

/**
 * The entry's ports by role, in written order. A role written both as a port and as a mapping is
 * one port when the port is either side of the mapping; otherwise the entry contradicts itself,
 * which is reported at the mapping, and both stay allocated.
 */
function entryPorts(name: string, entry: Record<string, unknown>, path: Path, r: ForeignReader): PortFact[] {
  const singles = new Map<string | undefined, PortFact>();
  const mapped: PortFact[] = [];
  for (const [field, value] of Object.entries(entry)) {
    const at = [...path, field];
    if (field === 'ports') {
      mapped.push(...portsField(value, at, r));
      continue;
    }
    const portPrefix = portKeyPrefix(field) ?? (roleKey(field) !== undefined && typeof value === 'number' ? field : undefined);
    const prefix = portPrefix ?? mappingKeyPrefix(field);
    if (prefix === undefined || CONTAINER_SIDE.test(prefix)) continue;
    const role = roleOfPrefix(prefix);
    const pair = typeof value === 'string' ? hostPair(value) : undefined;
    if (pair) {
      mapped.push({ ...pair, role, path: at });
    } else if (portPrefix !== undefined) {
      const port = r.port(value, at);
      if (port !== undefined && !singles.has(role)) singles.set(role, { role, port, path: at });
    }
  }
  const out: PortFact[] = [];
  for (const single of singles.values()) {
    const pairs = mapped.filter((m) => m.role === single.role && m.containerPort !== undefined);
    const agreeing = pairs.some((m) => m.port === single.port || m.containerPort === single.port);
    if (pairs.length > 0 && !agreeing) r.mismatchInEntry(name, single, pairs[0]);
    if (pairs.length === 0 || !agreeing) out.push(single);
  }
  out.push(...mapped);
  return out.sort((a, b) => r.at.value(a.path).span.startOffset - r.at.value(b.path).span.startOffset);
}

/** `ports:` as one port, a list of ports and `host:container` pairs, or a mapping of role to port. */
function portsField(value: unknown, path: Path, r: ForeignReader): PortFact[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => portsItem(item, [...path, i], undefined, r));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([key, item]) => CONTAINER_SIDE.test(key) ? [] : portsItem(item, [...path, key], roleOfPrefix(key.replace(/[_-]?port$/i, '')), r));
  }
  return portsItem(value, path, undefined, r);
}

function portsItem(value: unknown, path: Path, role: string | undefined, r: ForeignReader): PortFact[] {
  const pair = typeof value === 'string' ? hostPair(value) : undefined;
  if (pair) return [{ ...pair, role, path }];
  const port = r.port(value, path);
  return port === undefined ? [] : [{ role, port, path }];
}

/** `8080:80`, `127.0.0.1:8080:80`, `8080:80/udp`: the host side, the container side and the host IP. */
function hostPair(text: string): Omit<PortFact, 'path'> | undefined {
  const m = /^\s*(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?(\d{1,5}):(\d{1,5})(?:\/(?:tcp|udp|sctp))?\s*$/i.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  const containerPort = Number(m[3]);
  if (!isValidPort(port) || !isValidPort(containerPort)) return undefined;
  return { port, containerPort, ...(m[1] !== undefined ? { hostIp: m[1].replace(/^\[|\]$/g, '') } : {}) };
}

function roleOfPrefix(prefix: string): string | undefined {
  const words = prefix.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  if (MAIN_PREFIX.test(words)) return undefined;
  const role = roleFromWords(words);
  if (role === 'http') return undefined;
  return role ?? serviceKey(words);
}

/** `bind: internal`, `exposed: false`: the entry's port lives on a container network only. */
function unpublished(entry: Record<string, unknown>): boolean {
  return Object.entries(entry).some(([key, value]) =>
    (BIND_KEY.test(key) && typeof value === 'string' && UNPUBLISHED.test(value.trim()))
    || (EXPOSED_KEY.test(key) && value === false));
}

/** The IP the entry's bind fields agree on; none when they name no IP or disagree (then any host may clash). */
function entryHostIp(entry: Record<string, unknown>): string | undefined {
  const ips = new Set<string>();
  for (const [key, value] of Object.entries(entry)) {
    if (!BIND_KEY.test(key) || typeof value !== 'string') continue;
    if (!IP.test(value.trim())) return undefined;
    ips.add(value.trim().replace(/^\[|\]$/g, ''));
  }
  return ips.size === 1 ? [...ips][0] : undefined;
}

function entryProtocol(entry: Record<string, unknown>): Protocol {
  for (const [key, value] of Object.entries(entry)) {
    if (PROTOCOL_KEY.test(key) && typeof value === 'string') {
      const word = value.trim().toLowerCase();
      if (word === 'udp' || word === 'sctp' || word === 'tcp') return word;
    }
  }
  return 'tcp';
}

/** Container names, host names and aliases: a compose service of one of these names is this service. */
function otherNames(entry: Record<string, unknown>, key: string): string[] {
  const names = new Set<string>();
  for (const [field, value] of Object.entries(entry)) {
    if (!NAME_KEYS.test(field)) continue;
    for (const name of Array.isArray(value) ? value : [value]) if (typeof name === 'string') names.add(serviceKey(name));
  }
  names.delete('');
  names.delete(key);
  return [...names];
}
