// Exact cell spans of a GFM table row, read from the source line: markdown-it maps tables to lines,
// not columns, and a diagnostic must underline the number itself.

export interface Cell {
  /** Cell text with surrounding whitespace removed. */
  text: string;
  /** Offset of `text` within the row's source line. */
  start: number;
}

export function splitRow(line: string): Cell[] {
  let i = 0;
  // Blockquote markers and indentation (tables inside quotes and list items).
  const prefix = /^\s*(?:>\s?)*\s*/.exec(line);
  if (prefix) i = prefix[0].length;
  if (line[i] === '|') i++;
  const cells: Cell[] = [];
  let cellStart = i;
  let inCode = false;
  for (; i <= line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    if ((c === '|' && !inCode) || i === line.length) {
      const raw = line.slice(cellStart, i);
      const lead = raw.length - raw.trimStart().length;
      cells.push({ text: raw.trim(), start: cellStart + lead });
      cellStart = i + 1;
    }
  }
  // A trailing pipe leaves an empty last cell that is not a column.
  if (cells.length > 1 && cells[cells.length - 1].text === '' && /\|\s*$/.test(line)) cells.pop();
  return cells;
}
