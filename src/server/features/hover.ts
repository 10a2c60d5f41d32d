// Hover on a port number (an allocation, a reference, a mention, a reserved port) or a declared
// range: who owns the port, the range it belongs to and how full that is, every place the port is
// written (links), the findings those places are part of, and the IANA service for the number.
import { MarkupKind } from '../lsp';
import type { CancellationToken, Hover, HoverParams, Position } from 'vscode-languageserver/node';
import type { Finding, Location, RangeDecl } from '../../core/model';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { matchRole } from '../../core/syntax/names';
import { compareLocations, type Place, type RuleInput } from '../../core/rules/model';
import { describeSame } from '../../core/project/relations';
import { portsOf, rangeBoundAt, targetAt, type PortTarget } from '../../core/query/at';
import { findingsTouching, samePlace } from '../../core/query/findings';
import { mentionsOn, placesOn, rangesOf, reservationsOn, usedPortsIn } from '../../core/query/lookup';
import { owningRange, type RangeInfo } from '../../core/query/ranges';
import { bySpelling } from '../../core/query/services';
import { ruleHref, toPoint, toRange } from '../convert';
import { wellKnownPort } from '../wellKnownPorts';
import type { FolderView, InDocument } from './feature';

/** Places listed before the list says "and N more". */
const MAX_PLACES = 15;
const MAX_PROBLEMS = 10;

export async function hover(snapshot: FolderSnapshot, folder: FolderView, params: InDocument<HoverParams>, token: CancellationToken): Promise<Hover | null> {
  const { file, position } = params;
  // The machine is asked about one port, and only when the settings allow it and a port is under the cursor.
  const port = folder.liveStatus ? portUnder(snapshot.input, file, position) : undefined;
  const listening = port === undefined ? undefined : (await folder.listening([port])).ports;
  if (token.isCancellationRequested) return null;
  return hoverAt(snapshot, folder, file, position, token, listening);
}

/** The port a hover at the position would be about (not a range's bound). */
function portUnder(input: RuleInput, file: string, position: Position): number | undefined {
  const target = targetAt(input, file, toPoint(position));
  return target && target.kind !== 'range' ? portsOf(target)[0] : undefined;
}

function hoverAt(snapshot: FolderSnapshot, folder: FolderView, file: string, position: Position, token: CancellationToken, listening?: ReadonlySet<number>): Hover | null {
  const facts = snapshot.facts(file);
  if (!facts) return null;
  const input = snapshot.input;
  const point = toPoint(position);
  const target = targetAt(input, file, point) ?? rangeBoundAt(facts.ranges, point, () => folder.textOf(file));
  if (!target || token.isCancellationRequested) return null;
  const writer = new HoverWriter(folder, input, snapshot.findings, listening);
  if (target.kind === 'range') writer.range(target.range);
  else writer.port(...portsOf(target), target);
  if (token.isCancellationRequested) return null;
  return { contents: { kind: MarkupKind.Markdown, value: writer.text() }, range: toRange(target.loc.span) };
}

class HoverWriter {
  private readonly lines: string[] = [];
  private readonly ranges: readonly RangeInfo[];

  constructor(
    private readonly folder: FolderView,
    private readonly input: RuleInput,
    private readonly findings: readonly Finding[],
    private readonly listening?: ReadonlySet<number>,
  ) {
    this.ranges = rangesOf(input);
  }

  text(): string {
    return this.lines.join('\n').trimEnd();
  }

  /** A port (or ports from-to) and everything known about it. */
  port(from: number, to: number, target: PortTarget): void {
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
    this.problems(findingsTouching(this.findings, unique.map((w) => w.loc)));

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
    this.problems(findingsTouching(this.findings, range.decls.map((d) => d.loc)));
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

/** `8000-8009 core · 2/10 used`. */
function rangeLabel(range: RangeInfo, input: RuleInput): string {
  return `${range.from}-${range.to} ${range.name} · ${usedPortsIn(input, range)}/${range.to - range.from + 1} used`;
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
