// Finds the port sources under a check root on disk. Symlinks are not followed (loops, and links
// out of the workspace); files above the size limit and files that are not text are skipped with
// a reason, so a caller can log why a file was left out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mayBeSource, sourceKindOf } from './parsers/dispatch';
import { DEFAULT_MAX_FILE_BYTES } from './sources';
import type { SourceFilter } from './config/sourceFilter';
import { compareText } from './text/compareText';

export interface DiscoverOptions {
  maxFileBytes: number;
  /** Folder names never entered. */
  excludeDirs: ReadonlySet<string>;
  /** What the configuration, the command line and the ignore files leave out (paths relative to the root). */
  filter?: SourceFilter;
}

export const DEFAULT_DISCOVER: DiscoverOptions = {
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  excludeDirs: new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'target', 'vendor', '.venv', 'venv', '__pycache__', '.next', '.cache', 'coverage']),
};

export interface Skipped {
  file: string;
  reason: string;
}

export interface Discovered {
  /** Paths relative to the root, with '/' separators. */
  files: string[];
  skipped: Skipped[];
}

/** The sources under `root`, or only those under its folder `under` ('/'-separated, relative to it; paths stay relative to `root`). */
export function discover(root: string, options: DiscoverOptions = DEFAULT_DISCOVER, under = ''): Discovered {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: rel || '.', reason: `unreadable folder (${(err as NodeJS.ErrnoException).code ?? err})` });
      return;
    }
    entries.sort((a, b) => compareText(a.name, b.name));
    const filter = options.filter;
    filter?.listed(rel, entries);
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        if (sourceKindOf(entry.name) && !filter?.skipsFile(relPath)) skipped.push({ file: relPath, reason: 'symbolic link (not followed)' });
      } else if (entry.isDirectory()) {
        if (!options.excludeDirs.has(entry.name) && !filter?.skipsFolder(relPath)) walk(path.join(dir, entry.name), relPath);
      } else if (entry.isFile() && mayBeSource(entry.name) && !filter?.skipsFile(relPath)) {
        files.push(relPath);
      }
    }
  };
  walk(under === '' ? root : path.join(root, ...under.split('/')), under);
  return { files, skipped };
}

/** Why a file was not read: what a caller decides on (a gone file is no news), with the reason to log. */
export interface ReadSkip {
  code: 'gone' | 'link' | 'outside' | 'too-large' | 'binary' | 'unreadable';
  reason: string;
}

export type ReadResult = { text: string } | { skipped: ReadSkip };

/**
 * Reads a file as UTF-8 text, or says why it is left out. With a `root` (the folder being checked),
 * a symbolic link, or a file that a linked folder puts outside the root, is not followed: a file
 * watcher or an editor can name such a path although discover() never does.
 */
export function readSource(absolute: string, maxFileBytes: number, root?: string): ReadResult {
  let buffer: Buffer;
  try {
    if (root !== undefined) {
      if (fs.lstatSync(absolute).isSymbolicLink()) return { skipped: { code: 'link', reason: 'symbolic link (not followed)' } };
      if (!isInside(fs.realpathSync.native(root), fs.realpathSync.native(path.dirname(absolute)))) {
        return { skipped: { code: 'outside', reason: 'outside the folder through a symbolic link (not followed)' } };
      }
    }
    // The size comes from the open file, not a second lookup of the path: one fewer system call
    // that resolves the path, on every file of a cold check.
    const fd = fs.openSync(absolute, 'r');
    try {
      const { size } = fs.fstatSync(fd);
      if (size > maxFileBytes) return { skipped: { code: 'too-large', reason: `larger than ${maxFileBytes} bytes (${size})` } };
      buffer = readOpen(fd, size);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { skipped: { code: code === 'ENOENT' || code === 'ENOTDIR' ? 'gone' : 'unreadable', reason: `unreadable (${code ?? err})` } };
  }
  if (looksBinary(buffer)) return { skipped: { code: 'binary', reason: 'binary content' } };
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/**
 * The contents of an open file whose size is known: readFileSync(fd) would ask the size again.
 * A file that reports no size (a pipe, a /proc file) is read to its end.
 */
function readOpen(fd: number, size: number): Buffer {
  if (size === 0) return fs.readFileSync(fd);
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = fs.readSync(fd, buffer, filled, size - filled, filled);
    if (read === 0) break;
    filled += read;
  }
  // A file cut short while being read holds what was there.
  return filled < size ? buffer.subarray(0, filled) : buffer;
}

function isInside(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A NUL in the first 8,000 bytes, as git decides. */
function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8000).includes(0);
}
