// Include/exclude globs over '/'-separated paths relative to a folder, as the settings, the
// configuration file and `portolan check --exclude` write them.
import picomatch from 'picomatch';

export interface GlobFilter {
  /** Whether a file is read: the include globs (if any) take it and no exclude glob does. */
  reads(file: string): boolean;
  /** Whether a folder is excluded, so nothing under it is read. */
  excludesFolder(dir: string): boolean;
}

/**
 * The include/exclude test for paths relative to the folder. A glob without a '/' matches a file
 * or folder name at any depth (`*.draft.md`, `legacy`); a glob that excludes a folder excludes
 * everything under it (`docs/archive`, `docs/archive/**`).
 */
export function globFilter(include: readonly string[], exclude: readonly string[]): GlobFilter {
  const includes = compile(include);
  const excludes = compile(exclude);
  return {
    reads: (file) => (!includes || includes(file)) && !(excludes && excludes(file)),
    excludesFolder: (dir) => excludes !== undefined && excludes(dir),
  };
}

function compile(globs: readonly string[]): ((file: string) => boolean) | undefined {
  const clean = globs.map((g) => g.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter((g) => g !== '');
  if (clean.length === 0) return undefined;
  const full = picomatch(clean.map((g) => (g.includes('/') ? g : `**/${g}`)), { dot: true });
  return (file: string) => full(file) || ancestors(file).some((dir) => full(dir));
}

function ancestors(file: string): string[] {
  const out: string[] = [];
  for (let i = file.indexOf('/'); i >= 0; i = file.indexOf('/', i + 1)) out.push(file.slice(0, i));
  return out;
}
