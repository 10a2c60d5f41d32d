// `environment:` of a service, as a map or a `KEY=value` list.

import type { Location } from '../../model';
import { findUrls, isValidPort, parseDecimal } from '../../syntax/ports';
import { location } from './facts';
import type { Seg } from './interpolation';
import type { Dialer } from './networkDials';
import { locate, scalarText, slice, whole } from './scalarText';
import type { Text } from './scalarText';
import { mapEntries, resolve, seqItems } from './walk';
import type { Value, Walk } from './walk';

const PORT_KEY_RE = /(?:^|_)PORT$/i;

/** A `*_PORT` variable of a service's environment: the port the process is told to listen on or reach. */
export interface PortVariable {
  key: string;
  port: number;
  loc: Location;
}

/**
 * Mentions the environment's ports; returns its `*_PORT` variables. With `dial`, also tells it
 * the ports it dials on hosts it names (see networkDials.ts).
 */
export function extractEnvironment(node: Value, walk: Walk, dial?: Dialer): PortVariable[] {
  const out: PortVariable[] = [];
  let hosts: Map<string, string> | undefined;
  const resolved = resolve(node, walk);
  if (resolved?.kind === 'map') {
    for (const [key, value] of mapEntries(resolved, walk)) {
      const written = writtenValue(value, walk);
      if (written === undefined) continue;
      if (dial && HOST_KEY_RE.test(key)) hosts = noteHost(key, scalarText(value, walk)?.value, hosts);
      if (!mayHoldPort(key, written)) continue;
      const text = scalarText(value, walk);
      if (text) extractEnvValue(key, text, whole(text), walk, out, dial);
    }
  } else {
    for (const item of seqItems(resolved, walk)) {
      const written = writtenValue(item, walk);
      const split = written === undefined ? -1 : written.indexOf('=');
      if (dial && split > 0 && HOST_KEY_RE.test(written!.slice(0, split))) hosts = noteHost(written!.slice(0, split), scalarText(item, walk)?.value.slice(split + 1), hosts);
      // Without `=` only an interpolated item (`- ${PROXY_ENV}`) can become a variable.
      if (written === undefined || !(split > 0 ? mayHoldPort(written.slice(0, split), written.slice(split + 1)) : written.includes('$'))) continue;
      const text = scalarText(item, walk);
      const eq = text ? text.value.indexOf('=') : -1;
      if (text && eq > 0) extractEnvValue(text.value.slice(0, eq), text, { from: eq + 1, to: text.value.length }, walk, out, dial);
    }
  }
  if (dial && hosts) pairHostsWithPorts(hosts, out, dial);
  return out;
}

// `REDIS_HOST` / `REDIS_HOSTNAME`: the host its `REDIS_PORT` is on.
const HOST_KEY_RE = /_HOST(?:NAME)?$/i;
// Keys whose value may be `host:port` (`CACHE_ADDR: cache:6380`).
const ADDRESS_KEY_RE = /(?:^|_)(?:ADDR|ADDRESS|HOST|SERVER|ENDPOINT)$/i;
const HOST_AND_PORT = /^([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*):(\d{1,5})$/;
const HOST_NAME = /^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;

/** Notes a plain host name under a `*_HOST` key by the key's prefix (`REDIS_HOST` → `REDIS`); returns the notes. */
function noteHost(key: string, value: string | undefined, hosts: Map<string, string> | undefined): Map<string, string> | undefined {
  if (value === undefined || !HOST_NAME.test(value)) return hosts;
  return (hosts ?? new Map<string, string>()).set(key.replace(HOST_KEY_RE, '').toUpperCase(), value.toLowerCase());
}

/** `REDIS_HOST: cache` with `REDIS_PORT: 6380`: a dial of cache's 6380. */
function pairHostsWithPorts(hosts: ReadonlyMap<string, string>, variables: readonly PortVariable[], dial: Dialer): void {
  for (const v of variables) {
    const host = hosts.get(v.key.toUpperCase().replace(PORT_KEY_RE, ''));
    if (host !== undefined) dial(host, v.port, v.loc);
  }
}

/** The scalar's value before interpolation, or undefined when it is no scalar or null. */
function writtenValue(node: Value, walk: Walk): string | undefined {
  const scalar = resolve(node, walk);
  return scalar?.kind === 'scalar' && scalar.value !== null ? scalar.value : undefined;
}

/**
 * Whether a variable can say a port: a URL, a `*_PORT` with a digit, an address (`*_ADDR` with a
 * `:`), or anything interpolated.
 * Most of an environment (`LOG_LEVEL: debug`, `TIMEOUT: 30`) cannot, and is not read further.
 */
function mayHoldPort(key: string, value: string): boolean {
  return value.includes('$') || value.includes('://') || (PORT_KEY_RE.test(key) && DIGIT.test(value)) || (ADDRESS_KEY_RE.test(key) && value.includes(':'));
}

const DIGIT = /[0-9]/;

/**
 * Container environment speaks of container ports (`http://api:8080` on the compose network,
 * `PORT=3000` for the process inside), so these are mentions, never claims on host ports.
 */
function extractEnvValue(key: string, text: Text, seg: Seg, walk: Walk, out: PortVariable[], dial: Dialer | undefined): void {
  const value = slice(text, seg);
  for (const url of findUrls(value)) {
    if (!isValidPort(url.port)) continue;
    const loc = location(walk, locate(text, { from: seg.from + url.portStart, to: seg.from + url.portEnd }));
    walk.out.mentions.push({ port: url.port, loc });
    dial?.(url.host.toLowerCase(), url.port, loc);
  }
  const address = ADDRESS_KEY_RE.test(key) ? HOST_AND_PORT.exec(value) : null;
  if (address && isValidPort(Number(address[2]))) {
    const loc = location(walk, locate(text, { from: seg.from + address[1].length + 1, to: seg.to }));
    walk.out.mentions.push({ port: Number(address[2]), loc });
    dial?.(address[1].toLowerCase(), Number(address[2]), loc);
  }
  const port = PORT_KEY_RE.test(key) ? parseDecimal(value) : undefined;
  if (port === undefined || !isValidPort(port)) return;
  const loc = location(walk, locate(text, seg));
  walk.out.mentions.push({ port, loc });
  out.push({ key, port, loc });
}
