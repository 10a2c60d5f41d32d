// File URIs and folder-relative paths. The index knows files by '/'-separated paths relative to
// their workspace folder; the client knows them by URI.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file system path of a `file:` URI, undefined for other schemes or malformed URIs. */
export function fsPathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** `abs` relative to `root` with '/' separators, undefined when it is not inside `root`. */
export function relativeTo(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The absolute path of a folder-relative file. */
export function absoluteOf(root: string, file: string): string {
  return path.join(root, ...file.split('/'));
}

/**
 * The URI of a folder-relative file, built on the folder URI as the client spelled it (so the
 * scheme, authority and drive-letter encoding match what the client sends).
 */
export function fileUriOf(folderUri: string, file: string): string {
  const base = folderUri.replace(/\/+$/, '');
  return `${base}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** A folder URI without trailing slashes, to compare folder URIs as clients spell them. */
export function normalizeFolderUri(uri: string): string {
  return uri.replace(/\/+$/, '');
}
