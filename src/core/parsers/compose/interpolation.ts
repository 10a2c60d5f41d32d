// Compose variable interpolation (`$$`, `$VAR`, `${VAR}`, `${VAR:-default}` and the other
// operators), keeping for each piece of the result where it was written.

/** Stands for an unset variable without a default: whatever it is part of is unknown. */
export const UNKNOWN = '\u0000';

/** A slice of a Text's value. */
export interface Seg {
  from: number;
  to: number;
}

export interface Piece extends Seg {
  /** Offsets in the scalar's raw text. */
  rawStart: number;
  rawEnd: number;
  /** Literal text maps character for character; a substitution maps to its whole expression. */
  literal: boolean;
  variable?: string;
}

export type Env = ReadonlyMap<string, string> | undefined;

const MAX_NESTING = 20;
const NAME_RE = /[A-Za-z_][A-Za-z0-9_]*/y;

export interface Interpolated {
  value: string;
  pieces: Piece[];
}

/** `template`: the values of the folder's env template, for variables without a default (see ParseContext.envTemplate). */
export function interpolate(raw: string, env: Env, depth: number, template?: Env): Interpolated {
  // Most scalars interpolate nothing: one literal piece, without the loop's growing list.
  if (!raw.includes('$')) return { value: raw, pieces: raw === '' ? [] : [{ from: 0, to: raw.length, rawStart: 0, rawEnd: raw.length, literal: true, variable: undefined }] };
  const out: Interpolated = { value: '', pieces: [] };
  let literalStart = 0;
  for (let dollar = raw.indexOf('$'); dollar >= 0; dollar = raw.indexOf('$', dollar + 1)) {
    if (dollar < literalStart) continue;
    const expr = readExpression(raw, dollar, env, depth, template);
    if (!expr) continue;
    if (dollar > literalStart) push(out, raw.slice(literalStart, dollar), literalStart, dollar, true, undefined);
    push(out, expr.text, dollar, expr.end, false, expr.variable);
    literalStart = expr.end;
  }
  if (literalStart < raw.length) push(out, literalStart === 0 ? raw : raw.slice(literalStart), literalStart, raw.length, true, undefined);
  return out;
}

function push(out: Interpolated, text: string, rawStart: number, rawEnd: number, literal: boolean, variable: string | undefined): void {
  out.pieces.push({ from: out.value.length, to: out.value.length + text.length, rawStart, rawEnd, literal, variable });
  out.value += text;
}

interface Expression {
  text: string;
  end: number;
  variable?: string;
}

/** The expression starting at the `$` at `at`; undefined when that `$` is plain text. */
function readExpression(raw: string, at: number, env: Env, depth: number, template: Env): Expression | undefined {
  if (raw[at + 1] === '$') return { text: '$', end: at + 2 };
  const braced = raw[at + 1] === '{';
  NAME_RE.lastIndex = at + (braced ? 2 : 1);
  const name = NAME_RE.exec(raw)?.[0];
  if (!name) return undefined;
  const nameEnd = NAME_RE.lastIndex;
  if (!braced) return { text: env?.get(name) ?? templateValue(template, name) ?? UNKNOWN, end: nameEnd, variable: name };
  const close = closingBrace(raw, nameEnd);
  if (close < 0) return { text: UNKNOWN, end: raw.length, variable: name };
  const text = substitute(name, raw.slice(nameEnd, close), env, depth, template);
  return { text, end: close + 1, variable: name };
}

function closingBrace(raw: string, from: number): number {
  let open = 1;
  for (let i = from; i < raw.length; i++) {
    if (raw.startsWith('${', i)) {
      open++;
      i++;
    } else if (raw[i] === '}' && --open === 0) {
      return i;
    }
  }
  return -1;
}

/** `rest` is what follows the name inside the braces: '', ':-default', '-default', ':?err', ... */
function substitute(name: string, rest: string, env: Env, depth: number, template: Env): string {
  const op = /^:?[-?+]/.exec(rest)?.[0];
  // A default is what runs without a `.env`; with none, the template says what the user sets.
  const value = env?.get(name) ?? (op === undefined || op.endsWith('?') ? templateValue(template, name) : undefined);
  if (op === undefined) return rest === '' && value !== undefined ? value : UNKNOWN;
  const isSet = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  const nested = () => nestedValue(rest.slice(op.length), env, depth);
  switch (op.replace(':', '')) {
    case '-':
      return isSet ? value! : nested();
    case '+':
      return isSet ? nested() : '';
    default:
      return isSet ? value! : UNKNOWN;
  }
}

/**
 * A template's value of a variable when it is a number: what the user keeps when they copy the
 * template; a placeholder (`<your-port>`, `changeme`) is theirs to fill in, unknown here.
 */
function templateValue(template: Env, name: string): string | undefined {
  const value = template?.get(name);
  return value !== undefined && /^\d+$/.test(value) ? value : undefined;
}

function nestedValue(raw: string, env: Env, depth: number): string {
  if (depth >= MAX_NESTING) return UNKNOWN;
  const { value } = interpolate(raw, env, depth + 1);
  return value.includes(UNKNOWN) ? UNKNOWN : value;
}
