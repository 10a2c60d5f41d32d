// The documents of a manifest file (`---` between them), each as a YAML tree with its offset in
// the file. Each document is read by the fast block reader when it is sure of it, and by the `yaml`
// package otherwise; a document neither can read is left out with a note, never an error finding
// (a Helm template line may make a document no YAML at all).
import { parseAllDocuments, type Document } from 'yaml';
import { readBlockYaml } from '../yaml/blockYaml';
import { treeFromYaml } from '../yaml/fromYaml';
import type { YamlNode } from '../yaml/tree';
import type { LineIndex } from '../../text/lineIndex';

export interface ManifestDocument {
  root: YamlNode;
  /** The document's text, which the tree's offsets are into. */
  source: string;
  /** Where the document starts and ends in the file. */
  base: number;
  end: number;
}

/** A line that starts a document: `---` alone, or followed by a space and more. */
const DOCUMENT_START = /^---(?=[ \t\r]|$)/gm;
/** A line with something on it besides a comment: a document without one (the head before a first `---`) is none. */
const CONTENT = /^[ \t]*[^\s#]/m;

export function manifestDocuments(text: string, lines: LineIndex, notes: string[]): ManifestDocument[] {
  const starts = [0, ...[...text.matchAll(DOCUMENT_START)].map((m) => m.index).filter((i) => i > 0)];
  const out: ManifestDocument[] = [];
  starts.forEach((base, i) => {
    const end = starts[i + 1] ?? text.length;
    const source = text.slice(base, end);
    if (!CONTENT.test(source.startsWith('---') ? source.slice(3) : source)) return;
    const fast = readBlockYaml(source);
    if (fast) {
      out.push({ root: fast, source, base, end });
      return;
    }
    const line = lines.position(base).line;
    for (const root of slowTrees(source, line, notes)) out.push({ root, source, base, end });
  });
  return out;
}

/** The trees yaml reads from one document's text (a stray `...` can make it several). */
function slowTrees(source: string, line: number, notes: string[]): YamlNode[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(source, { uniqueKeys: false, merge: false, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    // yaml recurses per nesting level: thousands of levels overflow the stack.
    notes.push(`YAML document at line ${line} could not be parsed, skipped: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
  const out: YamlNode[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      notes.push(`YAML error in the document at line ${line}, skipped: ${doc.errors[0].message.split('\n')[0]}`);
      continue;
    }
    const root = treeFromYaml(doc, source);
    if (root) out.push(root);
  }
  return out;
}
