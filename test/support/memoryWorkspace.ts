// An in-memory check root for tests: files by relative path, in a FolderModel as the CLI and the
// server hold them.
import { FolderModel } from '../../src/core/project/folderModel';
import type { RuleSettings } from '../../src/core/rules/settings';
import type { Allocation, Finding, Location } from '../../src/core/model';

export interface MemoryCheck {
  /** Reads `files` as they are when it is asked to update one. */
  model: FolderModel;
  findings: readonly Finding[];
  allocations: Allocation[];
  /** The source text a location points at. */
  textAt(loc: Location): string;
}

export function checkFiles(files: Record<string, string>, rules: RuleSettings = {}, rootName = 'root'): MemoryCheck {
  const model = new FolderModel({ read: (f) => files[f], rootName, rules });
  for (const file of Object.keys(files)) model.update(file);
  return {
    model,
    findings: model.findings(),
    allocations: [...model.files()].flatMap((f) => f.allocations),
    textAt: (loc) => files[loc.file].slice(loc.span.startOffset, loc.span.endOffset),
  };
}

/** `rule@file:line` for compact assertions. */
export function brief(f: Finding): string {
  return `${f.rule}@${f.loc.file}:${f.loc.span.startLine}`;
}
