// The ports a table cell or list value holds, when it holds nothing else: `8080`, `**8080**`,
// `8080/udp`, `127.0.0.1:5432`, `8080 (HTTP), 8443 (HTTPS)`, `5678 / 6379`, `9000 / console 9001`, `80 443`, `8000-8009`, `300xx`,
// `12000+`, a mapping `5436:5432`, `0.0.0.0:5436->5432/tcp` or `5436 (host) -> 5432 (container)`
// (the host port, with the container port behind it). A cell with other words in it ("Various", "see 8080 below") holds no structured
// port.
import { parseRange, MAX_PORT } from '../../syntax/ports';
import { roleFromWords } from '../../syntax/names';

export interface CellPort {
  kind: 'port' | 'range' | 'invalid';
  port: number;
  /** Inclusive end for ranges. */
  to: number;
  protocol?: 'tcp' | 'udp' | 'sctp';
  hostIp?: string;
  /** `7070:80`: the container port a published port maps to. */
  containerPort?: number;
  role?: string;
  /** The words in parentheses after the port (`10000 (signal)` → `signal`). */
  label?: string;
  /** Offsets of the number (or range) within the scanned text. */
  start: number;
  end: number;
}

// `::` before a port is `docker ps`'s way to write every IPv6 address (`:::3306->3306/tcp`).
const HOST = String.raw`(?:(\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]+\]|::):)?:?`;
const NUMBER = String.raw`(\d{1,4}[xX]{1,3}(?![\w])|\d{1,6}(?:\s*[-–—]\s*\d{1,6}|\+)?)`;
// `:80` after a host port: the container side of a mapping (`7070:80`), as compose writes one, or
// `->80` as `docker ps` does (`0.0.0.0:7070->80/tcp`).
const CONTAINER = String.raw`(?:(?::|->)(\d{1,5})(?![\d.:]))?`;
const ITEM = new RegExp(String.raw`${HOST}${NUMBER}${CONTAINER}(?:\/(tcp|udp|sctp))?(?:\s*\(([^()]*)\))?`, 'iy');
// Between ports: a slash, comma, `and`, `or`, `+`, or blanks alone before another number of two
// digits or more (`80 443`).
const SEP = /\s*(?:[/,;&]|\band\b|\bor\b|\+)\s*|\s+(?=\d{2})/iy;

/** Blanks Markdown emphasis and code ticks so offsets stay those of the source. */
export function blankDecoration(text: string): string {
  return text.replace(/\*\*|__|`/g, (m) => ' '.repeat(m.length)).replace(FULL_WIDTH, (m) => FULL_WIDTH_AS_ASCII[m]);
}

// Chinese and Japanese write parentheses and commas full width (`8011（HTTP）`, `3001、3002`): each is
// one character, as its ASCII form is, so offsets stay those of the source.
const FULL_WIDTH = /[（），、]/g;
const FULL_WIDTH_AS_ASCII: Record<string, string> = { '（': '(', '）': ')', '，': ',', '、': ',' };

// A short CJK word glued to the number (`端口9200`, `未9200`): no blank separates words in those
// scripts, so the number is still the cell's port.
const CJK_LEAD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,4}(?=\d)/uy;

// `8056 (host) -> 8055 (container)`: a mapping written out in words.
const HOST_TO_CONTAINER = /^\s*(\d{1,5})\s*\(\s*host\s*\)\s*(?:->|→|=>|maps to)\s*(\d{1,5})\s*\(\s*container\s*\)\s*$/i;

// `*7101*`, `_7101_`: a whole value in italics. Only around the whole value: a lone `*` marks a
// footnote (`8080*`), and `_` joins the words of a name (`api_gateway`).
const ITALIC = /^(\s*)([*_])([^*_]+)\2(\s*)$/;

export function parseCellPorts(source: string): CellPort[] {
  const text = blankDecoration(source).replace(ITALIC, (_m, before: string, _mark: string, value: string, after: string) => `${before} ${value} ${after}`);
  const mapped = HOST_TO_CONTAINER.exec(text);
  if (mapped) {
    const port = Number(mapped[1]);
    const containerPort = Number(mapped[2]);
    const start = text.indexOf(mapped[1]);
    if (port < 1 || port > MAX_PORT || containerPort < 1 || containerPort > MAX_PORT) return [];
    return [{ kind: 'port', port, to: port, containerPort, start, end: start + mapped[1].length }];
  }
  const out: CellPort[] = [];
  let i = text.length - text.trimStart().length;
  CJK_LEAD.lastIndex = i;
  if (CJK_LEAD.test(text)) i = CJK_LEAD.lastIndex;
  const end = text.trimEnd().length;
  while (i < end) {
    // After the first port, a word may name the next one: `9000 / console 9001`, `7077 / UI 8080`.
    LABEL_BEFORE.lastIndex = i;
    const label = out.length > 0 ? LABEL_BEFORE.exec(text) : null;
    const at = label ? LABEL_BEFORE.lastIndex : i;
    ITEM.lastIndex = at;
    const m = ITEM.exec(text);
    if (!m) return [];
    const value = toCellPort(m, at, label?.[1]);
    if (!value) return [];
    out.push(value);
    i = ITEM.lastIndex;
    if (i >= end) break;
    SEP.lastIndex = i;
    if (!SEP.exec(text)) return [];
    i = SEP.lastIndex;
  }
  return out;
}

// One or two words before a port, with a blank between them and it.
const LABEL_BEFORE = /([A-Za-z][A-Za-z.-]{0,15}(?: [A-Za-z][A-Za-z.-]{0,15})?)\s+(?=[\d[:]|localhost)/y;

function toCellPort(m: RegExpExecArray, at: number, labelBefore?: string): CellPort | undefined {
  const [whole, host, number, inside, protocol, written] = m;
  const note = written ?? labelBefore;
  const start = at + whole.indexOf(number, host ? host.length : 0);
  const end = start + number.length;
  const base = {
    protocol: protocol ? (protocol.toLowerCase() as CellPort['protocol']) : undefined,
    hostIp: host && host !== 'localhost' ? host.replace(/^\[|\]$/g, '') : undefined,
    role: note ? roleFromWords(note) : undefined,
    label: note?.trim() || undefined,
    start,
    end,
  };
  if (/^\d+$/.test(number)) {
    const port = Number(number);
    const kind = port >= 1 && port <= MAX_PORT ? 'port' : 'invalid';
    const containerPort = inside === undefined ? undefined : Number(inside);
    if (containerPort !== undefined && (containerPort < 1 || containerPort > MAX_PORT)) return undefined;
    return { kind, port, to: port, ...base, ...(containerPort === undefined ? {} : { containerPort }) };
  }
  // A range is not mapped here (`8000-8009:80` is no way to write one).
  if (inside !== undefined) return undefined;
  const range = parseRange(number);
  return range ? { kind: 'range', port: range.from, to: range.to, ...base } : undefined;
}
