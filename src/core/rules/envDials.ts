// port-mismatch at an env file's client setting that dials a compose service by its name on the
// project's network (`REDIS_HOST=cache` with `REDIS_PORT=6380`, `REDIS_URL=redis://cache:6380`)
// at the port that service publishes on the host, where inside the network it listens on
// another (`"6380:6379"`). The compose side of the same mistake inside one compose file is the
// compose parser's (parsers/compose/networkDials.ts). Quiet where compose interpolates the
// variable (`"${REDIS_PORT}:6379"`: the host port is its purpose) or the service listens on the
// dialled port inside too. A dial of a well-known server's image on neither (`DATABASE_URL=
// postgres://db:5433`, db on `postgres:16` publishing `"5434:5432"`) is reported here as well,
// with the port it listens on.
import type { Finding } from '../model';
import { serviceKey } from '../syntax/names';
import { defaultPortOf, serverOfImage } from '../syntax/servers';
import { where, type Place } from './model';
import { finding, type Rule, type ServiceUnit } from './rule';

/** `unit` is one service's (port-mismatch). */
export function envDialMismatches(rule: Rule, unit: ServiceUnit): Finding[] {
  let out: Finding[] | undefined;
  for (const p of unit.places) {
    if (p.dialHost === undefined || p.source !== 'env' || !p.claim || unit.interpolated(p)) continue;
    const inside = dialled(p, unit.places);
    if (inside.length === 0 || inside.some((c) => c.containerPort === p.port)) continue;
    const published = inside.find((c) => c.port === p.port);
    if (published) {
      (out ??= []).push(hostPortDial(rule, p, published));
      continue;
    }
    // A server listens on its image's port unless told otherwise, published or not (a RabbitMQ
    // that publishes only its management UI's 15672 still takes AMQP on 5672).
    const port = serverPort(inside);
    if (port !== undefined && port !== p.port) (out ??= []).push(offServerPort(rule, p, inside[0], port));
  }
  return out ?? [];
}

/**
 * Whether an env file's dial of a compose service by name is judged here rather than by the vote
 * of port-mismatch: a well-known server (`db` on a PostgreSQL image), whose port on the network is known.
 */
export function judgedAsDial(p: Place, places: Iterable<Place>): boolean {
  return p.dialHost !== undefined && p.source === 'env' && p.claim && serverPort(dialled(p, places)) !== undefined;
}

/**
 * Whether an env file's `localhost` URL dials a well-known server whose compose service does not
 * publish the port the server listens on (a RabbitMQ that publishes only its management UI): the
 * ports it publishes are no other port of the same thing, so nothing to compare the URL with.
 */
export function serverPortUnpublished(p: Place, places: Iterable<Place>): boolean {
  if (p.source !== 'env' || !p.claim || p.hostSide !== true) return false;
  const published = [...places].filter((c) => c.source === 'compose' && !c.claim && c.containerPort !== undefined && c.endPort === undefined);
  const port = serverPort(published);
  return port !== undefined && !published.some((c) => c.containerPort === port);
}

/** The compose places of the service `p` dials by name, in its unit, with the container port behind each. */
function dialled(p: Place, places: Iterable<Place>): Place[] {
  const target = serviceKey(p.dialHost!);
  return [...places].filter((c) => c.source === 'compose' && !c.claim && c.unit === p.unit && c.containerPort !== undefined && c.endPort === undefined
    && (c.serviceKey === target || c.names?.includes(target)));
}

/** The port a well-known server's image listens on unless told otherwise, where the service runs one. */
function serverPort(inside: Place[]): number | undefined {
  if (inside.length === 0) return undefined;
  const server = [inside[0].serviceKey, ...(inside[0].names ?? [])].map(serverOfImage).find((s) => s !== undefined);
  return server === undefined ? undefined : defaultPortOf(server);
}

function hostPortDial(rule: Rule, p: Place, published: Place): Finding {
  return finding(rule, {
    message: `${p.variable ?? p.service} dials ${p.dialHost}:${p.port} on the compose network, where ${published.service} listens on ${published.containerPort}: ${p.port} is the port it publishes on the host (${where(published.loc)})`,
    service: published.service,
    port: p.port,
    loc: p.loc,
    related: [{ loc: published.loc, message: `${published.service}: ${published.port}:${published.containerPort}` }, ...listensAt(published)],
  });
}

/** `DATABASE_URL=postgres://db:5433` where `db` runs a PostgreSQL image and publishes `"5434:5432"`. */
function offServerPort(rule: Rule, p: Place, mapped: Place, port: number): Finding {
  return finding(rule, {
    message: `${p.variable ?? p.service} dials ${p.dialHost}:${p.port} on the compose network, where ${mapped.service} listens on ${port} (${where(mapped.loc)})`,
    service: mapped.service,
    port: p.port,
    loc: p.loc,
    related: listensAt(mapped),
  });
}

/** The container port behind a mapping, where compose writes it: the port to dial instead, which a quick fix offers. */
function listensAt(mapped: Place): Array<{ loc: Place['loc']; message: string }> {
  return mapped.containerLoc ? [{ loc: mapped.containerLoc, message: `${mapped.service} listens on ${mapped.containerPort} inside` }] : [];
}
