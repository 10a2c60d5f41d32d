// One service, many spellings: `Settlement Engine`, `settlement-engine`, `SETTLEMENT_ENGINE_URL`.

/** Strips Markdown decoration, emoji and mojibake around a name as written. */
export function cleanName(raw: string): string {
  return raw
    .replace(/\*\*|__|`|~~/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\ufe0f/g, '')
    .split(/\s+/)
    .filter((token) => !isNoiseToken(token))
    .join(' ')
    .trim();
}

// Emoji, and the mojibake UTF-8 emoji turn into when read as Latin-1/Mac Roman ("üéØ", "‚úÖ"),
// are whole tokens made of symbols and Latin-1/punctuation blocks with no ASCII letter or digit.
function isNoiseToken(token: string): boolean {
  if (token === '') return true;
  if (/[A-Za-z0-9]/.test(token)) return false;
  return /^[\u0080-\u036f\u2000-\u2bff\u0152\u0153\u0178\u0192\u02c6\u02dc\p{Extended_Pictographic}\p{So}\p{Sk}\p{P}]+$/u.test(token);
}

/** The identity of a service name: lower case words joined by '-'. */
export function serviceKey(name: string): string {
  return cleanName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/([a-z0-9])\.([a-z])/g, '$1-$2')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `SETTLEMENT_ENGINE` → `settlement-engine`. */
export function keyFromVariable(prefix: string): string {
  return prefix.toLowerCase().replace(/_+/g, '-').replace(/^-+|-+$/g, '');
}

const ROLE_WORDS: Array<[RegExp, string]> = [
  [/\bgrpc\b/i, 'grpc'],
  [/\b(websocket|ws|wss|socket)\b/i, 'ws'],
  [/\bmetrics?\b|\bprometheus\b/i, 'metrics'],
  [/\badmin\b/i, 'admin'],
  [/\bdebug\b/i, 'debug'],
  [/\bhttps\b|\btls\b|\bssl\b/i, 'https'],
  [/\bhttp\b|\brest\b/i, 'http'],
];

/** Role from a column header or key fragment; undefined means the main port. */
export function roleFromWords(text: string): string | undefined {
  const t = text.replace(/[_-]/g, ' ');
  for (const [re, role] of ROLE_WORDS) if (re.test(t)) return role;
  return undefined;
}

/** Role from a URL path: `/metrics` is the metrics port. */
export function roleFromPath(path: string): string | undefined {
  return /^\/(metrics|prometheus)\b/i.test(path) ? 'metrics' : undefined;
}

/**
 * The main port and the http port are the same thing for matching purposes: a table's "Port"
 * column and another table's "HTTP Port" column describe one number.
 */
export function matchRole(role: string | undefined): string {
  return role === undefined || role === 'http' ? 'main' : role;
}

const ENVIRONMENTS: Array<[RegExp, string]> = [
  [/\b(production|prod)\b/i, 'production'],
  [/\b(staging|stage)\b/i, 'staging'],
  [/\b(development|dev|local)\b/i, 'development'],
  [/\b(test|testing|qa|ci)\b/i, 'test'],
];

export function environmentFromText(text: string): string | undefined {
  for (const [re, env] of ENVIRONMENTS) if (re.test(text)) return env;
  return undefined;
}

const GENERIC_WORDS = new Set(['api', 'service', 'services', 'server', 'svc', 'app', 'application', 'daemon', 'the']);

function wordsOf(text: string): Set<string> {
  return new Set(serviceKey(text).split('-').filter((w) => w !== '' && !GENERIC_WORDS.has(w)));
}

function sameWords(a: Set<string>, b: Set<string>): boolean {
  return a.size > 0 && a.size === b.size && [...a].every((w) => b.has(w));
}

/**
 * Name drift: "Backend API (FastAPI)", "FastAPI Backend" and `backend` on one port are one service
 * written three ways, not a conflict. Different qualifiers ("Ollama (CPU)" / "Ollama (GPU)") mark
 * separate instances; an extra real word ("NATS" / "NATS Monitoring") marks a separate service.
 */
export function probablySameService(a: string, b: string): boolean {
  const split = (name: string) => {
    const qualifiers = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]).join(' ');
    return { core: wordsOf(name.replace(/\([^)]*\)/g, ' ')), qualifier: wordsOf(qualifiers) };
  };
  const x = split(a);
  const y = split(b);
  if (x.qualifier.size > 0 && y.qualifier.size > 0 && !sameWords(x.qualifier, y.qualifier)) return false;
  return sameWords(x.core, y.core) || sameWords(new Set([...x.core, ...x.qualifier]), new Set([...y.core, ...y.qualifier]));
}
