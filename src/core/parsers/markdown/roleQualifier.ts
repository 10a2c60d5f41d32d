// `Keycloak (HTTPS)`, `Tempo (OTLP gRPC)`, `Grafana (UI)`: a service's name with the interface the
// port is for. The service is the name before the parentheses; the words in them give the role.
// Other qualifiers (`Postgres (staging)`, `Redis (cache)`, a machine) stay part of the name as written.
import { INTERFACE_WORDS, roleFromWords } from '../../syntax/names';

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
