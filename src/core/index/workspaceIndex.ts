// Facts per file for one check root, updated one file at a time. Compose files depend on the
// `.env` beside them (interpolation), or where there is none on its template (`.env.example`), so
// changing either re-reads the compose files beside it.
import type { FileFacts, SourceKind } from '../model';
import { mayBeSource, parseByKind, sourceKindIn } from '../parsers/dispatch';
import { readEnvVariables } from '../parsers/env';
import { baseOf, dirOf, feedsInterpolation, interpolationSourceIn } from '../syntax/paths';

export interface IndexHost {
  /** Current text of a file (an open editor's buffer or the disk), undefined when it is gone. */
  read(file: string): string | undefined;
}

export class WorkspaceIndex {
  private readonly facts = new Map<string, FileFacts>();
  /** Compose files by folder: the ones an edited `.env` there makes re-read. */
  private readonly composeByDir = new Map<string, Set<string>>();
  /** Bumped on every change, so callers can cache derived results. */
  version = 0;

  /** `rootName` owns a bare `PORT=` in an env file at the root. */
  constructor(private readonly host: IndexHost, private readonly rootName?: string) {}

  files(): IterableIterator<FileFacts> {
    return this.facts.values();
  }

  get(file: string): FileFacts | undefined {
    return this.facts.get(file);
  }

  get size(): number {
    return this.facts.size;
  }

  /**
   * Re-reads one file (files use '/' separators, relative to the root) and returns the files whose
   * facts changed: the file itself, gone when it is no port source (a YAML file of another name that
   * is no compose file), and for a `.env` the compose files beside it, parsed again.
   */
  update(file: string, text = this.host.read(file)): string[] {
    if (!mayBeSource(file)) return [];
    const kind = text === undefined ? undefined : sourceKindIn(file, text);
    if (!kind) return this.remove(file);
    this.set(this.parse(file, kind, text!));
    return kind === 'env' && feedsInterpolation(file) ? [file, ...this.refreshComposeIn(dirOf(file))] : [file];
  }

  /**
   * Takes facts parsed elsewhere (a parse worker) from the text `read` gives now. A compose file's
   * facts must have been parsed with the `.env` beside it: nothing is re-parsed here.
   */
  set(facts: FileFacts): void {
    this.facts.set(facts.file, facts);
    if (facts.kind === 'compose') {
      const dir = dirOf(facts.file);
      this.composeByDir.set(dir, (this.composeByDir.get(dir) ?? new Set()).add(facts.file));
    }
    this.version++;
  }

  /** Forgets a file; returns the files whose facts changed (it, and compose files its `.env` fed). */
  remove(file: string): string[] {
    if (!this.facts.delete(file)) return [];
    const composeFiles = this.composeByDir.get(dirOf(file));
    if (composeFiles?.delete(file) && composeFiles.size === 0) this.composeByDir.delete(dirOf(file));
    this.version++;
    return feedsInterpolation(file) ? [file, ...this.refreshComposeIn(dirOf(file))] : [file];
  }

  private parse(file: string, kind: SourceKind, text: string): FileFacts {
    const dir = dirOf(file);
    const folderName = dir === '' ? this.rootName : baseOf(dir);
    return parseByKind(kind, text, { file, folderName, ...(kind === 'compose' ? this.siblingEnv(dir) : {}) });
  }

  /** The variables compose files in `dir` interpolate: its `.env`'s, or else its template's. */
  private siblingEnv(dir: string): { env?: Map<string, string>; envTemplate?: Map<string, string> } {
    const source = interpolationSourceIn(dir, (file) => this.host.read(file));
    if (!source) return {};
    return source.template ? { envTemplate: readEnvVariables(source.text) } : { env: readEnvVariables(source.text) };
  }

  /** Parses the compose files of `dir` again with its `.env` as it is now; returns them. */
  private refreshComposeIn(dir: string): string[] {
    const refreshed: string[] = [];
    for (const file of this.composeByDir.get(dir) ?? []) {
      const text = this.host.read(file);
      if (text === undefined) continue;
      this.facts.set(file, this.parse(file, 'compose', text));
      refreshed.push(file);
    }
    return refreshed;
  }
}
