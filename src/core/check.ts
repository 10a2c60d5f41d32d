// One check root on disk, indexed and checked: what the CLI runs and the tests drive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Allocation, Finding } from './model';
import { DEFAULT_DISCOVER, discover, readSource, type DiscoverOptions, type Skipped } from './discover';
import { WorkspaceIndex } from './index/workspaceIndex';
import { runRules, type RuleSettings } from './rules/run';

export interface CheckResult {
  root: string;
  findings: readonly Finding[];
  allocations: Allocation[];
  skipped: Skipped[];
  files: number;
  index: WorkspaceIndex;
}

export interface CheckOptions {
  discover?: DiscoverOptions;
  rules?: RuleSettings;
}

/** `target` is a folder (every port source under it) or a single file (checked alone). */
export function checkPath(target: string, options: CheckOptions = {}): CheckResult {
  const discoverOptions = options.discover ?? DEFAULT_DISCOVER;
  const isFile = fs.statSync(target).isFile();
  const root = isFile ? path.dirname(target) : target;
  const found = isFile ? { files: [path.basename(target)], skipped: [] } : discover(root, discoverOptions);
  const skipped = [...found.skipped];
  const texts = new Map<string, string | null>();
  const read = (file: string): string | undefined => {
    if (!texts.has(file)) {
      const result = readSource(path.join(root, file), discoverOptions.maxFileBytes, isFile ? undefined : root);
      if ('skipped' in result) {
        if (result.skipped.startsWith('unreadable (ENOENT)')) texts.set(file, null);
        else {
          skipped.push({ file, reason: result.skipped });
          texts.set(file, null);
        }
      } else texts.set(file, result.text);
    }
    return texts.get(file) ?? undefined;
  };
  const index = new WorkspaceIndex({ read }, path.basename(path.resolve(root)));
  for (const file of found.files) index.update(file);
  for (const f of index.files()) for (const note of f.notes) skipped.push({ file: f.file, reason: note });
  const findings = runRules(index.files(), options.rules);
  const allocations = [...index.files()].flatMap((f) => f.allocations).sort((a, b) => a.port - b.port || a.serviceKey.localeCompare(b.serviceKey));
  return { root, findings, allocations, skipped, files: found.files.length, index };
}
