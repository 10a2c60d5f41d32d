// The Checker's findings, kept in groups (one per file, service or port a rule evaluates) and
// filed by the file each finding is at. An edit replaces a few groups; only the files those groups
// touch are finished again (sorted, deduplicated, settings applied), so the list the editor gets
// costs what the edit changed, not what the workspace holds.
import type { Finding } from '../model';
import { compareText } from '../text/compareText';

/** A group's name: a string, or a number for the many groups of one kind (ports). */
export type GroupKey = string | number;

/** Turns one file's raw findings into what is reported for it. */
export type FinishFile = (raw: Finding[]) => Finding[];

export class FindingStore {
  private readonly groups = new Map<GroupKey, Finding[]>();
  /** File → the groups with a finding at it. */
  private readonly groupsAt = new Map<string, Set<GroupKey>>();
  private readonly finished = new Map<string, Finding[]>();
  private readonly stale = new Set<string>();
  /** Files with findings, in order; undefined when that set changed. */
  private files: string[] | undefined = [];
  private all: Finding[] | undefined = [];

  constructor(private readonly finish: FinishFile) {}

  get(group: GroupKey): Finding[] {
    return this.groups.get(group) ?? [];
  }

  set(group: GroupKey, findings: Finding[]): void {
    const old = this.groups.get(group);
    if (old === undefined && findings.length === 0) return;
    for (const f of old ?? []) {
      this.groupsAt.get(f.loc.file)?.delete(group);
      this.stale.add(f.loc.file);
    }
    if (findings.length === 0) this.groups.delete(group);
    else this.groups.set(group, findings);
    for (const f of findings) {
      let at = this.groupsAt.get(f.loc.file);
      if (!at) this.groupsAt.set(f.loc.file, (at = new Set()));
      at.add(group);
      this.stale.add(f.loc.file);
    }
  }

  clear(): void {
    this.groups.clear();
    this.groupsAt.clear();
    this.finished.clear();
    this.stale.clear();
    this.files = [];
    this.all = [];
  }

  /**
   * Each file's reported findings. A file's list is replaced, never changed, when its findings
   * change, so a caller can tell an unchanged file by the identity of its list.
   */
  byFile(): ReadonlyMap<string, readonly Finding[]> {
    if (this.stale.size > 0) this.refresh();
    return this.finished;
  }

  /** Every reported finding, by file (in path order) and within a file as `finish` ordered them. */
  list(): Finding[] {
    if (this.stale.size > 0) this.refresh();
    if (!this.all) {
      this.files ??= [...this.finished.keys()].sort(compareText);
      this.all = this.files.flatMap((file) => this.finished.get(file)!);
    }
    return this.all;
  }

  private refresh(): void {
    for (const file of this.stale) {
      const groups = this.groupsAt.get(file);
      const raw = groups ? [...groups].flatMap((g) => this.groups.get(g)!.filter((f) => f.loc.file === file)) : [];
      const finished = raw.length > 0 ? this.finish(raw) : [];
      if (groups?.size === 0) this.groupsAt.delete(file);
      const had = this.finished.has(file);
      if (finished.length > 0) this.finished.set(file, finished);
      else this.finished.delete(file);
      if (had !== finished.length > 0) this.files = undefined;
    }
    this.stale.clear();
    this.all = undefined;
  }
}
