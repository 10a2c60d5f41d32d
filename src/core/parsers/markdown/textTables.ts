// Port tables written as plain text in a fence with no language: columns lined up with blanks under
// a header (`SERVICE   PORT   STATUS`), or one port per line (`8080  - Billing UI`). People paste
// these from terminals and keep them as the allocation; only these two shapes are read, and a
// flat map of names to ports (`Grafana: 30040` on every line), in a plain or a YAML fence.
import { cleanName } from '../../syntax/names';
import { isValidPort } from '../../syntax/ports';
import { extractTable, NAME_HEADER, PORT_HEADER } from './tables';
import { extractRangeItem, leadsWithRange } from './rangeLists';
import { PLACEHOLDER } from './rowNames';
import { ILLUSTRATIVE } from './sections';
import { emitAllocation, emitMention, headingServiceHolds, remarkedContext, remarkedNames, remarksOf, withQualifierHost, type Context, type MdState } from './state';

interface Field {
  text: string;
  /** Offset in the fence's content. */
  start: number;
}

/** A line cut at runs of two or more blanks (or a tab): the columns of a text table. */
function fieldsOf(line: string): Field[] {
  const out: Field[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}

const RULE_LINE = /^[\s─━—=\-+|]+$/;
// "OCCUPIED PORTS:", "Already in use": ports other software holds on the host.
const OCCUPIED = /\b(?:occupied|already (?:in use|used|taken)|in use by|used by other)\b|占用|使用中|사용 ?중/i;
const PORT_FIRST = /^(\s*)(\d{2,5})\s+[-–:]\s+(\S.*?)\s*$/;
const DIGITS = /^\d{1,5}$/;

/** Reads the text tables of a fence; true when it found one. */
export function extractTextTable(state: MdState, context: Context, content: string, at: number): boolean {
  const lines = content.split('\n');
  if (readPipeTable(state, lines, at)) return true;
  const offsets = lineOffsets(lines);
  const occupied = OCCUPIED.test(lines.find((l) => l.trim() !== '') ?? '');
  return readColumns(state, context, lines, offsets, at, occupied) || readPortList(state, context, lines, offsets, at, occupied)
    || readNamePortLines(state, context, lines, offsets, at);
}

/** Where each line starts in the text the lines were split from. */
function lineOffsets(lines: string[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  return offsets;
}

const PIPE_ROW = /^\s*\|.*\|/;
const PIPE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;

/**
 * A Markdown table pasted into a fence (`| Service | Port |` over `|---|---|`): read as the table
 * it is, its rows at their lines in the page.
 */
function readPipeTable(state: MdState, lines: string[], at: number): boolean {
  const h = lines.findIndex((l) => l.trim() !== '');
  if (h < 0 || !PIPE_ROW.test(lines[h]) || !PIPE_RULE.test(lines[h + 1] ?? '')) return false;
  const firstLine = state.lines.position(at).line;
  const rows: number[] = [];
  for (let i = h + 2; i < lines.length && PIPE_ROW.test(lines[i]); i++) rows.push(firstLine + i);
  extractTable(state, firstLine + h, rows);
  return true;
}

/** `SERVICE  PORT  STATUS` over rows whose port column holds a number. */
function readColumns(state: MdState, context: Context, lines: string[], offsets: number[], at: number, occupied: boolean): boolean {
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return false;
  const header = fieldsOf(lines[headerAt]);
  const nameColumn = header.findIndex((f) => NAME_HEADER.test(f.text));
  const portColumn = header.findIndex((f) => PORT_HEADER.test(f.text));
  if (header.length < 2 || nameColumn < 0 || portColumn < 0 || nameColumn === portColumn) return false;
  let found = false;
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (RULE_LINE.test(lines[i]) || lines[i].trim() === '') continue;
    const fields = fieldsOf(lines[i]);
    const name = fields[nameColumn];
    const port = fields[portColumn];
    if (!name || !port || !DIGITS.test(port.text) || PLACEHOLDER.test(cleanName(name.text))) continue;
    const start = at + offsets[i] + port.start;
    found = emit(state, context, lines[i], name.text, Number(port.text), start, at, occupied) || found;
  }
  return found;
}

/**
 * Lines such as `8080  - Billing UI`, two or more in a fence that says it lists ports (its first
 * line, or the section it is in): "10 - Install" lines of a numbered recipe are no ports.
 */
function readPortList(state: MdState, context: Context, lines: string[], offsets: number[], at: number, occupied: boolean): boolean {
  if (!context.aboutPorts && !PORT_HEADER.test(lines.find((l) => l.trim() !== '') ?? '')) return false;
  const items = lines.map((l, i) => ({ m: PORT_FIRST.exec(l), i })).filter((x) => x.m);
  // `4180-4189 - Notification Service` lines give ranges, as list items that lead with one do.
  const ported = new Set(items.map((x) => x.i));
  const ranges = context.aboutPorts ? lines.flatMap((l, i) => (ported.has(i) || !leadsWithRange(l) ? [] : [i])) : [];
  if (items.length + ranges.length < 2) return false;
  let found = false;
  for (const { m, i } of items) {
    const start = at + offsets[i] + m![1].length;
    found = emit(state, context, lines[i], m![3], Number(m![2]), start, at, occupied) || found;
  }
  for (const i of ranges) extractRangeItem(state, lines[i], at + offsets[i]);
  return found || ranges.length > 0;
}

// `Grafana: 30040`, `Headlamp (Flux UI): 30001  # note`: a name, a port and at most a comment.
const NAME_PORT_LINE = /^([A-Za-z][\w .()/-]*?):[ \t]+(\d{2,5})[ \t]*(?:#(.*))?$/;
const COMMENT_LINE = /^\s*#/;
// Keys of settings, not names: `port: 8080`, `targetPort: 80`, `replicas: 3`, `timeout: 30`.
const SETTING_KEY = /port|^(?:replicas|timeout|interval|retries|workers|threads|version|size|limit|max|min|ttl|count|weight|priority|id|uid|gid)$/i;

/**
 * A fence that is a flat map of names to ports and nothing else (`VLLM: 30100` over `Ollama:
 * 30101`, comments between), in a section about ports: the section's allocation, each line's
 * port the name's. A line whose comment calls it history (`# Legacy`) only mentions its port.
 * True when the fence is such a map.
 */
export function readPortMap(state: MdState, context: Context, content: string, at: number): boolean {
  const lines = content.split('\n');
  return readNamePortLines(state, context, lines, lineOffsets(lines), at);
}

function readNamePortLines(state: MdState, context: Context, lines: string[], offsets: number[], at: number): boolean {
  if (!context.aboutPorts) return false;
  const entries: Array<{ m: RegExpExecArray; offset: number; line: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = NAME_PORT_LINE.exec(line);
    if (m && !SETTING_KEY.test(m[1].trim())) entries.push({ m, offset: offsets[i], line });
    else if (line.trim() !== '' && !COMMENT_LINE.test(line)) return false;
  }
  if (entries.length < 2) return false;
  for (const { m, offset: lineAt, line } of entries) {
    const start = at + lineAt + m[0].indexOf(m[2], m[1].length + 1);
    if (m[3] !== undefined && ILLUSTRATIVE.test(m[3])) emitMention(state, Number(m[2]), start, start + m[2].length);
    else emit(state, context, line, m[1].trim(), Number(m[2]), start, at, false);
  }
  return true;
}

function emit(state: MdState, context: Context, line: string, name: string, port: number, start: number, group: number, occupied: boolean): boolean {
  if (!isValidPort(port) || cleanName(name) === '') return false;
  if (headingServiceHolds(state, port, name)) {
    emitMention(state, port, start, start + String(port).length);
    return true;
  }
  const remarks = remarksOf(line);
  emitAllocation(state, remarkedContext(withQualifierHost(context, name), remarks, name), {
    service: name, role: undefined, port, endPort: undefined, protocol: undefined, hostIp: undefined,
    names: remarkedNames(remarks), occupied, claim: false, group, indexInGroup: 0, start, end: start + String(port).length,
  });
  return true;
}
