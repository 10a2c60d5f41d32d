// The ranges a heading declares. One range (`Core (8000-8009)`) as before; several written as one
// list (`Apps (1000~1999 / 3000~3999)`, `8000-8099, 9000-9099`) are all the section's; single ports
// in the same list (`Tools (8880-8899, 9000, 11434)`) are its listed exceptions, inside it too.
// Ranges that are not one list ("moved from 3000-3099 to 4000-4099") declare nothing.
import { findRanges, isValidPort, type RangeInText, type WrittenRange } from '../../syntax/ports';

export interface HeadingRanges {
  /** The first range: the one the section's entries and child ranges are measured against first. */
  range: RangeInText;
  /** The other ranges of the list, each declared on its own. */
  more: RangeInText[];
  /** Single ports of the list, owned by the section like its ranges. */
  singles: WrittenRange[];
  /** Offsets of the whole list in the heading text. */
  start: number;
  end: number;
}

// Between two members of one list: a comma, slash, ampersand, plus, "and", or only blanks.
const SEPARATOR = /^\s*(?:[,/&+|;]|and|\s)\s*$/i;
// A single port: digits standing alone, not part of a version, a time or a size.
const SINGLE = /(?<![\w.:/-])\d{2,5}(?![\w.:/%-])/g;

export function headingRanges(text: string): HeadingRanges | undefined {
  const ranges = findRanges(text);
  if (ranges.length === 0) return undefined;
  const members: Array<{ start: number; end: number; range?: RangeInText; port?: number }> = ranges.map((r) => ({ start: r.start, end: r.end, range: r }));
  for (const m of text.matchAll(SINGLE)) {
    const start = m.index!;
    const port = Number(m[0]);
    if (isValidPort(port) && !ranges.some((r) => start < r.end && r.start < start + m[0].length)) members.push({ start, end: start + m[0].length, port });
  }
  members.sort((a, b) => a.start - b.start);
  // The list around the first range: the members joined to it by separators only.
  const first = members.findIndex((m) => m.range);
  let from = first;
  let to = first;
  while (from > 0 && SEPARATOR.test(text.slice(members[from - 1].end, members[from].start))) from--;
  while (to + 1 < members.length && SEPARATOR.test(text.slice(members[to].end, members[to + 1].start))) to++;
  const list = members.slice(from, to + 1);
  // Another range outside the list: the heading says more than one thing about ranges.
  if (list.filter((m) => m.range).length !== ranges.length) return undefined;
  const [range, ...more] = ranges;
  const singles = list.filter((m) => m.port !== undefined).map((m) => ({ from: m.port!, to: m.port! }));
  return { range, more, singles, start: list[0].start, end: list[list.length - 1].end };
}
