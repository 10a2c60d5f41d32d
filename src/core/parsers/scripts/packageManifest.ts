// What a package.json says about the servers it starts: its `name` and its `scripts`, each string
// with the offset in the file of every character, so a port inside a script is located exactly
// even behind JSON escapes (`\"`, `\u0033`). Only valid JSON is read, as npm reads it.

import { Scanner, type JsonText } from '../json/scanner';

export interface PackageManifest {
  name?: JsonText;
  /** It lists `workspaces`: the root of a monorepo, whose scripts run its packages. */
  workspaces: boolean;
  /** Script name → command, in the order written (a name written twice: the last, as JSON.parse keeps). */
  scripts: Array<{ name: JsonText; command: JsonText }>;
}

/** The manifest in `text`, or undefined when it is not a JSON object. Never throws. */
export function readPackageManifest(text: string): PackageManifest | undefined {
  // npm reads a manifest that starts with a byte order mark; JSON.parse does not.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    JSON.parse(start === 0 ? text : text.slice(start));
  } catch {
    return undefined;
  }
  const scanner = new Scanner(text, start);
  const manifest: PackageManifest = { scripts: [], workspaces: false };
  const ok = scanner.object((key) => {
    // A key written twice counts as JSON.parse takes it: the last value, whatever it is.
    if (key.value === 'workspaces') manifest.workspaces = true;
    if (key.value === 'name') {
      manifest.name = scanner.peek() === '"' ? scanner.string() : undefined;
      return manifest.name !== undefined || scanner.skipValue();
    }
    if (key.value !== 'scripts') return scanner.skipValue();
    if (scanner.peek() !== '{') {
      manifest.scripts = [];
      return scanner.skipValue();
    }
    const read = scripts(scanner);
    manifest.scripts = read ?? [];
    return read !== undefined;
  });
  return ok ? manifest : undefined;
}

/** The string members of the `scripts` object at the reader; undefined when it cannot be read. */
function scripts(scanner: Scanner): PackageManifest['scripts'] | undefined {
  const byName = new Map<string, { name: JsonText; command: JsonText }>();
  const ok = scanner.object((name) => {
    if (scanner.peek() !== '"') return scanner.skipValue();
    const command = scanner.string();
    if (!command) return false;
    byName.delete(name.value);
    byName.set(name.value, { name, command });
    return true;
  });
  return ok ? [...byName.values()] : undefined;
}
