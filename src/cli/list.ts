// `portolan list`: the allocation table (core/query/allocations.ts), one row per service, role and
// port, sorted by port, with the places that allocate it (references are left out).
import type { CheckResult } from '../core/check';
import { allocationTable } from '../core/query/allocations';
import { matchRole } from '../core/syntax/names';

interface Row {
  range: string;
  service: string;
  role: string;
  port: string;
  places: string[];
}

function allocationRows(result: CheckResult): Row[] {
  return allocationTable(result.snapshot.input).map((row) => ({
    range: row.range ? `${row.range.from}-${row.range.to} ${row.range.name}` : '',
    service: row.service,
    // The main port's role (none, or http) goes unsaid.
    role: matchRole(row.role) === 'main' ? '' : row.role!,
    port: row.endPort !== undefined ? `${row.port}-${row.endPort}` : String(row.port),
    places: row.places.filter((p) => !p.claim).map((p) => `${p.loc.file}:${p.loc.span.startLine}`),
  }));
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
