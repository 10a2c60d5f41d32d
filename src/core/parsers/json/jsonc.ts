// JSON with comments (JSONC, as VS Code reads devcontainer.json and its settings): `//` and `/* */`
// comments and trailing commas are allowed. Each is replaced by blanks of its length (a comment's
// line breaks kept), so what remains is plain JSON at the very offsets of the file.

/**
 * `text` with its comments and trailing commas blanked out, or undefined when what remains is not
 * JSON (an unclosed comment or string, any other mistake). Never throws.
 */
export function blankJsonc(text: string): string | undefined {
  const out = text.split('');
  // A byte order mark is no JSON either.
  if (out[0] === '\ufeff') out[0] = ' ';
  /** The last `,` outside strings and comments, until something other than a blank follows it. */
  let comma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      comma = -1;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) return undefined;
    } else if (c === '/' && text[i + 1] === '/') {
      for (; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) out[i] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      for (; i < end + 2; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
      i--;
    } else if (c === ',') {
      comma = i;
    } else if ((c === '}' || c === ']') && comma >= 0) {
      out[comma] = ' ';
      comma = -1;
    } else if (!BLANK.test(c)) {
      comma = -1;
    }
  }
  const json = out.join('');
  try {
    JSON.parse(json);
  } catch {
    return undefined;
  }
  return json;
}

const BLANK = /\s/;
