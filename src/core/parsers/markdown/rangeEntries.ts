// A range a table row or list item declares (`| 6000-6999 | Reserved | Future expansion |`,
// `- **7000-7999**: Reserved for future expansion`): a range of the section, unless the entry or its
// section reserves it. One that forbids its ports ("never use") reserves them; one kept for later
// ("future expansion", or no reason given) is a range kept free; one "in use" is an ordinary range.
import { reservedKind } from './sections';
import { emitItemRange, emitReservation, type Context, type MdState } from './state';

const RESERVED = /\breserved\b|予約|预留|保留|예약/i;

export interface RangeEntry {
  name: string;
  /** The name as written where it says whose block the range is (rangeOwner reads it); none where it does not. */
  owner?: string;
  /** The whole row's or item's text, which says whether the range is reserved and how. */
  text: string;
  from: number;
  to: number;
  start: number;
  end: number;
  /** Bands listed together outside any range section, compared for overlap among themselves. */
  group?: string;
}

/** The id of the range declared, none for a reservation. */
export function emitRangeEntry(state: MdState, context: Context, entry: RangeEntry): string | undefined {
  const kind = context.reserved === 'forbidden' ? 'forbidden' : RESERVED.test(entry.text) ? reservedKind(entry.text) : undefined;
  if (kind === 'forbidden') {
    emitReservation(state, context, entry.from, entry.to, entry.name, entry.start, entry.end);
    return undefined;
  }
  return emitItemRange(state, context, {
    name: entry.name, owner: entry.owner, from: entry.from, to: entry.to, start: entry.start, end: entry.end, keptFree: kind === 'keptFree' || kind === 'unclear', group: entry.group,
  });
}
