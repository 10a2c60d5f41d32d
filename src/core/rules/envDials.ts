// port-mismatch at an env file's client setting that dials a compose service by its name on the
// project's network (`REDIS_HOST=cache` with `REDIS_PORT=6380`, `REDIS_URL=redis://cache:6380`)
// at the port that service publishes on the host, where inside the network it listens on
// another (`"6380:6379"`). The compose side of the same mistake inside one compose file is the
// compose parser's (parsers/compose/networkDials.ts). Quiet where compose interpolates the
// variable (`"${REDIS_PORT}:6379"`: the host port is its purpose) or the service listens on the
// dialled port inside too.
import type { Finding } from '../model';
import { serviceKey } from '../syntax/names';
import { where, type Place } from './model';
import { finding, type Rule, type ServiceUnit } from './rule';

/** `unit` is one service's (port-mismatch). */
export function envDialMismatches(rule: Rule, unit: ServiceUnit): Finding[] {
  let out: Finding[] | undefined;
  for (const p of unit.places) {
    if (p.dialHost === undefined || p.source !== 'env' || !p.claim || unit.interpolated(p)) continue;
    const target = serviceKey(p.dialHost);
    const compose = [...unit.places].filter((c) => c.source === 'compose' && !c.claim && c.unit === p.unit && (c.serviceKey === target || c.names?.includes(target)));
    if (compose.some((c) => c.containerPort === p.port)) continue;
    const published = compose.find((c) => c.port === p.port && c.endPort === undefined && c.containerPort !== undefined && c.containerPort !== p.port);
    if (!published) continue;
    (out ??= []).push(dialAt(rule, p, published));
  }
  return out ?? [];
}

function dialAt(rule: Rule, p: Place, published: Place): Finding {
  return finding(rule, {
    message: `${p.variable ?? p.service} dials ${p.dialHost}:${p.port} on the compose network, where ${published.service} listens on ${published.containerPort}: ${p.port} is the port it publishes on the host (${where(published.loc)})`,
    service: published.service,
    port: p.port,
    loc: p.loc,
    related: [{ loc: published.loc, message: `${published.service}: ${published.port}:${published.containerPort}` }],
  });
}
