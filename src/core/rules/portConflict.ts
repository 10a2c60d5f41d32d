// port-conflict: two different services on the same port, protocol and host IP, that would run on
// one host (see runTogether) in a compatible environment, machine and profile.
import type { Finding } from '../model';
import { environmentFromText, namesOnlyInterface, probablySameService, roleFromWords, serviceKey, variableNamesService } from '../syntax/names';
import { dirOf } from '../syntax/paths';
import { isComposeNamed } from '../parsers/compose/fileNames';
import { describeSame, machinesMeet, namesMeet, profilesMeet, registryOver, runTogether } from '../project/relations';
import { Authority } from '../project/roles';
import { environmentsMeet, inDocumentOrder, insideContainer, portText, where, type Place } from './model';
import { finding, MAX_RELATED, type PortUnit, type Rule, type Ties } from './rule';

export const portConflict: Rule = {
  id: 'port-conflict',
  severity: 'error',
  summary: 'two different services on the same port, protocol and host IP',
  checks: { port: conflictsOn },
  oncePerPlace: true,
};

/**
 * A place can clash when it is not reported as mismatched and is a host port: an env port inside
 * a container is not. Sorting places into document order was most of a cold check's rule time,
 * so a port's places are sorted only when services of more than one can clash there.
 */
function conflictsOn(unit: PortUnit): Finding[] {
  // A document's column of ports inside the containers (`Internal Port`) holds no host port.
  const eligible = (p: Place) => !unit.mismatched(p) && !p.fileRole.inContainer && p.containerSide !== true && !insideContainer(p, () => unit.servicePlaces(p)) && !unit.unusedVariable(p);
  if (servicesAmong(unit.places, eligible) < 2) return [];
  const places = inDocumentOrder(unit.places).filter(eligible);
  return conflictsAt(unit.port, places.filter((p) => !labelsPortOf(p, places, unit) && !publishedThrough(p, places) && !forwardsSibling(p, places)), unit.ties);
}

/**
 * A dev container's forward that names no service (`"forwardPorts": [5432]`) on a port another
 * service of its compose project publishes: that service's port forwarded (the dev container
 * shares its network, or the editor forwards the published port), no second listener.
 */
function forwardsSibling(forward: Place, places: readonly Place[]): boolean {
  return forward.forwardedBare === true && places.some((c) => c.source === 'compose' && c.unit === forward.unit && c.identity !== forward.identity);
}

/**
 * An env variable that a compose file beside it publishes as a host port (`"${CALLS_PORT}:7443"`):
 * the compose place is that allocation, whatever the variable is called; the variable is no second
 * service on the port.
 */
function publishedThrough(env: Place, places: readonly Place[]): boolean {
  if (env.source !== 'env' || env.variable === undefined) return false;
  const dir = dirOf(env.loc.file);
  return places.some((c) => c.source === 'compose' && c.fromVariable === env.variable && dirOf(c.loc.file) === dir);
}

/**
 * A document's name for one port of a compose service it lists on another (`- 9001: MinIO web
 * console`, `- 9000: S3 API endpoint` over a minio that publishes both): a label of that port, no
 * service of its own, where nothing but the document names it. A port document's rows allocate:
 * there a name of its own on a port compose gives another service is a second holder.
 */
function labelsPortOf(doc: Place, places: readonly Place[], unit: PortUnit): boolean {
  if (doc.source !== 'markdown' || !doc.fileRole.describes || doc.fileRole.authority === Authority.portDocument) return false;
  for (const q of unit.servicePlaces(doc)) if (q.loc.file !== doc.loc.file) return false;
  return places.some((c) => {
    if (c.source !== 'compose' || c.fence !== undefined || c.identity === doc.identity) return false;
    const service = [...unit.servicePlaces(c)];
    const published = new Set(service.filter((q) => q.source === 'compose' && q.fence === undefined).map((q) => q.port));
    return service.some((q) => q.loc.file === doc.loc.file && q.port !== unit.port && published.has(q.port));
  });
}

/** How many services the eligible places belong to, counted up to two. */
function servicesAmong(places: ReadonlySet<Place>, eligible: (p: Place) => boolean): number {
  let identity: string | undefined;
  for (const p of places) {
    if (!eligible(p)) continue;
    if (identity === undefined) identity = p.identity;
    else if (p.identity !== identity) return 2;
  }
  return identity === undefined ? 0 : 1;
}

/**
 * Conflicts on one port among `places`: allocations (no claims, no mismatched places) in one
 * scope and protocol, in document order. Places that nothing ties together are checked apart
 * (two copies of a project in one folder find what each finds alone, and a port written by a
 * thousand independent stacks costs what they cost one by one). Within a group, the first service
 * on the port holds it; every other service that clashes with an earlier one is reported once, at
 * its first place on the port.
 */
function conflictsAt(port: number, places: Place[], ties: Ties): Finding[] {
  // Each place's listing files, looked up once: clashes ask for them pair by pair.
  const listings = new Map<Place, Set<string>>();
  const listing = (p: Place) => {
    let files = listings.get(p);
    if (!files) listings.set(p, (files = new Set(ties.listing(p))));
    return files;
  };
  const listed = (a: Place, b: Place) => {
    const theirs = listing(b);
    for (const file of listing(a)) if (theirs.has(file)) return true;
    return false;
  };
  const findings: Finding[] = [];
  for (const group of tiedGroups(places, { listing, registriesOver: ties.registriesOver })) {
    if (group.length > 1) findings.push(...conflictsAmong(port, group, listed));
  }
  return findings;
}

/** Places joined by what may tie them (a unit, a network, a listing file, a registry), each group in document order. */
function tiedGroups(places: Place[], ties: Ties): Place[][] {
  const parent = places.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const first = new Map<string, number>();
  const join = (key: string, i: number) => {
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else parent[find(i)] = find(j);
  };
  places.forEach((p, i) => {
    const isolated = p.fileRole.isolated;
    join(`u\u0000${p.unit}`, i);
    for (const n of p.networks ?? []) join(`n\u0000${isolated}\u0000${p.fileRole.repository}\u0000${n}`, i);
    for (const file of ties.listing(p)) join(`l\u0000${file}`, i);
    for (const file of ties.registriesOver(p)) join(`r\u0000${isolated}\u0000${file}`, i);
  });
  const groups = new Map<number, Place[]>();
  places.forEach((p, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(p);
    else groups.set(root, [p]);
  });
  return [...groups.values()];
}

function conflictsAmong(port: number, places: Place[], listedTogether: (a: Place, b: Place) => boolean): Finding[] {
  const services = [...new Set(places.map((p) => p.identity))];
  const findings: Finding[] = [];
  // Most workspaces name no container alike in two projects: nothing to look up then.
  const published = places.some((p) => p.fileRole.alternatives.length > 0) ? publishedBy(places) : undefined;
  const clash = (a: Place, b: Place) => clashes(a, b, listedTogether) && (published === undefined || (!describesAlternative(a, b, published) && !describesAlternative(b, a, published)));
  for (let i = 1; i < services.length; i++) {
    const mine = places.filter((p) => p.identity === services[i]);
    const theirs = places.filter((p) => services.indexOf(p.identity) < i && mine.some((m) => clash(m, p)));
    if (theirs.length === 0) continue;
    const at = mine.find((m) => theirs.some((t) => clash(m, t)))!;
    const holders = [...new Map(theirs.map((t) => [t.identity, t.service] as const)).values()].join(', ');
    // The holders' places are every place of theirs that speaks of the clashing ones' deployment:
    // the registry entry and the table row of the compose service that clashes.
    const held = places.filter((p) => theirs.includes(p) || (p.identity !== services[i] && services.indexOf(p.identity) < i && theirs.some((t) => t.identity === p.identity && describeSame(t, p))));
    findings.push(finding(portConflict, {
      message: `Port ${port} is taken by both ${at.service} and ${holders} (${where(theirs[0].loc)}${held.length > MAX_RELATED ? ` and ${held.length - MAX_RELATED} more places` : ''})`,
      service: at.service,
      port,
      loc: at.loc,
      related: held.slice(0, MAX_RELATED).map((t) => ({ loc: t.loc, message: `${t.service}: ${portText(t)}` })),
    }));
  }
  return findings;
}

/** The compose projects that publish each service (by identity) on the port. */
function publishedBy(places: Place[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of places) {
    if (p.source !== 'compose' || p.fence !== undefined) continue;
    let units = out.get(p.identity);
    if (!units) out.set(p.identity, (units = new Set()));
    units.add(p.unit);
  }
  return out;
}

/**
 * A document's place for a service that compose projects publish on the port describes their
 * containers: it does not clash with a project that is the alternative of each of them (they name
 * a container alike), which is never up beside them.
 */
function describesAlternative(doc: Place, other: Place, published: Map<string, Set<string>>): boolean {
  if (!doc.fileRole.describes || other.source !== 'compose' || other.fileRole.alternatives.length === 0) return false;
  const units = published.get(doc.identity);
  return units !== undefined && [...units].every((unit) => other.fileRole.alternatives.includes(unit));
}

function clashes(a: Place, b: Place, listedTogether: (a: Place, b: Place) => boolean): boolean {
  // Files a command runs together are one environment, whatever their names call them.
  const composed = a.fileRole.composedWith.includes(b.loc.file);
  return (composed || ((environmentsMeet(a.environment, b.environment) || oneMachine(a, b)) && !variantFiles(a, b)))
    && hostsMeet(a.hostIp, b.hostIp) && machinesMeet(a.host, b.host)
    && profilesMeet(a.profiles, b.profiles) && !interpolationLink(a, b)
    && (namedApart(a, b) || !probablySameService(a.service, b.service)) && (twoContainers(a, b) || !namesMeet(a, b))
    && !sameBuild(a, b) && !environmentVariants(a, b) && !unnamedEnvBeside(a, b) && !namedByRole(a, b) && !namedByRole(b, a)
    && !testStackBesideDocument(a, b) && !entryOfFolder(a, b) && !entryOfFolder(b, a) && runTogether(a, b, listedTogether);
}

/**
 * A registry entry named for a folder (`openai-voice: { ports: { api: 8787 } }` beside
 * `openai-voice/docker-compose.yml`) gives the project in that folder its ports: the compose
 * services there and below that publish them are the project's, whatever each is called.
 */
function entryOfFolder(entry: Place, other: Place): boolean {
  return entry.source === 'registry' && other.source === 'compose' && other.fileRole.home.split('/').some((folder) => serviceKey(folder) === entry.serviceKey);
}

/**
 * A document written for no environment describes the usual setup; a test stack
 * (`docker-compose.test.yml`) is brought up on its own, for a test run, often with the ports
 * shuffled: what it publishes does not clash with what the document lists.
 */
function testStackBesideDocument(a: Place, b: Place): boolean {
  const test = (c: Place, d: Place) => c.source === 'compose' && c.environment === 'test' && c.fileRole.variantFile && d.fileRole.describes && d.environment === undefined;
  return test(a, b) || test(b, a);
}

/**
 * A document's row named only by an interface (`WebSocket`, `Metrics`) beside a place of that role
 * in the same document (`WS_PORT=3003` under a service's heading): one endpoint written twice.
 */
function namedByRole(named: Place, other: Place): boolean {
  if (other.role === undefined || named.loc.file !== other.loc.file || !named.fileRole.describes) return false;
  return namesOnlyInterface(named.service) && roleFromWords(named.service) === other.role;
}

/**
 * Two services of one compose project are two containers, whatever other names they go by (`db`
 * and `postgres`, both of the `postgres` image): Compose starts both, and the second cannot bind a
 * port the first holds. Names alike (`speaker` and `speaker-gpu`) may still be variants that
 * profiles in a file not read here choose between.
 */
function twoContainers(a: Place, b: Place): boolean {
  return a.source === 'compose' && b.source === 'compose' && a.fence === undefined && b.fence === undefined
    && a.unit === b.unit && a.serviceKey !== b.serviceKey;
}

/**
 * Two services that Compose surely starts together (one file, a base file and its override, files
 * one command names) whose names each have a word the other has not (`shop-api` and
 * `shop-worker`, `db` and `postgres`) are two containers, not one written two ways. A name that
 * only adds words to the other (`speaker`, `speaker-gpu`) may be a variant of it, and files of a
 * folder named otherwise (`kafka-zk.yml`, `kafka-kraft.yml`) may be run one at a time.
 */
function namedApart(a: Place, b: Place): boolean {
  if (!twoContainers(a, b)) return false;
  const together = a.loc.file === b.loc.file || a.fileRole.composedWith.includes(b.loc.file) || (isComposeNamed(a.loc.file) && isComposeNamed(b.loc.file));
  if (!together) return false;
  const words = (p: Place) => new Set(p.serviceKey.split(/[-_.]+/));
  const x = words(a);
  const y = words(b);
  return [...x].some((w) => !y.has(w)) && [...y].some((w) => !x.has(w));
}

/**
 * `PORT=8000` or `API_PORT=8000` in an env file beside a compose file whose `backend` publishes
 * 8000: the variable names no service, only the folder does, and the folder's app may well be
 * that very service. `BILLING_PORT=8000` names one, and clashes.
 */
function unnamedEnvBeside(a: Place, b: Place): boolean {
  const unnamed = (e: Place, c: Place) =>
    e.source === 'env' && e.variable !== undefined && !variableNamesService(e.variable, e.identity)
    && c.source === 'compose' && dirOf(e.loc.file) === dirOf(c.loc.file);
  return unnamed(a, b) || unnamed(b, a);
}

/** One of them is an entry of a registry of one machine that speaks for the other: both bind that machine's ports. */
function oneMachine(a: Place, b: Place): boolean {
  return (a.fileRole.oneMachine && registryOver(a, b)) || (b.fileRole.oneMachine && registryOver(b, a));
}

/**
 * A project's `docker-compose.dev.yml` is its own way to run the project, and a
 * `docker-compose-orderer.yml` beside it a stack or a fragment of its own, not a layer on the base
 * file: only a base file and its overrides are started together for sure, or files a document's
 * command names together (`docker compose -f a -f b`).
 */
function variantFiles(a: Place, b: Place): boolean {
  return a.source === 'compose' && b.source === 'compose' && a.loc.file !== b.loc.file && (a.fileRole.variantFile || b.fileRole.variantFile);
}

/** Compose services in two files that build the same folder are one service, whatever each file calls it. */
function sameBuild(a: Place, b: Place): boolean {
  return a.buildContext !== undefined && a.buildContext === b.buildContext && a.loc.file !== b.loc.file;
}

/**
 * `shop` and `shop-dev` (by service or container name) building one folder in one file: one app
 * in two environments, started one at a time (`docker compose up shop-dev`), not two containers
 * that run together.
 */
function environmentVariants(a: Place, b: Place): boolean {
  if (a.source !== 'compose' || b.source !== 'compose' || a.loc.file !== b.loc.file || a.buildContext === undefined || a.buildContext !== b.buildContext) return false;
  const names = (p: Place) => [p.serviceKey, ...(p.names ?? [])];
  return names(a).some((x) => names(b).some((y) => differByEnvironment(x, y)));
}

/** The words one name has and the other has not are all environments: `shop-dev` and `shop`, `api-prod` and `api-dev`. */
function differByEnvironment(x: string, y: string): boolean {
  const wx = new Set(x.split(/[-_.\s]+/));
  const wy = new Set(y.split(/[-_.\s]+/));
  const extra = [...[...wx].filter((w) => !wy.has(w)), ...[...wy].filter((w) => !wx.has(w))];
  return extra.length > 0 && extra.every((w) => environmentFromText(w) !== undefined);
}

const ANY_HOST = new Set([undefined, '0.0.0.0', '::', '']);

function hostsMeet(a?: string, b?: string): boolean {
  return ANY_HOST.has(a) || ANY_HOST.has(b) || a === b;
}

/** `ports: ["${WEB_PORT}:80"]` and `WEB_PORT=8080` in the `.env` beside it are one fact. */
function interpolationLink(a: Place, b: Place): boolean {
  const linked = (c: Place, e: Place) =>
    c.fromVariable !== undefined && c.fromVariable === e.variable && dirOf(c.loc.file) === dirOf(e.loc.file);
  return linked(a, b) || linked(b, a);
}

