// One check root's live state: the facts of every port source (the index), the incremental checker
// over them, and the views the features read. The CLI checks a folder through it, the language
// server keeps one per workspace folder, and the bench measures edits through it: all three run
// the same path from a changed file to its findings.
//
// The index reports which files an update changed (an edited `.env` also re-parses the compose
// files beside it), and the checker is given exactly those files when findings are next asked for.
import type { FileFacts, Finding } from '../model';
import { WorkspaceIndex, type IndexHost } from '../index/workspaceIndex';
import { Checker } from '../rules/checker';
import { RuleInputBuilder, type RuleInput } from '../rules/model';
import type { RuleSettings } from '../rules/settings';

export interface FolderModelOptions extends IndexHost {
  /** The root folder's name, which owns a bare `PORT=` in an env file at the root. */
  rootName?: string;
  rules?: RuleSettings;
}

/** The folder as it was at one version: nothing in it changes when the folder does. */
export interface FolderSnapshot {
  readonly version: number;
  /** Every finding, in document order. */
  readonly findings: readonly Finding[];
  readonly findingsByFile: ReadonlyMap<string, readonly Finding[]>;
  /** Every file's facts, in path order. */
  readonly files: readonly FileFacts[];
  facts(file: string): FileFacts | undefined;
  /** What the rules see: places with their identities and scopes, ranges and reservations (built on first use). */
  readonly input: RuleInput;
}

export class FolderModel {
  private readonly index: WorkspaceIndex;
  private checker: Checker;
  private rules: RuleSettings;
  /** Files whose facts changed since the checker last saw them. */
  private readonly unchecked = new Set<string>();
  private readonly inputBuilder = new RuleInputBuilder();
  private last: FolderSnapshot | undefined;

  constructor(options: FolderModelOptions) {
    this.index = new WorkspaceIndex(options, options.rootName);
    this.rules = options.rules ?? {};
    this.checker = new Checker(this.rules);
  }

  /** Bumped by every change of facts. */
  get version(): number {
    return this.index.version;
  }

  get size(): number {
    return this.index.size;
  }

  /** The current facts of one file (not a snapshot: they are replaced when the file changes). */
  facts(file: string): FileFacts | undefined {
    return this.index.get(file);
  }

  files(): IterableIterator<FileFacts> {
    return this.index.files();
  }

  /**
   * Reads a file again (`text`, else the host's read) and returns the files whose facts changed:
   * the file, or for an `.env` also the compose files that interpolate it. A file that is gone or
   * is no port source is removed.
   */
  update(file: string, text?: string): readonly string[] {
    return this.changed(text === undefined ? this.index.update(file) : this.index.update(file, text));
  }

  remove(file: string): readonly string[] {
    return this.changed(this.index.remove(file));
  }

  /** Takes facts parsed elsewhere (a parse worker), parsed from the text the host reads now. */
  set(facts: FileFacts): void {
    this.index.set(facts);
    this.changed([facts.file]);
  }

  /** New rule settings: the next findings come from a checker that has seen every file with them. */
  setRules(rules: RuleSettings): void {
    this.rules = rules;
    this.checker = new Checker(rules);
    for (const facts of this.index.files()) this.unchecked.add(facts.file);
    // The facts' version stays, but the findings change: the last snapshot is not this folder's any more.
    this.last = undefined;
  }

  /** Every finding, after the checker has seen the changed files. The list is shared: do not change it. */
  findings(): readonly Finding[] {
    this.catchUp();
    return this.checker.findings();
  }

  /** The same by file; an unchanged file keeps the identical list from check to check. */
  findingsByFile(): ReadonlyMap<string, readonly Finding[]> {
    this.catchUp();
    return this.checker.findingsByFile();
  }

  /** The folder as it is now, taken once per version. */
  snapshot(): FolderSnapshot {
    this.catchUp();
    if (this.last?.version === this.index.version) return this.last;
    this.last = this.takeSnapshot();
    return this.last;
  }

  private changed(files: readonly string[]): readonly string[] {
    for (const file of files) this.unchecked.add(file);
    return files;
  }

  private catchUp(): void {
    if (this.unchecked.size === 0) return;
    const changed: FileFacts[] = [];
    const removed: string[] = [];
    for (const file of this.unchecked) {
      const facts = this.index.get(file);
      if (facts) changed.push(facts);
      else removed.push(file);
    }
    this.unchecked.clear();
    try {
      this.checker.update(changed, removed);
    } catch (err) {
      // A checker that failed half-way is not trusted again: the next call starts from scratch.
      this.setRules(this.rules);
      throw err;
    }
  }

  private takeSnapshot(): FolderSnapshot {
    const version = this.index.version;
    const files = [...this.index.files()];
    const builder = this.inputBuilder;
    let input: RuleInput | undefined;
    let byFile: Map<string, FileFacts> | undefined;
    return {
      version,
      findings: this.checker.findings(),
      // The checker's map is updated in place; its lists are replaced, never changed.
      findingsByFile: new Map(this.checker.findingsByFile()),
      get files() {
        return this.input.files;
      },
      facts(file: string) {
        byFile ??= new Map(files.map((f) => [f.file, f]));
        return byFile.get(file);
      },
      get input() {
        input ??= builder.build(files);
        return input;
      },
    };
  }
}
