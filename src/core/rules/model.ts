// What the rules work on: allocations as places, with identities resolved (registry aliases) and
// scopes assigned (registry projects by folder), and the facts that apply across files.
import type { Allocation, FileFacts, Location, Protocol, RangeDecl, Reservation, SourceKind } from '../model';
import { dirOf } from '../syntax/paths';
import { describedKeys, productKey, VARIANT_PREFIX, withoutProtocolWords, withoutScreenWords } from '../syntax/names';
import { compareText } from '../text/compareText';
import { ProjectModel } from '../project/projectModel';
import { identityIn, isGenericName, type FileRole } from '../project/roles';
import { inImage } from '../project/images';

/**
 * An allocation as the rules read it: in its project's scope, under its identity after aliases.
 * A view, not a copy: a workspace has tens of thousands of places, and a copy of every field
 * took three times the memory and V8's slow path for spreading an object.
 */
export class Place implements Allocation {
  constructor(
    readonly allocation: Allocation,
    readonly scope: string,
    /** Canonical service identity after aliases; a generic name (`web`) qualified by its unit. */
    readonly identity: string,
    /** What the place's file is in the deployment (shared by every place of the file). */
    readonly fileRole: FileRole,
    /** The machine its heading names, where a folder confirms it (Allocation.hostIfFolder). */
    private readonly headingMachine?: string,
    /** The role the protocol after a document's name for the service gives (`Relay gRPC`), where the allocation has none. */
    private readonly nameRole?: string,
  ) {}

  /** The deployment unit: the file's, or for a compose snippet in a document its own. */
  get unit(): string {
    const fence = this.allocation.fence;
    return fence === undefined ? this.fileRole.unit : `${this.fileRole.unit}#${fence}`;
  }

  get service(): string { return this.allocation.service; }
  get serviceKey(): string { return this.allocation.serviceKey; }
  get role(): string | undefined { return this.allocation.role ?? this.nameRole; }
  get port(): number { return this.allocation.port; }
  get endPort(): number | undefined { return this.allocation.endPort; }
  get protocol(): Protocol { return this.allocation.protocol; }
  get hostIp(): string | undefined { return this.allocation.hostIp; }
  get environment(): string | undefined { return this.allocation.environment ?? this.fileRole.environment; }
  get source(): SourceKind { return this.allocation.source; }
  get claim(): boolean { return this.allocation.claim; }
  get group(): number { return this.allocation.group; }
  get indexInGroup(): number { return this.allocation.indexInGroup; }
  get ownerRange(): string | undefined { return this.allocation.ownerRange; }
  get buildContext(): string | undefined { return this.allocation.buildContext; }
  get containerPort(): number | undefined { return this.allocation.containerPort; }
  get containerLoc(): Location | undefined { return this.allocation.containerLoc; }
  get stage(): number | undefined { return this.allocation.stage; }
  get fromVariable(): string | undefined { return this.allocation.fromVariable; }
  get variable(): string | undefined { return this.allocation.variable; }
  get own(): boolean | undefined { return this.allocation.own; }
  get dialHost(): string | undefined { return this.allocation.dialHost; }
  get names(): string[] | undefined { return this.allocation.names; }
  get host(): string | undefined { return this.allocation.host ?? this.headingMachine ?? this.fileRole.machine; }
  get networks(): string[] | undefined { return this.allocation.networks; }
  get profiles(): string[] | undefined { return this.allocation.profiles; }
  get fence(): number | undefined { return this.allocation.fence; }
  get occupied(): boolean | undefined { return this.allocation.occupied; }
  get hostSide(): boolean | undefined { return this.allocation.hostSide; }
  get containerSide(): boolean | undefined { return this.allocation.containerSide; }
  get drawn(): boolean | undefined { return this.allocation.drawn; }
  get forwardedBare(): boolean | undefined { return this.allocation.forwardedBare; }
  get loc(): Location { return this.allocation.loc; }
}

/**
 * Scope and identity as one string: the service a place is filed under. Built at each use: kept
 * on every place it cost 4 MB at 10,000 files and saved no measurable time.
 */
export function scopedIdentity(p: Place): string {
  return `${p.scope}\u0000${p.identity}`;
}

/** A range a document names for a service, with what decides where it holds. */
export interface NamedRange {
  range: RangeDecl;
  /** The declaring document's role: the range holds where it speaks. */
  declaredBy: FileRole;
  /** The services the document lists with ports of its own (by key): compared as listed, not by the range. */
  listed: ReadonlySet<string>;
}

/** Facts of some files that change how every other file is read. */
export interface SharedFacts {
  alias: Map<string, string>;
  /** Project name by folder (relative path); the first declaration of a folder wins. */
  projects: Map<string, string>;
  reserved: Reservation[];
  keptFree: RangeDecl[];
  /** The range a registry hands each project (`projects: web: { range, path }`), by project name. */
  projectRanges: Map<string, RangeDecl>;
  /** Ranges a document names for a service (RangeDecl.owner), by that service's identity. */
  namedRanges: Map<string, NamedRange[]>;
  /** The role of each file that declares reservations or ranges kept free: they hold where it speaks. */
  declaredBy: Map<string, FileRole>;
  project: ProjectModel;
}

export function sharedFacts(files: Iterable<FileFacts>, project = ProjectModel.of([])): SharedFacts {
  const shared: SharedFacts = {
    alias: new Map(), projects: new Map(), reserved: [], keptFree: [], declaredBy: new Map(), projectRanges: new Map(), namedRanges: new Map(), project,
  };
  const namedRanges: NamedRange[] = [];
  // In file order, so the outcome (the alias that wins, the reservation cited) does not depend on
  // the order the files were indexed or edited in.
  for (const f of [...files].sort((a, b) => compareText(a.file, b.file))) {
    for (const a of f.aliases) for (const k of a.aliasKeys) shared.alias.set(k, a.serviceKey);
    for (const p of f.projects) {
      const folder = p.path?.replace(/^\.\/|\/+$/g, '');
      if (folder && !shared.projects.has(folder)) shared.projects.set(folder, p.name);
      const range = p.rangeId === undefined ? undefined : f.ranges.find((r) => r.id === p.rangeId);
      if (range && !shared.projectRanges.has(p.name)) shared.projectRanges.set(p.name, range);
    }
    shared.reserved.push(...f.reserved);
    const keptFree = f.ranges.filter((r) => r.keptFree);
    shared.keptFree.push(...keptFree);
    if (f.reserved.length > 0 || keptFree.length > 0) shared.declaredBy.set(f.file, project.roleOf(f));
    const named = f.ranges.filter((r) => r.owner !== undefined);
    if (named.length > 0) {
      const declaredBy = project.roleOf(f);
      const listed = new Set(f.allocations.map((a) => a.serviceKey));
      for (const range of named) namedRanges.push({ range, declaredBy, listed });
    }
  }
  // By identity once every alias is known: a registry's alias may come in a later file.
  for (const named of namedRanges) {
    const identity = shared.alias.get(named.range.owner!) ?? named.range.owner!;
    const list = shared.namedRanges.get(identity);
    if (list) list.push(named);
    else shared.namedRanges.set(identity, [named]);
  }
  return shared;
}

/** Whether a file contributes shared facts: editing it means re-reading every file. */
export function hasSharedFacts(f: FileFacts): boolean {
  return f.aliases.length > 0 || f.projects.length > 0 || f.reserved.length > 0 || f.ranges.some((r) => r.keptFree || r.owner !== undefined);
}

/** The project whose folder holds the file (the innermost one), looked up folder by folder. */
function projectOf(file: string, projects: ReadonlyMap<string, string>): string | undefined {
  if (projects.size === 0) return undefined;
  for (let path = file; path !== ''; path = dirOf(path)) {
    const name = projects.get(path);
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * A place's service key; a document's or env file's name for a compose container is that
 * container's service, an env file's name for a well-known server (`postgres` of
 * `POSTGRES_PORT`, or of `DATABASE_URL=postgresql://…`) the service of its stack that runs one,
 * a document's name for a screen of a service its stack publishes (`Grafana UI`) that service, and
 * its name for the image, container or alias of one service of its stack (`Nginx` for `web` on
 * `nginx:1.25`) that service.
 */
function ownKey(a: Allocation, f: FileFacts, role: FileRole, shared: SharedFacts): string {
  if (f.kind === 'compose') return a.serviceKey;
  return shared.project.serviceOfContainer(a.serviceKey) ?? (f.kind === 'env' ? shared.project.serviceOfServer(role.unit, a.serviceKey) : undefined)
    ?? (f.kind === 'markdown' ? documentedKey(a, f, role.about, shared) ?? shared.project.serviceNamed(role.about, productKey(a.serviceKey)) : undefined) ?? a.serviceKey;
}

/** A document's name for a service its stack publishes, written with what it does, by one of its screens, with a protocol or as a server. */
function documentedKey(a: Allocation, f: FileFacts, unit: string, shared: SharedFacts): string | undefined {
  const described = describedOf(a, f, unit, shared);
  return described === undefined
    ? screenOf(a.serviceKey, unit, shared) ?? protocolOf(a.serviceKey, unit, shared)?.service ?? serverOf(a.serviceKey, unit, shared)
    : screenOf(described, unit, shared) ?? described;
}

/**
 * `coturn` for a document's `Coturn server` where the stack publishes `coturn` and no
 * `coturn-server`; not `Web server` for `web`, a generic name that may be another program (nginx).
 */
function serverOf(key: string, unit: string, shared: SharedFacts): string | undefined {
  if (!key.endsWith(SERVER_SUFFIX)) return undefined;
  const stem = key.slice(0, -SERVER_SUFFIX.length);
  return stem !== '' && !isGenericName(stem) && publishedInstead(stem, key, unit, shared) ? stem : undefined;
}

const SERVER_SUFFIX = '-server';

/**
 * `nginx` for a document's `nginx (API gateway)` or `Webserver (Nginx)` where the stack publishes
 * `nginx` and no service of the whole name, unless the document writes another name that may mean
 * `nginx` too: `Postgres (auth)` and `Postgres (billing)` are two databases.
 */
function describedOf(a: Allocation, f: FileFacts, unit: string, shared: SharedFacts): string | undefined {
  if (!a.service.endsWith(')') || shared.project.publishes(unit, a.serviceKey)) return undefined;
  for (const key of describedKeys(a.service)) {
    const published = [key, productKey(key), withoutScreenWords(key)].some((k) => k !== '' && shared.project.publishes(unit, k));
    if (published && describedOnce(f).get(key) === a.serviceKey) return key;
  }
  return undefined;
}

/** Per document, each key a name may mean → the one full name that may mean it ('' when several do). */
const describedNames = new WeakMap<FileFacts, Map<string, string>>();

function describedOnce(f: FileFacts): Map<string, string> {
  let names = describedNames.get(f);
  if (!names) {
    names = new Map();
    for (const o of f.allocations) {
      for (const key of [o.serviceKey, ...(o.service.endsWith(')') ? describedKeys(o.service) : [])]) {
        const seen = names.get(key);
        names.set(key, seen === undefined || seen === o.serviceKey ? o.serviceKey : '');
      }
    }
    describedNames.set(f, names);
  }
  return names;
}

/** `grafana` for a document's `Grafana UI` where the stack publishes `grafana` and no `grafana-ui`. */
function screenOf(key: string, unit: string, shared: SharedFacts): string | undefined {
  const service = withoutScreenWords(key);
  return service !== key && service !== '' && publishedInstead(service, key, unit, shared) ? service : undefined;
}

/** `relay` and its role for a document's `Relay gRPC` where the stack publishes `relay` and no `relay-grpc`. */
function protocolOf(key: string, unit: string, shared: SharedFacts): { service: string; role: string | undefined } | undefined {
  const stem = withoutProtocolWords(key);
  return stem && publishedInstead(stem.service, key, unit, shared) ? stem : undefined;
}

/** Whether the stack publishes the service a shorter name names, and none of the whole name. */
function publishedInstead(service: string, key: string, unit: string, shared: SharedFacts): boolean {
  return shared.project.publishes(unit, service) && !shared.project.publishes(unit, key);
}

export function placesOf(f: FileFacts, shared: SharedFacts): Place[] {
  const project = projectOf(f.file, shared.projects);
  const role = shared.project.roleOf(f);
  return f.allocations.filter((a) => inImage(a, role)).map((a) => {
    // An env file one compose service reads, or a Dockerfile one builds, is that service's: its own `PORT` is that service's port.
    const key = shared.alias.get(a.serviceKey) ?? (a.own && role.containerOf !== undefined ? shared.alias.get(role.containerOf) ?? role.containerOf : ownKey(a, f, role, shared));
    return new Place(
      a,
      a.scope === '' && project !== undefined ? project : a.scope,
      identityIn(productKey(key), role.about),
      role,
      a.hostIfFolder !== undefined && shared.project.isMachine(a.hostIfFolder) ? a.hostIfFolder : undefined,
      a.role === undefined && key !== a.serviceKey ? protocolRole(a.serviceKey, key) : undefined,
    );
  });
}

/**
 * The role the protocol words of a name give where they were dropped to find its service (`Relay
 * gRPC` as `relay`). Not the web's: `Pi-hole HTTP` and `Pi-hole HTTPS` are the service's web ports,
 * which compose does not tell from its others (a row of each agrees with the one it publishes).
 */
function protocolRole(written: string, key: string): string | undefined {
  const stem = withoutProtocolWords(written);
  return stem?.service === key && stem.role !== 'http' && stem.role !== 'https' ? stem.role : undefined;
}

/** Every place and range of a set of files at once: what hover and the tree look things up in. */
export interface RuleInput {
  places: Place[];
  ranges: Map<string, RangeDecl>;
  reserved: Reservation[];
  files: FileFacts[];
}

export function buildRuleInput(files: Iterable<FileFacts>): RuleInput {
  return new RuleInputBuilder().build(files);
}

/**
 * Builds the rule input of one folder version after version. A file whose facts are the same
 * object as in the last build keeps its places while the shared facts come from the same objects
 * too, so after an edit only the edited file's places are made again: at 10,000 files, making
 * every place was most of a build (30-50 ms of 45-50).
 */
export class RuleInputBuilder {
  private sharedFrom: FileFacts[] | undefined;
  private shared: SharedFacts = sharedFacts([]);
  private placesByFacts = new WeakMap<FileFacts, Place[]>();

  build(files: Iterable<FileFacts>): RuleInput {
    const list = [...files].sort((a, b) => compareText(a.file, b.file));
    // Only files with shared facts contribute to them (hasSharedFacts), and compose files to the
    // units only through their composition (an edited port changes neither).
    const sharing = list.filter(hasSharedFacts);
    if (!this.sharedFrom || ProjectModel.signatureOf(list) !== this.shared.project.signature
      || sharing.length !== this.sharedFrom.length || sharing.some((f, i) => f !== this.sharedFrom![i])) {
      this.sharedFrom = sharing;
      this.shared = sharedFacts(sharing, ProjectModel.of(list));
      this.placesByFacts = new WeakMap();
    }
    const places: Place[] = [];
    for (const f of list) {
      let own = this.placesByFacts.get(f);
      if (!own) this.placesByFacts.set(f, (own = placesOf(f, this.shared)));
      for (const p of own) places.push(p);
    }
    return {
      places,
      ranges: new Map(list.flatMap((f) => f.ranges.map((r) => [r.id, r] as const))),
      reserved: this.shared.reserved,
      files: list,
    };
  }
}

/**
 * A service's env `PORT=3000` beside a compose service that publishes `4000:3000` is the port it
 * listens on inside its container: it agrees with the compose place, and it is no host port to
 * clash with another service's container port. So is the port its package.json script or Procfile
 * starts it on, and the port a diagram draws its container with (see Allocation.drawn). `servicePlaces` gives the service's places; it is asked only for those places, so
 * a caller that must look them up pays only for them.
 */
export function insideContainer(p: Place, servicePlaces: () => Iterable<Place>): boolean {
  // `mongodb://localhost:27017` is dialled on the host, never inside the container.
  if ((p.source !== 'env' && p.source !== 'package' && p.source !== 'procfile' && !p.drawn) || p.hostSide) return false;
  for (const c of servicePlaces()) if (c.source === 'compose' && c.containerPort === p.port && c.port !== p.port) return true;
  return false;
}

/** A key for a place's group across files. */
export function groupKey(a: Allocation): string {
  return `${a.loc.file}\u0000${a.group}`;
}

/** Document order: by file, then by position. */
export function compareLocations(a: Location, b: Location): number {
  return compareText(a.file, b.file) || a.span.startOffset - b.span.startOffset;
}

/** The places sorted into document order, as a new list. */
export function inDocumentOrder(places: Iterable<Place>): Place[] {
  return [...places].sort((a, b) => compareLocations(a.loc, b.loc));
}

export function placeKey(loc: Location): string {
  return `${loc.file}@${loc.span.startOffset}`;
}

/** `path:line`, as messages name places: the path from the check root, so two stacks' `compose.yaml` stay apart. */
export function where(loc: Location): string {
  return `${loc.file}:${loc.span.startLine}`;
}

export function portText(p: { port: number; endPort?: number }): string {
  return p.endPort !== undefined ? `${p.port}-${p.endPort}` : String(p.port);
}

/** Places with no environment agree with every environment; named ones only with their own. */
export function environmentsMeet(a?: string, b?: string): boolean {
  return a === b || (a === undefined && !isVariant(b)) || (b === undefined && !isVariant(a));
}

export function isVariant(environment: string | undefined): boolean {
  return environment?.startsWith(VARIANT_PREFIX) ?? false;
}
