// Hover on a port number (an allocation, a reference, a mention, a reserved port) or a declared
// range: who owns the port, the range it belongs to and how full that is, every place the port is
// written (links), the findings those places are part of, and the IANA service for the number.
import { MarkupKind } from './lsp';
import type { CancellationToken, Hover, Position, Range } from 'vscode-languageserver/node';
import type { Finding, Location, Mention, RangeDecl, Reservation } from '../core/model';
import { matchRole } from '../core/syntax/names';
import type { Place, RuleInput } from '../core/rules/model';
import { describeSame } from '../core/project/relations';
import { ruleHref, toRange } from './diagnostics';
import type { FolderState } from './folderState';
import {
  bySpelling, compareLocations, factsOf, findingsTouching, mentionsOn, owningRange, placesIn, placesOn, rangeLabel, rangesOf, reservationsOn, samePlace, type RangeInfo,
} from './portFacts';
import { wellKnownPort } from './wellKnownPorts';

/** Places listed before the list says "and N more". */
const MAX_PLACES = 15;
const MAX_PROBLEMS = 10;

export type Target = (
  | { kind: 'place'; place: Place; loc: Location }
  | { kind: 'mention'; mention: Mention; loc: Location }
  | { kind: 'reserved'; reservation: Reservation; loc: Location }
  | { kind: 'range'; range: RangeDecl; loc: Location }
) & { hoverRange?: Range };

const KIND_ORDER: Record<Target['kind'], number> = { place: 0, mention: 1, reserved: 2, range: 3 };

/** The port a hover at the position would be about (what the server asks the live status for). */
export function hoverPort(folder: FolderState, file: string, position: Position): number | undefined {
  const target = targetAt(folder.ruleInput(), file, position);
  if (!target || target.kind === 'range') return undefined;
  return target.kind === 'place' ? target.place.port : target.kind === 'mention' ? target.mention.port : target.reservation.from;
}

export function hoverAt(folder: FolderState, file: string, position: Position, token?: CancellationToken, listening?: ReadonlySet<number>): Hover | null {
  const facts = folder.snapshot().facts(file);
  if (!facts) return null;
  const input = folder.ruleInput();
  const target = targetAt(input, file, position) ?? rangeBoundAt(folder, facts.ranges, file, position);
  if (!target || token?.isCancellationRequested) return null;
  const writer = new HoverWriter(folder, input, listening);
  if (target.kind === 'range') writer.range(target.range);
  else if (target.kind === 'reserved') writer.port(target.reservation.from, target.reservation.to, target);
  else if (target.kind === 'mention') writer.port(target.mention.port, target.mention.port, target);
  else writer.port(target.place.port, target.place.endPort ?? target.place.port, target);
  if (token?.isCancellationRequested) return null;
  return { contents: { kind: MarkupKind.Markdown, value: writer.text() }, range: target.hoverRange ?? toRange(target.loc.span) };
}

/**
 * A range's bounds written on the line of its declaration (`core: { from: 8000, to: 8009 }`,
 * `web: 10000-10099`): the facts locate the range by its name, so the number is found in the text.
 */
function rangeBoundAt(folder: FolderState, ranges: RangeDecl[], file: string, position: Position): Target | undefined {
  const onLine = ranges.filter((r) => r.loc.span.startLine === position.line + 1);
  if (onLine.length === 0) return undefined;
  const lineText = folder.textOf(file)?.split(/\r\n|\r|\n/)[position.line];
  if (lineText === undefined) return undefined;
  for (const m of lineText.matchAll(/\d+/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (position.character < start || position.character > end) continue;
    const range = onLine.find((r) => r.from === Number(m[0]) || r.to === Number(m[0]));
    if (!range) return undefined;
    const hoverRange = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
    return { kind: 'range', range, loc: range.loc, hoverRange };
  }
  return undefined;
}

/** The narrowest fact whose span holds the position (end inclusive, so a cursor after the number counts). */
export function targetAt(input: RuleInput, file: string, position: Position): Target | undefined {
  const line = position.line + 1;
  const column = position.character + 1;
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

class HoverWriter {
  private readonly lines: string[] = [];
  private readonly ranges: readonly RangeInfo[];

  constructor(private readonly folder: FolderState, private readonly input: RuleInput, private readonly listening?: ReadonlySet<number>) {
    this.ranges = rangesOf(input);
  }

  text(): string {
    return this.lines.join('\n').trimEnd();
  }

  /** A port (or ports from-to) and everything known about it. */
  port(from: number, to: number, target: Exclude<Target, { kind: 'range' }>): void {
    const portText = from === to ? String(from) : `${from}-${to}`;
    const protocol = target.kind === 'place' ? target.place.protocol : 'tcp';
    const scope = target.kind === 'place' ? target.place.scope : target.kind === 'reserved' ? target.reservation.scope : '';
    this.lines.push(`**Port ${portText}**${protocol !== 'tcp' ? ` (${protocol})` : ''}`, '');
    if (from === to && this.listening?.has(from)) this.lines.push('Listening now on this machine', '');

    // On a service's place, the places of the deployment it speaks of (another stack's 8000 in an
    // examples collection is another story); on a mention or a reservation, every place.
    const places = placesOn(this.input, from, to).filter((p) => target.kind !== 'place' || (p.scope === scope && describeSame(p, target.place)));
    const owners = ownersOf(places.filter((p) => !p.claim));
    if (owners.size > 0) this.lines.push(`Owner${owners.size > 1 ? 's' : ''}: ${[...owners.values()].join(', ')}`, '');
    else this.lines.push('Owner: none allocated in this folder', '');
    if (target.kind === 'place' && target.place.claim && ![...owners.keys()].some((k) => k.startsWith(`${target.place.identity}\u0000`))) {
      this.lines.push(`Referenced here as ${bold(target.place.service)}${target.place.role ? ` (${escape(target.place.role)})` : ''}`, '');
    }

    const range = owningRange(this.ranges, target.kind === 'place' ? target.place : { port: from, endPort: to, scope });
    if (range) {
      const outside = from < range.from || to > range.to ? ' — outside this range' : '';
      this.lines.push(`Range: ${escape(rangeLabel(range, this.input))}${outside}`, '');
    }
    for (const r of reservationsOn(this.input, from, to, scope)) {
      const what = r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
      this.lines.push(`Reserved: ${what}${r.reason ? ` — ${escape(r.reason)}` : ''} (${this.link(r.loc)})`, '');
    }

    const written: Array<{ loc: Location; label: string }> = [
      ...places.map((p) => ({ loc: p.loc, label: placeLabel(p) })),
      ...mentionsOn(this.input, from, to).map((m) => ({ loc: m.loc, label: 'mentioned' })),
    ];
    if (target.kind === 'reserved') written.push({ loc: target.loc, label: 'reserved' });
    const unique = dedupeByLocation(written);
    const lines = unique.map((w) => `${w.loc.file}:${w.loc.span.startLine}`);
    const shared = (i: number) => lines.indexOf(lines[i]) !== lines.lastIndexOf(lines[i]);
    this.list('Written at', unique.map((w, i) => `${this.link(w.loc, shared(i))} ${w.label}`), MAX_PLACES);
    this.problems(findingsTouching(this.folder.findings, unique.map((w) => w.loc)));

    const known = from === to ? wellKnownPort(from, protocol) : undefined;
    if (known) {
      const registeredFor = known.protocol ? ` (${known.protocol})` : '';
      this.lines.push(`IANA: \`${known.name}\`${registeredFor}${known.description ? ` — ${escape(known.description)}` : ''}`);
    }
  }

  /** A declared range: how full it is, where it is declared, what is in it. */
  range(decl: RangeDecl): void {
    const range = this.ranges.find((r) => r.decls.includes(decl));
    if (!range) return;
    const kind = range.keptFree ? 'Kept free' : range.project ? 'Project range' : 'Range';
    this.lines.push(`**${kind} ${escape(rangeLabel(range, this.input))}**`, '');
    this.list('Declared at', range.decls.map((d) => this.link(d.loc)), MAX_PLACES);
    const inside = this.input.places
      .filter((p) => !p.claim && owningRange(this.ranges, p) === range)
      .sort((a, b) => a.port - b.port || bySpelling(a, b));
    const rows = new Map<string, string>();
    for (const p of inside) {
      const key = `${p.port}\u0000${p.identity}\u0000${matchRole(p.role)}`;
      if (!rows.has(key)) rows.set(key, `${p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port} ${placeLabel(p)} (${this.link(p.loc)})`);
    }
    this.list('Allocations', [...rows.values()], MAX_PLACES);
    this.problems(findingsTouching(this.folder.findings, range.decls.map((d) => d.loc)));
  }

  private problems(findings: Finding[]): void {
    this.list('Problems', findings.map((f) => {
      const places = [f.loc, ...f.related.map((r) => r.loc)].map((l) => this.link(l)).join(', ');
      return `${f.severity} [${f.rule}](${ruleHref(f.rule)}): ${escape(f.message)} — ${places}`;
    }), MAX_PROBLEMS);
  }

  private list(title: string, items: string[], max: number): void {
    if (items.length === 0) return;
    this.lines.push(`${title}:`, '');
    for (const item of items.slice(0, max)) this.lines.push(`- ${item}`);
    if (items.length > max) this.lines.push(`- … and ${items.length - max} more`);
    this.lines.push('');
  }

  /** `[file:line](uri#Lline)`, which the editor opens at the line (with the column when asked). */
  private link(loc: Location, withColumn = false): string {
    const { startLine: line, startColumn: column } = loc.span;
    const uri = this.folder.uriOf(loc.file).replace(/\(/g, '%28').replace(/\)/g, '%29');
    return withColumn
      ? `[${escape(`${loc.file}:${line}:${column}`)}](${uri}#L${line},${column})`
      : `[${escape(`${loc.file}:${line}`)}](${uri}#L${line})`;
  }
}

/** Services allocated on the places, one per identity and role (the key), the registry's spelling first. */
function ownersOf(places: Place[]): Map<string, string> {
  const sorted = [...places].sort(bySpelling);
  const seen = new Map<string, string>();
  for (const p of sorted) {
    const key = `${p.identity}\u0000${matchRole(p.role)}`;
    if (!seen.has(key)) seen.set(key, placeLabel(p));
  }
  return seen;
}

function placeLabel(p: Place): string {
  const details = [p.role, p.environment, p.claim ? 'reference' : undefined, p.scope || undefined].filter((d): d is string => !!d);
  return `${bold(p.service)}${details.length ? ` (${escape(details.join(', '))})` : ''}`;
}

function dedupeByLocation<T extends { loc: Location }>(items: T[]): T[] {
  const out: T[] = [];
  for (const item of [...items].sort((a, b) => compareLocations(a.loc, b.loc))) {
    if (!out.some((o) => samePlace(o.loc, item.loc))) out.push(item);
  }
  return out;
}

function bold(text: string): string {
  return `**${escape(text)}**`;
}

/** Escapes the characters that would turn plain text into Markdown. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
