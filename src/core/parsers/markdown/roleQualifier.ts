// `Keycloak (HTTPS)`, `Tempo (OTLP gRPC)`, `Grafana (UI)`: a service's name with the interface the
// port is for. The service is the name before the parentheses; the words in them give the role.
// A name qualified by an environment (`Calendar API (Production)`) is that service in that
// environment. Other qualifiers (`Redis (cache)`, a machine) stay part of the name as written.
import { environmentFromText, INTERFACE_WORDS, roleFromWords } from '../../syntax/names';

export interface RoleQualified {
  service: string;
  role?: string;
}

export function roleQualified(name: string): RoleQualified | undefined {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(name);
  if (!m) return undefined;
  const words = m[2].toLowerCase().split(/[\s/,+&-]+/).filter((w) => w !== '');
  if (words.length === 0 || !words.every((w) => INTERFACE_WORDS.has(w))) return undefined;
  return { service: m[1], role: roleFromWords(m[2]) };
}

const ENVIRONMENT_WORDS = new Set(['production', 'prod', 'development', 'dev', 'local', 'staging', 'stage', 'test', 'testing', 'qa']);

export interface EnvironmentQualified {
  service: string;
  environment: string;
}

/** `Calendar API (Production)`: the service, in the environment its parentheses name. */
export function environmentQualified(name: string): EnvironmentQualified | undefined {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(name);
  if (!m) return undefined;
  const words = m[2].toLowerCase().split(/[\s/,+&-]+/).filter((w) => w !== '');
  const environment = environmentFromText(m[2]);
  return words.length > 0 && words.every((w) => ENVIRONMENT_WORDS.has(w)) && environment ? { service: m[1], environment } : undefined;
}
