// Paths inside a check root use '/' separators.

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** The `.env` file in a folder (`''` is the root), the one compose files there interpolate from. */
export function envFileIn(dir: string): string {
  return dir === '' ? '.env' : `${dir}/.env`;
}

export function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
