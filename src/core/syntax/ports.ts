// How ports and port ranges are written in documents and configs.

export const MAX_PORT = 65535;

export function isValidPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_PORT;
}

export interface WrittenRange {
  from: number;
  to: number;
}

/** `8080` → 8080; anything but plain decimal digits → undefined. */
export function parseDecimal(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2212~';
const RANGE_RE = new RegExp(`^(\\d{1,5})\\s*[${DASHES}]\\s*(\\d{1,5})$`);

/**
 * Range notations seen in real port documents: `8000-8009`, `3000–3099` (en dash), `12000+`
 * (open-ended), `300xx` / `87xx` (wildcards: 30000-30099 / 8700-8799).
 */
export function parseRange(raw: string): WrittenRange | undefined {
  const text = stripDecoration(raw);
  const pair = RANGE_RE.exec(text);
  if (pair) {
    const from = Number(pair[1]);
    const to = Number(pair[2]);
    return from <= to && isValidRangeEnd(from) && isValidRangeEnd(to) ? { from, to } : undefined;
  }
  const open = /^(\d{2,5})\+$/.exec(text);
  if (open) {
    const from = Number(open[1]);
    return isValidPort(from) ? { from, to: MAX_PORT } : undefined;
  }
  const wild = /^(\d{1,4})([xX]{1,3})$/.exec(text);
  if (wild) {
    const scale = 10 ** wild[2].length;
    const from = Number(wild[1]) * scale;
    const to = from + scale - 1;
    return from >= 1 && to <= MAX_PORT && wild[1].length + wild[2].length >= 3 ? { from, to } : undefined;
  }
  return undefined;
}

function isValidRangeEnd(n: number): boolean {
  return n >= 0 && n <= MAX_PORT;
}

/** Removes Markdown emphasis, code ticks and surrounding whitespace. */
function stripDecoration(text: string): string {
  return text.replace(/\*\*|__|`/g, '').trim();
}

/** A range written anywhere inside a text, such as a heading `Core Services (8000-8009)`. */
export interface RangeInText extends WrittenRange {
  start: number;
  end: number;
}

// Not inside an identifier: `CVE-2018-12613`, `JIRA-1200-1300` and a model's `DS920+` are no ranges.
const RANGE_IN_TEXT_RE = new RegExp(
  `(?<![\\d.:/])(?<![A-Za-z][-_])(\\d{2,5})\\s*[${DASHES}]\\s*(\\d{2,5})(?![\\d.:/%])|(?<![\\w.:/])(\\d{3,5})\\+(?!\\d)|(?<![\\w.])(\\d{1,4}[xX]{1,3})(?![\\w])`,
  'g',
);

export function findRanges(text: string): RangeInText[] {
  const out: RangeInText[] = [];
  for (const m of text.matchAll(RANGE_IN_TEXT_RE)) {
    const range = parseRange(m[0]);
    if (range && range.to - range.from >= 1) {
      out.push({ ...range, start: m.index!, end: m.index! + m[0].length });
    }
  }
  return out;
}

export interface UrlPort {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** Offsets of the port digits within the scanned text. */
  portStart: number;
  portEnd: number;
  start: number;
  end: number;
}

/** A URL with a port, from its scheme on (tried where a word begins, as `\b` would). */
const URL_AT = /([a-zA-Z][a-zA-Z0-9+.-]{1,20}):\/\/(?:[^\s/@'"`<>]*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,6})(\/[^\s'"`<>)|,]*)?/y;
const MAX_SCHEME = 21;

/**
 * URLs that carry an explicit port: `http://localhost:8088/health`, `redis://redis:6379`. The
 * same as matching `\b` + URL_AT through the text, but the expression is tried only where a
 * scheme can end in `://`, not at every word of a long document.
 */
export function findUrls(text: string): UrlPort[] {
  const out: UrlPort[] = [];
  // Matches do not overlap: the next one starts at or after the end of the last.
  let free = 0;
  for (let sep = text.indexOf('://'); sep !== -1; sep = text.indexOf('://', Math.max(sep + 3, free))) {
    const m = urlEndingSchemeAt(text, sep, free);
    if (!m) continue;
    const start = m.index;
    free = start + m[0].length;
    const portStart = start + m[0].indexOf(`:${m[3]}`, m[1].length + 3 + m[2].length - 1) + 1;
    out.push({
      scheme: m[1].toLowerCase(),
      host: m[2],
      port: Number(m[3]),
      path: m[4] ?? '',
      portStart,
      portEnd: portStart + m[3].length,
      start,
      end: start + m[0].length,
    });
  }
  return out;
}

/**
 * The leftmost URL whose scheme ends at `sep` and starts at or after `free`. Every start in the run
 * of scheme characters before `sep` reads the same `://` and what follows it, so the leftmost that
 * begins a word (a letter after no word character) is the one to try, and the only one.
 */
function urlEndingSchemeAt(text: string, sep: number, free: number): RegExpExecArray | undefined {
  const earliest = Math.max(free, sep - MAX_SCHEME);
  let start = sep;
  while (start > earliest && isSchemeCode(text.charCodeAt(start - 1))) start--;
  for (; start <= sep - 2; start++) {
    if (!isLetterCode(text.charCodeAt(start)) || (start > 0 && isWordCode(text.charCodeAt(start - 1)))) continue;
    URL_AT.lastIndex = start;
    return URL_AT.exec(text) ?? undefined;
  }
  return undefined;
}

/** An ASCII letter. */
function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character of a URL scheme: a letter, digit, `+`, `.` or `-`. */
function isSchemeCode(c: number): boolean {
  return isLetterCode(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

/** `\w`: a letter, digit or underscore (ASCII). */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Hosts that say "this machine", so the URL's owner must come from elsewhere (a key name). */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '0.0.0.0' || h === '[::1]' || h === '[::]' || h === 'host.docker.internal'
    || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * A dotted public name (`docs.example.com`, `box.tail0.ts.net:10000`): somebody else's server, or
 * the front door of a proxy or a tunnel, whose port is not the host port of the service behind it.
 */
export function isPublicName(host: string): boolean {
  return host.includes('.') && !/^[\d.]+$/.test(host) && !isLocalHost(host) && serviceFromHost(host) === undefined;
}

/** A hostname that can name a service (a compose service, a Kubernetes DNS name's first label). */
export function serviceFromHost(host: string): string | undefined {
  if (isLocalHost(host) || /^[\d.]+$/.test(host) || host.startsWith('[')) return undefined;
  // A dotted public hostname names a domain, not a service; cluster-internal names do name one.
  if (host.includes('.') && !/\.(svc(\..*)?|local|internal)$/i.test(host)) return undefined;
  return host.split('.')[0];
}
