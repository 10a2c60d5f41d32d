// Ranges in a registry of another format (see foreignRegistry.ts). People write them as a section
// named for ranges or slots whose entries give a range, a list of ports or a mapping holding one
// (`tools: { range: "8880-8899, 9000" }`, `chatbot: { http: 3100-3199 }`), as a range in a key's
// trailing comment (`shop:  # 8000-8099`), and forbidden slots as comment lines
// (`# slot 0 | forbidden | 3000-3099`).

import type { Location, PortSpan, Reservation } from '../../model';
import { findRanges, isValidPort, parseRange } from '../../syntax/ports';
import type { LineIndex } from '../../text/lineIndex';
import { isRecord } from './foreignReader';

/** A top-level key whose entries are ranges: `ranges`, `port_ranges`, `slots`, `blocks`, `pools`. */
export function isRangeSection(key: string): boolean {
  return /^(?:ports?[_-]?)?(?:ranges?|slots?|blocks?|pools?)$/i.test(key.trim());
}

/**
 * The ports a value writes as a range or a list: `8000-8099`, `87xx`, `9000`, or
 * `8880-8899, 9000, 11434`. Undefined unless every part is a range or a port, so prose is never
 * half read.
 */
export function portList(value: unknown): PortSpan[] | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && isValidPort(value) ? [{ from: value, to: value }] : undefined;
  if (typeof value !== 'string') return undefined;
  const whole = parseRange(value);
  if (whole) return [whole];
  const parts = value.split(/[,;]/).map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '')) return undefined;
  const out: PortSpan[] = [];
  for (const part of parts) {
    const span = parseRange(part) ?? onePort(part);
    if (!span) return undefined;
    out.push(span);
  }
  return out;
}

function onePort(text: string): PortSpan | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return isValidPort(port) ? { from: port, to: port } : undefined;
}

// Fields of a range entry that hold its ports, in the order they are preferred.
const RANGE_FIELDS = ['range', 'ranges', 'port_range', 'port-range', 'ports', 'http', 'main'];

/** The ports a range section's entry declares: a bare range or list, `from`/`to`, or a field above. */
export function rangeEntryPorts(value: unknown): PortSpan[] | undefined {
  const direct = portList(value);
  if (direct) return direct;
  if (!isRecord(value)) return undefined;
  const bounds = boundsOf(value);
  if (bounds) return [bounds];
  for (const field of RANGE_FIELDS) {
    const spans = portList(value[field]);
    if (spans) return spans;
  }
  return undefined;
}

/**
 * The range a grouping entry (a project holding services) declares in its own fields: `range:`
 * or `from`/`to` only, since a project's `ports:` more often lists what it uses.
 */
export function declaredRange(value: Record<string, unknown>): PortSpan[] | undefined {
  const bounds = boundsOf(value);
  return bounds ? [bounds] : portList(value.range) ?? portList(value.port_range);
}

/** `{ start: 44200, end: 44229 }` or `{ from, to }`: a range written as its two bounds. */
export function boundsOf(value: Record<string, unknown>): PortSpan | undefined {
  const from = value.from ?? value.start;
  const to = value.to ?? value.end;
  if (typeof from !== 'number' || typeof to !== 'number' || !isValidPort(from) || !isValidPort(to) || from > to) return undefined;
  return { from, to };
}

/**
 * The range a key's line declares, in the key itself (`shop (8000-8099):`) or in a trailing
 * comment (`shop:  # 8000-8099`): exactly one, with the key's name without the range.
 */
export function rangeOnKeyLine(key: string, lines: LineIndex, line: number): { name: string; span: PortSpan } | undefined {
  const inKey = findRanges(key);
  if (inKey.length === 1) {
    const [span] = inKey;
    const name = `${key.slice(0, span.start)} ${key.slice(span.end)}`.replace(/[()[\]:]/g, ' ').replace(/\s+/g, ' ').trim();
    return { name: name || key, span: { from: span.from, to: span.to } };
  }
  const comment = trailingComment(lines.lineText(line));
  if (comment === undefined || FORBIDDEN.test(comment)) return undefined;
  const inComment = findRanges(comment);
  return inComment.length === 1 ? { name: key, span: { from: inComment[0].from, to: inComment[0].to } } : undefined;
}

/** The text after ` #` on a line, outside quotes. */
function trailingComment(line: string): string | undefined {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(i + 1);
    }
  }
  return undefined;
}

// Words that forbid a range, in the languages port registries are written in. "Reserved" alone
// is not one: a slot "reserved" for a project is that project's allocation.
const FORBIDDEN = /\b(?:forbidden|prohibited|blocked|blacklisted|not allowed|never use|do not use|don't use|interdite?s?|verboten|prohibido|proibido|vietato)\b|禁止|사용\s*금지/i;

/**
 * Forbidden ranges written in comment lines: a whole-line comment with a forbidding word and
 * exactly one range (a comment naming several ranges says which is forbidden less clearly).
 */
export function forbiddenInComments(lines: LineIndex, file: string): Reservation[] {
  const out: Reservation[] = [];
  for (const m of lines.text.matchAll(/^[ \t]*#([^\n]*)/gm)) {
    const comment = m[1];
    const word = FORBIDDEN.exec(comment);
    if (!word) continue;
    const ranges = findRanges(comment);
    if (ranges.length !== 1) continue;
    const [range] = ranges;
    const start = m.index! + m[0].length - comment.length + range.start;
    const loc: Location = lines.location(file, start, start + (range.end - range.start));
    out.push({ from: range.from, to: range.to, reason: word[0], scope: '', loc });
  }
  return out;
}
