// Questions about declared ranges that the server (hover, tree, code actions) and the registry
// authoring both ask: which ranges there are (one per span of ports, however many files declare
// it), which range owns a port, how full a range is.
import { rangeHolds, spansText, type RangeDecl, type SourceKind } from '../model';
import { compareLocations, type RuleInput } from '../rules/model';

/** A declared range, merged over the files that declare the same ports in the same scope. */
export interface RangeInfo {
  name: string;
  from: number;
  to: number;
  scope: string;
  keptFree: boolean;
  project: boolean;
  /** The other spans its section owns (RangeDecl.also). */
  also?: RangeDecl['also'];
  decls: RangeDecl[];
}

export function kindsByFile(input: RuleInput): Map<string, SourceKind> {
  return new Map(input.files.map((f) => [f.file, f.kind]));
}

/** Every declared range, merged by scope and ports; the registry's name wins. Sorted by start, outer first. */
export function declaredRanges(input: RuleInput): RangeInfo[] {
  const kinds = kindsByFile(input);
  const byKey = new Map<string, RangeInfo>();
  for (const decl of input.ranges.values()) {
    const key = `${decl.scope}\u0000${spansText(decl)}\u0000${decl.keptFree ? 'free' : ''}`;
    const info = byKey.get(key);
    if (!info) {
      byKey.set(key, {
        name: decl.name, from: decl.from, to: decl.to, scope: decl.scope, keptFree: !!decl.keptFree, project: !!decl.project,
        ...(decl.also ? { also: decl.also } : {}), decls: [decl],
      });
      continue;
    }
    info.decls.push(decl);
    info.project ||= !!decl.project;
    if (kinds.get(decl.loc.file) === 'registry' && kinds.get(info.decls[0].loc.file) !== 'registry') info.name = decl.name;
  }
  for (const info of byKey.values()) info.decls.sort((a, b) => compareLocations(a.loc, b.loc));
  return [...byKey.values()].sort((a, b) => a.from - b.from || b.to - a.to || a.name.localeCompare(b.name));
}

/** The range that owns an entry: the one its section or registry entry names, else the smallest that holds it. */
export function owningRange(
  ranges: readonly RangeInfo[],
  entry: { port: number; endPort?: number; scope: string; ownerRange?: string },
): RangeInfo | undefined {
  if (entry.ownerRange !== undefined) {
    const named = ranges.find((r) => r.decls.some((d) => d.id === entry.ownerRange));
    if (named) return named;
  }
  const last = entry.endPort ?? entry.port;
  return ranges
    .filter((r) => !r.keptFree && scopeMeets(r.scope, entry.scope) && rangeHolds(r, entry.port, last))
    .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
}

/** Whether something declared for `declaredScope` applies in `scope` ('' applies everywhere). */
export function scopeMeets(declaredScope: string, scope: string): boolean {
  return declaredScope === '' || declaredScope === scope;
}

/** Distinct ports of the range that some allocation (not a reference) in its scope uses. */
export function usedPorts(input: RuleInput, range: { from: number; to: number; scope: string }): number {
  const used = new Set<number>();
  const capacity = range.to - range.from + 1;
  for (const p of input.places) {
    if (p.claim || !scopeMeets(range.scope, p.scope)) continue;
    const from = Math.max(p.port, range.from);
    const to = Math.min(p.endPort ?? p.port, range.to);
    for (let port = from; port <= to && used.size < capacity; port++) used.add(port);
  }
  return used.size;
}

/** `8080-8089`, or the single port. */
export function rangeText(r: { from: number; to: number }): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}
