// A reader of JSON text that keeps where each value is written: the file offset of every character
// of a string, so a port inside one is located exactly even behind escapes (`\"`, `\u0033`), and
// the span of a number. It reads text JSON.parse accepted (package.json), or JSONC with its comments
// and trailing commas blanked out (jsonc.ts), which keeps every offset.

/** A JSON string's value, with the file offset of each of its characters. */
export interface JsonText {
  value: string;
  at: number[];
  /** The offset of its opening quote. */
  start: number;
}

/** A JSON number as written (`3000`, `3e3`), with the offset of its first character. */
export interface JsonNumber {
  written: string;
  start: number;
}

const BLANKS = new Set([' ', '\t', '\r', '\n']);
const SCALAR_END = new Set([...BLANKS, ',', ':', ']', '}']);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A reader over text JSON.parse accepted: it still checks each step, and stops at anything else. */
export class Scanner {
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
    return this.delimited('{', '}', () => {
      if (this.peek() !== '"') return false;
      const key = this.string();
      if (!key || this.peek() !== ':') return false;
      this.at++;
      return member(key);
    });
  }

  /** Reads an array, calling `item` when the reader is at each value; `item` reads it and says whether that went well. */
  array(item: () => boolean): boolean {
    return this.delimited('[', ']', item);
  }

  /** `open`, then `each` entry separated by commas, then `close`; false at anything else. */
  private delimited(open: string, close: string, each: () => boolean): boolean {
    if (this.peek() !== open) return false;
    this.at++;
    if (this.peek() === close) {
      this.at++;
      return true;
    }
    for (;;) {
      if (!each()) return false;
      const next = this.peek();
      this.at++;
      if (next === close) return true;
      if (next !== ',') return false;
    }
  }

  /** The number at the reader, as written, with its offset; undefined when the reader is at no number. */
  number(): JsonNumber | undefined {
    this.blanks();
    const start = this.at;
    while (this.at < this.text.length && !SCALAR_END.has(this.text[this.at])) this.at++;
    const written = this.text.slice(start, this.at);
    return /^-?\d/.test(written) ? { written, start } : undefined;
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
