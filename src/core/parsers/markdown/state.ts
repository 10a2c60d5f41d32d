// The walk's state: where in the document we are (the section stack) and where facts go.
import type { Allocation, FileFacts, ParseContext, Protocol } from '../../model';
import type { LineIndex } from '../../text/lineIndex';
import { cleanName, LOCAL_RUN_ENVIRONMENT, serviceKey, VARIANT_PREFIX } from '../../syntax/names';
import { isLocalHost, isValidPort, MAX_PORT, type UrlPort } from '../../syntax/ports';
import { internIfLong } from '../../text/intern';
import { ABOUT_PORTS, type HeadingInfo, type ReservedKind } from './sections';
import { nestHost, qualifierHost } from './hosts';
import { rangeOwner } from './rangeOwner';
import { runByDevServer, withoutStack } from './roleQualifier';
import type { Tier } from './tiers';
import type { Principle } from './principles';
import { noteGenericPart } from './blocks';

export interface Section {
  level: number;
  line: number;
  info: Readonly<HeadingInfo>;
  /** Range declared by this heading. */
  rangeId?: string;
  /** Set when this heading opens a project's sub-scope. */
  scope?: string;
  reserved?: ReservedKind;
  /** The machine the section is on: its heading's, or the last key/value line's (`**Machine**: nas`). */
  host?: string;
  /** A name like a machine's its heading is (`### ubt-01`): its host where a folder confirms it (Allocation.hostIfFolder). */
  hostIfFolder?: string;
  /** A list's title ("Never use these ports:"): the nesting level of the list it lasts for. */
  listLevel?: number;
  /** The list is nested in an item that names what its items are about (`* Catalog:` over `* Local Env: 5000`). */
  underNamingItem?: boolean;
}

export interface MdState {
  text: string;
  lines: LineIndex;
  facts: FileFacts;
  ctx: ParseContext;
  /** Open sections, outermost first; the first is the document itself, which no heading closes. */
  sections: Section[];
  /** Ranges declared by headings so far, which table and list ranges may nest in. */
  headingRanges: Array<{ id: string; from: number; to: number }>;
  /** The machines that key/value lines name (`Machine: nas`), and whether a heading names one. */
  namedHosts: Set<string>;
  machineHeading: boolean;
  /**
   * Machines a table of hosts names (`| Host | IP |`), whose headings are their sections, and the
   * machines headings name: FileFacts.machines.
   */
  machines: Set<string>;
  /** The names headings may give machines, where places were written under them (FileFacts.hostHeadings). */
  hostHeadings: Set<string>;
  /** A compose snippet in the page reads a `.env` file; the variables snippets interpolate. */
  snippetReadsEnv: boolean;
  snippetVariables: Set<string>;
  /** The claims of `Name: URL` list items, by the URL's `host:port` (see dropRoutePages). */
  urlItems: Map<string, Array<{ allocation: Allocation; route: boolean }>>;
  /** The page service's claims whose port a property row labels with a word (see componentClaims). */
  labelledClaims: Array<{ allocation: Allocation; label: string }>;
  /** Allocations under a heading that names a frontend or a backend tier (see tiers.ts). */
  tiered: Array<{ allocation: Allocation; tier: Tier }>;
  /** Ranges the document states for a class of its services ("all APIs use 87xx"). */
  principles: Principle[];
  /** Allocations of generic parts (frontend, api) with the heading each is under (see blocks.ts). */
  generic: Array<{ allocation: Allocation; heading: Section }>;
  /** The allocations of each list item that wrote several ports (see summaryItems.ts). */
  multiPortItems: Allocation[][];
}

/** What the enclosing sections say about the content at the current point. */
export interface Context {
  scope: string;
  environment?: string;
  /**
   * The range that owns entries here: the nearest heading's own. A sub-section without a range of
   * its own may be about something else ("Kiln — uses the Forge range"), so it owns nothing.
   */
  ownerRange?: string;
  /** The nearest range up the headings, which ranges declared here are nested in. */
  enclosingRange?: string;
  reserved?: ReservedKind;
  /** `reserved` is what the paragraph under a plain "Reserved" title said, not the title. */
  reservedByText?: boolean;
  /** Service named by the nearest heading. */
  owner?: string;
  /**
   * The service the page is about here: the nearest heading's, or under a heading that names none
   * (Deployment, Setup), the page title's. Interface labels ("Web UI: 9000", "| **Port** | 3000 |")
   * speak of it.
   */
  pageService?: string;
  /** `pageService` is the page title's: in a project's README, the project, not one of its services. */
  pageServiceIsTitle?: boolean;
  /**
   * Inside an example, a rejected alternative, history, a list of ports inside containers or of a
   * proxy's ports: no port of the services named here is taken, so allocations become mentions.
   */
  illustrative?: boolean;
  /** The machine or VM, outer machine first (`big-server/docker-vm`). */
  host?: string;
  /** A heading above talks about ports or services, so a bare `- name: 8080` item means a port. */
  aboutPorts?: boolean;
  /** The nearest heading that names a frontend or a backend tier names this one. */
  tier?: Tier;
  /** The environment the heading of `ownerRange` names: the range owns that environment's ports only. */
  rangeEnvironment?: string;
  /** A section above runs its services in containers (see HeadingInfo.inContainers). */
  inContainers?: boolean;
  /** A section above lists what a tool supports (see HeadingInfo.catalog). */
  catalog?: boolean;
  /** The innermost heading that may name a machine (Section.hostIfFolder). */
  hostIfFolder?: string;
}

export function currentContext(state: MdState): Context {
  const out: Context = { scope: '' };
  for (const s of state.sections) {
    if (s.scope !== undefined) out.scope = s.scope;
    if (s.info.environment) out.environment = s.info.environment;
    if (s.rangeId) out.enclosingRange = s.rangeId;
    if (s.reserved) {
      out.reserved = s.reserved;
      out.reservedByText = s.info.reservedByText;
    }
    if (s.info.illustrative || s.info.containerSide || s.info.proxySide) out.illustrative = true;
    if (s.host) out.host = nestHost(out.host, s.host);
    if (s.info.aboutPorts === false) out.aboutPorts = false;
    else if (s.info.aboutPorts || s.info.range) out.aboutPorts = true;
    if (s.info.tier) out.tier = s.info.tier;
    if (s.info.inContainers) out.inContainers = true;
    if (s.info.catalog) out.catalog = true;
    if (s.hostIfFolder) out.hostIfFolder = s.hostIfFolder;
  }
  const last = state.sections[state.sections.length - 1];
  if (last?.info.owner) out.owner = last.info.owner;
  out.pageService = serviceHeading(out.owner);
  if (out.pageService === undefined) {
    out.pageService = serviceHeading(state.sections.find((s) => s.level === 1)?.info.owner);
    if (out.pageService !== undefined) out.pageServiceIsTitle = true;
  }
  if (last?.rangeId) {
    out.ownerRange = last.rangeId;
    out.rangeEnvironment = last.info.rangeEnvironment;
  }
  return out;
}

/** A heading's owner that can be a service: a short name, not a topic ("Port allocation rules"). */
function serviceHeading(owner: string | undefined): string | undefined {
  return owner !== undefined && owner.split(' ').length <= 3 && !ABOUT_PORTS.test(owner) && !/分配|割り当て|할당|原则|規則|규칙|rules?|principles?|policy|strategy/i.test(owner) ? owner : undefined;
}

/** The section of the nearest heading: a list's title section is not one. */
export function nearestHeading(state: MdState): Section | undefined {
  for (let i = state.sections.length - 1; i > 0; i--) if (state.sections[i].listLevel === undefined) return state.sections[i];
  return undefined;
}

/**
 * `### User API dual-port setup` over `- **8888**: main endpoint` (or `4120 - User HTTP API` in a
 * block under `### User Management (4120-4129)`), where the document already gives User API 8888
 * (User Management 4120): the item says what the heading's service does with its port, not that
 * another service holds it.
 */
export function headingServiceHolds(state: MdState, port: number, service: string): boolean {
  const heading = nearestHeading(state)?.info.name.toLowerCase();
  if (!heading) return false;
  return state.facts.allocations.some((a) => a.port === port && a.service !== service && namedIn(heading, a.service.toLowerCase()));
}

/** `name` is written in `text` as words of its own (a letter or digit on neither side). */
function namedIn(text: string, name: string): boolean {
  const at = text.indexOf(name);
  if (name.length < 2 || at < 0) return false;
  return !/[a-z0-9]/.test(text.charAt(at - 1)) && !/[a-z0-9]/.test(text.charAt(at + name.length));
}

/** A URL's server (`host:port`), and whether it has a path beyond `/`: a page of that server. */
export function urlPage(url: UrlPort): { server: string; route: boolean } {
  return { server: `${url.host.toLowerCase()}:${url.port}`, route: url.path.replace(/\/+$/, '') !== '' };
}

// A machine's address on a home or office network (`10.0.0.5`, `192.168.1.20`); not Docker's bridge networks (172.16/12).
const LAN_ADDRESS = /^(?:10|192\.168)(?:\.\d{1,3}){2,3}$/;

/**
 * A URL on this machine (`http://localhost:46000`) or on its address in the network
 * (`http://10.0.0.5:46000`) is reached through a host port: a document that gives it does not
 * speak of the container side of a published port (`3001:46000`).
 */
export function hostSideUrl(url: UrlPort): boolean {
  return isLocalHost(url.host) || LAN_ADDRESS.test(url.host);
}

// A placeholder for a cluster node's address: `http://NODE_IP:30081`, `http://minikube:30080`.
const NODE_ADDRESS = /^(?:node[-_]?(?:ip|address|host)|minikube(?:[-_]ip)?|k8s[-_]node|kube[-_]?node)$/i;

/** A URL on a cluster node's address is reached through a node port: a cluster's, not a compose host's. */
export function nodeAddressUrl(url: UrlPort): boolean {
  return NODE_ADDRESS.test(url.host);
}

/** Files a place under the URL (`host:port`) its item or row gives, for dropRoutePages. */
export function fileUnderUrl(state: MdState, server: string, allocation: Allocation, route: boolean): void {
  const items = state.urlItems.get(server);
  if (items) items.push({ allocation, route });
  else state.urlItems.set(server, [{ allocation, route }]);
}

/**
 * List items that give one server's URL under several names, each with its own path ("Home:
 * :8501/", "Billing: :8501/billing"), name the pages of that server, not services: only the items
 * at its root stay claims.
 */
export function dropRoutePages(state: MdState): void {
  const pages = new Set<Allocation>();
  for (const items of state.urlItems.values()) {
    if (new Set(items.map((i) => i.allocation.serviceKey)).size < 2) continue;
    for (const item of items) if (item.route) pages.add(item.allocation);
  }
  mentionOnly(state, pages);
}

/** Turns some of the page's allocations into mentions of their ports; the others keep their order. */
export function mentionOnly(state: MdState, allocations: ReadonlySet<Allocation>): void {
  if (allocations.size === 0) return;
  const kept = state.facts.allocations.filter((a) => !allocations.has(a));
  state.facts.allocations.length = 0;
  state.facts.allocations.push(...kept);
  for (const a of allocations) state.facts.mentions.push({ port: a.port, loc: a.loc });
}

/** A key/value line naming a machine: the rest of its section is on it, unless the heading named one. */
export function setSectionHost(state: MdState, host: string): void {
  const section = state.sections[state.sections.length - 1];
  if (!section.info.host) section.host = host;
  state.namedHosts.add(host);
}

/**
 * A page that names one machine and no machine heading is about a service on that machine ("Machine:
 * nas" under "Deployment", the compose snippet under "Docker Compose"): every place of it is there.
 */
export function placeOnPageHost(state: MdState): void {
  if (state.machineHeading || state.namedHosts.size !== 1) return;
  const [host] = state.namedHosts;
  for (const a of state.facts.allocations) a.host ??= host;
}

// "(standalone)", "runs alone", "독립 실행": a service started on its own, never beside the others.
const STANDALONE = /\b(?:standalone|stand-alone|run(?:s|ning)? (?:alone|on its own)|independent(?:ly)?)\b|독립|独立|単独/i;
// "routed by the Ingress", "走 Ingress": the shared entry point holds the port, routing by host name.
const INGRESS = /\bingress\b/i;

/**
 * What a row or list item says about where its service runs, besides its name: started on its own
 * (an environment of its own, never compared with the rest), or reached through an ingress (the
 * ingress's port: every row routed by it is one listener), or published by another service.
 * Read once per row.
 */
export interface Remarks {
  standalone: boolean;
  ingress: boolean;
  /** `9696 (via vpn-gateway)`: the service that publishes the port for this one (see VIA). */
  via?: string;
}

// `9696 (via vpn-gateway)`, `Web UI (through vpn)`: a service in another's network (Compose's
// `network_mode: service:vpn-gateway`) or behind it, which publishes the port for it: one listener.
// A protocol or a kind of place is not a service.
const VIA = /\((?:via|through|behind) ([\p{L}\p{N}][\p{L}\p{N}._-]*)\)/iu;
const NOT_A_PUBLISHER = /^(?:https?|tcp|udp|ssh|tls|ssl|vpn|lan|wan|localhost|host|browser|docker|compose|proxy|api|ui|cli|web|port|ports)$/i;

export function remarksOf(text: string): Remarks {
  const shared = REMARKS[(STANDALONE.test(text) ? 1 : 0) + (INGRESS.test(text) ? 2 : 0)];
  const via = VIA.exec(text)?.[1];
  return via === undefined || NOT_A_PUBLISHER.test(via) ? shared : { ...shared, via };
}

// Every row without a `via` has one of four answers: shared, not made per row.
const REMARKS: readonly Remarks[] = [
  { standalone: false, ingress: false }, { standalone: true, ingress: false },
  { standalone: false, ingress: true }, { standalone: true, ingress: true },
].map((r) => Object.freeze(r));

/** The context of a service its row's remarks describe. */
export function remarkedContext(context: Context, remarks: Remarks, service: string): Context {
  return remarks.standalone ? { ...context, environment: standaloneEnvironment(serviceKey(service)) } : context;
}

function standaloneEnvironment(key: string): string {
  return `${VARIANT_PREFIX}standalone-${key}`;
}

/**
 * A page that says once that a service runs on its own on a port ("- redis: 6379 (standalone)"
 * under the resolved conflicts) says it of every place where it lists that service on that port,
 * such as the status table above that lists it among the port's holders.
 */
export function standaloneAcrossPage(state: MdState): void {
  const alone = new Set<string>();
  for (const a of state.facts.allocations) {
    if (a.environment === standaloneEnvironment(a.serviceKey)) alone.add(`${a.serviceKey}\u0000${a.port}`);
  }
  if (alone.size === 0) return;
  for (const a of state.facts.allocations) {
    if (a.environment === undefined && alone.has(`${a.serviceKey}\u0000${a.port}`)) a.environment = standaloneEnvironment(a.serviceKey);
  }
}

/** The names a row's remarks give its service, besides `other`. */
export function remarkedNames(remarks: Remarks, other?: string): string[] | undefined {
  if (remarks.via !== undefined) return [...(other === undefined ? [] : [other]), ...(remarks.ingress ? INGRESS_NAMES : []), remarks.via];
  if (other === undefined) return remarks.ingress ? INGRESS_NAMES : undefined;
  return remarks.ingress ? [other, ...INGRESS_NAMES] : [other];
}

const INGRESS_NAMES: string[] = ['ingress'];

/** A service written with the VM it runs in (`Game daemon (gameservers VM)`) is on that VM. */
export function withQualifierHost(context: Context, service: string): Context {
  const host = qualifierHost(service);
  return host ? { ...context, host: nestHost(context.host, host) } : context;
}

export interface AllocationInput {
  service: string;
  role?: string;
  port: number;
  endPort?: number;
  protocol?: Protocol;
  hostIp?: string;
  /** Other names of the service at this place, as written. */
  names?: string[];
  /** Listed as holding a port on the host already (see Allocation.occupied). */
  occupied?: boolean;
  /** The port inside the container behind this host port, as the same row gives it. */
  containerPort?: number;
  /** Written as a host port (a `Host Port` column): never the container side of a published port. */
  hostSide?: boolean;
  /** Written as the port inside the container (see Allocation.containerSide). */
  containerSide?: boolean;
  /** A diagram's label (see Allocation.drawn). */
  drawn?: boolean;
  claim: boolean;
  group: number;
  indexInGroup: number;
  /** Absolute offsets of the number in the file. */
  start: number;
  end: number;
}

/** The place written, if the input is one (not a mention or an invalid number). */
export function emitAllocation(state: MdState, context: Context, input: AllocationInput): Allocation | undefined {
  // A URL or label can carry any number (`http://host:0`, `:99999`): only a port is a fact.
  if (!isValidPort(input.port)) return undefined;
  if (context.illustrative) {
    emitMention(state, input.port, input.start, input.end);
    return undefined;
  }
  const { service, key, devServer } = nameOf(input.service);
  if (!key) return undefined;
  const allocation: Allocation = {
    service,
    serviceKey: key,
    role: input.role,
    port: input.port,
    endPort: input.endPort !== undefined && input.endPort > input.port && isValidPort(input.endPort) ? input.endPort : undefined,
    protocol: input.protocol ?? 'tcp',
    hostIp: input.hostIp,
    scope: context.scope,
    environment: onDevServer(devServer, context),
    source: 'markdown',
    claim: input.claim,
    group: input.group,
    indexInGroup: input.indexInGroup,
    ownerRange: input.claim ? undefined : context.ownerRange,
    names: otherKeys(key, input.names),
    // Plain fields, present on every place: one object shape for all of them.
    occupied: input.occupied || undefined,
    containerPort: input.containerPort,
    hostSide: input.hostSide || undefined,
    containerSide: input.containerSide || undefined,
    drawn: input.drawn || undefined,
    host: context.host,
    hostIfFolder: context.host === undefined ? context.hostIfFolder : undefined,
    loc: state.lines.location(state.ctx.file, input.start, input.end),
  };
  state.facts.allocations.push(allocation);
  if (allocation.hostIfFolder !== undefined) state.hostHeadings.add(allocation.hostIfFolder);
  if (context.tier) state.tiered.push({ allocation, tier: context.tier });
  noteGenericPart(state, allocation);
  return allocation;
}

/**
 * A service its name says a dev server runs (`Web (Vite)`) is run on the machine, in no environment
 * or one a dev server serves (development, test), unless its section runs containers
 * (`Development (Docker)`: the dev server runs in one).
 */
function onDevServer(devServer: boolean, context: Context): string | undefined {
  const { environment } = context;
  const local = (environment === undefined || environment === 'development' || environment === 'test') && !context.inContainers;
  return local && devServer ? LOCAL_RUN_ENVIRONMENT : environment;
}

/** Interned here: the lists are left alone by internStrings (see intern.ts). */
function otherKeys(key: string, names: string[] | undefined): string[] | undefined {
  const keys = names?.map(serviceKey).filter((k) => k !== '' && k !== key);
  return keys?.length ? keys.map(internIfLong) : undefined;
}

// A row or item with many ports names its service once per port: the name is cleaned once.
let lastName = { raw: '', service: '', key: '', devServer: false };

/** The service a written name is, its key, and whether its parentheses say a dev server runs it. */
function nameOf(raw: string): { service: string; key: string; devServer: boolean } {
  if (raw !== lastName.raw) {
    const cleaned = cleanName(raw);
    const service = withoutStack(cleaned);
    lastName = { raw, service, key: serviceKey(service), devServer: runByDevServer(cleaned) };
  }
  return lastName;
}

export function emitMention(state: MdState, port: number, start: number, end: number): void {
  if (!isValidPort(port)) return;
  state.facts.mentions.push({ port, loc: state.lines.location(state.ctx.file, start, end) });
}

export function emitInvalid(state: MdState, port: number | undefined, start: number, end: number, what: string, written = String(port)): void {
  state.facts.problems.push({
    rule: 'invalid-port',
    message: `${written} is not a valid port (${what}); ports are 1-65535`,
    port,
    loc: state.lines.location(state.ctx.file, start, end),
  });
}

/** A range a heading declares. */
export function emitHeadingRange(
  state: MdState,
  context: Context,
  input: { name: string; from: number; to: number; start: number; end: number; keptFree?: boolean; also?: Array<{ from: number; to: number }> },
): string {
  const id = pushRange(state, context, { ...input, parent: context.enclosingRange });
  state.headingRanges.push({ id, from: input.from, to: input.to });
  return id;
}

/**
 * A range a table row or list item declares. Outside a range section, a range that falls inside a
 * heading's range ("- core: 30000-30009" in a list about the 300xx section) is nested in it, and an
 * open-ended one ("5175+" under 51xx) ends where that range ends.
 */
export function emitItemRange(
  state: MdState,
  context: Context,
  input: { name: string; owner?: string; from: number; to: number; start: number; end: number; keptFree?: boolean; group?: string },
): string {
  const openEnded = input.to === MAX_PORT;
  const holder = context.enclosingRange === undefined
    ? state.headingRanges
      .filter((r) => r.from <= input.from && (openEnded ? input.from <= r.to : input.to <= r.to) && !(r.from === input.from && r.to === input.to))
      .sort((a, b) => a.to - a.from - (b.to - b.from))[0]
    : undefined;
  const to = holder && openEnded ? holder.to : input.to;
  const parent = context.enclosingRange ?? holder?.id;
  return pushRange(state, context, { ...input, to, parent, group: parent === undefined ? input.group : undefined });
}

function pushRange(
  state: MdState,
  context: Context,
  input: {
    name: string; owner?: string; from: number; to: number; start: number; end: number; parent?: string; keptFree?: boolean; also?: Array<{ from: number; to: number }>; group?: string;
  },
): string {
  const id = `${state.ctx.file}#range@${input.start}`;
  state.facts.ranges.push({
    id,
    name: cleanName(input.name),
    from: input.from,
    to: input.to,
    parent: input.parent,
    scope: context.scope,
    keptFree: input.keptFree || undefined,
    also: input.also?.length ? input.also : undefined,
    group: input.group,
    owner: input.keptFree || input.owner === undefined ? undefined : rangeOwner(input.owner),
    loc: state.lines.location(state.ctx.file, input.start, input.end),
  });
  return id;
}

export function emitReservation(state: MdState, context: Context, from: number, to: number, reason: string, start: number, end: number): void {
  state.facts.reserved.push({ from, to, reason: cleanName(reason), scope: context.scope, loc: state.lines.location(state.ctx.file, start, end) });
}
