// Paths inside a check root use '/' separators.

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** The `.env` file in a folder (`''` is the root), the one compose files there interpolate from. */
export function envFileIn(dir: string): string {
  return dir === '' ? '.env' : `${dir}/.env`;
}

/**
 * `dir` joined with a relative path, `.` and `..` resolved (`apps` + `../api/` → `api`; `''` is the
 * root); undefined when the path climbs out of the root.
 */
export function joinPath(dir: string, rel: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of rel.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}

export function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
