// port-mismatch: one service and role, different ports in places that describe the same
// deployment. What runs outranks what describes it (registry, then compose, then env files, then
// port documents, then other documents): a place is reported only against places that outrank it or
// that outvote it among its equals, once, with the others as related information; never at both
// sides of a tie. Also a Kubernetes Service's targetPort that none of its pods declares
// (serviceTargets.ts), and an env file's client setting that dials a service's host port on the
// compose network (envDials.ts).
import type { Finding } from '../model';
import { envEnvironmentFromFileName, environmentOfEnvFileSection, isEnvTemplateFileName, matchRole } from '../syntax/names';
import { dirOf } from '../syntax/paths';
import { describeSame } from '../project/relations';
import { Authority } from '../project/roles';
import { compareLocations, environmentsMeet, groupKey, insideContainer, isVariant, placeKey, portText, where, type Place } from './model';
import { envDialMismatches, judgedAsDial, serverPortUnpublished } from './envDials';
import { imageMismatches } from './imageMismatch';
import { parseProblems } from './parseProblems';
import { targetPortMismatches } from './serviceTargets';
import { finding, MAX_RELATED, type Rule, type ServiceUnit } from './rule';

export const portMismatch: Rule = {
  id: 'port-mismatch',
  severity: 'warning',
  summary: 'one service and role, different ports in different places',
  checks: {
    // One registry entry that gives one port two values (`port: 8790`, `mapping: "8792:8792"`).
    file: ({ facts }) => parseProblems(facts, portMismatch),
    service: (unit) => [...mismatchesIn(unit), ...imageMismatches(portMismatch, unit.places), ...envDialMismatches(portMismatch, unit)],
    cluster: (unit) => targetPortMismatches(unit, portMismatch),
  },
};

/** A service written with one port (or range) everywhere cannot mismatch: its places are not even sorted. */
function mismatchesIn(unit: ServiceUnit): Finding[] {
  return morePortsThanOne(unit.places) ? mismatchesOf(unit.inOrder()) : [];
}

function morePortsThanOne(places: ReadonlySet<Place>): boolean {
  let first: Place | undefined;
  for (const p of places) {
    if (!first) first = p;
    else if (p.port !== first.port || p.endPort !== first.endPort) return true;
  }
  return false;
}

/** Mismatches among the places of one service in one scope, in document order. */
function mismatchesOf(all: readonly Place[]): Finding[] {
  const out = containerMismatches(all);
  const places = all.filter((p) => !p.occupied && !p.fileRole.inContainer && !insideContainer(p, () => all) && !supersededTemplate(p, all));
  if (!places.some((p) => !p.claim)) return out;
  const seen = new Set<string>();
  for (const partition of environmentPartitions(places)) {
    for (const found of checkService(partition)) {
      const key = placeKey(found.loc);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(found);
    }
  }
  return out;
}

/**
 * A template's value for a variable that the real env file beside it sets (`.env.example`'s
 * `FRONTEND_PORT=4001`, `.env`'s `FRONTEND_PORT=9128`): a default the user's own setting replaced.
 */
function supersededTemplate(p: Place, all: readonly Place[]): boolean {
  if (p.source !== 'env' || p.variable === undefined || !isEnvTemplateFileName(p.loc.file)) return false;
  const dir = dirOf(p.loc.file);
  return all.some((q) => q.source === 'env' && q.variable === p.variable && dirOf(q.loc.file) === dir && !isEnvTemplateFileName(q.loc.file));
}

/**
 * A service's env file that compose reads with `env_file:` tells the process which port to listen
 * on inside its container (`HTTP_PORT=3405`): compose must publish that container port
 * (`"3411:3050"` sends the host's 3411 to 3050, where nothing listens). Reported at the env file.
 */
function containerMismatches(places: readonly Place[]): Finding[] {
  const out: Finding[] = [];
  for (const inside of places) {
    // A template's own `PORT` is a claim (see env.ts), and what the container will read once it is copied.
    if (!inside.fileRole.inContainer || !inside.own || (inside.claim && !isEnvTemplateFileName(inside.loc.file)) || matchRole(inside.role) !== 'main' || supersededTemplate(inside, places)) continue;
    const published = places.filter((p) => p.source === 'compose' && p.unit === inside.unit && p.containerPort !== undefined && p.endPort === undefined);
    if (published.length === 0 || published.some((p) => p.containerPort === inside.port) || publishedByOtherVariables(published, inside)) continue;
    const targets = [...new Set(published.map((p) => p.containerPort))].join(' / ');
    out.push(finding(portMismatch, {
      message: `${inside.service} listens on ${inside.port} in its container here, but compose publishes container port ${targets} (${where(published[0].loc)})`,
      service: inside.service,
      port: inside.port,
      loc: inside.loc,
      related: published.slice(0, MAX_RELATED).map((p) => ({ loc: p.loc, message: `${p.service}: ${p.port}:${p.containerPort}` })),
    }));
  }
  return out;
}

/**
 * `"${P2P_PORT}:${P2P_PORT}"` beside the env file's `HTTP_PORT=8525`: compose publishes the ports
 * other variables name on both sides, so the env file names several listeners, and this is one
 * compose leaves unpublished (a proxy reaches it), not the one it meant to publish.
 */
function publishedByOtherVariables(published: readonly Place[], inside: Place): boolean {
  return published.every((p) => p.fromVariable !== undefined && p.fromVariable !== inside.variable && p.port === p.containerPort);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Production and development may differ on purpose; places with no environment join every one,
 * except one whose own env files override the defaults (see overrides), and a document's own
 * defaults where it gives that environment's port itself (see documentOverrides).
 */
function environmentPartitions(places: Place[]): Place[][] {
  const named = [...new Set(places.map((p) => p.environment).filter((e): e is string => e !== undefined))];
  const overridden = new Set(places.filter(overrides).map((p) => p.environment));
  const documented = documentOverrides(places);
  const joins = (p: Place, env: string) => environmentsMeet(p.environment, env) && !documentBesideTestStack(p, env)
    && !(p.environment === undefined && documented.get(env)?.has(p.loc.file));
  const partitions = named.map((env) => places.filter((p) => (overridden.has(env) ? p.environment === env || writtenForAll(p) : joins(p, env))));
  // Places with no environment are compared among themselves when a named environment leaves some
  // of them out: every named one is a variant, or an env file or a document of one overrides the defaults.
  const defaults = places.filter((p) => p.environment === undefined);
  if (defaults.length > 0 && (named.every(isVariant) || overridden.size > 0 || documented.size > 0)) partitions.unshift(defaults);
  return partitions;
}

/**
 * A document written for no environment describes the usual setup, not the test stack
 * (`docker-compose.test.yml`), which is brought up on its own and often on other ports: the two are
 * not compared. A document's section for the test environment is.
 */
function documentBesideTestStack(p: Place, env: string): boolean {
  return env === 'test' && p.environment === undefined && p.fileRole.describes;
}

/**
 * An env file of a named environment (`.env.production`, `.env.development`) sets values that the
 * base `.env` beside it only defaults: a port it sets differently is the point of the file, not a
 * mismatch with the base file, the compose ports interpolated from it or the documents.
 */
function overrides(p: Place): boolean {
  return p.source === 'env' && p.environment !== undefined && p.variable !== undefined && envEnvironmentFromFileName(p.loc.file) === p.environment;
}

/**
 * A document that writes a service's port for a named environment, or for an env file of one (a
 * section "Local (.env.local)"), and also for none (a section "Default") says itself what that
 * environment uses: its other places are the defaults the section overrides, as a base `.env` is
 * for `.env.production`. The documents that do, by environment.
 */
function documentOverrides(places: Place[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let unqualified: Set<string> | undefined;
  for (const p of places) if (p.source === 'markdown' && p.environment === undefined) (unqualified ??= new Set()).add(p.loc.file);
  if (!unqualified) return out;
  for (const p of places) {
    if (p.source !== 'markdown' || p.environment === undefined || !unqualified.has(p.loc.file)) continue;
    const named = isVariant(p.environment) ? environmentOfEnvFileSection(p.environment) : p.environment;
    if (!named) continue;
    const files = out.get(named);
    if (files) files.add(p.loc.file);
    else out.set(named, new Set([p.loc.file]));
  }
  return out;
}

/**
 * Where a named environment has env files of its own, the places with no environment describe the
 * defaults those files override (a base `.env`, compose ports interpolated from it, documents and
 * registries written for the usual setup), and are compared among themselves. Only a port compose
 * publishes as a number holds in every environment whatever the env files say.
 */
function writtenForAll(p: Place): boolean {
  return p.environment === undefined && p.source === 'compose' && p.fromVariable === undefined;
}

function checkService(all: Place[]): Finding[] {
  // A well-known server dialled on the network is judged by its port there (envDials.ts), not by
  // the host ports; one whose own port compose does not publish has nothing to compare a URL with.
  const places = all.some((p) => p.dialHost !== undefined || p.hostSide === true) ? all.filter((p) => !judgedAsDial(p, all) && !serverPortUnpublished(p, all)) : all;
  const byRole = groupBy(places, (p) => matchRole(p.role));
  const otherRolePorts = new Set<string>();
  for (const [role, list] of byRole) if (role !== 'main') for (const p of list) if (!p.claim) otherRolePorts.add(portText(p));
  const out: Finding[] = [];
  for (const [role, list] of byRole) {
    // A main port that is another role's port ("Token :50051" in a graph, where 50051 is Token's
    // gRPC port) agrees with that role.
    const voters = role === 'main' ? list.filter((p) => !(p.role === undefined && otherRolePorts.has(portText(p)))) : list;
    out.push(...vote(voters, role));
  }
  return out;
}

/**
 * Places written together (one table, one compose service, one list item) are one unit: a unit
 * that lists several ports for a service (a compose service publishing 29092 and 9092, a table
 * with a row per port) states them all, and agrees with any of them. A service's compose places
 * in one project are one unit too: Compose concatenates an override's ports with the base file's.
 * So are an app's scripts and processes (package.json, Procfile): each is a way to start it.
 */
interface Unit {
  places: Place[];
  values: Set<string>;
  /** The places that decide (not claims). */
  deciding: Place[];
}

function unitKey(p: Place): string {
  if (p.source === 'compose') return `${p.unit}\u0000compose`;
  return p.source === 'package' || p.source === 'procfile' ? `${p.unit}\u0000scripts` : groupKey(p);
}

function vote(places: Place[], role: string): Finding[] {
  if (new Set(places.map(portText)).size < 2) return [];
  const units = [...groupBy(places, unitKey).values()].map((list): Unit => ({
    places: list, values: new Set(list.map(portText)), deciding: list.filter((p) => !p.claim),
  }));
  const out: Finding[] = [];
  for (const unit of units) {
    const verdict = judge(unit, units);
    if (!verdict) continue;
    // One problem, one finding: a unit that writes several ports of the service is reported once, at its first.
    const place = unit.places.find((p) => !verdict.winners.has(portText(p)));
    if (place) out.push(mismatchAt(place, verdict.by, role));
  }
  return out;
}

/**
 * A client setting that dials a service on this machine (`AUTH_URL=http://localhost:3001` in
 * `services/billing/.env`) speaks of the one its repository runs there, whose own env file
 * (`services/auth/.env`, `PORT=3002`) says where it listens, though each folder is a stack of its own.
 */
function dialsOnThisMachine(client: Place, own: Place): boolean {
  return client.claim && client.hostSide === true && client.source === 'env' && own.source === 'env' && own.own === true
    && client.fileRole.isolated === own.fileRole.isolated && client.fileRole.repository === own.fileRole.repository;
}

interface Verdict {
  winners: Set<string>;
  /** The places that say what the port is, in document order. */
  by: Place[];
}

/**
 * What `unit` is measured against: the values of the most authoritative places that describe the
 * same deployment. Undefined when the unit agrees, or when nothing outranks or outvotes it.
 */
function judge(unit: Unit, units: Unit[]): Verdict | undefined {
  const first = unit.places[0];
  const peers = units.filter((u) => u !== unit && u.deciding.length > 0 && (describeSame(first, u.deciding[0]) || dialsOnThisMachine(first, u.deciding[0])));
  if (peers.length === 0) return undefined;
  const authority = unit.deciding.length > 0 ? first.fileRole.authority : 0;
  const top = Math.max(authority, ...peers.map((u) => u.deciding[0].fileRole.authority));
  const ruling = peers.filter((u) => u.deciding[0].fileRole.authority === top);
  let winners: Set<string>;
  if (top > authority) {
    // Outranked: what runs may differ from stack to stack, so agreeing with any of them is enough;
    // documents of one rank vote.
    const containerSides = !unit.places.some(saysHostSide);
    winners = ruling[0].deciding[0].fileRole.describes ? withContainerSides(documentVote(ruling), ruling, containerSides) : union(ruling, containerSides);
    if (agrees(unit.values, winners) || (ruling.every(onlyEnv) && writesInsideOf(unit, winners))) return undefined;
  } else {
    // Among equals, documents vote; a unit is reported only when one value wins and it is not that.
    if (!first.fileRole.describes) return undefined;
    winners = documentVote([unit, ...ruling]);
    if (winners.size !== 1 || agrees(unit.values, winners)) return undefined;
  }
  // Every place that agrees with the winners is related, not only the ones that decided.
  const by = peers.flatMap((u) => u.deciding.filter((p) => winners.has(portText(p)))).sort((a, b) => compareLocations(a.loc, b.loc));
  return by.length > 0 ? { winners, by } : undefined;
}

/**
 * Whether a unit states a winning value, or a range that holds one, or a port a winning range holds:
 * "Triton 8000-8002" in one document and its HTTP port 8000 in a compose file describe one setup.
 */
function agrees(values: Set<string>, winners: Set<string>): boolean {
  for (const v of values) {
    if (winners.has(v)) return true;
    const [from, to] = bounds(v);
    for (const w of winners) {
      const [wFrom, wTo] = bounds(w);
      if ((from <= wFrom && wTo <= to) || (wFrom <= from && to <= wTo)) return true;
    }
  }
  return false;
}

/** `8000-8002` → [8000, 8002]; `8000` → [8000, 8000] (the form portText writes). */
function bounds(value: string): [number, number] {
  const dash = value.indexOf('-');
  return dash < 0 ? [Number(value), Number(value)] : [Number(value.slice(0, dash)), Number(value.slice(dash + 1))];
}

/**
 * A place that says its port is the host side: a Host Port column or a `localhost` URL, a mapping
 * that writes the container port beside it (`"9000:9000"` in a README's compose snippet), or any
 * place of a port document (`PORTS.md`, a document of ranges), which allocates the host's ports
 * unless its column says the port inside (`Container Port` as a table's only port column):
 * the container port behind another published port does not agree with it. Not a host port
 * left to a variable (`"${DB_PORT:-5432}:5432"`), whose default is only a default.
 */
function saysHostSide(p: Place): boolean {
  return p.hostSide === true || (p.containerPort !== undefined && !p.claim && p.fromVariable === undefined)
    || (p.fileRole.authority === Authority.portDocument && p.containerSide !== true);
}

/**
 * The ports what runs says: each published port, and the container port behind it (a README
 * table listing `web | 80` for `8080:80` speaks of the container side, and is not wrong, unless
 * it says it lists host ports: `containerSides` false), also where compose cannot tell the host
 * port (a claim, see claimContainerSide).
 */
function union(units: Unit[], containerSides: boolean): Set<string> {
  const out = new Set<string>();
  for (const u of units) {
    for (const p of u.places) {
      if (p.claim && p.source !== 'compose') continue;
      if (p.claim && !containerSides && p.containerPort === p.port) continue;
      out.add(portText(p));
      if (containerSides && p.containerPort !== undefined && p.endPort === undefined) out.add(String(p.containerPort));
    }
  }
  return out;
}

/**
 * A document's row that gives the container port behind its host port (`| api | 8080 | 8081 |`
 * under Container, Host) agrees with an env file that writes that container port, where nothing
 * publishes the service: `API_PORT=8080` is where the process listens inside. A compose file that
 * publishes it says which host port it has, and is compared as written.
 */
function writesInsideOf(unit: Unit, winners: Set<string>): boolean {
  return unit.places.some((p) => p.fileRole.describes && p.containerPort !== undefined && winners.has(String(p.containerPort)));
}

/** A unit of env files only: nothing that publishes the service outranks the document. */
function onlyEnv(u: Unit): boolean {
  return u.deciding.every((p) => p.source === 'env');
}

/**
 * The winning values and the container ports the documents give behind them (`| 9407 | RabbitMQ |
 * 15672 |` under Host Port, Container Port): a place that writes the container side agrees,
 * unless it says it is the host side (`http://localhost:15672`), as against compose (see union).
 */
function withContainerSides(winners: Set<string>, units: Unit[], containerSides: boolean): Set<string> {
  const out = new Set(winners);
  if (!containerSides) return out;
  for (const u of units) for (const p of u.deciding) if (p.containerPort !== undefined && winners.has(portText(p))) out.add(String(p.containerPort));
  return out;
}

/** Each document votes for the value(s) most of its units state; the values most documents vote for win. */
function documentVote(units: Unit[]): Set<string> {
  const tally = new Map<string, number>();
  for (const docUnits of groupBy(units, (u) => u.places[0].loc.file).values()) {
    const counts = new Map<string, number>();
    for (const u of docUnits) for (const p of u.deciding) counts.set(portText(p), (counts.get(portText(p)) ?? 0) + 1);
    if (counts.size === 0) continue;
    const best = Math.max(...counts.values());
    for (const [value, n] of counts) if (n === best) tally.set(value, (tally.get(value) ?? 0) + 1);
  }
  if (tally.size === 0) return new Set();
  const best = Math.max(...tally.values());
  return new Set([...tally].filter(([, n]) => n === best).map(([v]) => v));
}

function mismatchAt(place: Place, others: Place[], role: string): Finding {
  const otherValues = [...new Set(others.map(portText))];
  const more = others.length > 1 ? ` and ${others.length - 1} more ${others.length > 2 ? 'places' : 'place'}` : '';
  const roleText = role === 'main' ? '' : ` ${role}`;
  const related = others.slice(0, MAX_RELATED).map((o) => ({ loc: o.loc, message: `${o.service}${roleText}: ${portText(o)}` }));
  return finding(portMismatch, {
    message: `${place.service}${roleText} is ${portText(place)} here, but ${otherValues.join(' / ')} in ${where(others[0].loc)}${more}`,
    service: place.service,
    port: place.port,
    loc: place.loc,
    related,
  });
}
