// The documents the VS Code client tells the server about, from the languages of each kind of
// port source (src/core/sources.ts). No vscode import, so a unit test can read it.
import { SOURCE_KINDS } from '../core/sources';

interface DocumentFilter {
  scheme: 'file';
  language: string;
  /** Only documents with these names (a language other files have too). */
  pattern?: string;
}

/** One filter per language, in the table's order; a language other files have too is narrowed to the kind's names. */
function documentSelector(): DocumentFilter[] {
  const filters = new Map<string, DocumentFilter>();
  for (const kind of Object.values(SOURCE_KINDS)) {
    for (const [language, documents] of Object.entries(kind.languages)) {
      if (filters.has(language)) continue;
      filters.set(language, { scheme: 'file', language, ...(documents === 'named' ? { pattern: `**/{${kind.names.join(',')}}` } : {}) });
    }
  }
  return [...filters.values()];
}

export const DOCUMENT_SELECTOR = documentSelector();
