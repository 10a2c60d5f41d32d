// One check root on disk, indexed and checked: what the CLI runs and the tests drive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Allocation, Finding } from './model';
import { DEFAULT_DISCOVER, discover, readSource, type DiscoverOptions, type Skipped } from './discover';
import { WorkspaceIndex } from './index/workspaceIndex';
import { runRules, type RuleSettings } from './rules/run';
import { baseOf } from './syntax/paths';

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
  // discover() already refused links and excluded folders: what it did not list is not read, so
  // no per-file link check is needed. A single file is checked with the `.env` beside it.
  const sources = new Set(found.files);
  if (isFile) sources.add('.env');
  // Compose files read the `.env` beside them, which is indexed too: read it once.
  const envTexts = new Map<string, string | undefined>();
  const readOnce = (file: string): string | undefined => {
    const result = readSource(path.join(root, file), discoverOptions.maxFileBytes);
    if ('text' in result) return result.text;
    if (!result.skipped.startsWith('unreadable (ENOENT)')) skipped.push({ file, reason: result.skipped });
    return undefined;
  };
  const read = (file: string): string | undefined => {
    if (!sources.has(file)) return undefined;
    if (baseOf(file) !== '.env') return readOnce(file);
    if (!envTexts.has(file)) envTexts.set(file, readOnce(file));
    return envTexts.get(file);
  };
  const index = new WorkspaceIndex({ read }, path.basename(path.resolve(root)));
  for (const file of found.files) index.update(file);
  for (const f of index.files()) for (const note of f.notes) skipped.push({ file: f.file, reason: note });
  const findings = runRules(index.files(), options.rules);
  const allocations = [...index.files()].flatMap((f) => f.allocations).sort((a, b) => a.port - b.port || a.serviceKey.localeCompare(b.serviceKey));
  return { root, findings, allocations, skipped, files: found.files.length, index };
}
