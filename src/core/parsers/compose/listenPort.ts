// A service whose environment tells its process which port to listen on (`PORT: 3000`,
// `SERVER_PORT: 8081`) while compose publishes other container ports (`"8080:8080"`): the host's
// 8080 leads where nothing listens. Reported at the variable as port-mismatch, with the mappings
// related, as an env file the service reads with `env_file:` is (rules/portMismatch.ts).
import type { Allocation } from '../../model';
import type { PortVariable } from './environment';
import { mentionAt } from './networkDials';
import type { Walk } from './walk';

// The names that mean "listen here" for the process itself, whatever it is. Not `API_PORT` or
// `WEB_PORT`, which a client's environment sets for the service it calls.
const LISTEN_KEYS: ReadonlySet<string> = new Set(['PORT', 'HTTP_PORT', 'SERVER_PORT', 'LISTEN_PORT']);

/**
 * `published`: the service's allocations; `inside`: where its `ports:` and `expose:` mentions are
 * (container ports) in the document's mentions.
 */
export function listensElsewhere(service: string, environment: readonly PortVariable[], published: readonly Allocation[], inside: [number, number], fields: ReadonlyMap<string, unknown>, walk: Walk): void {
  const own = environment.filter((v) => LISTEN_KEYS.has(v.key.toUpperCase()));
  // Several values, or a command that may say otherwise: not sure which port the process takes.
  if (own.length !== 1 || fields.has('command') || fields.has('entrypoint')) return;
  const mappings = published.filter((a) => !a.claim && a.containerPort !== undefined);
  if (mappings.length === 0 || mappings.some((a) => a.endPort !== undefined)) return;
  const [variable] = own;
  if (mappings.some((a) => a.containerPort === variable.port)) return;
  if (mentionAt(inside, variable.port, walk.out.mentions)) return;
  const targets = [...new Set(mappings.map((a) => a.containerPort))].join(' / ');
  walk.out.problems.push({
    rule: 'port-mismatch',
    message: `${service} listens on ${variable.port} in its container (${variable.key}), but compose publishes container port ${targets} (line ${mappings[0].loc.span.startLine})`,
    service,
    port: variable.port,
    loc: variable.loc,
    related: mappings.map((a) => ({ loc: a.loc, message: `${service}: ${a.port}:${a.containerPort}` })),
  });
}
