// The server's workspace/executeCommand commands: registry authoring and free ports. They answer
// with text and numbers and write nothing, so any editor can show the result its own way.
import { createRegistryText } from '../core/authoring/createRegistry';
import { exportMarkdown } from '../core/authoring/exportMarkdown';
import { nextFreePort } from '../core/edits/freePort';
import { rangesOf } from '../core/query/lookup';
import { isRegistry } from '../core/rules/unregistered';
import { serviceKey } from '../core/syntax/names';
import { parseRange } from '../core/syntax/ports';
import type { FreePortResult } from '../shared/protocol';
import type { FolderState } from './folderState';

export function createRegistry(folder: FolderState): string {
  const input = folder.ruleInput();
  const existing = input.files.filter(isRegistry).map((f) => f.file).sort();
  return createRegistryText(input, { existing });
}

export function exportAllocations(folder: FolderState): string {
  return exportMarkdown(folder.ruleInput(), { title: `Port allocations: ${folder.name}` });
}

export function findFreePort(folder: FolderState, range: string): FreePortResult | null {
  const input = folder.ruleInput();
  const wanted = range.trim();
  const ranges = rangesOf(input).filter((r) => !r.keptFree);
  const names = (r: (typeof ranges)[number]) => [r.name, ...r.decls.map((d) => d.name)];
  const byName = ranges.find((r) => r.name === wanted)
    ?? ranges.find((r) => names(r).some((n) => serviceKey(n) === serviceKey(wanted)))
    ?? ranges.find((r) => `${r.from}-${r.to}` === wanted.replace(/\s+/g, ''));
  const written = byName ?? (() => {
    const parsed = parseRange(wanted);
    return parsed && { name: `${parsed.from}-${parsed.to}`, ...parsed, scope: '' };
  })();
  if (!written) return null;
  const port = nextFreePort(input, written);
  return port === undefined ? null : { port, range: { name: written.name, from: written.from, to: written.to, scope: written.scope } };
}
