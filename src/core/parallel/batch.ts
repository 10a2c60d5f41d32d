// How a check reads and parses its files, on the main thread (checkPath, and checkPathParallel's
// own share) and in the parse workers: one code path, so every way of indexing reads files alike.
import * as path from 'node:path';
import type { CheckScope } from '../checkScope';
import type { FileFacts, SourceKind } from '../model';
import { readSource, type Skipped } from '../discover';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { sourceKindOf } from '../parsers/dispatch';
import { dirOf, feedsInterpolation, interpolationFilesIn } from '../syntax/paths';

/** A reader of the files `sources` names under `root`, reporting each file it cannot read to `skip`. */
export function sourceReader(root: string, sources: ReadonlySet<string>, maxFileBytes: number, skip: (s: Skipped) => void): (file: string) => string | undefined {
  // Compose files read the `.env` (or its template) beside them, which is indexed too: read it once.
  const envTexts = new Map<string, string | undefined>();
  // Files come from discover, already relative and clean: joined by hand, not normalized again
  // by path.join at every read.
  const folder = root.endsWith('/') || root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  const readOnce = (file: string): string | undefined => {
    const result = readSource(`${folder}${file}`, maxFileBytes);
    if ('text' in result) return result.text;
    if (result.skipped.code !== 'gone') skip({ file, reason: result.skipped.reason });
    return undefined;
  };
  return (file) => {
    if (!sources.has(file)) return undefined;
    if (!feedsInterpolation(file)) return readOnce(file);
    if (!envTexts.has(file)) envTexts.set(file, readOnce(file));
    return envTexts.get(file);
  };
}

/** A run of discovered files, in discover order, to parse in one go. Plain data: it goes to a worker. */
export interface ParseBatch {
  root: string;
  files: string[];
  /** The discovered `.env` files (or templates of them) that compose files of this batch interpolate from. */
  envs: string[];
  maxFileBytes: number;
  rootName: string;
}

/**
 * `scope`'s files in runs of at most `size`, one kind to a run, sorted by kind: markdown, env,
 * compose, registry, dockerfile (see pool.ts). Within a run files keep their discover order.
 */
export function batchesOf(scope: CheckScope, size: number): ParseBatch[] {
  const byKind = new Map<SourceKind, string[]>(KIND_ORDER.map((kind) => [kind, []]));
  // A YAML file of another name is read with the compose files: its text says whether it is one.
  for (const file of scope.files) byKind.get(sourceKindOf(file) ?? 'compose')!.push(file);
  const batches: ParseBatch[] = [];
  for (const files of byKind.values()) {
    for (let i = 0; i < files.length; i += size) {
      const run = files.slice(i, i + size);
      const envs = new Set<string>();
      for (const file of run) {
        if ((sourceKindOf(file) ?? 'compose') !== 'compose') continue;
        const env = interpolationFilesIn(dirOf(file)).find((f) => scope.sources.has(f));
        if (env) envs.add(env);
      }
      batches.push({ root: scope.root, files: run, envs: [...envs], maxFileBytes: scope.maxFileBytes, rootName: scope.rootName });
    }
  }
  return batches;
}

/** Markdown, the most work, first, where workers start; env and the cheap run files between it and compose, where the threads meet. */
const KIND_ORDER: SourceKind[] = ['markdown', 'env', 'package', 'procfile', 'compose', 'registry', 'dockerfile', 'devcontainer', 'commands'];

/** One file's facts (none when it could not be read) and the files its reading skipped, in order. */
export interface ParsedFile {
  file: string;
  facts?: FileFacts;
  skipped: Skipped[];
}

export function parseBatch(batch: ParseBatch): ParsedFile[] {
  let current: ParsedFile | undefined;
  const read = sourceReader(batch.root, new Set([...batch.files, ...batch.envs]), batch.maxFileBytes, (s) => current!.skipped.push(s));
  const index = new WorkspaceIndex({ read }, batch.rootName);
  const parsed = batch.files.map((file) => {
    current = { file, skipped: [] };
    index.update(file);
    return current;
  });
  // Facts are taken last: a `.env` later in the batch re-parses the compose files beside it.
  for (const p of parsed) p.facts = index.get(p.file);
  return parsed;
}
