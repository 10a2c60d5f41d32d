// The configuration a checked folder is under: the nearest portolan.config.json in it or above it
// (up to the repository's root, the folder with `.git`), and the ignore files from that root down.
// Checking `services/` alone then reads the same files as checking the whole repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, readConfig, type ProjectConfig } from './projectConfig';
import { globFilter } from './globFilter';
import { sourceFilter, type SourceFilter } from './sourceFilter';
import { nearestAbove } from './repositoryRoot';

export interface FolderConfig {
  config: ProjectConfig;
  /** The configuration file read, if any. */
  file?: string;
  /** Paths relative to the checked folder. */
  filter: SourceFilter;
}

export interface FolderConfigOptions {
  /** Globs relative to the checked folder, on top of the configuration's (`--exclude`, settings). */
  exclude?: readonly string[];
  /** Globs relative to the checked folder that replace the configuration's include list when not empty. */
  include?: readonly string[];
}

export function folderConfig(folder: string, problems: string[], options: FolderConfigOptions = {}): FolderConfig {
  const base = configBase(path.resolve(folder));
  const file = path.join(base, CONFIG_FILE_NAME);
  const config = fs.existsSync(file) ? readConfig(base, problems) : EMPTY_CONFIG;
  const include = options.include?.length ? [] : config.include;
  const prefix = path.relative(base, path.resolve(folder)).split(path.sep).join('/');
  let atBase = sourceFilter(base, { include, exclude: config.exclude, ignoreFiles: config.ignoreFiles, kinds: config.kinds });
  // A folder named for checking is checked, even one git ignores (a build output, a scratch copy):
  // the ignore files would leave nothing of it.
  if (prefix !== '' && config.ignoreFiles && atBase.skipsFolder(prefix)) atBase = sourceFilter(base, { include, exclude: config.exclude, ignoreFiles: false, kinds: config.kinds });
  const under = (rel: string) => (prefix === '' ? rel : `${prefix}/${rel}`);
  const own = globFilter(options.include ?? [], options.exclude ?? []);
  return {
    config,
    file: config === EMPTY_CONFIG ? undefined : file,
    filter: {
      skipsFolder: (dir) => own.excludesFolder(dir) || atBase.skipsFolder(under(dir)),
      skipsFile: (rel) => !own.reads(rel) || atBase.skipsFile(under(rel)),
      listed: (dir, entries) => atBase.listed(dir === '' ? prefix : under(dir), entries),
    },
  };
}

/** The folder with the configuration file, else the repository's root, else the folder itself. */
function configBase(folder: string): string {
  return nearestAbove(folder, (dir) => fs.existsSync(path.join(dir, CONFIG_FILE_NAME)) || fs.existsSync(path.join(dir, '.git'))) ?? folder;
}
