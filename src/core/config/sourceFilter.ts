// Which files and folders under a folder Portolan reads: the configuration file's include and
// exclude globs, excludes given on the command line or in settings, and the ignore files.
import { globExcludesFolder, globFilter } from './globFilter';
import { IgnoreFiles } from './ignoreFiles';

export interface SourceFilter {
  /** A folder that is never entered ('/'-separated, relative to the root). */
  skipsFolder(dir: string): boolean;
  /** A file that is never read, whatever folder it is in. */
  skipsFile(file: string): boolean;
}

export interface FilterOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Whether `.gitignore` and `.portolanignore` files are followed. */
  ignoreFiles: boolean;
}

export function sourceFilter(root: string, options: FilterOptions, ignoreFiles = options.ignoreFiles ? new IgnoreFiles(root) : undefined): SourceFilter {
  const globs = globFilter(options.include, options.exclude);
  const excludedFolder = globExcludesFolder(options.exclude);
  return {
    skipsFolder: (dir) => excludedFolder(dir) || (ignoreFiles?.ignores(dir, true) ?? false),
    skipsFile: (file) => !globs(file) || (ignoreFiles?.ignores(file, false) ?? false),
  };
}
