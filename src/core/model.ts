// The facts the parsers extract and the findings the rules produce. Every fact carries the exact
// source span it came from, so editors can underline it and the CLI can print file:line:col.
import type { KubernetesFacts } from './parsers/kubernetes/objects';

export type SourceKind = 'registry' | 'compose' | 'env' | 'markdown' | 'package' | 'procfile' | 'kubernetes' | 'dockerfile' | 'devcontainer' | 'commands';

/** A point in a file: 0-based UTF-16 offset, 1-based line and column (UTF-16 code units). */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/**
 * A half-open span [start, end): offsets are 0-based UTF-16 offsets, lines and columns 1-based
 * (UTF-16 code units). Flat numbers, not two positions: a workspace holds hundreds of thousands of
 * spans, and one object each takes half the memory of three.
 */
export interface Span {
  startOffset: number;
  startLine: number;
  startColumn: number;
  endOffset: number;
  endLine: number;
  endColumn: number;
}

export interface Location {
  /** The file as the index knows it (a path relative to the check root, or a URI). */
  file: string;
  span: Span;
}

export type Protocol = 'tcp' | 'udp' | 'sctp';

/**
 * A port (or port range) that a place says belongs to a service.
 * Claims are references (URLs, `*_URL` variables): they take part in mismatch checks when the
 * service is allocated elsewhere, and never create conflicts.
 */
export interface Allocation {
  service: string;
  /** Identity used to match spellings of one service (see names.ts). */
  serviceKey: string;
  /** http, grpc, ws, metrics, ...; undefined is the service's main port. */
  role?: string;
  port: number;
  /** Last port of a published range (`9090-9091:8080-8081`), inclusive. */
  endPort?: number;
  protocol: Protocol;
  /** Host IP a compose port is bound to; undefined binds every interface. */
  hostIp?: string;
  /** Sub-scope ('' is the check root): a project section in a document, a registry project. */
  scope: string;
  /** development, production, ... when the place says so. */
  environment?: string;
  source: SourceKind;
  claim: boolean;
  /**
   * Places written together (a table, a compose service's ports, a registry service) share a
   * group: the offset where they are written, unique within the file (see `groupKey`).
   */
  group: number;
  /** Position of this port within its group: only the first port of a group is its main port. */
  indexInGroup: number;
  /** The declared range whose section owns this entry (a heading range above a table). */
  ownerRange?: string;
  /** Compose: the folder the service builds from, relative to the check root (`build: ./api`). */
  buildContext?: string;
  /**
   * The container port the host port is published to: compose `4000:3000` → 3000, a table row's
   * Container Port cell beside its Host Port.
   */
  containerPort?: number;
  /**
   * Compose: where that container port is written, for a service that builds its image and leaves
   * the port it listens on to the image (no `PORT` in `environment:`, no `command:`): the image's
   * `EXPOSE` is compared with it (rules/imageMismatch.ts).
   */
  containerLoc?: Location;
  /** Dockerfile: the build stage the place is written in, its index in FileFacts.stages. */
  stage?: number;
  /** Compose `${VAR}` the published port was interpolated from. */
  fromVariable?: string;
  /** For env facts: the variable name that wrote this port. */
  variable?: string;
  /** For env facts: a port of the file's own service (`PORT`, `HTTP_PORT`), not another's (`REDIS_PORT`). */
  own?: boolean;
  /**
   * For env facts: the host a client setting dials by name, lowercased (`REDIS_HOST=cache` beside
   * `REDIS_PORT`, `http://cache:6379`): on a compose network, a port inside that container.
   */
  dialHost?: string;
  /**
   * Other names the same service goes by at this place (compose `container_name`, `hostname`,
   * image name, network aliases, the services it publishes for with `network_mode: service:`; a
   * table's Stack column), as service keys: a place with one of these names is not another service.
   */
  names?: string[];
  /**
   * The machine or VM the place is on, as a path from the outer machine in (`ibm-server`,
   * `ibm-server/docker-vm`): places on machines neither of which contains the other never clash.
   */
  host?: string;
  /** Compose: the external networks the service joins; stacks that share one run on one host. */
  networks?: string[];
  /** Compose: the profiles the service is in (none: always started). */
  profiles?: string[];
  /** A compose snippet in a document: the offset of its fence, a deployment unit of its own. */
  fence?: number;
  /**
   * Something else already holds the port on the host (an "occupied ports" list): it clashes with
   * what the project publishes there, but says nothing about the port of the project's own service
   * of that name.
   */
  occupied?: boolean;
  /**
   * A document says the port is the host's (a `Host Port` column): a compose service that
   * publishes another host port to a container port of that number disagrees with it.
   */
  hostSide?: boolean;
  /**
   * A document says the port is the one inside the container (a table's only port column, headed
   * `Container Port` or `Internal Port`): even a port document means the container side there.
   */
  containerSide?: boolean;
  /**
   * A label in a diagram (mermaid): containers are drawn with the port they listen on, so the
   * number may be the container side of a port compose publishes as another.
   */
  drawn?: boolean;
  /**
   * A dev container's forwarded port that names no service (a bare `5432`, no label): the dev
   * container's by default, but where a sibling service publishes it, the sibling's port forwarded.
   */
  forwardedBare?: boolean;
  /**
   * The machine a heading may name (`### ubt-01` over the place): the place's host where a folder of
   * that name holds compose files (`hosts/ubt-01/docker-compose.yml`), see ProjectModel.
   */
  hostIfFolder?: string;
  loc: Location;
}

export interface RangeDecl {
  /** Unique within the file. */
  id: string;
  name: string;
  from: number;
  to: number;
  /** id of the enclosing range (a tier inside a project). */
  parent?: string;
  scope: string;
  /** A range declared as the scope of a project: it opens a sub-scope. */
  project?: boolean;
  /** Kept free for later: ports in it are notable, not forbidden. */
  keptFree?: boolean;
  /**
   * Other ranges and single ports the same section or registry entry owns beside from-to
   * (`## Apps (1000-1999 / 3000-3999)`, `tools: "8880-8899, 9000"`): an entry in one of them is
   * not out of range. A range of several spans names a category's ports, not a block of the port
   * space, so it is not checked for overlaps.
   */
  also?: PortSpan[];
  /**
   * Bands a document lists together outside any range section (`- 1000-2999: Network`): compared
   * for overlap with each other, not with the sections, which may span several bands.
   */
  group?: string;
  /**
   * The key of the service the range is named for (a block table's `| 4400-4499 | Insight —
   * Lighthouse |`, a band's `- 4400-4499: Lighthouse`): where that service runs, its port belongs
   * in the range.
   */
  owner?: string;
  loc: Location;
}

export interface PortSpan {
  from: number;
  to: number;
}

/** A range as its spans: from-to and what it also owns (a RangeDecl, or ranges merged over files). */
type Spanned = PortSpan & { also?: PortSpan[] };

/** Every span of ports a range holds: from-to, then the ones its section also owns. */
function spansOf(range: Spanned): PortSpan[] {
  return range.also ? [range, ...range.also] : [range];
}

/** Whether a place's port, or the range it publishes (`9090-9091`), takes `port`. */
export function takesPort(p: { port: number; endPort?: number }, port: number): boolean {
  return p.port <= port && port <= (p.endPort ?? p.port);
}

/** Whether a range holds the ports from `port` to `last`, in one of its spans. */
export function rangeHolds(range: Spanned, port: number, last = port): boolean {
  return spansOf(range).some((span) => port >= span.from && last <= span.to);
}

/** `8000-8099`, or with what the section also owns: `8880-8899, 9000`. */
export function spansText(range: Spanned): string {
  return spansOf(range).map((span) => (span.from === span.to ? String(span.from) : `${span.from}-${span.to}`)).join(', ');
}

/** Ports declared as forbidden ("never use"). */
export interface Reservation {
  from: number;
  to: number;
  reason: string;
  scope: string;
  loc: Location;
}

/** A port written with no owner: kept for hover and references, never a conflict. */
export interface Mention {
  port: number;
  loc: Location;
}

export type RuleId =
  | 'port-conflict'
  | 'port-mismatch'
  | 'out-of-range'
  | 'reserved-port'
  | 'range-overlap'
  | 'invalid-port'
  | 'registry-schema'
  | 'kept-free-port'
  | 'unregistered-port';

export type Severity = 'error' | 'warning' | 'info';

export interface Related {
  loc: Location;
  message: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  service?: string;
  port?: number;
  loc: Location;
  related: Related[];
}

/**
 * A problem a parser sees in the text itself (invalid ports, schema errors, a port a table row
 * itself records as outside its block).
 */
export interface ParseProblem {
  /** port-mismatch: one entry of a registry gives one port two values (`port: 8790` and `mapping: "8792:8792"`). */
  rule: 'invalid-port' | 'registry-schema' | 'out-of-range' | 'port-mismatch';
  message: string;
  /** The number as written, when it is one (99999, 0). */
  port?: number;
  /** The service whose port the problem is about, when there is one. */
  service?: string;
  /** Lower than the rule's own: a port that is valid but written as nobody means it (`0042`). */
  severity?: 'warning';
  loc: Location;
  related?: Related[];
}

export interface FileFacts {
  file: string;
  kind: SourceKind;
  allocations: Allocation[];
  ranges: RangeDecl[];
  reserved: Reservation[];
  mentions: Mention[];
  problems: ParseProblem[];
  /** 1-based lines on which the named rules are silenced (`portolan-ignore <rule>` on the line above). */
  suppressions: Suppression[];
  /** Other spellings of a service (registry `aliases`). */
  aliases: ServiceAlias[];
  /** Projects that open sub-scopes by folder (registry `projects`). */
  projects: ProjectDecl[];
  /** Why parts of the file were left out (a compose document with YAML errors), for the log. */
  notes: string[];
  /**
   * A registry of another format, read by its own shape (parsers/registry/): its places speak for
   * its folder like a registry's, but it is not Portolan's list of every service (no
   * unregistered-port, no edits in Portolan's format).
   */
  foreign?: boolean;
  /**
   * A registry of one machine names it (`meta: { server: nas }`): every entry binds that machine's
   * ports, whatever environment it is tagged with.
   */
  machine?: string;
  /** Documents: the machines its headings and tables of hosts name (`## Boreas — 192.168.1.11`), by key. */
  machines?: string[];
  /** Documents: the names its headings may give machines (Allocation.hostIfFolder), by key. */
  hostHeadings?: string[];
  /**
   * Documents: its entries are local ports of `kubectl port-forward` commands it holds, a cluster's
   * ports seen from a workstation (parsers/markdown/portForwards.ts).
   */
  forwarded?: boolean;
  /** Compose files: what ties the file to others of its project. */
  compose?: ComposeFileMeta;
  /** Kubernetes manifests: what a kustomization lists, and the Services and pod templates the cluster checks read. */
  kubernetes?: KubernetesFacts;
  /** Dockerfiles: the build stages in order; the last is the image built without a target. */
  stages?: ImageStage[];
  /** devcontainer.json: the compose files it runs the dev container with (`dockerComposeFile`), from the check root. */
  devcontainer?: { composeFiles: string[] };
  /**
   * Documents: compose files their commands run together (`docker compose -f a -f b`), paths from
   * the check root; Compose merges each set into one project.
   */
  composeSets?: string[][];
}

/** What Compose reads together with a compose file; paths relative to the check root. */
export interface ComposeFileMeta {
  /** The top-level `name:`. */
  name?: string;
  /** Files pulled in by `include:` and `extends: { file }`. */
  includes: string[];
  /** `env_file:` entries of its services: [env file, the service (key) that reads it]. */
  envReaders: Array<[string, string]>;
  /** The folders its services build from: a service's own `.env` there is part of the project. */
  builds: string[];
  /** The Dockerfiles its services build, with who builds them and how; absent when none does. */
  images?: ImageBuild[];
  /**
   * Its services' `container_name`s with the service (key) each names, sorted by name; absent when
   * none has one. Docker runs one container of a name per host: two projects that name a container
   * alike are never up together; and a document may call a service by its container's name.
   */
  containers?: Array<[string, string]>;
  /** Its services that run a well-known server (`db` on a PostgreSQL image): [server, service (key)]. */
  servers?: Array<[string, string]>;
  /** The environment its services say they run in (`NODE_ENV: development` on each that names one). */
  runtime?: string;
}

/** A compose service's `build:`, as the Dockerfile it builds sees it. */
export interface ImageBuild {
  /** The Dockerfile, relative to the check root (`context` joined with `dockerfile`, default `Dockerfile`). */
  dockerfile: string;
  /** The service (key). */
  service: string;
  /** `target:`, lowercased as Docker matches stage names; undefined builds the last stage. */
  target?: string;
  /** The names `args:` sets: they may change a port the Dockerfile takes from an `ARG`. */
  args: string[];
}

/** One `FROM` of a Dockerfile and what follows it. */
export interface ImageStage {
  /** `AS name`, lowercased; undefined for a stage without one. */
  name?: string;
  /** The earlier stage it starts from (`FROM build`), by index: it has that stage's `EXPOSE` and `ENV` too. */
  parent?: number;
  /**
   * The stage may have ports not written here: one written with a variable the Dockerfile does not
   * set (`EXPOSE $PORT`), or a base image (not an earlier stage) that may expose ports of its own.
   */
  unknownPorts?: boolean;
  /** The `ARG`s its ports come from: a compose service's `build.args` may set them otherwise. */
  args?: string[];
}

export interface ServiceAlias {
  serviceKey: string;
  aliasKeys: string[];
}

export interface ProjectDecl {
  name: string;
  /** Folder (relative to the check root, '/' separators) whose files belong to the project. */
  path?: string;
  rangeId?: string;
  loc: Location;
}

export interface Suppression {
  line: number;
  /** Empty means every rule. */
  rules: string[];
}

export interface ParseContext {
  file: string;
  /** Variables of the `.env` beside a compose file, for `${VAR}` interpolation. */
  env?: ReadonlyMap<string, string>;
  /**
   * Where the folder has no `.env`, the variables of its env template (`.env.example`): what a
   * `${VAR}` or `${VAR:?err}` without a default is once the user copies it. A default wins over it.
   */
  envTemplate?: ReadonlyMap<string, string>;
  /** Name of the folder that holds the file: the owner of a bare `PORT=` in an env file. */
  folderName?: string;
}

export function emptyFacts(file: string, kind: SourceKind): FileFacts {
  return {
    file, kind, allocations: [], ranges: [], reserved: [], mentions: [], problems: [], suppressions: [], aliases: [], projects: [], notes: [],
  };
}
