// Variables of a Dockerfile stage (`ENV`, `ARG`) and their substitution in a word (`$PORT`,
// `${PORT}`, `${PORT:-3000}`). A value is known only when it comes from literal text in the file:
// an `ARG` without a default is whatever the build passes, so a port taken from it is not known.

/** What a variable holds at a point of a stage, and where that text is written. */
export interface Value {
  /** The text, or undefined when the build decides it (an `ARG` without a default, or one built from it). */
  text?: string;
  /** Offset of the text in the file, when it is written in one piece (not put together from several). */
  start?: number;
  /** The `ARG`s the value comes through: a compose `build.args` of one of them sets it otherwise. */
  args: string[];
}

/** The variables in scope at one point: `ENV` wins over `ARG` of the same name, as in Docker. */
export class Scope {
  private readonly env: Map<string, Value>;
  private readonly arg = new Map<string, Value>();

  /** A stage starts with the `ENV` of the stage it builds on (an `ARG` ends with its stage). */
  constructor(inherited?: Scope) {
    this.env = new Map(inherited?.env);
  }

  get(name: string): Value | undefined {
    return this.env.get(name) ?? this.arg.get(name);
  }

  setEnv(name: string, value: Value): void {
    this.env.set(name, value);
  }

  setArg(name: string, value: Value): void {
    this.arg.set(name, value);
  }
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const REFERENCE_RE = new RegExp(`\\$(?:(${NAME})|\\{(${NAME})(?:(:?[-+])([^}]*))?\\})`, 'g');

/** The value of a word (`ENV` and `ARG` values, `EXPOSE` entries), quotes removed, variables substituted. */
export function valueOf(raw: string, start: number, scope: Scope): Value {
  const { text, offset } = unquoted(raw);
  const at = start + offset;
  const refs = [...text.matchAll(REFERENCE_RE)];
  if (refs.length === 0) return { text, start: at, args: [] };
  // One reference and nothing else: the value is where the variable's own text is written.
  if (refs.length === 1 && refs[0][0] === text) return substituted(refs[0], at + refs[0].index!, scope);
  const args: string[] = [];
  let out = '';
  let last = 0;
  for (const ref of refs) {
    const value = substituted(ref, at + ref.index!, scope);
    args.push(...value.args);
    if (value.text === undefined) return { args };
    out += text.slice(last, ref.index) + value.text;
    last = ref.index! + ref[0].length;
  }
  return { text: out + text.slice(last), args };
}

/** One `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alternative}` at `start`. */
function substituted(ref: RegExpMatchArray, start: number, scope: Scope): Value {
  const name = ref[1] ?? ref[2];
  const operator = ref[3];
  const word = ref[4] ?? '';
  const value = scope.get(name);
  const args = value?.args ?? [];
  // Where `word` is written: after `${`, the name and the operator.
  const wordValue = (): Value => ({ text: word, start: start + 2 + name.length + operator!.length, args });
  if (operator === undefined) return value ?? { args };
  if (value?.text === undefined) {
    // Unset at build time unless the build passes the `ARG`: then the default holds only when it is not passed.
    return operator.endsWith('-') && (value === undefined || args.length > 0) ? wordValue() : { args };
  }
  const set = operator.startsWith(':') ? value.text !== '' : true;
  if (operator.endsWith('-')) return set ? value : wordValue();
  return set ? wordValue() : { text: '', args };
}

/** A word without its quotes (`"8080"` → `8080`), and where its text starts within it. */
function unquoted(raw: string): { text: string; offset: number } {
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q)) return { text: raw.slice(1, -1), offset: 1 };
  return { text: raw, offset: 0 };
}
