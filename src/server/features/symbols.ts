// Workspace symbols: every service (`#settlement`) and every allocated port (`#8087`), each at its
// definition (the registry entry, else the majority place). A query of digits matches ports by
// prefix; other queries match service names by their letters in order; `#` in front is ignored.
import { SymbolKind } from '../lsp';
import type { SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver/node';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { servicesOf } from '../../core/query/services';
import { toLocation } from '../convert';
import type { FolderView } from './feature';

const MAX_SYMBOLS = 1000;

/** One folder's symbols, at most MAX_SYMBOLS (counted after each service). */
export function workspaceSymbols(snapshot: FolderSnapshot, folder: FolderView, params: WorkspaceSymbolParams): SymbolInformation[] {
  const q = params.query.trim().replace(/^#/, '').trim().toLowerCase();
  const out: SymbolInformation[] = [];
  for (const s of servicesOf(snapshot.input)) {
    const container = [folder.name, s.scope].filter(Boolean).join(' · ');
    const names = [s.name, s.identity, ...s.spellings];
    if (q === '' || names.some((n) => fuzzy(n.toLowerCase(), q))) {
      out.push({ name: s.name, kind: SymbolKind.Class, location: toLocation(folder, s.roles[0].definition.loc), containerName: container });
    }
    for (const r of s.roles) {
      const name = `${r.port} ${s.name}${r.written && r.role !== 'main' ? ` · ${r.written}` : ''}`;
      const matches = q === '' || (/^\d+$/.test(q) ? String(r.port).startsWith(q) : names.some((n) => fuzzy(n.toLowerCase(), q)) || fuzzy(name.toLowerCase(), q));
      if (matches) out.push({ name, kind: SymbolKind.Number, location: toLocation(folder, r.definition.loc), containerName: container });
    }
    if (out.length >= MAX_SYMBOLS) return out.slice(0, MAX_SYMBOLS);
  }
  return out;
}

/** The folders' symbols, in folder order, at most MAX_SYMBOLS in all. */
export function firstSymbols(perFolder: SymbolInformation[][]): SymbolInformation[] {
  return perFolder.flat().slice(0, MAX_SYMBOLS);
}

/** The query's characters appear in `text` in order (`stlmnt` finds `settlement-engine`). */
function fuzzy(text: string, query: string): boolean {
  let i = 0;
  for (const c of text) if (c === query[i]) i++;
  return i === query.length;
}
