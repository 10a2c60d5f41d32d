// `environment:` of a service, as a map or a `KEY=value` list.

import type { Location } from '../../model';
import { findUrls, isValidPort, parseDecimal } from '../../syntax/ports';
import { location, mention } from './facts';
import type { Seg } from './interpolation';
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

/** Mentions the environment's ports; returns its `*_PORT` variables. */
export function extractEnvironment(node: Value, walk: Walk): PortVariable[] {
  const out: PortVariable[] = [];
  const resolved = resolve(node, walk);
  if (resolved?.kind === 'map') {
    for (const [key, value] of mapEntries(resolved, walk)) {
      const written = writtenValue(value, walk);
      if (written === undefined || !mayHoldPort(key, written)) continue;
      const text = scalarText(value, walk);
      if (text) extractEnvValue(key, text, whole(text), walk, out);
    }
    return out;
  }
  for (const item of seqItems(resolved, walk)) {
    const written = writtenValue(item, walk);
    const split = written === undefined ? -1 : written.indexOf('=');
    // Without `=` only an interpolated item (`- ${PROXY_ENV}`) can become a variable.
    if (written === undefined || !(split > 0 ? mayHoldPort(written.slice(0, split), written.slice(split + 1)) : written.includes('$'))) continue;
    const text = scalarText(item, walk);
    const eq = text ? text.value.indexOf('=') : -1;
    if (text && eq > 0) extractEnvValue(text.value.slice(0, eq), text, { from: eq + 1, to: text.value.length }, walk, out);
  }
  return out;
}

/** The scalar's value before interpolation, or undefined when it is no scalar or null. */
function writtenValue(node: Value, walk: Walk): string | undefined {
  const scalar = resolve(node, walk);
  return scalar?.kind === 'scalar' && scalar.value !== null ? scalar.value : undefined;
}

/**
 * Whether a variable can say a port: a URL, a `*_PORT` with a digit, or anything interpolated.
 * Most of an environment (`LOG_LEVEL: debug`, `TIMEOUT: 30`) cannot, and is not read further.
 */
function mayHoldPort(key: string, value: string): boolean {
  return value.includes('$') || value.includes('://') || (PORT_KEY_RE.test(key) && DIGIT.test(value));
}

const DIGIT = /[0-9]/;

/**
 * Container environment speaks of container ports (`http://api:8080` on the compose network,
 * `PORT=3000` for the process inside), so these are mentions, never claims on host ports.
 */
function extractEnvValue(key: string, text: Text, seg: Seg, walk: Walk, out: PortVariable[]): void {
  const value = slice(text, seg);
  for (const url of findUrls(value)) {
    if (isValidPort(url.port)) mention(url.port, text, { from: seg.from + url.portStart, to: seg.from + url.portEnd }, walk);
  }
  const port = PORT_KEY_RE.test(key) ? parseDecimal(value) : undefined;
  if (port === undefined || !isValidPort(port)) return;
  const loc = location(walk, locate(text, seg));
  walk.out.mentions.push({ port, loc });
  out.push({ key, port, loc });
}
