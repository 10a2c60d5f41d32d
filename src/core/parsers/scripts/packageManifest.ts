// What a package.json says about the servers it starts: its `name` and its `scripts`, each string
// with the offset in the file of every character, so a port inside a script is located exactly
// even behind JSON escapes (`\"`, `\u0033`). Only valid JSON is read, as npm reads it.

/** A JSON string's value, with the file offset of each of its characters. */
export interface JsonText {
  value: string;
  at: number[];
  /** The offset of its opening quote. */
  start: number;
}

export interface PackageManifest {
  name?: JsonText;
  /** It lists `workspaces`: the root of a monorepo, whose scripts run its packages. */
  workspaces: boolean;
  /** Script name → command, in the order written (a name written twice: the last, as JSON.parse keeps). */
  scripts: Array<{ name: JsonText; command: JsonText }>;
}

/** The manifest in `text`, or undefined when it is not a JSON object. Never throws. */
export function readPackageManifest(text: string): PackageManifest | undefined {
  // npm reads a manifest that starts with a byte order mark; JSON.parse does not.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    JSON.parse(start === 0 ? text : text.slice(start));
  } catch {
    return undefined;
  }
  const scanner = new Scanner(text, start);
  const manifest: PackageManifest = { scripts: [], workspaces: false };
  const ok = scanner.object((key) => {
    // A key written twice counts as JSON.parse takes it: the last value, whatever it is.
    if (key.value === 'workspaces') manifest.workspaces = true;
    if (key.value === 'name') {
      manifest.name = scanner.peek() === '"' ? scanner.string() : undefined;
      return manifest.name !== undefined || scanner.skipValue();
    }
    if (key.value !== 'scripts') return scanner.skipValue();
    if (scanner.peek() !== '{') {
      manifest.scripts = [];
      return scanner.skipValue();
    }
    const read = scripts(scanner);
    manifest.scripts = read ?? [];
    return read !== undefined;
  });
  return ok ? manifest : undefined;
}

/** The string members of the `scripts` object at the reader; undefined when it cannot be read. */
function scripts(scanner: Scanner): PackageManifest['scripts'] | undefined {
  const byName = new Map<string, { name: JsonText; command: JsonText }>();
  const ok = scanner.object((name) => {
    if (scanner.peek() !== '"') return scanner.skipValue();
    const command = scanner.string();
    if (!command) return false;
    byName.delete(name.value);
    byName.set(name.value, { name, command });
    return true;
  });
  return ok ? [...byName.values()] : undefined;
}

const BLANKS = new Set([' ', '\t', '\r', '\n']);
const SCALAR_END = new Set([...BLANKS, ',', ':', ']', '}']);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A reader over text JSON.parse accepted: it still checks each step, and stops at anything else. */
class Scanner {
  constructor(private readonly text: string, private at: number) {}

  peek(): string {
    this.blanks();
    return this.text[this.at] ?? '';
  }

  /**
   * Reads an object, calling `member` with each key when the reader is at its value; `member`
   * reads the value and says whether that went well.
   */
  object(member: (key: JsonText) => boolean): boolean {
    if (this.peek() !== '{') return false;
    this.at++;
    if (this.peek() === '}') {
      this.at++;
      return true;
    }
    for (;;) {
      if (this.peek() !== '"') return false;
      const key = this.string();
      if (!key || this.peek() !== ':') return false;
      this.at++;
      if (!member(key)) return false;
      const next = this.peek();
      this.at++;
      if (next === '}') return true;
      if (next !== ',') return false;
    }
  }

  /** The string at the reader, decoded, with each character's offset (an escape's is its backslash's). */
  string(): JsonText | undefined {
    const { text } = this;
    const start = this.at;
    let value = '';
    const at: number[] = [];
    for (let i = this.at + 1; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        this.at = i + 1;
        return { value, at, start };
      }
      at.push(i);
      if (c !== '\\') {
        value += c;
        continue;
      }
      const e = text[i + 1] ?? '';
      const decoded = e === 'u' ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)) : ESCAPES[e];
      if (decoded === undefined) return undefined;
      value += decoded;
      i += e === 'u' ? 5 : 1;
    }
    return undefined;
  }

  /** Skips any value, nested ones by counting brackets outside strings. */
  skipValue(): boolean {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === '"') {
        if (!this.skipString()) return false;
      } else if (c === '{' || c === '[') {
        depth++;
        this.at++;
      } else if (c === '}' || c === ']' || c === ',' || c === ':') {
        if (depth === 0) return false;
        if (c === '}' || c === ']') depth--;
        this.at++;
      } else if (c === '') {
        return false;
      } else {
        // A number, true, false or null.
        while (this.at < this.text.length && !SCALAR_END.has(this.text[this.at])) this.at++;
      }
    } while (depth > 0);
    return true;
  }

  private skipString(): boolean {
    for (let i = this.at + 1; i < this.text.length; i++) {
      if (this.text[i] === '\\') i++;
      else if (this.text[i] === '"') {
        this.at = i + 1;
        return true;
      }
    }
    return false;
  }

  private blanks(): void {
    while (this.at < this.text.length && BLANKS.has(this.text[this.at])) this.at++;
  }
}
