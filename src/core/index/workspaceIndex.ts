// Facts per file for one check root, updated one file at a time. Compose files depend on the
// `.env` beside them (interpolation), so changing an env file re-reads its sibling compose files.
import type { FileFacts, SourceKind } from '../model';
import { mayBeSource, parseByKind, sourceKindIn } from '../parsers/dispatch';
import { readEnvVariables } from '../parsers/env';
import { baseOf, dirOf, envFileIn } from '../syntax/paths';

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
   * Re-reads one file (files use '/' separators, relative to the root). Returns false when it is
   * not a port source (a YAML file of another name that is no compose file is dropped).
   */
  update(file: string, text = this.host.read(file)): boolean {
    if (!mayBeSource(file)) return false;
    if (text === undefined) {
      this.remove(file);
      return true;
    }
    const kind = sourceKindIn(file, text);
    if (!kind) {
      this.remove(file);
      return false;
    }
    this.set(this.parse(file, kind, text));
    if (kind === 'env' && baseOf(file) === '.env') this.refreshComposeIn(dirOf(file));
    return true;
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

  remove(file: string): void {
    if (!this.facts.delete(file)) return;
    const composeFiles = this.composeByDir.get(dirOf(file));
    if (composeFiles?.delete(file) && composeFiles.size === 0) this.composeByDir.delete(dirOf(file));
    this.version++;
    if (baseOf(file) === '.env') this.refreshComposeIn(dirOf(file));
  }

  private parse(file: string, kind: SourceKind, text: string): FileFacts {
    const dir = dirOf(file);
    const folderName = dir === '' ? this.rootName : baseOf(dir);
    const env = kind === 'compose' ? this.siblingEnv(dir) : undefined;
    return parseByKind(kind, text, { file, env, folderName });
  }

  private siblingEnv(dir: string): Map<string, string> | undefined {
    const text = this.host.read(envFileIn(dir));
    return text === undefined ? undefined : readEnvVariables(text);
  }

  private refreshComposeIn(dir: string): void {
    for (const file of this.composeByDir.get(dir) ?? []) {
      const text = this.host.read(file);
      if (text !== undefined) this.facts.set(file, this.parse(file, 'compose', text));
    }
  }
}
