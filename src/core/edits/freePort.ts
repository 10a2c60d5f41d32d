// Which ports are free: not written anywhere in the folder (registry, compose, env, docs, in any
// scope, references and mentions included), not reserved and not kept free. Conservative on
// purpose: proposing a port that turns out to be used somewhere costs more than skipping one.
import { takesPort, type RangeDecl, type Reservation } from '../model';
import type { Place, RuleInput } from '../rules/model';
import { scopeMeets } from '../query/ranges';
import { describeSame } from '../project/relations';

export interface PortBlockers {
  /** Allocations (not references) on the port. */
  taken: Place[];
  /** References and mentions on the port. */
  written: number;
  reserved: Reservation[];
  keptFree: RangeDecl[];
}

/** Everything that stands in the way of using `port` in `scope`. */
export function portBlockers(input: RuleInput, port: number, scope: string): PortBlockers {
  const on = (p: { port: number; endPort?: number }) => takesPort(p, port);
  const places = input.places.filter(on);
  const kinds = new Map(input.files.map((f) => [f.file, f.kind]));
  // A compose file's other numbers are container ports: they live in the container, not on the host.
  const mentions = input.files.filter((f) => kinds.get(f.file) !== 'compose').flatMap((f) => f.mentions).filter((m) => m.port === port);
  return {
    taken: places.filter((p) => !p.claim),
    written: places.filter((p) => p.claim).length + mentions.length,
    reserved: input.reserved.filter((r) => scopeMeets(r.scope, scope) && on({ port: r.from, endPort: r.to })),
    keptFree: [...input.ranges.values()].filter((r) => r.keptFree && scopeMeets(r.scope, scope) && on({ port: r.from, endPort: r.to })),
  };
}

export function isFree(blockers: PortBlockers): boolean {
  return blockers.taken.length === 0 && blockers.written === 0 && blockers.reserved.length === 0 && blockers.keptFree.length === 0;
}

/** The lowest free port of `range` (in its scope), or undefined when the range is full. */
export function nextFreePort(input: RuleInput, range: { from: number; to: number; scope: string }): number | undefined {
  const used = usedSet(input, range.scope);
  for (let port = range.from; port <= range.to; port++) if (!used.has(port)) return port;
  return undefined;
}

/** Every port that is not free in `scope` (ranges of places and reservations expanded, up to 65536 ports). */
function usedSet(input: RuleInput, scope: string): Set<number> {
  const used = new Set<number>();
  const add = (from: number, to: number) => {
    for (let p = Math.max(1, from); p <= Math.min(to, 65535); p++) used.add(p);
  };
  for (const p of input.places) add(p.port, p.endPort ?? p.port);
  for (const f of input.files) if (f.kind !== 'compose') for (const m of f.mentions) used.add(m.port);
  for (const r of input.reserved) if (scopeMeets(r.scope, scope)) add(r.from, r.to);
  for (const r of input.ranges.values()) if (r.keptFree && scopeMeets(r.scope, scope)) add(r.from, r.to);
  return used;
}

/**
 * Why a port cannot be taken by the service at `mover` (its own places do not count, nor stacks
 * that never run beside it), or undefined when it can. A port inside the container (a
 * Dockerfile's) takes nothing on the host: only a number that is no port stands in its way.
 */
export function whyNotFree(input: RuleInput, port: number, mover: Place): string | undefined {
  const scope = mover.scope;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `${port} is not a port number (1-65535)`;
  if (mover.source === 'dockerfile') return undefined;
  const b = portBlockers(input, port, scope);
  if (b.reserved.length > 0) {
    const r = b.reserved[0];
    return `${port} is reserved${r.reason ? ` (${r.reason})` : ''} in ${r.loc.file}:${r.loc.span.startLine}`;
  }
  if (b.keptFree.length > 0) return `${port} is in ${b.keptFree[0].name}, kept free for later`;
  const others = b.taken.filter((p) => p.identity !== mover.identity && describeSame(p, mover));
  if (others.length > 0) {
    const names = [...new Set(others.map((p) => p.service))].slice(0, 3).join(', ');
    return `${port} is taken by ${names} (${others[0].loc.file}:${others[0].loc.span.startLine})`;
  }
  return undefined;
}
