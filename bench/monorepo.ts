// The monorepo case of `npm run bench`: real repositories of the development corpus
// (../shared/corpus/<set>/<repository>/) copied side by side as independent project folders of one
// workspace, `bench/.work/monorepo-<size>/p0001-<repository>/...`, until it holds `size` port
// sources. The generated workspaces (bench/generate.ts) are written to be checkable; these are what
// people actually write, and many unrelated projects in one root is what a monorepo or a folder of
// clones is. Copies are independent, so checking the whole workspace must find exactly what checking
// each copy alone finds: anything more is one project's ports compared with another's.
//
//   node --import tsx bench/monorepo.ts [size ...]     writes bench/.work/monorepo-<size>/

import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPath } from '../src/core/check';
import { discover, DEFAULT_DISCOVER } from '../src/core/discover';
import type { Finding } from '../src/core/model';
import { WORK_DIR } from './generate';

/** The development corpus, beside the repository (bench/monorepo.ts or dist/bench.js: one folder below it). */
export const CORPUS_DIR = path.resolve(__dirname, '..', '..', 'shared', 'corpus');
/** The sizes the monorepo case is built for: the time per file of the two is compared. */
export const MONOREPO_SIZES: readonly number[] = [1000, 10000];

export interface CorpusRepo {
  /** The repository's folder name, `owner_name`. */
  name: string;
  dir: string;
  /** Its port sources, relative to `dir`, in discover() order: a cut copy keeps a prefix of them. */
  sources: string[];
}

/** One project folder of the workspace. */
export interface Copy {
  /** `p0001-<repository>`, relative to the workspace root. */
  folder: string;
  repo: CorpusRepo;
  /** Port sources kept: all of the repository's, or fewer in a cut last copy. */
  kept: number;
}

export interface MonorepoWorkspace {
  size: number;
  root: string;
  /** Port sources discover() finds under the root. */
  files: number;
  /** Their size. */
  bytes: number;
  copies: Copy[];
}

/** One finding as compared: what both checkPath and `portolan check --format json` report. */
export interface FindingKey {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  port?: number | null;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every repository of every set, in a fixed order (sets, then repositories, by name), so every
 * machine builds the same workspace. Only folders are repositories: a set's expected.json and
 * SOURCES.md are the reviewers' notes, not repository content.
 */
export function corpusRepos(corpus = CORPUS_DIR): CorpusRepo[] {
  const folders = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(byName);
  return folders(corpus).flatMap((set) => folders(path.join(corpus, set)).map((name) => {
    const dir = path.join(corpus, set, name);
    return { name, dir, sources: discover(dir, DEFAULT_DISCOVER).files };
  })).filter((repo) => repo.sources.length > 0);
}

/** Copies of the repositories, cycling through them until `size` port sources; the last one cut to fit. */
export function planCopies(repos: readonly CorpusRepo[], size: number): Copy[] {
  if (repos.length === 0) throw new Error('the corpus has no repository with a port source');
  const copies: Copy[] = [];
  for (let total = 0; total < size; ) {
    const repo = repos[copies.length % repos.length];
    const kept = Math.min(repo.sources.length, size - total);
    copies.push({ folder: `p${String(copies.length + 1).padStart(4, '0')}-${repo.name}`, repo, kept });
    total += kept;
  }
  return copies;
}

/**
 * Writes the workspace afresh. A whole copy is the repository folder as it is (its other files
 * too: discover() walks past them in a real checkout); a cut copy leaves out the port sources after
 * the first `kept` in discover() order, which is the order they have in the workspace as well.
 */
export function buildMonorepo(size: number, repos: readonly CorpusRepo[], workDir = WORK_DIR): MonorepoWorkspace {
  const root = path.join(workDir, `monorepo-${size}`);
  fs.rmSync(root, { recursive: true, force: true });
  const copies = planCopies(repos, size);
  for (const copy of copies) {
    const dest = path.join(root, copy.folder);
    fs.cpSync(copy.repo.dir, dest, { recursive: true });
    for (const file of copy.repo.sources.slice(copy.kept)) fs.rmSync(path.join(dest, file));
  }
  const { files } = discover(root, DEFAULT_DISCOVER);
  const bytes = files.reduce((sum, file) => sum + fs.statSync(path.join(root, file)).size, 0);
  return { size, root, files: files.length, bytes, copies };
}

// ---------------------------------------------------------------------------------------------
// Findings as multisets

export function keyOfFinding(f: Finding): FindingKey {
  return { rule: f.rule, severity: f.severity, file: f.loc.file, line: f.loc.span.startLine, column: f.loc.span.startColumn, port: f.port };
}

/** Count of each finding; the port is null when there is none, as the CLI's JSON writes it. */
export function multiset(keys: Iterable<FindingKey>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) {
    const key = JSON.stringify([k.rule, k.severity, k.file, k.line, k.column, k.port ?? null]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * What each copy reports when it is the check root, as paths of the workspace. Copies of one
 * repository are byte-identical (only their folder names differ), so each distinct copy, a
 * repository whole or cut to a number of files, is checked once, in the first folder that holds it,
 * and its findings are repeated for the others.
 */
export function findingsOfCopiesAlone(ws: MonorepoWorkspace): Map<string, number> {
  const byContent = new Map<string, FindingKey[]>();
  const keys: FindingKey[] = [];
  for (const copy of ws.copies) {
    const content = `${copy.repo.dir}\n${copy.kept}`;
    let found = byContent.get(content);
    if (!found) {
      found = checkPath(path.join(ws.root, copy.folder)).findings.map(keyOfFinding);
      byContent.set(content, found);
    }
    for (const k of found) keys.push({ ...k, file: `${copy.folder}/${k.file}` });
  }
  return multiset(keys);
}

export interface Comparison {
  equal: boolean;
  /** Findings only in the first multiset, and only in the second. */
  onlyInA: number;
  onlyInB: number;
  /** The first `limit` differences, written out. */
  first: string[];
}

/** Findings in one multiset and not in the other; `names` say which side is which in the text. */
export function compareFindings(a: Map<string, number>, b: Map<string, number>, names: [string, string], limit = 10): Comparison {
  const first: string[] = [];
  const only = (from: Map<string, number>, other: Map<string, number>, name: string): number => {
    let count = 0;
    for (const [key, n] of from) {
      const more = n - (other.get(key) ?? 0);
      if (more <= 0) continue;
      count += more;
      if (first.length < limit) first.push(`${more}× only ${name}: ${describeKey(key)}`);
    }
    return count;
  };
  const onlyInA = only(a, b, names[0]);
  const onlyInB = only(b, a, names[1]);
  return { equal: onlyInA + onlyInB === 0, onlyInA, onlyInB, first };
}

function describeKey(key: string): string {
  const [rule, severity, file, line, column, port] = JSON.parse(key) as [string, string, string, number, number, number | null];
  return `${severity} ${rule} at ${file}:${line}:${column}${port === null ? '' : ` (port ${port})`}`;
}

// Run as a script (`node --import tsx bench/monorepo.ts 1000`). Bundled into dist/bench.js, every
// module of the bundle is require.main: the script's name tells them apart.
if (require.main === module && /monorepo\.[jt]s$/.test(process.argv[1] ?? '')) {
  const sizes = process.argv.slice(2).map(Number);
  const repos = corpusRepos();
  for (const size of sizes.length > 0 ? sizes : MONOREPO_SIZES) {
    const ws = buildMonorepo(size, repos);
    console.log(`${ws.root}: ${ws.files} port sources, ${(ws.bytes / 1e6).toFixed(1)} MB, ${ws.copies.length} copies of ${repos.length} repositories`);
  }
}
