// Core text edits (offsets into a folder's files) as LSP workspace edits (URIs and 0-based
// line/character ranges, computed on the text the edit was planned on: the open buffer or the disk).
import type { Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { groupByFile, type TextEdit, type TextHost } from '../core/edits/textEdit';
import { LineIndex } from '../core/text/lineIndex';
import type { FolderState } from './folderState';

/** Where the edit planners read a folder's files. */
export function textHost(folder: FolderState): TextHost {
  return { read: (file) => folder.textOf(file) };
}

export function toWorkspaceEdit(folder: FolderState, edits: readonly TextEdit[]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [file, list] of groupByFile(edits)) {
    const lines = new LineIndex(folder.textOf(file) ?? '');
    changes[folder.uriOf(file)] = list.map((e) => ({ range: rangeOf(lines, e.start, e.end), newText: e.newText }));
  }
  return { changes };
}

export function rangeOf(lines: LineIndex, start: number, end: number): Range {
  const a = lines.position(start);
  const b = lines.position(end);
  return { start: { line: a.line - 1, character: a.column - 1 }, end: { line: b.line - 1, character: b.column - 1 } };
}

/** How many places in how many files an edit touches, for titles and messages. */
export function editSummary(edits: readonly TextEdit[]): string {
  const files = new Set(edits.map((e) => e.file)).size;
  return `${edits.length} ${edits.length === 1 ? 'place' : 'places'} in ${files} ${files === 1 ? 'file' : 'files'}`;
}
