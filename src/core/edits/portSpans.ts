// Where the number of a place is written, so that changing it edits exactly those digits. Most
// places point at their digits already; a compose port interpolated from a variable
// (`"${WEB_PORT:-8080}:80"`) points at the whole `${...}`, and its number lives in the `.env`
// beside the compose file (when the variable is set there; without a `.env`, in its template when
// the expression has no default) and/or in the default.
//
// Decision for `${VAR:-8080}`: compose uses the `.env` value when the variable is set there, so
// that value is edited; the default is edited too when it holds the same port (so the file keeps
// working the same way without the `.env`), and left alone when it says something else.
import type { Allocation } from '../model';
import { parseEnvAssignments } from '../parsers/env';
import { dirOf, interpolationSourceIn } from '../syntax/paths';
import type { TextHost } from './textEdit';

export interface PortSpan {
  file: string;
  start: number;
  end: number;
}

export type PortSpans = { spans: PortSpan[] } | { error: string };

type Written = Pick<Allocation, 'port' | 'endPort' | 'loc' | 'source'>;

/** The spans of `place`'s digits, or why its number cannot be edited as a number. */
export function portSpans(place: Written, host: TextHost): PortSpans {
  if (place.endPort !== undefined) return { error: `${place.port}-${place.endPort} is a range of ports` };
  const { file } = place.loc;
  const text = host.read(file);
  if (text === undefined) return { error: `${file} cannot be read` };
  const { startOffset: start, endOffset: end } = place.loc.span;
  const written = text.slice(start, end);
  if (isNumber(written, place.port)) return { spans: [{ file, start, end }] };
  const expr = parseInterpolation(written);
  if (!expr) return { error: `${file}:${place.loc.span.startLine} does not write ${place.port} as a number` };
  const spans: PortSpan[] = [];
  if (place.source === 'compose') {
    const env = envValueSpan(file, expr, host);
    const setThere = env && (expr.op.startsWith(':') ? env.value !== '' : true);
    if (setThere && env && isNumber(env.value, place.port)) spans.push({ file: env.file, start: env.start, end: env.end });
    else if (setThere) return { error: `${expr.name} in ${env!.file} is not ${place.port}` };
  }
  if (expr.fallback !== undefined && isNumber(expr.fallback, place.port)) {
    spans.push({ file, start: start + expr.fallbackAt, end: start + expr.fallbackAt + expr.fallback.length });
  }
  return spans.length > 0 ? { spans } : { error: `${place.port} is not written in ${file}:${place.loc.span.startLine} or its .env` };
}

function isNumber(text: string, port: number): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) === port;
}

interface Interpolation {
  name: string;
  /** '', ':-', '-', ':?', ... */
  op: string;
  /** The default after `:-` or `-`, as written. */
  fallback?: string;
  /** Offset of the default within the expression. */
  fallbackAt: number;
}

/** `${NAME}`, `${NAME:-8080}`, `${NAME-8080}`, `$NAME`; nothing else. */
export function parseInterpolation(written: string): Interpolation | undefined {
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(written);
  if (bare) return { name: bare[1], op: '', fallbackAt: 0 };
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+]?)([^{}]*)\}$/.exec(written);
  if (!braced) return undefined;
  const [, name, op, rest] = braced;
  const withDefault = op === ':-' || op === '-';
  return { name, op, fallback: withDefault ? rest : undefined, fallbackAt: 2 + name.length + op.length };
}

interface EnvValue extends PortSpan {
  value: string;
}

/**
 * The last assignment of the variable in the `.env` beside `composeFile` (the one compose reads),
 * or where there is none and the expression has no default, in the template the compose parser
 * took its value from (see ParseContext.envTemplate).
 */
function envValueSpan(composeFile: string, expr: Interpolation, host: TextHost): EnvValue | undefined {
  const source = interpolationSourceIn(dirOf(composeFile), (file) => host.read(file));
  if (!source || (source.template && expr.op !== '' && !expr.op.endsWith('?'))) return undefined;
  const last = parseEnvAssignments(source.text).filter((a) => a.key === expr.name).pop();
  return last && { file: source.file, start: last.valueStart, end: last.valueEnd, value: last.value };
}
