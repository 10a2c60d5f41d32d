// Which files and folders under a folder Portolan reads: the configuration file's include and
// exclude globs, excludes given on the command line or in settings, and the ignore files.
import type { SourceKind } from '../model';
import { sourceKindOf } from '../parsers/dispatch';
import { isYamlFileName, NAMED_KINDS } from '../sources';
import { globFilter } from './globFilter';
import { IgnoreFiles } from './ignoreFiles';

export interface SourceFilter {
  /** A folder that is never entered ('/'-separated, relative to the root). */
  skipsFolder(dir: string): boolean;
  /** A file that is never read, whatever folder it is in. */
  skipsFile(file: string): boolean;
  /** A walk listed a folder's entries ('' is the root): what they hold need not be asked for again. */
  listed(dir: string, entries: readonly { name: string }[]): void;
}

export interface FilterOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Whether `.gitignore` and `.portolanignore` files are followed. */
  ignoreFiles: boolean;
  /** The kinds of sources read; undefined reads every kind. */
  kinds?: readonly SourceKind[];
}

export function sourceFilter(root: string, options: FilterOptions, ignoreFiles = options.ignoreFiles ? new IgnoreFiles(root) : undefined): SourceFilter {
  const globs = globFilter(options.include, options.exclude);
  const kinds = options.kinds;
  const kindLeftOut = kinds === undefined || NAMED_KINDS.every((kind) => kinds.includes(kind)) ? () => false : (file: string) => !kindRead(file, kinds);
  return {
    skipsFolder: (dir) => globs.excludesFolder(dir) || (ignoreFiles?.ignores(dir, true) ?? false),
    skipsFile: (file) => kindLeftOut(file) || !globs.reads(file) || (ignoreFiles?.ignores(file, false) ?? false),
    listed: (dir, entries) => ignoreFiles?.listed(dir, entries),
  };
}

/** Whether a file may be of a kind that is read: a YAML file of no known name may be a compose file. */
function kindRead(file: string, kinds: readonly SourceKind[]): boolean {
  const kind = sourceKindOf(file);
  if (kind !== undefined) return kinds.includes(kind);
  return isYamlFileName(file) && kinds.includes('compose');
}
