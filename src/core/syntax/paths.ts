// Paths inside a check root use '/' separators.

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

export function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
