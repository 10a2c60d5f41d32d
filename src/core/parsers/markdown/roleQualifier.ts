// `Keycloak (HTTPS)`, `Tempo (OTLP gRPC)`, `Grafana (UI)`: a service's name with the interface the
// port is for. The service is the name before the parentheses; the words in them give the role.
// A name qualified by an environment (`Calendar API (Production)`) is that service in that
// environment. A name with what it is built with or its version (`Backend (FastAPI)`, `Redis 7`) is
// the service without them. Other qualifiers (`Redis (cache)`, a machine) stay part of the name as written.
import { environmentFromText, INTERFACE_WORDS, roleFromWords } from '../../syntax/names';

// `Name (qualifier)`: the name before the parentheses, the qualifier in them.
const QUALIFIED = /^(.*\S)\s*\(([^()]+)\)\s*$/;
// `Learn frontend dev`: the name before the environment's word. The word is found at the end first,
// alone: a pattern that captures the name before it tries every split of the name.
const ENVIRONMENT_LAST = /\s+(dev|development|prod|production|staging|local)$/iu;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** QUALIFIED's match; most names end in no parenthesis, which one look at the end says. */
function qualified(name: string): RegExpExecArray | null {
  return name.trimEnd().endsWith(')') ? QUALIFIED.exec(name) : null;
}

/** `[name, service, environment word]` of a name that ends in an environment's word after a name with a letter. */
function environmentLast(name: string): [string, string, string] | undefined {
  const m = ENVIRONMENT_LAST.exec(name);
  if (!m) return undefined;
  const service = name.slice(0, m.index);
  return /\p{L}/u.test(service) && !LINE_BREAK.test(service) ? [name, service, m[1]] : undefined;
}

/** A qualifier's words, lower-case: `OTLP gRPC`, `Proxy HTTPS`, `dev/staging`. */
function qualifierWords(text: string): string[] {
  return text.toLowerCase().split(/[\s/,+&-]+/).filter((w) => w !== '');
}

export interface RoleQualified {
  service: string;
  role?: string;
}

export function roleQualified(name: string): RoleQualified | undefined {
  const m = qualified(name);
  if (!m) return undefined;
  const words = qualifierWords(m[2]);
  if (words.length === 0 || !words.every((w) => INTERFACE_WORDS.has(w))) return undefined;
  return { service: m[1], role: roleFromWords(m[2]) };
}

const ENVIRONMENT_WORDS = new Set(['production', 'prod', 'development', 'dev', 'local', 'staging', 'stage', 'test', 'testing', 'qa']);

/** A word that names an environment alone (`staging`, `prod`), lower-case. */
export function isEnvironmentWord(word: string): boolean {
  return ENVIRONMENT_WORDS.has(word);
}

export interface EnvironmentQualified {
  service: string;
  environment: string;
}

/**
 * `Calendar API (Production)`, `Learn frontend dev`: the service, in the environment its
 * parentheses or its last word name. Not `shop-dev`, which may be a compose service's own name.
 */
export function environmentQualified(name: string): EnvironmentQualified | undefined {
  const m = qualified(name) ?? environmentLast(name);
  if (!m) return undefined;
  const words = qualifierWords(m[2]);
  const environment = environmentFromText(m[2]);
  return words.length > 0 && words.every(isEnvironmentWord) && environment ? { service: m[1], environment } : undefined;
}

// Frameworks, languages and runtimes a name says a service is built with: `Backend (FastAPI)`,
// `Web (React + Vite)`, `Gateway (Spring Boot)`. Not part of which service it is.
const STACK_WORDS = new Set([
  'fastapi', 'flask', 'django', 'express', 'expressjs', 'nestjs', 'nest', 'next', 'nextjs', 'nuxt', 'nuxtjs', 'react', 'vue', 'vuejs',
  'angular', 'svelte', 'sveltekit', 'vite', 'remix', 'astro', 'spring', 'boot', 'springboot', 'go', 'golang', 'rust', 'python',
  'node', 'nodejs', 'js', 'ts', 'typescript', 'javascript', 'java', 'kotlin', 'dotnet', 'net', 'aspnet', 'core', 'rails', 'ruby',
  'laravel', 'php', 'deno', 'bun', 'gunicorn', 'uvicorn', 'streamlit', 'gradio', 'fastify', 'koa', 'hono', 'actix', 'axum', 'gin',
  'elixir', 'phoenix', 'scala', 'quarkus', 'micronaut', 'ktor', 'tornado', 'aiohttp', 'sanic', 'starlette',
]);
// Servers whose version people write after the name (`Redis 7`, `PostgreSQL 16`): one product, not instances.
const VERSIONED_PRODUCTS = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'valkey', 'memcached', 'elasticsearch', 'opensearch',
  'kafka', 'rabbitmq', 'nats', 'zookeeper', 'clickhouse', 'cassandra', 'neo4j', 'minio', 'nginx', 'traefik', 'caddy', 'keycloak',
  'grafana', 'prometheus', 'loki', 'jaeger', 'influxdb', 'qdrant', 'weaviate', 'milvus', 'chromadb', 'meilisearch', 'typesense',
]);
const VERSION = /^v?\d+(?:\.\d+)*(?:\.x)?$/i;

/**
 * The service a name is, without what it is built with or its version: `Backend (FastAPI)` →
 * `Backend`, `Redis 7` and `PostgreSQL (16)` → the product. A version after any other name
 * (`Worker 2`, `API (v2)`) numbers an instance, and stays.
 */
export function withoutStack(name: string): string {
  const m = qualified(name);
  if (m) {
    // Split at dots too: `Next.js` is the words next and js.
    const words = qualifierWords(m[2].replace(/\./g, ' '));
    if (words.length > 0 && words.every((w) => STACK_WORDS.has(w))) return m[1];
    if (words.length === 1 && VERSION.test(words[0]) && versionedProduct(m[1])) return m[1];
    return name;
  }
  const trailing = /(?:\d|\.x)$/i.test(name) ? /^(.*\S)\s+(v?\d+(?:\.\d+)*(?:\.x)?)$/i.exec(name) : null;
  return trailing && versionedProduct(trailing[1]) ? trailing[1] : name;
}

// A dev server that serves the app on the developer's machine: `Web (Vite)`, `Frontend (dev server)`.
const DEV_SERVER = /\b(?:vite|dev[- ]?server|nodemon|hmr)\b/i;

/**
 * Whether a name's parentheses say a dev server runs it (`Web (Vite)` on 5173): the app run on the
 * machine itself, not the container a compose file of the same name builds for production.
 */
export function runByDevServer(name: string): boolean {
  const m = qualified(name);
  return m !== null && DEV_SERVER.test(m[2]);
}

function versionedProduct(name: string): boolean {
  const words = name.toLowerCase().split(/\s+/);
  return VERSIONED_PRODUCTS.has(words[words.length - 1]);
}
