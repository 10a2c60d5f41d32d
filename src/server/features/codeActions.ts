// Quick fixes for findings (textDocument/codeAction, kind quickfix):
//   port-mismatch       "Change to 8087 (as in PORTS.md:14 and 6 more)": that number only (also
//                       where the number is no allocation: a compose container port against its
//                       image's EXPOSE, a Service's targetPort against its pods' ports);
//   port-conflict, out-of-range, reserved-port
//                       "Move <service> to <port>, the next free port in <range>": everywhere the
//                       service's port is written (the rename machinery);
//   unregistered-port   "Add <service> to ports.yaml";
//   every rule          "Ignore <rule> here": a suppression comment above the line.
import { CodeActionKind } from '../lsp';
import type { CodeAction, CodeActionParams, Diagnostic, Range } from 'vscode-languageserver/node';
import type { Finding } from '../../core/model';
import { planChangePort } from '../../core/edits/changePort';
import { nextFreePort } from '../../core/edits/freePort';
import { planMove } from '../../core/edits/movePort';
import { planAddService } from '../../core/edits/registryEdit';
import { planIgnore } from '../../core/edits/suppress';
import type { TextEdit } from '../../core/edits/textEdit';
import { rangesOf } from '../../core/query/lookup';
import { owningRange, rangeText, type RangeInfo } from '../../core/query/ranges';
import { placeKey, where, type Place, type RuleInput } from '../../core/rules/model';
import { isRegistry } from '../../core/rules/unregisteredPort';
import { matchRole } from '../../core/syntax/names';
import { baseOf } from '../../core/syntax/paths';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import { textHost, toRange, toWorkspaceEdit } from '../convert';
import type { FolderView, InDocument } from './feature';

export function codeActions(snapshot: FolderSnapshot, folder: FolderView, params: InDocument<CodeActionParams>): CodeAction[] {
  const { file } = params;
  const only = params.context.only;
  if (only && !only.some((k) => k === '' || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const input = snapshot.input;
  const inRange = snapshot.findings.filter((f) => f.loc.file === file && overlaps(toRange(f.loc.span), params.range));
  // The client names the diagnostics it wants fixes for; without any of ours, every finding in range.
  const named = inRange.filter((f) => params.context.diagnostics.some((d) => sameDiagnostic(d, f)));
  const findings = named.length > 0 ? named : inRange;
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    const diagnostic = params.context.diagnostics.find((d) => sameDiagnostic(d, finding));
    const fix = new Fixes(folder, input, finding, diagnostic);
    actions.push(...fix.all());
  }
  return actions;
}

class Fixes {
  private readonly host;
  private readonly place: Place | undefined;

  constructor(
    private readonly folder: FolderView,
    private readonly input: RuleInput,
    private readonly finding: Finding,
    private readonly diagnostic: Diagnostic | undefined,
  ) {
    this.host = textHost(folder);
    const at = input.places.filter((p) => placeKey(p.loc) === placeKey(finding.loc));
    this.place = at.find((p) => p.service === finding.service) ?? at[0];
  }

  all(): CodeAction[] {
    const out: CodeAction[] = [];
    switch (this.finding.rule) {
      case 'port-mismatch': out.push(...(this.place ? this.changeToMajority() : this.changeToRelated())); break;
      case 'port-conflict':
      case 'out-of-range':
      case 'reserved-port': out.push(...this.moveToFreePort()); break;
      case 'unregistered-port': out.push(...this.addToRegistry()); break;
      default: break;
    }
    out.push(...this.ignoreHere());
    return out;
  }

  private action(title: string, edits: TextEdit[], isPreferred = false): CodeAction {
    return {
      title,
      kind: CodeActionKind.QuickFix,
      ...(this.diagnostic ? { diagnostics: [this.diagnostic] } : {}),
      ...(isPreferred ? { isPreferred } : {}),
      edit: toWorkspaceEdit(this.folder, edits),
    };
  }

  /** One action per port the agreeing places say (several only on a tie). */
  private changeToMajority(): CodeAction[] {
    const place = this.place;
    if (!place) return [];
    const agreeing = this.finding.related
      .map((r) => this.input.places.find((p) => placeKey(p.loc) === placeKey(r.loc)))
      .filter((p): p is Place => p !== undefined && p.endPort === undefined && p.port !== place.port);
    return this.changeTo(agreeing.map((p) => ({ port: p.port, loc: p.loc })), (port) => {
      const plan = planChangePort(place, port, this.host);
      return 'error' in plan ? undefined : plan.edits;
    });
  }

  /** One "Change to N (as in …)" per port the places write (preferred when there is one), with the edits `edit` plans for it. */
  private changeTo(written: Array<{ port: number; loc: Finding['loc'] }>, edit: (port: number) => TextEdit[] | undefined): CodeAction[] {
    const ports = [...new Set(written.map((w) => w.port))];
    return ports.flatMap((port) => {
      const edits = edit(port);
      if (!edits) return [];
      const these = written.filter((w) => w.port === port);
      const more = these.length > 1 ? ` and ${these.length - 1} more` : '';
      return [this.action(`Change to ${port} (as in ${where(these[0].loc)}${more})`, edits, ports.length === 1)];
    });
  }

  /**
   * A mismatch at a number that is no allocation (a container port, a targetPort): change it to a
   * port its related places write, read from their text. Only digits are read on either side: a
   * variable or a named port is not a number to change.
   */
  private changeToRelated(): CodeAction[] {
    const digitsAt = (loc: Finding['loc']): number | undefined => {
      const written = this.folder.textOf(loc.file)?.slice(loc.span.startOffset, loc.span.endOffset);
      return written !== undefined && /^\d{1,5}$/.test(written) ? Number(written) : undefined;
    };
    if (digitsAt(this.finding.loc) !== this.finding.port) return [];
    const written = this.finding.related.flatMap((r) => {
      const port = digitsAt(r.loc);
      return port === undefined || port === this.finding.port ? [] : [{ port, loc: r.loc }];
    });
    const { file, span } = this.finding.loc;
    return this.changeTo(written, (port) => [{ file, start: span.startOffset, end: span.endOffset, newText: String(port) }]);
  }

  private moveToFreePort(): CodeAction[] {
    const place = this.place;
    if (!place || place.endPort !== undefined) return [];
    const range = this.finding.rule === 'out-of-range' ? this.citedRange() : this.rangeFor(place);
    if (!range) return [];
    const port = nextFreePort(this.input, range);
    if (port === undefined) return [];
    const plan = planMove(this.input, place, port, this.host);
    if (plan.edits.length === 0) return [];
    const preferred = this.finding.rule !== 'port-conflict';
    return [this.action(`Move ${place.service} to ${port}, the next free port in ${range.name} (${rangeText(range)})`, plan.edits, preferred)];
  }

  /**
   * The range an out-of-range finding names (its first related place): the port is outside it, so
   * the range that holds the port now, if any, is the wrong one to move within.
   */
  private citedRange(): RangeInfo | undefined {
    const cited = this.finding.related[0]?.loc;
    return cited && rangesOf(this.input).find((r) => r.decls.some((d) => placeKey(d.loc) === placeKey(cited)));
  }

  /** The range a moved port should land in: the one the place's section names, else the one that holds it. */
  private rangeFor(place: Place): RangeInfo | undefined {
    const range = owningRange(rangesOf(this.input), place);
    // A range's rule holds its main port; a port of another role is placed by its number only.
    if (range && matchRole(place.role) !== 'main' && (place.port < range.from || place.port > range.to)) return undefined;
    return range;
  }

  private addToRegistry(): CodeAction[] {
    const place = this.place;
    const registry = this.input.files.filter(isRegistry).map((f) => f.file).sort()[0];
    if (!place || !registry) return [];
    const text = this.folder.textOf(registry);
    if (text === undefined) return [];
    const ranges = this.input.files.find((f) => f.file === registry)!.ranges
      .filter((r) => !r.keptFree && !r.project && place.port >= r.from && place.port <= r.to)
      .sort((a, b) => a.to - a.from - (b.to - b.from));
    const plan = planAddService(text, registry, { name: place.service, port: place.port, role: place.role, range: ranges[0]?.name });
    if ('error' in plan) return [];
    return [this.action(`Add ${place.service} to ${baseOf(registry)}`, plan.edits, true)];
  }

  private ignoreHere(): CodeAction[] {
    const { file } = this.finding.loc;
    const text = this.folder.textOf(file);
    const kind = this.input.files.find((f) => f.file === file)?.kind;
    if (text === undefined || !kind) return [];
    const plan = planIgnore(text, file, kind, this.finding.loc.span.startLine, this.finding.rule);
    if ('error' in plan) return [];
    return [this.action(`Ignore ${this.finding.rule} here`, plan.edits)];
  }
}

function sameDiagnostic(d: Diagnostic, f: Finding): boolean {
  const code = typeof d.code === 'object' && d.code !== null ? (d.code as { value: unknown }).value : d.code;
  const r = toRange(f.loc.span);
  return (d.source === undefined || d.source === DIAGNOSTIC_SOURCE) && code === f.rule
    && d.range.start.line === r.start.line && d.range.start.character === r.start.character
    && d.range.end.line === r.end.line && d.range.end.character === r.end.character
    && (typeof d.message !== 'string' || d.message.startsWith(f.message));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
