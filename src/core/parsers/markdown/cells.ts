// Exact cell spans of a GFM table row, read from the source line: markdown-it maps tables to lines,
// not columns, and a diagnostic must underline the number itself.

export interface Cell {
  /** Cell text with surrounding whitespace removed. */
  text: string;
  /** Offset of `text` within the row's source line. */
  start: number;
}

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const PIPE = 0x7c;

// Read by character code: every row of every table passes here.
export function splitRow(line: string): Cell[] {
  // Blockquote markers and indentation (tables inside quotes and list items).
  let i = /^\s*(?:>\s?)*\s*/.exec(line)![0].length;
  if (line.charCodeAt(i) === PIPE) i++;
  const cells: Cell[] = [];
  let cellStart = i;
  let inCode = false;
  for (; i <= line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
      continue;
    }
    if (c === BACKTICK) inCode = !inCode;
    if ((c === PIPE && !inCode) || i === line.length) {
      cells.push(trimmedCell(line, cellStart, i));
      cellStart = i + 1;
    }
  }
  // A trailing pipe leaves an empty last cell that is not a column.
  if (cells.length > 1 && cells[cells.length - 1].text === '' && /\|\s*$/.test(line)) cells.pop();
  return cells;
}

/** `line[from, to)` without the whitespace `String.prototype.trim` removes, sliced once. */
function trimmedCell(line: string, from: number, to: number): Cell {
  let start = from;
  let end = to;
  while (start < end && isTrimmed(line.charCodeAt(start))) start++;
  while (end > start && isTrimmed(line.charCodeAt(end - 1))) end--;
  return { text: line.slice(start, end), start };
}

/** The characters `trim` removes: ECMAScript's WhiteSpace and LineTerminator. */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
