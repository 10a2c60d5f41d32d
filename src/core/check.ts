// One check root on disk, indexed and checked: what the CLI runs and the tests drive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Allocation, FileFacts, Finding } from './model';
import { DEFAULT_DISCOVER, discover, type DiscoverOptions, type Skipped } from './discover';
import { FolderModel, type FolderSnapshot } from './project/folderModel';
import type { CheckScope } from './checkScope';
import { batchesOf, sourceReader } from './parallel/batch';
import { DEFAULT_POOL, parseInThreads, type PoolOptions } from './parallel/pool';
import type { RuleSettings } from './rules/settings';
import { sourceKindOf } from './parsers/dispatch';
import { baseOf } from './syntax/paths';
import { compareText } from './text/compareText';

export interface CheckResult {
  root: string;
  findings: readonly Finding[];
  /** Every allocation by port, then service. */
  readonly allocations: Allocation[];
  skipped: Skipped[];
  files: number;
  /** The checked folder's facts and findings. */
  snapshot: FolderSnapshot;
}

export interface CheckOptions {
  discover?: DiscoverOptions;
  rules?: RuleSettings;
}


/** `target` is a folder (every port source under it) or a single file (checked alone). */
export function checkPath(target: string, options: CheckOptions = {}): CheckResult {
  return checkScope(scopeOf(target, options), options);
}

function scopeOf(target: string, options: CheckOptions): CheckScope {
  const discoverOptions = options.discover ?? DEFAULT_DISCOVER;
  const isFile = fs.statSync(target).isFile();
  const root = isFile ? path.dirname(target) : target;
  const found = isFile ? { files: [path.basename(target)], skipped: [] } : discover(root, discoverOptions);
  // A single file is checked with the `.env` beside it.
  const sources = new Set(found.files);
  if (isFile) sources.add('.env');
  return { root, rootName: path.basename(path.resolve(root)), isFile, files: found.files, skipped: found.skipped, sources, maxFileBytes: discoverOptions.maxFileBytes };
}

/** Reads and parses every file of `scope` on this thread, then checks them. */
function checkScope(scope: CheckScope, options: CheckOptions): CheckResult {
  const skipped = [...scope.skipped];
  const model = scopeModel(scope, skipped, options);
  for (const file of scope.files) model.update(file);
  return finishCheck(scope, model, skipped);
}

/** An empty model of `scope` whose later reads report what they skip to `skipped`. */
function scopeModel(scope: CheckScope, skipped: Skipped[], options: CheckOptions): FolderModel {
  const read = sourceReader(scope.root, scope.sources, scope.maxFileBytes, (s) => skipped.push(s));
  return new FolderModel({ read, rootName: scope.rootName, rules: options.rules });
}

/** Runs the rules on a filled index; `skipped` already holds what discovery and reading skipped. */
function finishCheck(scope: CheckScope, model: FolderModel, skipped: Skipped[]): CheckResult {
  for (const f of model.files()) for (const note of f.notes) skipped.push({ file: f.file, reason: note });
  const snapshot = model.snapshot();
  const inReadOrder = [...model.files()];
  let allocations: Allocation[] | undefined;
  // A YAML file of another name that turned out to be no compose file was no port source.
  const files = scope.files.filter((file) => sourceKindOf(file) !== undefined || model.facts(file) !== undefined).length;
  return {
    root: scope.root, findings: snapshot.findings, skipped, files, snapshot,
    // Only the JSON report and `portolan list` list every allocation: filed when first asked for.
    get allocations() {
      allocations ??= byPortAndService(inReadOrder);
      return allocations;
    },
  };
}

/**
 * Every allocation by port, then service key, else in file order. Filed by port first: sorting
 * the whole list (77,000 at 10,000 files) took about half again as long.
 */
function byPortAndService(files: Iterable<FileFacts>): Allocation[] {
  const byPort: Allocation[][] = [];
  for (const f of files) for (const a of f.allocations) (byPort[a.port] ??= []).push(a);
  const out: Allocation[] = [];
  for (const list of byPort) {
    if (!list) continue;
    if (list.length > 1) list.sort((a, b) => compareText(a.serviceKey, b.serviceKey));
    for (const a of list) out.push(a);
  }
  return out;
}

export interface ParallelCheckOptions extends CheckOptions {
  pool?: Partial<PoolOptions>;
}

export interface ParallelCheckResult extends CheckResult {
  /** Why parse workers failed; their files were parsed on the main thread, so the result is whole. */
  workerFailures: string[];
}

/** checkPath's result, with the files read and parsed on worker threads too when there are enough of them. */
export async function checkPathParallel(target: string, options: ParallelCheckOptions = {}): Promise<ParallelCheckResult> {
  const scope = scopeOf(target, options);
  const pool = { ...DEFAULT_POOL, ...options.pool };
  if (scope.isFile || scope.files.length < pool.minFiles || pool.workers < 1) return withWorkerFailures(checkScope(scope, options), []);
  const { parsed, failures } = await parseInThreads(batchesOf(scope, pool.batchFiles), pool);
  const byFile = new Map(parsed.flat().map((p) => [p.file, p]));
  const skipped = [...scope.skipped];
  const model = scopeModel(scope, skipped, options);
  // In discover order, as checkPath reads. A check reads a `.env` once: when two batches read it,
  // its skip is reported at the first.
  const skippedEnvs = new Set<string>();
  for (const file of scope.files) {
    const p = byFile.get(file)!;
    for (const s of p.skipped) {
      if (baseOf(s.file) === '.env') {
        if (skippedEnvs.has(s.file)) continue;
        skippedEnvs.add(s.file);
      }
      skipped.push(s);
    }
    if (p.facts) model.set(p.facts);
  }
  return withWorkerFailures(finishCheck(scope, model, skipped), failures);
}

/** The result with the workers' failures added (not spread: its allocations are filed when asked for). */
function withWorkerFailures(result: CheckResult, workerFailures: string[]): ParallelCheckResult {
  return Object.assign(result, { workerFailures });
}
