// A document kept for the record (`docs/old/`, `archive/`, `docs/deprecated/`) says what was true
// once, as a section under a "History" heading does: its ports are mentions (hover and references
// still find them), and it allocates, reserves, declares ranges and runs compose commands for
// nothing. Only such a folder at the top or in a documentation folder: `services/archive/` is the
// folder of a service named archive.
import type { FileFacts } from '../../model';

const RECORD_FOLDER = /^(?:old|archived?|deprecated|obsolete|outdated|superseded|attic)$/i;
const DOCS_FOLDER = /^(?:docs?|documentation|wiki)$/i;

export function isOnRecord(file: string): boolean {
  const folders = file.split('/').slice(0, -1);
  return folders.some((folder, i) => RECORD_FOLDER.test(folder) && (i === 0 || DOCS_FOLDER.test(folders[i - 1])));
}

/** The facts of a document on record: its ports mentioned, nothing else that a rule reads. */
export function onRecord(facts: FileFacts): FileFacts {
  const out: FileFacts = {
    ...facts,
    allocations: [],
    ranges: [],
    reserved: [],
    problems: [],
    aliases: [],
    projects: [],
    mentions: [...facts.mentions, ...facts.allocations.map((a) => ({ port: a.port, loc: a.loc }))],
  };
  delete out.composeSets;
  return out;
}
