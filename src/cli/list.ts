// `portolan list`: the allocation table, one row per service, role and port, sorted by port.
import type { Allocation, RangeDecl } from '../core/model';
import type { CheckResult } from '../core/check';
import { matchRole } from '../core/syntax/names';

interface Row {
  range: string;
  service: string;
  role: string;
  port: string;
  places: string[];
}

export function allocationRows(result: CheckResult): Row[] {
  const ranges = result.snapshot.files.flatMap((f) => f.ranges);
  const byId = new Map(ranges.map((r) => [r.id, r]));
  const rows = new Map<string, Row & { sortPort: number }>();
  for (const a of result.allocations) {
    if (a.claim) continue;
    const port = a.endPort !== undefined ? `${a.port}-${a.endPort}` : String(a.port);
    const role = matchRole(a.role) === 'main' ? '' : a.role!;
    const key = `${a.scope}\u0000${a.serviceKey}\u0000${role}\u0000${port}`;
    let row = rows.get(key);
    if (!row) {
      row = { range: rangeName(a, byId, ranges), service: a.service, role, port, places: [], sortPort: a.port };
      rows.set(key, row);
    }
    // The registry's spelling is the canonical name.
    if (a.source === 'registry') row.service = a.service;
    row.places.push(`${a.loc.file}:${a.loc.span.startLine}`);
  }
  return [...rows.values()].sort((x, y) => x.sortPort - y.sortPort || x.service.localeCompare(y.service));
}

function rangeName(a: Allocation, byId: Map<string, RangeDecl>, ranges: RangeDecl[]): string {
  const owner = a.ownerRange ? byId.get(a.ownerRange) : undefined;
  const range = owner ?? ranges
    .filter((r) => !r.keptFree && (r.scope === '' || r.scope === a.scope) && a.port >= r.from && a.port <= r.to)
    .sort((x, y) => x.to - x.from - (y.to - y.from))[0];
  return range ? `${range.from}-${range.to} ${range.name}` : '';
}

export function formatList(result: CheckResult): string {
  const rows = allocationRows(result);
  const header: Row = { range: 'RANGE', service: 'SERVICE', role: 'ROLE', port: 'PORT', places: ['PLACES'] };
  const all = [header, ...rows];
  const width = (pick: (r: Row) => string) => Math.max(...all.map((r) => pick(r).length));
  const w = { range: width((r) => r.range), service: width((r) => r.service), role: width((r) => r.role), port: width((r) => r.port) };
  return all.map((r) => [r.range.padEnd(w.range), r.service.padEnd(w.service), r.role.padEnd(w.role), r.port.padStart(w.port), r.places.join(', ')].join('  ').trimEnd()).join('\n');
}

/** `portolan list --format json`: the same rows, per checked folder, as one JSON document. */
export function* formatListJson(results: CheckResult[]): Generator<string> {
  const folders = results.map((r) => ({
    root: r.root,
    allocations: allocationRows(r).map((row) => ({ range: row.range || null, service: row.service, role: row.role || null, port: row.port, places: row.places })),
  }));
  yield JSON.stringify({ version: 1, folders }, null, 2);
}
