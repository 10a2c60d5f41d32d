// A two-column table of a service's properties under its heading or page title:
//   ### Harbor
//   | | |
//   |---|---|
//   | **Port** | 7400 (web), 7401 (registry) |
// The Port row says which port the service is reached at: a claim, compared with the compose and
// env files that run it. The table names no service itself, so the page's heading must.
import { cleanName } from '../../syntax/names';
import type { Cell } from './cells';
import { parseCellPorts } from './cellValues';
import { currentContext, emitAllocation, type MdState } from './state';

const PORT_KEY = /^(?:ports?|port numbers?|host ports?|web ?ui ports?|http ports?|포트|端口|埠|ポート)$/i;

export interface PropertyRow {
  cells: Cell[];
  lineStart: number;
}

/** `rows` include the header row: a key/value table may write its first pair there. */
export function readPropertyPorts(state: MdState, rows: PropertyRow[], isPropertyRow: (cells: Cell[]) => boolean): void {
  const portRows = rows.filter((r) => r.cells.length === 2 && isPropertyRow(r.cells) && PORT_KEY.test(cleanName(r.cells[0].text).replace(/:$/, '')));
  if (portRows.length === 0) return;
  const context = currentContext(state);
  const service = context.pageService;
  if (!service || context.reserved) return;
  for (const row of portRows) {
    const value = row.cells[1];
    const base = row.lineStart + value.start;
    parseCellPorts(value.text).forEach((v, index) => {
      if (v.kind !== 'port') return;
      const allocation = emitAllocation(state, context, {
        service, role: v.role, port: v.port, protocol: v.protocol, hostIp: v.hostIp,
        claim: true, group: base, indexInGroup: index, start: base + v.start, end: base + v.end,
      });
      if (allocation && v.label) state.labelledClaims.push({ allocation, label: v.label });
    });
  }
}
