import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository a folder is in (the nearest folder above it with `.git`), else the folder itself:
 * code scanning and workflow annotations name files relative to it, and ignore files apply from it.
 */
export function repositoryRoot(folder: string): string {
  return nearestAbove(folder, (dir) => fs.existsSync(path.join(dir, '.git'))) ?? path.resolve(folder);
}

/** The folder itself or the nearest one above it that `holds`, up to the file system's root. */
export function nearestAbove(folder: string, holds: (dir: string) => boolean): string | undefined {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (holds(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Paths relative to a checked folder, named from its repository's root ('/'-separated); the root is looked up once. */
export function repositoryPaths(root: string): { repository: string; pathOf(file: string): string } {
  const repository = repositoryRoot(root);
  return { repository, pathOf: (file) => path.relative(repository, path.resolve(root, file)).split(path.sep).join('/') };
}
