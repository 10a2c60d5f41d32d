// One order for paths and names everywhere: by UTF-16 code unit, the same on every machine and
// locale (localeCompare is neither, and slow), so sorted output does not depend on where it ran.

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
