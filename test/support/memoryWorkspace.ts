// An in-memory check root for tests: files by relative path, indexed and checked by the core.
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { runRules, type RuleSettings } from '../../src/core/rules/run';
import type { Allocation, Finding, Location } from '../../src/core/model';

export interface MemoryCheck {
  index: WorkspaceIndex;
  findings: readonly Finding[];
  allocations: Allocation[];
  /** The source text a location points at. */
  textAt(loc: Location): string;
}

export function checkFiles(files: Record<string, string>, rules: RuleSettings = {}, rootName = 'root'): MemoryCheck {
  const index = new WorkspaceIndex({ read: (f) => files[f] }, rootName);
  for (const file of Object.keys(files)) index.update(file);
  return {
    index,
    findings: runRules(index.files(), rules),
    allocations: [...index.files()].flatMap((f) => f.allocations),
    textAt: (loc) => files[loc.file].slice(loc.span.startOffset, loc.span.endOffset),
  };
}

/** `rule@file:line` for compact assertions. */
export function brief(f: Finding): string {
  return `${f.rule}@${f.loc.file}:${f.loc.span.startLine}`;
}
