// Findings kept up to date file by file. An edit re-evaluates only the services and ports it
// touched: places are indexed by service and by port, and findings are cached per service (mismatch),
// per port (conflict) and per file (parse problems, ranges, reserved ports). Files that change how
// every file is read (aliases, projects, reservations, the deployment units of src/core/project/)
// and registry files (which services are registered) trigger a full re-check.
import type { FileFacts, Finding, Location, Protocol, RangeDecl } from '../model';
import { conflictsAt, type Ties } from './conflict';
import { mismatchesOf } from './mismatch';
import { compareLocations, hasSharedFacts, insideContainer, placeKey, placesOf, sharedFacts, type Place, type SharedFacts } from './model';
import { compositionKey, ProjectModel } from '../project/projectModel';
import { describeSame, registryOver } from '../project/relations';
import { FindingStore } from './findingStore';
import { findOutOfRange, findOverlaps, findReservedUse, findStrayRanges } from './ranges';
import { findOutOfRangeElsewhere, findOutsideProjectRange } from './rangesElsewhere';
import type { RuleSettings } from './settings';
import { isRegistry, unregisteredOf } from './unregistered';
import { baseOf, dirOf } from '../syntax/paths';
import { compareText } from '../text/compareText';

/** Published ranges wider than this are checked by their first port only (e.g. RTP pools). */
const MAX_EXPANDED_RANGE = 1024;

type Keys = Set<string>;
/** A scope, protocol and port as one number (see Checker.portKeysOf): cheaper to hash than a string. */
type PortKey = number;
type PortKeys = Set<PortKey>;

const PROTOCOL_IDS: Record<Protocol, number> = { tcp: 0, udp: 1, sctp: 2 };
/** Port numbers and the room each (scope, protocol) pair takes in a port key. */
const PORTS = 65536;

export class Checker {
  private readonly files = new Map<string, FileFacts>();
  private shared: SharedFacts = sharedFacts([]);
  private readonly placesByFile = new Map<string, Place[]>();
  /** Folder → its env files (`.env`, `.env.production`, ...), whose variables compose files beside them interpolate. */
  private readonly envFilesIn = new Map<string, Set<string>>();
  private readonly byService = new Map<string, Set<Place>>();
  private readonly byPort = new Map<PortKey, Set<Place>>();
  /** Each scope's number in port keys. */
  private readonly scopeIds = new Map<string, number>();
  /** Findings in groups: `f` + file, `m` + service key (mismatch), `u` + service key (unregistered), a port key (conflict). */
  private readonly store = new FindingStore((raw) => this.finish(raw));
  /** The registry's file name when the files include one, the identities it lists and their scopes. */
  private registryName: string | undefined;
  private registered = new Set<string>();
  /** A place of each registry with one: what a registry speaks for is read off its file's role. */
  private registries: Place[] = [];
  private registeredScopes = new Set<string>();
  /** `dir\u0000VAR` → how many compose places in dir interpolate VAR (from an env file beside them). */
  private readonly interpolations = new Map<string, number>();
  /**
   * Places reported as mismatched (conflicts that exist only because of them are folded in), by
   * their location object, with a count: a place can be reported for a new service before the
   * old one's finding there is dropped.
   */
  private readonly mismatched = new Map<Location, number>();

  constructor(private readonly settings: RuleSettings = {}) {}

  /** Applies changed files and removed files, then re-checks what they touched. */
  update(changed: Iterable<FileFacts>, removed: Iterable<string> = []): void {
    // The last facts given for a file win; a file given twice is indexed once.
    const changes = [...new Map([...changed].map((f) => [f.file, f] as const)).values()];
    const gone = [...removed].filter((file) => this.files.has(file));
    const touchesShared = [...changes, ...gone.map((file) => this.files.get(file)!)]
      .some((f) => hasSharedFacts(f) || f.kind === 'registry' || (this.files.has(f.file) && hasSharedFacts(this.files.get(f.file)!)))
      // A compose file added, removed or recomposed (`include:`, `env_file:`), or a document's
      // `docker compose -f a -f b`, changes the deployment units.
      || gone.some((file) => compositionKey(this.files.get(file)) !== '')
      || changes.some((f) => compositionKey(f) !== compositionKey(this.files.get(f.file)));
    for (const file of gone) this.files.delete(file);
    for (const f of changes) this.files.set(f.file, f);
    if (touchesShared) {
      this.rebuild();
      return;
    }
    const services: Keys = new Set();
    const ports: PortKeys = new Set();
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
    this.shared = sharedFacts(this.files.values(), ProjectModel.of(this.files.values()));
    for (const map of [this.placesByFile, this.envFilesIn, this.byService, this.byPort]) map.clear();
    this.store.clear();
    this.mismatched.clear();
    this.interpolations.clear();
    const services: Keys = new Set();
    const ports: PortKeys = new Set();
    for (const f of this.files.values()) this.index(f, services, ports);
    const registries = [...this.files.values()].filter(isRegistry).map((f) => f.file).sort();
    this.registryName = registries.length > 0 ? baseOf(registries[0]) : undefined;
    const listed = registries.flatMap((file) => this.placesByFile.get(file) ?? []);
    this.registered = new Set(listed.map((p) => p.identity));
    // A registry of another format ties what runs under its folder as ours does, without answering for unregistered ports.
    const speaking = [...this.files.values()].filter((f) => f.foreign || isRegistry(f)).map((f) => f.file).sort();
    this.registries = speaking.map((file) => this.placesByFile.get(file)?.[0]).filter((p): p is Place => p !== undefined);
    this.registeredScopes = new Set(listed.map((p) => p.scope));
    this.recheck(services, ports);
  }

  private count(key: Location, by: number): void {
    const n = (this.mismatched.get(key) ?? 0) + by;
    if (n > 0) this.mismatched.set(key, n);
    else this.mismatched.delete(key);
  }

  private index(f: FileFacts, services: Keys, ports: PortKeys): void {
    const places = placesOf(f, this.shared);
    this.placesByFile.set(f.file, places);
    if (f.kind === 'env') {
      const dir = dirOf(f.file);
      let files = this.envFilesIn.get(dir);
      if (!files) this.envFilesIn.set(dir, (files = new Set()));
      files.add(f.file);
    }
    this.touchInterpolated(places, services, +1);
    for (const p of places) {
      addTo(this.byService, serviceKeyOf(p), p, services);
      if (!p.claim) for (const key of this.portKeysOf(p)) addTo(this.byPort, key, p, ports);
    }
    const ranges = new Map(f.ranges.map((r) => [r.id, r]));
    this.store.set(`f${f.file}`, [
      // A port a row records outside its block, or a mismatch within one registry entry, weighs what the same finding across files does.
      ...f.problems.map((p): Finding => ({ rule: p.rule, severity: p.rule === 'out-of-range' || p.rule === 'port-mismatch' ? 'warning' : 'error', message: p.message, port: p.port, loc: p.loc, related: p.related ?? [] })),
      ...findOutOfRange(places, ranges),
      ...findOverlaps(f.ranges),
      ...findStrayRanges(f.ranges),
      ...findReservedUse(places, this.shared.reserved, this.shared.keptFree, this.shared.declaredBy),
      ...findOutsideProjectRange(places, this.shared.projectRanges),
    ]);
  }

  private unindex(file: string, services: Keys, ports: PortKeys): void {
    this.touchInterpolated(this.placesByFile.get(file) ?? [], services, -1);
    for (const p of this.placesByFile.get(file) ?? []) {
      removeFrom(this.byService, serviceKeyOf(p), p, services);
      if (!p.claim) for (const key of this.portKeysOf(p)) removeFrom(this.byPort, key, p, ports);
    }
    this.placesByFile.delete(file);
    const envFiles = this.envFilesIn.get(dirOf(file));
    if (envFiles?.delete(file) && envFiles.size === 0) this.envFilesIn.delete(dirOf(file));
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
   * Counts the variables compose places interpolate (`dir\u0000VAR`), and marks the places of
   * those variables in the env files beside them for a re-check with them.
   */
  private touchInterpolated(places: Place[], services: Keys, by: 1 | -1): void {
    for (const c of places) {
      if (c.source !== 'compose' || c.fromVariable === undefined) continue;
      const dir = dirOf(c.loc.file);
      const key = `${dir}\u0000${c.fromVariable}`;
      const n = (this.interpolations.get(key) ?? 0) + by;
      if (n > 0) this.interpolations.set(key, n);
      else this.interpolations.delete(key);
      for (const file of this.envFilesIn.get(dir) ?? []) {
        for (const p of this.placesByFile.get(file) ?? []) if (p.variable === c.fromVariable) services.add(serviceKeyOf(p));
      }
    }
  }

  /**
   * A registry answers for the scopes it lists services in: a project it hands a folder and a
   * range to (`projects:`) keeps its own services, checked against that range, not listed here.
   */
  private unregistered(serviceKey: string, places: Set<Place> | undefined): Finding[] {
    if (this.registryName === undefined || !places) return [];
    const split = serviceKey.indexOf('\u0000');
    if (!this.registeredScopes.has(serviceKey.slice(0, split)) || this.registered.has(serviceKey.slice(split + 1))) return [];
    return unregisteredOf(sorted(places).filter((p) => !this.interpolated(p) && this.registriesOver(p).length > 0), this.registryName);
  }

  /**
   * Sorting places into document order was most of a cold check's rule time, so a service or
   * port is sorted only when it can have a finding: a service written with more than one port,
   * a port that more than one service (not reported as mismatched) is on.
   */
  private recheck(services: Keys, ports: PortKeys): void {
    for (const key of services) {
      for (const f of this.store.get(`m${key}`)) this.count(f.loc, -1);
      const places = this.byService.get(key);
      const findings = places && morePortsThanOne(places) ? mismatchesOf(sorted(places)) : [];
      for (const f of findings) this.count(f.loc, +1);
      this.store.set(`m${key}`, findings);
      this.store.set(`u${key}`, this.unregistered(key, places));
      this.store.set(`o${key}`, places ? findOutOfRangeElsewhere(places, (p) => this.rangeOf(p)) : []);
      // Whether a place is mismatched decides whether it can conflict.
      if (places) for (const p of places) if (!p.claim) for (const portKey of this.portKeysOf(p)) ports.add(portKey);
    }
    const memo = new Map<string, Place[]>();
    const ties: Ties = {
      listing: (p) => this.listingFilesOf(p, memo),
      registriesOver: (p) => this.registriesOver(p).map((r) => r.loc.file),
    };
    for (const key of ports) {
      const places = this.byPort.get(key);
      const eligible = (p: Place) => !this.mismatched.has(p.loc) && !p.fileRole.inContainer && !insideContainer(p, () => this.byService.get(serviceKeyOf(p)) ?? []);
      const findings = places && servicesAmong(places, eligible) > 1 ? conflictsAt(portOfKey(key), sorted(places).filter(eligible), ties) : [];
      this.store.set(key, findings);
    }
  }

  /** The range that owns `p` in its own file. */
  private rangeOf(p: Place): RangeDecl | undefined {
    return p.ownerRange === undefined ? undefined : this.files.get(p.loc.file)?.ranges.find((r) => r.id === p.ownerRange);
  }

  /** The registries that speak for `p` (see registryOver). */
  private registriesOver(p: Place): Place[] {
    return this.registries.filter((r) => registryOver(r, p));
  }

  /**
   * The registries and documents (not their compose snippets) that list `p`'s service and speak
   * for `p`: two services a file lists together run together. Asked per recheck, so kept for one.
   */
  private listingFilesOf(p: Place, memo: Map<string, Place[]>): string[] {
    const key = serviceKeyOf(p);
    let listings = memo.get(key);
    if (!listings) {
      const byFile = new Map<string, Place>();
      for (const q of this.byService.get(key) ?? []) {
        if (!q.claim && q.fence === undefined && (q.source === 'registry' || q.source === 'markdown') && !byFile.has(q.loc.file)) byFile.set(q.loc.file, q);
      }
      memo.set(key, (listings = [...byFile.values()]));
    }
    return listings.filter((l) => describeSame(l, p)).map((l) => l.loc.file);
  }

  /** `(scope, protocol, port)` numbered, for each port of a published range up to MAX_EXPANDED_RANGE. */
  private portKeysOf(p: Place): PortKey[] {
    let scope = this.scopeIds.get(p.scope);
    if (scope === undefined) this.scopeIds.set(p.scope, (scope = this.scopeIds.size));
    const base = (scope * 4 + PROTOCOL_IDS[p.protocol]) * PORTS;
    const last = p.endPort !== undefined && p.endPort - p.port <= MAX_EXPANDED_RANGE ? p.endPort : p.port;
    const keys: PortKey[] = [];
    for (let port = p.port; port <= last; port++) keys.push(base + port);
    return keys;
  }
}

function serviceKeyOf(p: Place): string {
  return `${p.scope}\u0000${p.identity}`;
}

function portOfKey(key: PortKey): number {
  return key % PORTS;
}

function addTo<K>(map: Map<K, Set<Place>>, key: K, p: Place, dirty: Set<K>): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(p);
  dirty.add(key);
}

function removeFrom<K>(map: Map<K, Set<Place>>, key: K, p: Place, dirty: Set<K>): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(p);
  if (set.size === 0) map.delete(key);
  dirty.add(key);
}

function sorted(places: Set<Place> | undefined): Place[] {
  return places ? [...places].sort((a, b) => compareLocations(a.loc, b.loc)) : [];
}

/** Whether the places say more than one port (or range): only then can they mismatch. */
function morePortsThanOne(places: Set<Place>): boolean {
  let first: Place | undefined;
  for (const p of places) {
    if (!first) first = p;
    else if (p.port !== first.port || p.endPort !== first.endPort) return true;
  }
  return false;
}

/** How many services the eligible places belong to, counted up to two. */
function servicesAmong(places: Set<Place>, eligible: (p: Place) => boolean): number {
  let identity: string | undefined;
  for (const p of places) {
    if (!eligible(p)) continue;
    if (identity === undefined) identity = p.identity;
    else if (p.identity !== identity) return 2;
  }
  return identity === undefined ? 0 : 1;
}
