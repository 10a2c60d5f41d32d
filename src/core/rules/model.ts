// The view of an index the rules work on: every fact of every file, with identities resolved
// (registry aliases) and scopes assigned (registry projects by folder).
import type { Allocation, FileFacts, Location, RangeDecl, Reservation, Suppression } from '../model';

export interface Place extends Allocation {
  /** Canonical service identity after aliases. */
  identity: string;
}

export interface RuleInput {
  places: Place[];
  ranges: Map<string, RangeDecl>;
  reserved: Reservation[];
  files: FileFacts[];
  suppressions: Map<string, Suppression[]>;
}

export function buildRuleInput(files: Iterable<FileFacts>): RuleInput {
  const list = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const alias = new Map<string, string>();
  const projects: Array<{ path: string; name: string }> = [];
  for (const f of list) {
    for (const a of f.aliases) for (const k of a.aliasKeys) alias.set(k, a.serviceKey);
    for (const p of f.projects) if (p.path) projects.push({ path: p.path.replace(/^\.\/|\/+$/g, ''), name: p.name });
  }
  // The longest matching project path wins, so nested projects work.
  projects.sort((a, b) => b.path.length - a.path.length);
  const scopeOf = (file: string, scope: string): string => {
    if (scope !== '') return scope;
    const project = projects.find((p) => file === p.path || file.startsWith(`${p.path}/`));
    return project ? project.name : scope;
  };
  const places: Place[] = [];
  const ranges = new Map<string, RangeDecl>();
  const reserved: Reservation[] = [];
  const suppressions = new Map<string, Suppression[]>();
  for (const f of list) {
    for (const a of f.allocations) {
      places.push({ ...a, scope: scopeOf(f.file, a.scope), identity: alias.get(a.serviceKey) ?? a.serviceKey });
    }
    for (const r of f.ranges) ranges.set(r.id, r);
    reserved.push(...f.reserved);
    if (f.suppressions.length) suppressions.set(f.file, f.suppressions);
  }
  return { places, ranges, reserved, files: list, suppressions };
}

export function placeKey(loc: Location): string {
  return `${loc.file}@${loc.span.start.offset}`;
}

/** `file:line`, as messages name places. */
export function where(loc: Location): string {
  const base = loc.file.slice(loc.file.lastIndexOf('/') + 1);
  return `${base}:${loc.span.start.line}`;
}

export function portText(p: { port: number; endPort?: number }): string {
  return p.endPort !== undefined ? `${p.port}-${p.endPort}` : String(p.port);
}

/** Places with no environment agree with every environment; named ones only with their own. */
export function environmentsMeet(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b;
}
