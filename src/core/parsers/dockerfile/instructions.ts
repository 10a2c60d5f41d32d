// A Dockerfile as Docker reads it: instructions, each a keyword and its words, with line
// continuations (`\`, or the character a `# escape=` directive names) joined, comment lines dropped
// (also inside a continued instruction), and the bodies of heredocs (`RUN <<EOF ... EOF`) skipped.
// Every word keeps the offset it is written at, so a fact made of it points at its exact text.

/** A word of an instruction, as written (quotes and all). */
export interface Word {
  text: string;
  /** Offset of its first character in the file. */
  start: number;
}

export interface Instruction {
  /** Uppercase: `FROM`, `EXPOSE`, `ENV`, ... */
  keyword: string;
  /** Offset of the keyword. */
  start: number;
  words: Word[];
}

const DIRECTIVE_RE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(\S*)[ \t]*$/;
const KEYWORD_RE = /^[ \t]*([A-Za-z]+)(?=[ \t]|$)/;
const COMMENT_RE = /^[ \t]*#/;
// `<<EOF`, `<<-EOF`, `<<"EOF"`: a heredoc whose body follows the instruction's line.
const HEREDOC_RE = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out;
}

/** The escape character: `\`, or `` ` `` when the directives at the top of the file say so. */
function escapeOf(lines: Line[]): string {
  for (const line of lines) {
    const m = DIRECTIVE_RE.exec(line.text);
    // Directives end at the first line that is not one (a comment, a blank line, an instruction).
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

/** A text's instructions in order. Never throws: what Docker would reject is read as far as it goes. */
export function readInstructions(text: string): Instruction[] {
  const lines = linesOf(text);
  const escape = escapeOf(lines);
  const continued = new RegExp(`${escape === '\\' ? '\\\\' : escape}[ \\t]*$`);
  const out: Instruction[] = [];
  let current: { keyword: string; start: number; segments: Line[] } | undefined;
  let heredocs: Array<{ word: string; strip: boolean }> = [];
  for (const line of lines) {
    if (heredocs.length > 0) {
      const body = heredocs[0].strip ? line.text.replace(/^\t+/, '') : line.text;
      if (body === heredocs[0].word) heredocs.shift();
      continue;
    }
    let segment: Line;
    if (current) {
      if (COMMENT_RE.test(line.text) || line.text.trim() === '') continue;
      segment = line;
    } else {
      const m = COMMENT_RE.test(line.text) ? null : KEYWORD_RE.exec(line.text);
      if (!m) continue;
      current = { keyword: m[1].toUpperCase(), start: line.start + m[0].length - m[1].length, segments: [] };
      segment = { text: line.text.slice(m[0].length), start: line.start + m[0].length };
    }
    const more = continued.exec(segment.text);
    current.segments.push(more ? { text: segment.text.slice(0, more.index), start: segment.start } : segment);
    if (more) continue;
    out.push({ keyword: current.keyword, start: current.start, words: current.segments.flatMap((s) => wordsOf(s, escape)) });
    if (HEREDOC_KEYWORDS.has(current.keyword)) heredocs = heredocsOf(current.segments);
    current = undefined;
  }
  // A continuation at the end of the file: the instruction ends there.
  if (current) out.push({ keyword: current.keyword, start: current.start, words: current.segments.flatMap((s) => wordsOf(s, escape)) });
  return out;
}

function heredocsOf(segments: Line[]): Array<{ word: string; strip: boolean }> {
  const out: Array<{ word: string; strip: boolean }> = [];
  for (const s of segments) for (const m of s.text.matchAll(HEREDOC_RE)) out.push({ word: m[3], strip: m[1] === '-' });
  return out;
}

/** Words split at blanks outside quotes; the escape character keeps the next character in its word. */
function wordsOf(segment: Line, escape: string): Word[] {
  const out: Word[] = [];
  const { text } = segment;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const from = i;
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === escape && quote !== "'") i++;
      else if (quote) { if (c === quote) quote = undefined; }
      else if (c === '"' || c === "'") quote = c;
      else if (c === ' ' || c === '\t') break;
    }
    out.push({ text: text.slice(from, Math.min(i, text.length)), start: segment.start + from });
  }
  return out;
}
