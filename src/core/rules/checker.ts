// Findings kept up to date file by file. An edit re-evaluates only the units it touched: places
// are indexed by service and by port, Kubernetes manifests by cluster scope, and each rule of the
// catalog is evaluated, and its findings cached, per file, per service, per port or per cluster
// (see rule.ts). Files that change how every file is read (aliases, projects, reservations, the
// deployment units of src/core/project/) and registry files (which services are registered)
// trigger a full re-check.
import type { FileFacts, Finding, Location, Protocol, RangeDecl, RuleId } from '../model';
import { compareLocations, hasSharedFacts, inDocumentOrder, placeKey, placesOf, scopedIdentity, sharedFacts, type Place, type SharedFacts } from './model';
import { compositionKey, ProjectModel } from '../project/projectModel';
import { describeSame, registryOver } from '../project/relations';
import { RULES } from './catalog';
import { FindingStore } from './findingStore';
import { portMismatch } from './portMismatch';
import type { ClusterUnit, PortUnit, RegistryListing, ServiceUnit, Ties } from './rule';
import type { RuleSettings } from './settings';
import { isRegistry } from './unregisteredPort';
import { baseOf, dirOf } from '../syntax/paths';
import { compareText } from '../text/compareText';

/** Each kind of unit's checks, in catalog order. */
const FILE_CHECKS = RULES.flatMap((r) => r.checks.file ?? []);
const SERVICE_CHECKS = RULES.flatMap((r) => r.checks.service ?? []);
const PORT_CHECKS = RULES.flatMap((r) => r.checks.port ?? []);
const CLUSTER_CHECKS = RULES.flatMap((r) => r.checks.cluster ?? []);
/** Rules reported once per place and service, whatever their messages say (see Rule.oncePerPlace). */
const ONCE_PER_PLACE: ReadonlySet<RuleId> = new Set(RULES.filter((r) => r.oncePerPlace).map((r) => r.id));

/**
 * Published ranges up to this many ports are filed under each of their ports; a wider one (an RTP
 * or TURN relay pool) under its first, and the ports inside it meet it through wideRanges.
 */
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
  /** Ranges wider than MAX_EXPANDED_RANGE by the base of their (scope, protocol) port keys. */
  private readonly wideRanges = new Map<number, Set<Place>>();
  /** Kubernetes cluster scope (its unit) → its manifests with Services, pod templates or a kustomization's list. */
  private readonly byCluster = new Map<string, Map<string, FileFacts>>();
  /** Each of those manifests → its cluster scope. */
  private readonly clusterOf = new Map<string, string>();
  /** Each scope's number in port keys. */
  private readonly scopeIds = new Map<string, number>();
  /** Findings in groups, one per unit the rules are evaluated over: `f` + file, `s` + service key, a port key, `c` + cluster. */
  private readonly store = new FindingStore((raw) => this.finish(raw));
  /** The Portolan registry, when the files include one. */
  private registry: RegistryListing | undefined;
  /** A place of each registry (of any format) with one: what a registry speaks for is read off its file's role. */
  private registries: Place[] = [];
  /** `dir\u0000VAR` → how many compose places in dir interpolate VAR (from an env file beside them). */
  private readonly interpolations = new Map<string, number>();
  /** dir → how many compose places in dir publish a port through a variable. */
  private readonly interpolatingDirs = new Map<string, number>();
  /**
   * Places port-mismatch reports (conflicts that exist only because of them are folded in), by
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
    const clusters: Keys = new Set();
    for (const file of [...gone, ...changes.map((f) => f.file)]) this.unindex(file, services, ports, clusters);
    for (const f of changes) this.index(f, services, ports, clusters);
    this.recheck(services, ports, clusters);
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
      const key = `${f.rule}\u0000${placeKey(f.loc)}\u0000${f.service ?? ''}\u0000${ONCE_PER_PLACE.has(f.rule) ? '' : f.message}`;
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
    for (const map of [this.placesByFile, this.envFilesIn, this.byService, this.byPort, this.wideRanges, this.byCluster, this.clusterOf]) map.clear();
    this.store.clear();
    this.mismatched.clear();
    this.interpolations.clear();
    this.interpolatingDirs.clear();
    const services: Keys = new Set();
    const ports: PortKeys = new Set();
    const clusters: Keys = new Set();
    for (const f of this.files.values()) this.index(f, services, ports, clusters);
    const registries = [...this.files.values()].filter(isRegistry).map((f) => f.file).sort();
    const listed = registries.flatMap((file) => this.placesByFile.get(file) ?? []);
    this.registry = registries.length === 0 ? undefined : {
      name: baseOf(registries[0]),
      scopes: new Set(listed.map((p) => p.scope)),
      identities: new Set(listed.map((p) => p.identity)),
    };
    // A registry of another format ties what runs under its folder as ours does, without answering for unregistered ports.
    const speaking = [...this.files.values()].filter((f) => f.foreign || isRegistry(f)).map((f) => f.file).sort();
    this.registries = speaking.map((file) => this.placesByFile.get(file)?.[0]).filter((p): p is Place => p !== undefined);
    this.recheck(services, ports, clusters);
  }

  private count(key: Location, by: number): void {
    const n = (this.mismatched.get(key) ?? 0) + by;
    if (n > 0) this.mismatched.set(key, n);
    else this.mismatched.delete(key);
  }

  private index(f: FileFacts, services: Keys, ports: PortKeys, clusters: Keys): void {
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
      addTo(this.byService, scopedIdentity(p), p, services);
      if (!p.claim) for (const key of this.portKeysOf(p)) addTo(this.byPort, key, p, ports);
      if (!p.claim && isWide(p)) this.fileWide(p, ports, addTo);
    }
    const unit = { facts: f, places, shared: this.shared };
    this.store.set(`f${f.file}`, FILE_CHECKS.flatMap((check) => check(unit)));
    if (f.kubernetes) {
      const cluster = this.shared.project.roleOf(f).unit;
      let files = this.byCluster.get(cluster);
      if (!files) this.byCluster.set(cluster, (files = new Map()));
      files.set(f.file, f);
      this.clusterOf.set(f.file, cluster);
      clusters.add(cluster);
    }
  }

  private unindex(file: string, services: Keys, ports: PortKeys, clusters: Keys): void {
    this.touchInterpolated(this.placesByFile.get(file) ?? [], services, -1);
    for (const p of this.placesByFile.get(file) ?? []) {
      removeFrom(this.byService, scopedIdentity(p), p, services);
      if (!p.claim) for (const key of this.portKeysOf(p)) removeFrom(this.byPort, key, p, ports);
      if (!p.claim && isWide(p)) this.fileWide(p, ports, removeFrom);
    }
    this.placesByFile.delete(file);
    const envFiles = this.envFilesIn.get(dirOf(file));
    if (envFiles?.delete(file) && envFiles.size === 0) this.envFilesIn.delete(dirOf(file));
    this.store.set(`f${file}`, []);
    const cluster = this.clusterOf.get(file);
    if (cluster !== undefined) {
      const files = this.byCluster.get(cluster)!;
      files.delete(file);
      if (files.size === 0) this.byCluster.delete(cluster);
      this.clusterOf.delete(file);
      clusters.add(cluster);
    }
  }

  /** Whether `p` is an env variable a compose file beside it interpolates (`${SETTLEMENT_PORT:-8087}`). */
  private readonly interpolated = (p: Place): boolean =>
    p.source === 'env' && p.variable !== undefined && this.interpolations.has(`${dirOf(p.loc.file)}\u0000${p.variable}`);

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
      const inDir = (this.interpolatingDirs.get(dir) ?? 0) + by;
      if (inDir > 0) this.interpolatingDirs.set(dir, inDir);
      else this.interpolatingDirs.delete(dir);
      // Whether the folder publishes through variables at all decides for every variable of its `.env` (see unusedVariable).
      const everyVariable = (by > 0 && inDir === 1) || (by < 0 && inDir === 0);
      for (const file of this.envFilesIn.get(dir) ?? []) {
        for (const p of this.placesByFile.get(file) ?? []) if (everyVariable || p.variable === c.fromVariable) services.add(scopedIdentity(p));
      }
    }
  }

  /**
   * Whether `p` is a variable of a folder's `.env` that no compose file there publishes a port
   * through, where they publish others so: the `.env` is theirs to interpolate from, and a port
   * variable they leave alone (one a template they were copied from used) publishes nothing.
   */
  private readonly unusedVariable = (p: Place): boolean =>
    p.source === 'env' && p.variable !== undefined && baseOf(p.loc.file) === '.env' && this.interpolatingDirs.has(dirOf(p.loc.file)) && !this.interpolated(p);

  /**
   * Re-evaluates the touched services, then the touched ports: which places port-mismatch reports
   * decides which can conflict, so a service's ports are touched with it. Then the touched clusters.
   */
  private recheck(services: Keys, ports: PortKeys, clusters: Keys): void {
    for (const key of services) {
      for (const f of this.store.get(`s${key}`)) if (f.rule === portMismatch.id) this.count(f.loc, -1);
      const places = this.byService.get(key);
      const unit = places && this.serviceUnit(key, places);
      const findings = unit ? SERVICE_CHECKS.flatMap((check) => check(unit)) : [];
      for (const f of findings) if (f.rule === portMismatch.id) this.count(f.loc, +1);
      this.store.set(`s${key}`, findings);
      if (places) for (const p of places) if (!p.claim) for (const portKey of this.portKeysOf(p)) ports.add(portKey);
    }
    const memo = new Map<string, Place[]>();
    const ties: Ties = {
      listing: (p) => this.listingFilesOf(p, memo),
      registriesOver: (p) => this.registriesOver(p).map((r) => r.loc.file),
    };
    for (const key of ports) {
      const places = this.byPort.get(key);
      const unit: PortUnit | undefined = places && {
        port: portOfKey(key), places: this.withWideRanges(key, places), mismatched: this.isMismatched, servicePlaces: this.placesOfService, unusedVariable: this.unusedVariable, ties,
      };
      this.store.set(key, unit ? PORT_CHECKS.flatMap((check) => check(unit)) : []);
    }
    for (const key of clusters) {
      const files = this.byCluster.get(key);
      const unit: ClusterUnit | undefined = files && { files: [...files.values()].sort((a, b) => compareText(a.file, b.file)) };
      this.store.set(`c${key}`, unit ? CLUSTER_CHECKS.flatMap((check) => check(unit)) : []);
    }
  }

  /** `key` is the service's key (scopedIdentity); its places are sorted only if a check asks for them in order. */
  private serviceUnit(key: string, places: Set<Place>): ServiceUnit {
    const split = key.indexOf('\u0000');
    let inOrder: Place[] | undefined;
    return {
      scope: key.slice(0, split),
      identity: key.slice(split + 1),
      places,
      inOrder: () => (inOrder ??= inDocumentOrder(places)),
      rangeOf: this.rangeOf,
      registry: this.registry,
      underRegistry: this.underRegistry,
      interpolated: this.interpolated,
    };
  }

  private readonly isMismatched = (p: Place): boolean => this.mismatched.has(p.loc);

  private readonly placesOfService = (p: Place): Iterable<Place> => this.byService.get(scopedIdentity(p)) ?? [];

  private readonly underRegistry = (p: Place): boolean => this.registriesOver(p).length > 0;

  /** The range that owns `p` in its own file. */
  private readonly rangeOf = (p: Place): RangeDecl | undefined =>
    p.ownerRange === undefined ? undefined : this.files.get(p.loc.file)?.ranges.find((r) => r.id === p.ownerRange);

  /** The registries that speak for `p` (see registryOver). */
  private registriesOver(p: Place): Place[] {
    return this.registries.filter((r) => registryOver(r, p));
  }

  /**
   * The registries and documents (not their compose snippets) that list `p`'s service and speak
   * for `p`: two services a file lists together run together. Asked per recheck, so kept for one.
   */
  private listingFilesOf(p: Place, memo: Map<string, Place[]>): string[] {
    const key = scopedIdentity(p);
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

  /**
   * Files or unfiles a wide range, and marks the ports inside it that hold places for a re-check:
   * each of them meets the range there.
   */
  private fileWide(p: Place, ports: PortKeys, file: typeof addTo): void {
    const first = this.portKeysOf(p)[0];
    const base = first - p.port;
    file(this.wideRanges, base, p, new Set());
    for (let key = first + 1; key <= base + p.endPort!; key++) if (this.byPort.has(key)) ports.add(key);
  }

  /** The places on a port, with the wide ranges of its scope and protocol that hold it inside them. */
  private withWideRanges(key: PortKey, places: Set<Place>): ReadonlySet<Place> {
    const port = portOfKey(key);
    const wide = this.wideRanges.get(key - port);
    if (!wide) return places;
    const inside = [...wide].filter((w) => w.port < port && port <= w.endPort!);
    return inside.length === 0 ? places : new Set([...places, ...inside]);
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

function isWide(p: Place): boolean {
  return p.endPort !== undefined && p.endPort - p.port > MAX_EXPANDED_RANGE;
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
