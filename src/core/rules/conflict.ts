// port-conflict: two different services on the same port, protocol and host IP, in the same
// scope and a compatible environment. Claims never conflict; places already reported as
// mismatched are left out, so one problem gives one finding.
import type { Finding } from '../model';
import { probablySameService } from '../syntax/names';
import { environmentsMeet, placeKey, portText, where, type Place, type RuleInput } from './model';

/** Published ranges wider than this are checked by their first port only (e.g. RTP pools). */
const MAX_EXPANDED_RANGE = 1024;

export function findConflicts(input: RuleInput, mismatched: Set<string>): Finding[] {
  const byPort = new Map<string, Place[]>();
  for (const place of input.places) {
    if (place.claim || mismatched.has(placeKey(place.loc))) continue;
    const last = place.endPort !== undefined && place.endPort - place.port <= MAX_EXPANDED_RANGE ? place.endPort : place.port;
    for (let port = place.port; port <= last; port++) {
      const key = `${place.scope}\u0000${place.protocol}\u0000${port}`;
      const list = byPort.get(key);
      if (list) list.push(place);
      else byPort.set(key, [place]);
    }
  }
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const [key, places] of byPort) {
    if (new Set(places.map((p) => p.identity)).size < 2) continue;
    const port = Number(key.slice(key.lastIndexOf('\u0000') + 1));
    // The first service to claim the port holds it; every other service that clashes with an
    // earlier one is reported once, at its first place on the port.
    const services = [...new Set(places.map((p) => p.identity))];
    for (let i = 1; i < services.length; i++) {
      const mine = places.filter((p) => p.identity === services[i]);
      const theirs = places.filter((p) => services.indexOf(p.identity) < i && mine.some((m) => clash(m, p)));
      if (theirs.length === 0) continue;
      const at = mine.find((m) => theirs.some((t) => clash(m, t)))!;
      const id = `${placeKey(at.loc)}\u0000${services[i]}`;
      if (reported.has(id)) continue;
      reported.add(id);
      const holders = [...new Map(theirs.map((t) => [t.identity, t.service] as const)).values()].join(', ');
      findings.push({
        rule: 'port-conflict',
        severity: 'error',
        message: `Port ${port} is taken by both ${at.service} and ${holders} (${where(theirs[0].loc)})`,
        service: at.service,
        port,
        loc: at.loc,
        related: theirs.map((t) => ({ loc: t.loc, message: `${t.service}: ${portText(t)}` })),
      });
    }
  }
  return findings;
}

function clash(a: Place, b: Place): boolean {
  return environmentsMeet(a.environment, b.environment) && hostsMeet(a.hostIp, b.hostIp) && !interpolationLink(a, b)
    && !probablySameService(a.service, b.service);
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

function dirOf(file: string): string {
  return file.slice(0, Math.max(0, file.lastIndexOf('/')));
}
