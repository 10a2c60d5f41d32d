// Ports listening on this machine inside a declared range that nothing in the folder claims: a
// service someone started without writing it down (or a range that is less free than it looks).
import { takesPort } from '../model';
import { declaredRanges, type RangeInfo } from '../query/ranges';
import type { RuleInput } from '../rules/model';

export interface UnclaimedListener {
  port: number;
  range: RangeInfo;
}

export function unclaimedListeners(input: RuleInput, listening: Iterable<number>): UnclaimedListener[] {
  const ranges = declaredRanges(input).filter((r) => !r.keptFree);
  const written = (port: number) => input.places.some((p) => takesPort(p, port));
  const out: UnclaimedListener[] = [];
  for (const port of [...new Set(listening)].sort((a, b) => a - b)) {
    const holding = ranges.filter((r) => port >= r.from && port <= r.to).sort((a, b) => a.to - a.from - (b.to - b.from));
    if (holding.length === 0 || written(port)) continue;
    out.push({ port, range: holding[0] });
  }
  return out;
}
