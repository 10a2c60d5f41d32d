// The documents the VS Code client tells the server about, from the languages of each kind of
// port source (src/core/sources.ts). No vscode import, so a unit test can read it.
import { SOURCE_KINDS } from '../core/sources';

interface DocumentFilter {
  scheme: 'file';
  language: string;
  /** Only documents with these names (a language other files have too). */
  pattern?: string;
}

/**
 * One filter per language, in the table's order. A language other files have too is narrowed to
 * the names of every kind that opens as it (`plaintext`: `.env` files and Procfiles); a language
 * any kind sends whole is not narrowed.
 */
function documentSelector(): DocumentFilter[] {
  const names = new Map<string, string[] | 'all'>();
  for (const kind of Object.values(SOURCE_KINDS)) {
    for (const [language, documents] of Object.entries(kind.languages)) {
      const known = names.get(language);
      if (documents !== 'named' || known === 'all') names.set(language, 'all');
      else names.set(language, [...known ?? [], ...kind.names]);
    }
  }
  return [...names].map(([language, named]) => ({ scheme: 'file', language, ...(named === 'all' ? {} : { pattern: `**/{${named.join(',')}}` }) }));
}

export const DOCUMENT_SELECTOR = documentSelector();
