// "Ignore here": a suppression comment on the line above a finding, which the engine honours on
// the next line (syntax/suppressions.ts). `# portolan-ignore <rule>` in YAML and env files and in
// shell/YAML fences, `%% # portolan-ignore <rule>` in mermaid fences (a mermaid comment), and
// `<!-- portolan-ignore <rule> -->` elsewhere in Markdown. The new line takes the indentation of
// the line it silences and the file's line ending; a suppression already above gets the rule added.
// A Procfile takes `#` comments too; devcontainer.json, JSON with comments, `//`; package.json, which is JSON, none.
// A comment line would end a Markdown table, so a table row gets the comment appended to the row
// above it instead (a trailing cell Markdown renders as nothing); the first row has no row above.
import type { SourceKind } from '../model';
import { LineIndex } from '../text/lineIndex';
import type { EditPlan } from './changePort';

const MARKER = 'portolan-ignore';
const IGNORE_RE = /(?:#|<!--|\/\/)\s*portolan-ignore\b/;

/** The edit that silences `rule` on the 1-based `line` of `file`. */
export function planIgnore(text: string, file: string, kind: SourceKind, line: number, rule: string): EditPlan {
  const lines = new LineIndex(text);
  if (line < 1 || line > lines.lineCount) return { error: `${file} has no line ${line}` };
  const target = lines.lineText(line);
  const previous = line > 1 ? lines.lineText(line - 1) : undefined;
  if (previous !== undefined && IGNORE_RE.test(previous)) return extend(lines, file, line - 1, previous, rule);

  const indent = /^[ \t]*/.exec(target)![0];
  const eol = lineEnding(text, lines, line);
  const insertLine = (comment: string): EditPlan => {
    const at = lines.lineStart(line);
    return { edits: [{ file, start: at, end: at, newText: `${indent}${comment}${eol}` }] };
  };
  // JSON has no comments: a line above would break package.json for npm.
  if (kind === 'package') return { error: 'package.json cannot hold a comment; silence the rule in portolan.config.json' };
  if (kind === 'devcontainer') return insertLine(`// ${MARKER} ${rule}`);
  if (kind !== 'markdown') return insertLine(`# ${MARKER} ${rule}`);

  const context = markdownContext(lines, line);
  if (context.fence !== undefined) {
    const lang = context.fence.toLowerCase();
    if (lang === 'mermaid') return insertLine(`%% # ${MARKER} ${rule}`);
    if (lang === 'bat' || lang === 'cmd' || lang === 'batch') return insertLine(`REM # ${MARKER} ${rule}`);
    return insertLine(`# ${MARKER} ${rule}`);
  }
  if (context.tableRow) {
    if (context.firstRow || previous === undefined) {
      return { error: 'a comment cannot go above the first row of a table (it would end the table)' };
    }
    const trimmed = previous.replace(/[ \t]+$/, '');
    const at = lines.lineStart(line - 1) + trimmed.length;
    const cell = trimmed.endsWith('|') ? '' : ' |';
    return { edits: [{ file, start: at, end: at, newText: `${cell} <!-- ${MARKER} ${rule} -->` }] };
  }
  return insertLine(`<!-- ${MARKER} ${rule} -->`);
}

/** Adds `rule` to the suppression on `line`; nothing to do when it names the rule or every rule. */
function extend(lines: LineIndex, file: string, line: number, text: string, rule: string): EditPlan {
  const after = text.indexOf(MARKER) + MARKER.length;
  const named = /^((?:[ \t,]+[a-z][a-z-]*)*)/.exec(text.slice(after))![1];
  const rules = named.split(/[\s,]+/).filter(Boolean);
  if (rules.length === 0 || rules.includes(rule)) return { error: `${rule} is already ignored on line ${line + 1}` };
  const at = lines.lineStart(line) + after + named.length;
  return { edits: [{ file, start: at, end: at, newText: ` ${rule}` }] };
}

/** The ending of `line` (1-based); for a last line without one, the file's first ending, else '\n'. */
function lineEnding(text: string, lines: LineIndex, line: number): string {
  const end = lines.lineStart(line) + lines.lineText(line).length;
  const own = /^(\r\n|\r|\n)/.exec(text.slice(end, end + 2));
  if (own) return own[1];
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}

interface MarkdownContext {
  /** The info string's language when the line is inside a fence ('' for a bare fence). */
  fence?: string;
  tableRow: boolean;
  /** The first row under the delimiter row. */
  firstRow: boolean;
}

const FENCE_RE = /^[ \t]*(?:>[ \t]?)*(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const DELIMITER_RE = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function markdownContext(lines: LineIndex, line: number): MarkdownContext {
  let open: { marker: string; lang: string } | undefined;
  for (let n = 1; n < line; n++) {
    const m = FENCE_RE.exec(lines.lineText(n));
    if (!m) continue;
    if (!open) open = { marker: m[1], lang: m[2] };
    else if (m[1][0] === open.marker[0] && m[1].length >= open.marker.length && m[2] === '') open = undefined;
  }
  if (open) return { fence: open.lang, tableRow: false, firstRow: false };
  const target = lines.lineText(line);
  if (!target.includes('|') || (DELIMITER_RE.test(target) && target.includes('-'))) return { tableRow: false, firstRow: false };
  for (let n = line - 1; n >= 1; n--) {
    const text = lines.lineText(n);
    if (!text.includes('|')) break;
    if (DELIMITER_RE.test(text) && text.includes('-')) return { tableRow: true, firstRow: n === line - 1 };
  }
  return { tableRow: false, firstRow: false };
}
