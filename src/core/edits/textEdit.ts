// Text edits as the edit planners produce them: offsets into one file's current text. Editors turn
// them into their own ranges; tests and the CLI apply them with applyEdits.

/** Replace [start, end) of `file` (0-based UTF-16 offsets into its current text) with `newText`. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** Where the planners read files: an open editor's buffer or the disk. */
export interface TextHost {
  read(file: string): string | undefined;
}

/** The text with `edits` (all for this file, none overlapping) applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw new Error(`overlapping edits at ${sorted[i].start} in ${sorted[i].file}`);
  }
  let out = text;
  for (const e of [...sorted].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** By file, then by position. */
function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end));
}

/** Drops exact duplicates (two places that resolve to one written number). */
export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return sortEdits(edits).filter((e) => {
    const key = `${e.file}\u0000${e.start}\u0000${e.end}\u0000${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function groupByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of sortEdits(edits)) {
    const list = out.get(e.file);
    if (list) list.push(e);
    else out.set(e.file, [e]);
  }
  return out;
}
