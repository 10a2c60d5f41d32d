// `.gitignore` and `.portolanignore` files, read as git reads them: each file's patterns are
// relative to its folder, a deeper file overrides a shallower one, and a later pattern (`!keep`)
// overrides an earlier one. A CI run and the editor then read the same files a repository keeps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export const IGNORE_FILE_NAMES = ['.gitignore', '.portolanignore'] as const;

export class IgnoreFiles {
  /** Per folder ('' is the root): its rules, or null when it has no ignore file. */
  private readonly folders = new Map<string, Ignore | null>();

  /** `readText` returns a file's text, or undefined when there is none (tests pass their own). */
  constructor(private readonly root: string, private readonly readText: (file: string) => string | undefined = readIfThere) {}

  /** Per folder: whether it is ignored, itself or through a folder above it. */
  private readonly ignoredFolders = new Map<string, boolean>();

  /** Whether a '/'-separated path relative to the root is ignored; `isDir` for a folder. */
  ignores(rel: string, isDir: boolean): boolean {
    const slash = rel.lastIndexOf('/');
    // As in git, nothing under an ignored folder comes back with a `!` pattern.
    if (slash >= 0 && this.folderIgnored(rel.slice(0, slash))) return true;
    return this.decide(rel, isDir);
  }

  private folderIgnored(dir: string): boolean {
    let ignored = this.ignoredFolders.get(dir);
    if (ignored === undefined) {
      ignored = this.ignores(dir, true);
      this.ignoredFolders.set(dir, ignored);
    }
    return ignored;
  }

  /** What the ignore files say about the path itself: the deepest folder whose rules decide wins. */
  private decide(rel: string, isDir: boolean): boolean {
    const parts = rel.split('/');
    for (let depth = parts.length - 1; depth >= 0; depth--) {
      const rules = this.rulesOf(parts.slice(0, depth).join('/'));
      if (!rules) continue;
      const verdict = rules.test(parts.slice(depth).join('/') + (isDir ? '/' : ''));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }

  /**
   * A folder whose entries are known (a walk just listed them): its ignore files are read from what
   * is there, without asking the file system about the ones that are not, for every folder.
   */
  listed(dir: string, entries: readonly { name: string }[]): void {
    if (!this.folders.has(dir)) this.folders.set(dir, this.rulesFrom(dir, IGNORE_FILE_NAMES.filter((name) => entries.some((e) => e.name === name))));
  }

  private rulesOf(dir: string): Ignore | null {
    let rules = this.folders.get(dir);
    if (rules === undefined) {
      rules = this.rulesFrom(dir, IGNORE_FILE_NAMES);
      this.folders.set(dir, rules);
    }
    return rules;
  }

  private rulesFrom(dir: string, names: readonly string[]): Ignore | null {
    const texts = names.map((name) => this.readText(path.join(this.root, dir, name))).filter((t): t is string => t !== undefined);
    // .portolanignore comes after .gitignore, so its `!pattern` can bring back what git ignores.
    return texts.length === 0 ? null : ignore({ allowRelativePaths: true }).add(texts.join('\n'));
  }
}

function readIfThere(file: string): string | undefined {
  // Most folders have no ignore file: asking costs less than the exception a failed read throws.
  if (!fs.existsSync(file)) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // No ignore file, or one that cannot be read: it ignores nothing.
    return undefined;
  }
}
