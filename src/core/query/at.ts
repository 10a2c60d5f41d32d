// What is written under a position in a file: the port or range a hover, Find References, Go to
// Definition or a rename at the cursor is about.
import type { Location, Mention, Position, RangeDecl, Reservation } from '../model';
import type { Place, RuleInput } from '../rules/model';
import { LineIndex } from '../text/lineIndex';
import { factsOf, placesIn } from './lookup';

/** A 1-based line and column (UTF-16 code units), as spans count them. */
export type Point = Pick<Position, 'line' | 'column'>;

/** A fact under a position, with where it is written (for a range's bound, the number itself). */
type Target =
  | { kind: 'place'; place: Place; loc: Location }
  | { kind: 'mention'; mention: Mention; loc: Location }
  | { kind: 'reserved'; reservation: Reservation; loc: Location }
  | { kind: 'range'; range: RangeDecl; loc: Location };

/** A target that is about ports: everything but a declared range. */
export type PortTarget = Exclude<Target, { kind: 'range' }>;

/** On the same span, a service's place is what the position is about before a mention, a reservation, a range. */
const KIND_ORDER: Record<Target['kind'], number> = { place: 0, mention: 1, reserved: 2, range: 3 };

/** The narrowest fact whose span holds the point (end inclusive, so a cursor after the number counts). */
export function targetAt(input: RuleInput, file: string, { line, column }: Point): Target | undefined {
  const holds = (loc: Location) => {
    const { span } = loc;
    const afterStart = line > span.startLine || (line === span.startLine && column >= span.startColumn);
    const beforeEnd = line < span.endLine || (line === span.endLine && column <= span.endColumn);
    return afterStart && beforeEnd;
  };
  const facts = factsOf(input, file);
  if (!facts) return undefined;
  const targets: Target[] = [
    ...placesIn(input, file).filter((p) => holds(p.loc)).map((place): Target => ({ kind: 'place', place, loc: place.loc })),
    ...facts.mentions.filter((m) => holds(m.loc)).map((mention): Target => ({ kind: 'mention', mention, loc: mention.loc })),
    ...facts.reserved.filter((r) => holds(r.loc)).map((reservation): Target => ({ kind: 'reserved', reservation, loc: reservation.loc })),
    ...facts.ranges.filter((r) => holds(r.loc)).map((range): Target => ({ kind: 'range', range, loc: range.loc })),
  ];
  const width = (t: Target) => t.loc.span.endOffset - t.loc.span.startOffset;
  // A cursor right after one number can touch the start of the next: prefer the fact it is inside.
  const atEnd = (t: Target) => (t.loc.span.endLine === line && t.loc.span.endColumn === column ? 1 : 0);
  return targets.sort((a, b) => atEnd(a) - atEnd(b) || width(a) - width(b) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])[0];
}

/**
 * A range's bound written on the line of its declaration (`core: { from: 8000, to: 8009 }`,
 * `web: 10000-10099`): the facts locate the range by its name, so the number is found in the
 * text, which `readText` gives only when a range is declared on the point's line.
 */
export function rangeBoundAt(ranges: readonly RangeDecl[], { line, column }: Point, readText: () => string | undefined): Target | undefined {
  const onLine = ranges.filter((r) => r.loc.span.startLine === line);
  if (onLine.length === 0) return undefined;
  const text = readText();
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  if (line > lines.lineCount) return undefined;
  for (const m of lines.lineText(line).matchAll(/\d+/g)) {
    const start = m.index! + 1;
    const end = start + m[0].length;
    if (column < start || column > end) continue;
    const range = onLine.find((r) => r.from === Number(m[0]) || r.to === Number(m[0]));
    if (!range) return undefined;
    const lineStart = lines.lineStart(line);
    return { kind: 'range', range, loc: lines.location(range.loc.file, lineStart + start - 1, lineStart + end - 1) };
  }
  return undefined;
}

/** The ports a target is about: a place's (or range of them), a mention's, a reservation's. */
export function portsOf(target: PortTarget): [from: number, to: number] {
  if (target.kind === 'place') return [target.place.port, target.place.endPort ?? target.place.port];
  if (target.kind === 'mention') return [target.mention.port, target.mention.port];
  return [target.reservation.from, target.reservation.to];
}
