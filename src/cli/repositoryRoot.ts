import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository a folder is in (the nearest folder above it with `.git`), else the folder itself:
 * code scanning and workflow annotations name files relative to it.
 */
export function repositoryRoot(folder: string): string {
  const start = path.resolve(folder);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
