// Findings kept up to date file by file. An edit re-evaluates only the services and ports it
// touched: places are indexed by service and by port, and findings are cached per service (mismatch),
// per port (conflict) and per file (parse problems, ranges, reserved ports). Files that change how
// every file is read (aliases, projects, reservations) and registry files (which services are
// registered) trigger a full re-check.
import type { FileFacts, Finding } from '../model';
import { conflictsAt } from './conflict';
import { mismatchesOf } from './mismatch';
import { compareLocations, hasSharedFacts, placeKey, placesOf, sharedFacts, type Place, type SharedFacts } from './model';
import { FindingStore } from './findingStore';
import { findOutOfRange, findOverlaps, findReservedUse } from './ranges';
import type { RuleSettings } from './settings';
import { isRegistry, unregisteredOf } from './unregistered';
import { baseOf, dirOf, envFileIn } from '../syntax/paths';
import { compareText } from '../text/compareText';

/** Published ranges wider than this are checked by their first port only (e.g. RTP pools). */
const MAX_EXPANDED_RANGE = 1024;

type Keys = Set<string>;

export class Checker {
  private readonly files = new Map<string, FileFacts>();
  private shared: SharedFacts = sharedFacts([]);
  private readonly placesByFile = new Map<string, Place[]>();
  private readonly byService = new Map<string, Set<Place>>();
  private readonly byPort = new Map<string, Set<Place>>();
  /** Findings in groups: `f` + file, `m` + service key (mismatch), `c` + port key, `u` + service key (unregistered). */
  private readonly store = new FindingStore((raw) => this.finish(raw));
  /** The registry's file name when the files include one, the identities it lists and their scopes. */
  private registryName: string | undefined;
  private registered = new Set<string>();
  private registeredScopes = new Set<string>();
  /** `dir\u0000VAR` → how many compose places interpolate VAR from the `.env` in dir. */
  private readonly interpolations = new Map<string, number>();
  /**
   * Places reported as mismatched (conflicts that exist only because of them are folded in), with
   * a count: after an edit an offset can be reported for a new service before the old one's
   * finding there is dropped.
   */
  private readonly mismatched = new Map<string, number>();

  constructor(private readonly settings: RuleSettings = {}) {}

  /** Applies changed files and removed files, then re-checks what they touched. */
  update(changed: Iterable<FileFacts>, removed: Iterable<string> = []): void {
    // The last facts given for a file win; a file given twice is indexed once.
    const changes = [...new Map([...changed].map((f) => [f.file, f] as const)).values()];
    const gone = [...removed].filter((file) => this.files.has(file));
    const touchesShared = [...changes, ...gone.map((file) => this.files.get(file)!)]
      .some((f) => hasSharedFacts(f) || f.kind === 'registry' || (this.files.has(f.file) && hasSharedFacts(this.files.get(f.file)!)));
    for (const file of gone) this.files.delete(file);
    for (const f of changes) this.files.set(f.file, f);
    if (touchesShared) {
      this.rebuild();
      return;
    }
    const services: Keys = new Set();
    const ports: Keys = new Set();
    for (const file of [...gone, ...changes.map((f) => f.file)]) this.unindex(file, services, ports);
    for (const f of changes) this.index(f, services, ports);
    this.recheck(services, ports);
  }

  /** Every finding, in document order. The list is shared: read it, do not change it. */
  findings(): readonly Finding[] {
    return this.store.list();
  }

  /** The same findings by file; an unchanged file keeps the identical list from check to check. */
  findingsByFile(): ReadonlyMap<string, readonly Finding[]> {
    return this.store.byFile();
  }

  /** One file's raw findings as reported: settings applied, suppressed and duplicate ones dropped. */
  private finish(raw: Finding[]): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    // In a fixed order, so which of a range's clashes is kept does not depend on the edit history.
    const all = raw.sort((a, b) => compareLocations(a.loc, b.loc) || compareText(a.rule, b.rule) || (a.port ?? 0) - (b.port ?? 0) || compareText(a.message, b.message));
    for (const f of all) {
      const severity = this.settings[f.rule] ?? f.severity;
      if (severity === 'off' || this.isSuppressed(f)) continue;
      // A published range clashes on each of its ports: one finding per place and service.
      const key = `${f.rule}\u0000${placeKey(f.loc)}\u0000${f.service ?? ''}\u0000${f.rule === 'port-conflict' ? '' : f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(severity === f.severity ? f : { ...f, severity });
    }
    return out;
  }

  private isSuppressed(f: Finding): boolean {
    const list = this.files.get(f.loc.file)?.suppressions;
    return !!list?.some((s) => s.line === f.loc.span.startLine && (s.rules.length === 0 || s.rules.includes(f.rule)));
  }

  private rebuild(): void {
    this.shared = sharedFacts(this.files.values());
    for (const map of [this.placesByFile, this.byService, this.byPort]) map.clear();
    this.store.clear();
    this.mismatched.clear();
    this.interpolations.clear();
    const services: Keys = new Set();
    const ports: Keys = new Set();
    for (const f of this.files.values()) this.index(f, services, ports);
    const registries = [...this.files.values()].filter(isRegistry).map((f) => f.file).sort();
    this.registryName = registries.length > 0 ? baseOf(registries[0]) : undefined;
    const listed = registries.flatMap((file) => this.placesByFile.get(file) ?? []);
    this.registered = new Set(listed.map((p) => p.identity));
    this.registeredScopes = new Set(listed.map((p) => p.scope));
    this.recheck(services, ports);
  }

  private count(key: string, by: number): void {
    const n = (this.mismatched.get(key) ?? 0) + by;
    if (n > 0) this.mismatched.set(key, n);
    else this.mismatched.delete(key);
  }

  private index(f: FileFacts, services: Keys, ports: Keys): void {
    const places = placesOf(f, this.shared);
    this.placesByFile.set(f.file, places);
    this.touchInterpolated(places, services, +1);
    for (const p of places) {
      addTo(this.byService, serviceKeyOf(p), p, services);
      if (!p.claim) for (const key of portKeysOf(p)) addTo(this.byPort, key, p, ports);
    }
    const ranges = new Map(f.ranges.map((r) => [r.id, r]));
    this.store.set(`f${f.file}`, [
      ...f.problems.map((p): Finding => ({ rule: p.rule, severity: 'error', message: p.message, port: p.port, loc: p.loc, related: [] })),
      ...findOutOfRange(places, ranges),
      ...findOverlaps(f.ranges),
      ...findReservedUse(places, this.shared.reserved, this.shared.keptFree),
    ]);
  }

  private unindex(file: string, services: Keys, ports: Keys): void {
    this.touchInterpolated(this.placesByFile.get(file) ?? [], services, -1);
    for (const p of this.placesByFile.get(file) ?? []) {
      removeFrom(this.byService, serviceKeyOf(p), p, services);
      if (!p.claim) for (const key of portKeysOf(p)) removeFrom(this.byPort, key, p, ports);
    }
    this.placesByFile.delete(file);
    this.store.set(`f${file}`, []);
  }

  /**
   * An env variable a compose file beside it interpolates (`${SETTLEMENT_PORT:-8087}`) is that
   * compose service's port, whatever its own name says: it is not a service of its own to register.
   */
  private interpolated(p: Place): boolean {
    return p.source === 'env' && p.variable !== undefined && this.interpolations.has(`${dirOf(p.loc.file)}\u0000${p.variable}`);
  }

  /**
   * Counts the variables compose places interpolate (`dir\u0000VAR`), and marks the env places of
   * those variables for a re-check with them.
   */
  private touchInterpolated(places: Place[], services: Keys, by: 1 | -1): void {
    for (const c of places) {
      if (c.source !== 'compose' || c.fromVariable === undefined) continue;
      const dir = dirOf(c.loc.file);
      const key = `${dir}\u0000${c.fromVariable}`;
      const n = (this.interpolations.get(key) ?? 0) + by;
      if (n > 0) this.interpolations.set(key, n);
      else this.interpolations.delete(key);
      const env = this.placesByFile.get(envFileIn(dir)) ?? [];
      for (const p of env) if (p.variable === c.fromVariable) services.add(serviceKeyOf(p));
    }
  }

  /**
   * A registry answers for the scopes it lists services in: a project it hands a folder and a
   * range to (`projects:`) keeps its own services, checked against that range, not listed here.
   */
  private unregistered(serviceKey: string, places: Place[]): Finding[] {
    if (this.registryName === undefined) return [];
    const split = serviceKey.indexOf('\u0000');
    if (!this.registeredScopes.has(serviceKey.slice(0, split)) || this.registered.has(serviceKey.slice(split + 1))) return [];
    return unregisteredOf(places.filter((p) => !this.interpolated(p)), this.registryName);
  }

  private recheck(services: Keys, ports: Keys): void {
    for (const key of services) {
      for (const f of this.store.get(`m${key}`)) this.count(placeKey(f.loc), -1);
      const places = sorted(this.byService.get(key));
      const findings = places.length > 1 ? mismatchesOf(places) : [];
      for (const f of findings) this.count(placeKey(f.loc), +1);
      this.store.set(`m${key}`, findings);
      this.store.set(`u${key}`, this.unregistered(key, places));
      // Whether a place is mismatched decides whether it can conflict.
      for (const p of places) if (!p.claim) for (const portKey of portKeysOf(p)) ports.add(portKey);
    }
    for (const key of ports) {
      const eligible = sorted(this.byPort.get(key)).filter((p) => !this.mismatched.has(placeKey(p.loc)));
      const findings = new Set(eligible.map((p) => p.identity)).size > 1 ? conflictsAt(portOfKey(key), eligible) : [];
      this.store.set(`c${key}`, findings);
    }
  }
}

function serviceKeyOf(p: Place): string {
  return `${p.scope}\u0000${p.identity}`;
}

function portKeysOf(p: Place): string[] {
  const last = p.endPort !== undefined && p.endPort - p.port <= MAX_EXPANDED_RANGE ? p.endPort : p.port;
  const keys: string[] = [];
  for (let port = p.port; port <= last; port++) keys.push(`${p.scope}\u0000${p.protocol}\u0000${port}`);
  return keys;
}

function portOfKey(key: string): number {
  return Number(key.slice(key.lastIndexOf('\u0000') + 1));
}

function addTo(map: Map<string, Set<Place>>, key: string, p: Place, dirty: Keys): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(p);
  dirty.add(key);
}

function removeFrom(map: Map<string, Set<Place>>, key: string, p: Place, dirty: Keys): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(p);
  if (set.size === 0) map.delete(key);
  dirty.add(key);
}

function sorted(places: Set<Place> | undefined): Place[] {
  return places ? [...places].sort((a, b) => compareLocations(a.loc, b.loc)) : [];
}
