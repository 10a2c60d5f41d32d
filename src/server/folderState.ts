// One workspace folder as the server keeps it: its settings, its core FolderModel (facts and
// findings of files by '/'-separated paths relative to the folder), the files waiting to be
// re-read, the slicing of big scans, and what is logged. Open documents' text wins over the disk
// (the model's read asks the editor first).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Finding } from '../core/model';
import { DEFAULT_DISCOVER, discover, readSource, type DiscoverOptions } from '../core/discover';
import { mayBeSource } from '../core/parsers/dispatch';
import { FolderModel, type FolderSnapshot } from '../core/project/folderModel';
import { Debouncer } from './debounce';
import { folderConfig, type FolderConfig } from '../core/config/folderConfig';
import type { RuleSettings } from '../core/rules/settings';
import { DEFAULT_SETTINGS, sameFileSettings, type Settings } from './settings';
import { absoluteOf, fileUriOf } from './uris';
import { dirOf } from '../core/syntax/paths';
import { PROGRESS_MIN_FILES, type ScanProgress } from './indexProgress';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a folder needs from the server around it. */
export interface FolderHost {
  /** Text of the open document at this absolute path, if the client has it open. */
  openText(abs: string): string | undefined;
  /** URI the client opened the document at this absolute path with, if open. */
  openUri(abs: string): string | undefined;
  /** Whether this folder (and not a workspace folder nested in it) owns the absolute path. */
  owns(folder: FolderState, abs: string): boolean;
  loadSettings(folder: FolderState): Promise<Settings>;
  /** Progress shown while `total` files are indexed, when the client shows progress. */
  progress(title: string, total: number): ScanProgress | undefined;
  /** Called after every check, with the folder's new findings. */
  checked(folder: FolderState): void;
  /** Logs an exception once. */
  report(where: string, err: unknown): void;
  log: Logger;
}

/**
 * Indexing a folder or a big batch of changed files (a branch switch) runs in slices of about this
 * many milliseconds, yielding to the event loop in between, so requests and notifications are
 * served while it runs.
 */
const SLICE_MS = 15;
/** A batch of at most this many changed files is re-read in one go (typing, saving, a few files). */
const SMALL_BATCH = 64;

/** Lets the event loop run pending I/O (requests, notifications) before continuing. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `work` on each item, in slices of SLICE_MS; false when `stop` said so between slices. */
async function sliced<T>(items: readonly T[], work: (item: T) => void, stop: () => boolean): Promise<boolean> {
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      if (stop()) return false;
      sliceStart = performance.now();
    }
    work(item);
  }
  return true;
}

export class FolderState {
  settings: Settings = DEFAULT_SETTINGS;
  private model: FolderModel;
  findings: readonly Finding[] = [];
  /** The same findings by file, each file's list kept (the same object) while it is unchanged. */
  findingsByFile: ReadonlyMap<string, readonly Finding[]> = new Map();
  /** Resolves once the folder has been scanned and checked the first time. */
  ready: Promise<void> = Promise.resolve();
  /** The repository's portolan.config.json and ignore files, with the settings' globs on top. */
  private project: FolderConfig | undefined;
  private projectScanQueued = false;
  private readonly dirty = new Set<string>();
  /** Folders created on disk since the last check, to read the sources in. */
  private readonly createdFolders = new Set<string>();
  private readonly debouncer = new Debouncer(() => this.check());
  /** Files skipped, with the reason last logged for each. */
  private readonly skipped = new Map<string, string>();
  private loaded = false;
  private disposed = false;
  /** Bumped by every scan: a scan that sees a newer one (or disposal) between slices stops. */
  private scanGeneration = 0;
  /** A big batch of changed files being re-read in slices; checks asked for meanwhile wait for it. */
  private batch: Promise<void> | undefined;

  constructor(
    /** The folder URI as the client spelled it, without a trailing slash. */
    readonly uri: string,
    readonly name: string,
    readonly fsPath: string,
    private readonly host: FolderHost,
  ) {
    this.model = this.newModel();
  }

  /** Pulls the settings, then scans and checks the folder. */
  start(): Promise<void> {
    this.ready = this.reloadSettings();
    return this.ready;
  }

  /** Pulls the settings again (after the first load): new file settings rescan, others re-check. */
  refreshSettings(): Promise<void> {
    this.ready = this.ready.then(() => this.reloadSettings());
    return this.ready;
  }

  private async reloadSettings(): Promise<void> {
    try {
      const settings = await this.host.loadSettings(this);
      if (this.disposed) return;
      const rescan = !this.loaded || !sameFileSettings(this.settings, settings);
      const rules = JSON.stringify(this.rules());
      this.settings = settings;
      if (rescan) {
        this.project = undefined;
        await this.scan();
        return;
      }
      if (JSON.stringify(this.rules()) !== rules) this.model.setRules(this.rules());
      this.check();
    } catch (err) {
      this.host.report(`loading ${this.name}`, err);
    }
  }

  /** portolan.config.json or an ignore file changed: read them again and scan the folder again. */
  projectFilesChanged(): Promise<void> {
    // A branch switch changes many ignore files at once: one scan after the last of them.
    if (this.projectScanQueued) return this.ready;
    this.projectScanQueued = true;
    this.ready = this.ready.then(() => {
      this.projectScanQueued = false;
      this.project = undefined;
      return this.scan();
    });
    return this.ready;
  }

  /** The configuration file and ignore files, read once per scan; what they say wrong is logged. */
  private projectConfig(): FolderConfig {
    if (!this.project) {
      const problems: string[] = [];
      this.project = folderConfig(this.fsPath, problems, { include: this.settings.files.include, exclude: this.settings.files.exclude });
      for (const problem of problems) this.host.log.warn(`[${this.name}] ${problem}`);
      if (this.project.file) this.host.log.info(`[${this.name}] configuration: ${this.project.file}`);
    }
    return this.project;
  }

  /** The configuration file's rule severities, with the settings' on top. */
  private rules(): RuleSettings {
    return { ...this.projectConfig().config.rules, ...this.settings.rules };
  }

  /** Scans again once the current work is done (a workspace folder was nested in this one, or removed from it). */
  rescan(): Promise<void> {
    this.ready = this.ready.then(() => this.scan());
    return this.ready;
  }

  /**
   * Discovers and indexes every port source on disk (open documents' text wins), then checks. The
   * files are read in slices, yielding between them; changes that arrive meanwhile are applied
   * after the scan.
   */
  async scan(): Promise<void> {
    if (this.disposed) return;
    const generation = ++this.scanGeneration;
    this.debouncer.cancel();
    this.loaded = false;
    this.model = this.newModel(this.rules());
    try {
      const found = discover(this.fsPath, this.discoverOptions());
      for (const s of found.skipped) this.host.log.info(`[${this.name}] skipped ${s.file}: ${s.reason}`);
      // Files changed before the scan reads them are read in their new state anyway.
      for (const file of found.files) this.dirty.delete(file);
      let indexed = 0;
      let read = 0;
      const progress = found.files.length >= PROGRESS_MIN_FILES ? this.host.progress(`Portolan: indexing ${this.name}`, found.files.length) : undefined;
      const finished = await sliced(found.files, (file) => {
        progress?.report(read++);
        // discover() already left out what is no source, excluded or ignored.
        if (!this.owns(file)) return;
        this.updateFile(file);
        if (this.model.facts(file)) indexed++;
      }, () => this.disposed || generation !== this.scanGeneration).finally(() => progress?.done());
      if (!finished) return;
      this.host.log.info(`[${this.name}] indexed ${indexed} of ${found.files.length} port source files`);
    } catch (err) {
      this.host.report(`scanning ${this.name}`, err);
    }
    this.loaded = true;
    this.check();
  }

  /** Whether a file is one this folder indexes: a port source, not excluded, not a nested folder's. */
  inScope(file: string): boolean {
    if (!mayBeSource(file)) return false;
    if (inExcludedFolder(file.split('/').slice(0, -1))) return false;
    return !this.projectConfig().filter.skipsFile(file) && this.owns(file);
  }

  /** What discover() skips and how much it reads in this folder: its settings and configuration. */
  private discoverOptions(): DiscoverOptions {
    return { maxFileBytes: this.settings.maxFileSize, excludeDirs: DEFAULT_DISCOVER.excludeDirs, filter: this.projectConfig().filter };
  }

  /** Not a file of a workspace folder nested in this one. */
  private owns(file: string): boolean {
    return this.host.owns(this, absoluteOf(this.fsPath, file));
  }

  /** A file changed (typed, saved, created, deleted, opened or closed): re-read it after `delayMs`. */
  changed(file: string, delayMs: number): void {
    if (this.disposed) return;
    this.dirty.add(file);
    if (this.loaded) this.debouncer.schedule(delayMs);
  }

  /**
   * A path created on disk that names no port source: when it is a folder (not an excluded one),
   * the sources in it are read at the next check. A watcher can miss every file of a new folder
   * (they are written before it watches the folder), so none of them would be heard of at all.
   */
  created(file: string, delayMs: number): void {
    if (this.disposed || inExcludedFolder(file.split('/')) || this.projectConfig().filter.skipsFolder(file)) return;
    if (!this.owns(file) || !isFolder(absoluteOf(this.fsPath, file))) return;
    this.createdFolders.add(file);
    if (this.loaded) this.debouncer.schedule(delayMs);
  }

  /** A folder was deleted: every indexed file under it is re-read (and so removed). */
  removedFolder(dir: string, delayMs: number): void {
    const prefix = `${dir}/`;
    for (const facts of [...this.model.files()]) if (facts.file.startsWith(prefix)) this.changed(facts.file, delayMs);
  }

  /** Applies the pending changes now (before answering a hover or the allocations request). */
  flush(): void {
    if (this.loaded && (this.dirty.size > 0 || this.createdFolders.size > 0 || this.debouncer.pending)) {
      this.debouncer.cancel();
      this.check();
    }
  }

  /**
   * Re-reads the changed files and runs the rules over the folder. A big batch (a branch switch
   * changing thousands of files) is re-read in slices; `ready` then resolves once it is applied.
   */
  check(): void {
    if (this.disposed || !this.loaded) return;
    this.debouncer.cancel();
    // The running batch checks again when it is done if more changes arrived.
    if (this.batch) return;
    const files = [...this.dirty];
    this.dirty.clear();
    files.push(...this.filesInNewFolders(files));
    if (files.length > SMALL_BATCH) {
      const batch = this.readBatch(files);
      this.batch = batch;
      this.ready = this.ready.then(() => batch);
      return;
    }
    for (const file of files) this.reread(file);
    this.finishCheck();
  }

  /**
   * The other sources of folders that appeared with these files, and those of the folders created
   * on disk. A watcher can miss the files of a new folder (they are written before it watches the
   * folder), and an editor may open one file of a folder it created: the first file the index
   * hears of under a folder it knows nothing under has the whole new folder (its highest such
   * folder) discovered.
   */
  private filesInNewFolders(files: readonly string[]): string[] {
    const created = [...this.createdFolders];
    this.createdFolders.clear();
    const unknown = files.filter((file) => !this.model.facts(file) && this.inScope(file));
    if (unknown.length === 0 && created.length === 0) return [];
    const known = new Set<string>();
    for (const facts of this.model.files()) {
      for (let dir = dirOf(facts.file); dir !== '' && !known.has(dir); dir = dirOf(dir)) known.add(dir);
    }
    const tops = new Set<string>(created);
    for (const file of unknown) {
      let top: string | undefined;
      for (let dir = dirOf(file); dir !== '' && !known.has(dir); dir = dirOf(dir)) top = dir;
      if (top !== undefined) tops.add(top);
    }
    const given = new Set(files);
    const options = this.discoverOptions();
    // A folder inside another one being discovered is walked with it (a build creates a tree of them).
    const outermost = [...tops].filter((top) => {
      for (let dir = dirOf(top); dir !== ''; dir = dirOf(dir)) if (tops.has(dir)) return false;
      return true;
    });
    return outermost.flatMap((top) => discover(this.fsPath, options, top).files.filter((file) => !given.has(file)));
  }

  private async readBatch(files: string[]): Promise<void> {
    try {
      const finished = await sliced(files, (file) => this.reread(file), () => this.disposed);
      if (finished) this.finishCheck();
    } finally {
      this.batch = undefined;
    }
    if (!this.disposed && this.dirty.size > 0) this.check();
  }

  private reread(file: string): void {
    if (this.inScope(file)) this.updateFile(file);
    else this.removeFile(file);
  }

  private finishCheck(): void {
    try {
      this.findings = this.model.findings();
      this.findingsByFile = this.model.findingsByFile();
    } catch (err) {
      // The model starts its checker over from scratch next time.
      this.host.report(`checking ${this.name}`, err);
    }
    try {
      this.host.checked(this);
    } catch (err) {
      this.host.report(`publishing ${this.name}`, err);
    }
  }

  /** The folder as of the last change, checked. */
  snapshot(): FolderSnapshot {
    return this.model.snapshot();
  }

  /** The current text of a file (the open document's, else the disk's), undefined when unreadable. */
  textOf(file: string): string | undefined {
    return this.read(file);
  }

  /** The URI of a folder-relative file: the open document's when the client has it open. */
  uriOf(file: string): string {
    return this.host.openUri(absoluteOf(this.fsPath, file)) ?? fileUriOf(this.uri, file);
  }

  dispose(): void {
    this.disposed = true;
    this.debouncer.cancel();
  }

  /** An empty model; the first scan makes one with the folder's rule settings. */
  private newModel(rules: RuleSettings = {}): FolderModel {
    return new FolderModel({ read: (file) => this.read(file), rootName: path.basename(this.fsPath), rules });
  }

  private updateFile(file: string): void {
    try {
      this.model.update(file);
    } catch (err) {
      this.host.report(`reading ${file}`, err);
      this.removeFile(file);
    }
  }

  private removeFile(file: string): void {
    try {
      this.model.remove(file);
    } catch (err) {
      this.host.report(`removing ${file}`, err);
    }
  }

  /** IndexHost.read: the open document's text, else the disk; undefined when gone or skipped. */
  private read(file: string): string | undefined {
    const abs = absoluteOf(this.fsPath, file);
    const open = this.host.openText(abs);
    if (open !== undefined) {
      if (open.length > this.settings.maxFileSize) return this.skip(file, `open document larger than ${this.settings.maxFileSize} characters (${open.length})`);
      this.skipped.delete(file);
      return open;
    }
    const result = readSource(abs, this.settings.maxFileSize, this.fsPath);
    if ('text' in result) {
      this.skipped.delete(file);
      return result.text;
    }
    if (result.skipped.code === 'gone') {
      this.skipped.delete(file);
      return undefined;
    }
    return this.skip(file, result.skipped.reason);
  }

  private skip(file: string, reason: string): undefined {
    if (this.skipped.get(file) !== reason) {
      this.skipped.set(file, reason);
      this.host.log.info(`[${this.name}] skipped ${file}: ${reason}`);
    }
    return undefined;
  }
}

/** Whether one of these folder names is one discover() never walks into (node_modules, .git, ...). */
function inExcludedFolder(folders: readonly string[]): boolean {
  return folders.some((d) => DEFAULT_DISCOVER.excludeDirs.has(d));
}

function isFolder(fsPath: string): boolean {
  try {
    return fs.statSync(fsPath).isDirectory();
  } catch {
    return false;
  }
}
