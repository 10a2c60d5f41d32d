// A row of a range table (`| 6000-6999 | Reserved | Future expansion |`): a range of the section,
// unless the row reserves it. A reserved row that forbids its ports ("never use") reserves them;
// one kept for later ("future expansion", or no reason given) is a range kept free; one "in use"
// is an ordinary range.
import { reservedKind } from './sections';
import { emitItemRange, emitReservation, type Context, type MdState } from './state';

const RESERVED = /\breserved\b|予約|预留|保留|예약/i;

export interface RangeRow {
  name: string;
  /** The whole row's text, which says whether the range is reserved and how. */
  rowText: string;
  from: number;
  to: number;
  start: number;
  end: number;
}

export function emitRangeRow(state: MdState, context: Context, row: RangeRow): void {
  const kind = RESERVED.test(row.rowText) ? reservedKind(row.rowText) : undefined;
  if (kind === 'forbidden') {
    emitReservation(state, context, row.from, row.to, row.name, row.start, row.end);
    return;
  }
  emitItemRange(state, context, { name: row.name, from: row.from, to: row.to, start: row.start, end: row.end, keptFree: kind === 'keptFree' || kind === 'unclear' });
}
