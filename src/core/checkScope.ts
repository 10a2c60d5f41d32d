// What one check reads: the root, the files discover() found in it, and what it left out. Its own
// module so that the parse workers' batching (parallel/batch.ts) and check.ts share it without
// importing each other.
import type { Skipped } from './discover';

/** What a check reads: the files discover() listed, or the single file asked for. */
export interface CheckScope {
  root: string;
  /** The root folder's name, which owns a bare `PORT=` in an env file at the root. */
  rootName: string;
  isFile: boolean;
  /** In discover order. */
  files: string[];
  /** What discover() left out. */
  skipped: Skipped[];
  /**
   * The only files ever read: discover() already refused links and excluded folders, so no
   * per-file link check is needed.
   */
  sources: ReadonlySet<string>;
  maxFileBytes: number;
}
