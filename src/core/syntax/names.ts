// One service, many spellings: `Settlement Engine`, `settlement-engine`, `SETTLEMENT_ENGINE_URL`.

import { memoByText } from '../text/memo';

// Most names are plain words (`Billing Engine`, `ledger-sync`): nothing to clean, nothing to fold.
const PLAIN_NAME_RE = /^[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$/;
const PLAIN_KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Strips Markdown decoration, emoji and mojibake around a name as written. */
export function cleanName(raw: string): string {
  return PLAIN_NAME_RE.test(raw) ? raw : strippedName(raw);
}

const strippedName = memoByText((raw: string): string => raw
  .replace(/\*+|__|`|~~/g, '')
  // Link text and target stop at the next bracket or parenthesis, so a long run of `[` or
  // `](` cannot make this quadratic.
  .replace(/\[([^\][]*)\]\([^()]*\)/g, '$1')
  .replace(/\ufe0f/g, '')
  .split(/\s+/)
  .filter((token) => !isNoiseToken(token))
  .join(' ')
  .trim());

// Emoji, and the mojibake UTF-8 emoji turn into when read as Latin-1/Mac Roman ("üéØ", "‚úÖ"),
// are whole tokens made of symbols and Latin-1/punctuation blocks with no ASCII letter or digit.
function isNoiseToken(token: string): boolean {
  if (token === '') return true;
  if (/[A-Za-z0-9]/.test(token)) return false;
  return /^[\u0080-\u036f\u2000-\u2bff\u0152\u0153\u0178\u0192\u02c6\u02dc\p{Extended_Pictographic}\p{So}\p{Sk}\p{P}]+$/u.test(token);
}

/** The identity of a service name: lower case words joined by '-'. */
export function serviceKey(name: string): string {
  return PLAIN_KEY_RE.test(name) ? name : foldedName(name);
}

const foldedName = memoByText((name: string): string => cleanName(name)
  .normalize('NFKD')
  .replace(/[\u0300-\u036f]/g, '')
  .toLowerCase()
  .replace(/([a-z0-9])\.([a-z])/g, '$1-$2')
  .replace(/[^\p{L}\p{N}]+/gu, '-')
  .replace(/^-+|-+$/g, ''));

// One product under its long and short names: a document's `PostgreSQL` row is compose's `postgres`.
const PRODUCT_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['postgresql', 'postgres'], ['pgsql', 'postgres'], ['mongodb', 'mongo'],
]);

/** A service key with a product's long name made its short one (`postgresql` → `postgres`), and without a trailing `-service`. */
export function productKey(key: string): string {
  const spelled = PRODUCT_SPELLINGS.get(key);
  if (spelled !== undefined) return spelled;
  // `user-service` in compose is the "User" of a table, and "User Service" compose's `user`.
  if (key.endsWith('-service') && key.length > '-service'.length) return key.slice(0, -'-service'.length);
  return key.endsWith('-svc') && key.length > '-svc'.length ? key.slice(0, -'-svc'.length) : key;
}

/** Whether a variable is named for the service of `key`: `BILLING_PORT` for billing; not `PORT` or `API_PORT`. */
export function variableNamesService(variable: string, key: string): boolean {
  return variable.toLowerCase().replace(/_+/g, '-').startsWith(`${key}-`);
}

/** `SETTLEMENT_ENGINE` → `settlement-engine`. */
export function keyFromVariable(prefix: string): string {
  return prefix.toLowerCase().replace(/_+/g, '-').replace(/^-+|-+$/g, '');
}

const ROLE_WORDS: Array<[RegExp, string]> = [
  [/\bgrpc\b/i, 'grpc'],
  [/\b(websocket|ws|wss|socket)\b/i, 'ws'],
  [/\bmetrics?\b|\bprometheus\b/i, 'metrics'],
  [/\badmin\b/i, 'admin'],
  [/\bdebug\b/i, 'debug'],
  [/\bhttps\b|\btls\b|\bssl\b/i, 'https'],
  [/\bhttp\b|\brest\b/i, 'http'],
];

/** Words that name how a service is reached rather than which service it is (`Grafana (UI)`, `Agent API`). */
export const INTERFACE_WORDS: ReadonlySet<string> = new Set([
  'http', 'https', 'grpc', 'otlp', 'rest', 'api', 'ui', 'web', 'webui', 'admin', 'console', 'dashboard',
  'metrics', 'tls', 'ssl', 'ws', 'wss', 'websocket', 'tcp', 'udp', 'proxy', 'management', 'webhook', 'webhooks',
]);

// `nginx (API gateway)`, `Redis (cache)`: a name and, in parentheses, what the service does.
const DESCRIBED = /^(.*[\p{L}\p{N}].*?)\s*\(([^()]+)\)$/u;
// Parentheses that tell instances, environments, ways in or ports apart (`Postgres (replica)`,
// `API (local)`, `Web (HTTPS)`, `Node (2)`) say which one, not what it does.
const WHICH_ONE = /\d|\b(?:dev|development|prod|production|staging|stage|test|testing|qa|uat|local|docker|container|containerized|host|native|bare|internal|external|public|private|lan|wan|remote|cloud|k8s|kubernetes|old|new|legacy|alt|alternative|backup|fallback|replicas?|primary|secondary|read|write|readonly|master|slave|leader|follower|standby|mirror|tls|ssl|http|https|grpc|tcp|udp|ws|wss|websocket|metrics|admin|debug|health|tunnel|forwarded|mapped|exposed|published|optional|planned|deprecated|inside|outside|via)\b/i;

/**
 * The keys a name followed by what the service does may mean, the name's first: `nginx (API
 * gateway)` → `nginx`, `api-gateway`; `Webserver (Nginx)` → `webserver`, `nginx`. None for any
 * other name.
 */
export function describedKeys(name: string): string[] {
  const m = DESCRIBED.exec(name);
  if (!m || WHICH_ONE.test(m[2])) return [];
  const keys = [serviceKey(m[1])];
  // A product or a short name in the parentheses may be what compose calls the service.
  if (m[2].trim().split(/\s+/).length <= MAX_DESCRIBED_WORDS) keys.push(serviceKey(m[2]));
  return keys.filter((key) => key !== '');
}

const MAX_DESCRIBED_WORDS = 2;

// Words after a service's name that say which of its screens a page links to (`Grafana UI`, `MinIO Console`).
const SCREEN_WORDS: ReadonlySet<string> = new Set(['ui', 'webui', 'web', 'console', 'dashboard', 'admin', 'management', 'panel', 'interface']);

// Servers with no screen of their own: "Kafka UI" or "Redis Console" is another program (kafka-ui, RedisInsight).
const SCREENLESS: ReadonlySet<string> = new Set([
  'kafka', 'zookeeper', 'redis', 'valkey', 'postgres', 'mysql', 'mariadb', 'mongo', 'cassandra', 'elasticsearch', 'opensearch', 'etcd', 'temporal', 'clickhouse', 'memcached',
]);

/** The key without the screen words it ends in (`grafana-web-ui` → `grafana`); '' when it is nothing else or a server without screens. */
export function withoutScreenWords(key: string): string {
  const words = key.split('-');
  const service = words.slice(0, endBefore(words, SCREEN_WORDS)).join('-');
  return SCREENLESS.has(productKey(service)) ? '' : service;
}

/** Where the words of `set` that end `words` begin (`words.length` when none does). */
function endBefore(words: readonly string[], set: ReadonlySet<string>): number {
  let end = words.length;
  while (end > 0 && set.has(words[end - 1])) end--;
  return end;
}

// Protocols a document writes after a service's name for one of its ports (`Relay HTTP`, `Relay gRPC`).
// Not `REST` or `UI`: `Kafka REST` and `Kafka UI` are other programs.
const PROTOCOL_WORDS: ReadonlySet<string> = new Set(['http', 'https', 'grpc', 'ws', 'wss', 'websocket', 'tls', 'ssl']);

/**
 * The key without the protocol words it ends in and the role they give (`relay-grpc` → `relay`,
 * grpc); undefined when it ends in none or is nothing else.
 */
export function withoutProtocolWords(key: string): { service: string; role: string | undefined } | undefined {
  const words = key.split('-');
  const end = endBefore(words, PROTOCOL_WORDS);
  if (end === words.length || end === 0) return undefined;
  return { service: words.slice(0, end).join('-'), role: roleFromWords(words.slice(end).join(' ')) };
}

/** A name made only of interface words (`WebSocket`, `Web UI`, `Dashboard`): how a service is reached, not which one. */
export function namesOnlyInterface(name: string): boolean {
  return serviceKey(name).split('-').every((w) => INTERFACE_WORDS.has(w));
}

/** Role from a column header or key fragment; undefined means the main port. */
export function roleFromWords(text: string): string | undefined {
  const t = text.replace(/[_-]/g, ' ');
  for (const [re, role] of ROLE_WORDS) if (re.test(t)) return role;
  return undefined;
}

/** Role from a URL path: `/metrics` is the metrics port. */
export function roleFromPath(path: string): string | undefined {
  return /^\/(metrics|prometheus)\b/i.test(path) ? 'metrics' : undefined;
}

/**
 * The main port and the http port are the same thing for matching purposes: a table's "Port"
 * column and another table's "HTTP Port" column describe one number.
 */
export function matchRole(role: string | undefined): string {
  return role === undefined || role === 'http' ? 'main' : role;
}

const ENVIRONMENTS: Array<[RegExp, string]> = [
  [/\b(production|prod|produção|producción|produktion|produzione)\b|生产|生產|本番|운영/i, 'production'],
  [/\b(staging|stage)\b|预发|預發|ステージング|스테이징/i, 'staging'],
  [/\b(development|dev|local|développement|desarrollo|desenvolvimento|entwicklung|sviluppo)\b|开发|開發|開発|本地|ローカル|개발|로컬/i, 'development'],
  [/\b(test|testing|qa|ci)\b|测试|測試|テスト|테스트/i, 'test'],
];

/** An environment of its own that nothing else is compared with (an alternative compose stack). */
export const VARIANT_PREFIX = 'variant:';

/** Where the app runs on the machine itself, outside containers: compared with nothing the compose stack says. */
export const LOCAL_RUN_ENVIRONMENT = `${VARIANT_PREFIX}local-run`;

/** A Kubernetes cluster's ports as a document writes them (`NodePort`, `K8s Port`): no compose host's. */
export const CLUSTER_ENVIRONMENT = `${VARIANT_PREFIX}kubernetes`;

// A document section that gives the values of one env file ("Production (.env.production)").
const ENV_FILE_VARIANT = `${VARIANT_PREFIX}env-file-`;

/** The environment of a document section that gives the values of `envFile`: one of its own. */
export function envFileSectionEnvironment(envFile: string): string {
  return `${ENV_FILE_VARIANT}${envFile.toLowerCase()}`;
}

/** For such a section's environment, the environment its env file's name says (`.env.local` → 'development'). */
export function environmentOfEnvFileSection(environment: string): string | undefined {
  return environment.startsWith(ENV_FILE_VARIANT) ? envEnvironmentFromFileName(environment.slice(ENV_FILE_VARIANT.length)) : undefined;
}

export function environmentFromText(text: string): string | undefined {
  for (const [re, env] of ENVIRONMENTS) if (re.test(text)) return env;
  return undefined;
}

/** `.env.production` → 'production', `.env.local` / `dev.env` → 'development', `.env` → undefined. */
export function envEnvironmentFromFileName(fileName: string): string | undefined {
  const rest = baseOfPath(fileName).replace(/^\.env|\.env$/gi, '');
  // `\b` in environmentFromText does not break at '_', so separators become spaces first.
  return environmentFromText(rest.replace(/[._-]+/g, ' '));
}

const TEMPLATE_WORDS = new Set(['example', 'examples', 'sample', 'template', 'tmpl', 'tpl', 'dist', 'stub']);

/** `.env.example`, `.env.sample`, `env.tpl`, `PROD_ENV_TEMPLATE.env`: a template of an env file, not one anything reads. */
export function isEnvTemplateFileName(fileName: string): boolean {
  return baseOfPath(fileName).toLowerCase().split(/[._-]/).some((part) => TEMPLATE_WORDS.has(part));
}

/** The last part of a path written with `/` or `\\`. */
function baseOfPath(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

// `Frontend Container` in a diagram is the `Frontend` a list names: the container is how it runs.
const GENERIC_WORDS = new Set(['api', 'service', 'services', 'server', 'svc', 'app', 'application', 'daemon', 'container', 'the']);

function wordsOf(text: string): Set<string> {
  return withoutGeneric(allWordsOf(text));
}

function allWordsOf(text: string): Set<string> {
  return new Set(serviceKey(text).split('-').filter((w) => w !== '' && w !== 'the'));
}

function withoutGeneric(words: Set<string>): Set<string> {
  return new Set([...words].filter((w) => !GENERIC_WORDS.has(w)));
}

function wordsMatch(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));
}

/** `word` ends `compound`, after a word of at least three letters (`api` in `fastapi`; not `rapid`). */
function gluedTo(word: string, compound: string): boolean {
  return compound.length >= word.length + 3 && compound.endsWith(word);
}

/** Every word of `small` is a word of `large` (or its abbreviation: `postgres` / `postgresql`). */
function wordsWithin(small: Set<string>, large: Set<string>): boolean {
  return small.size > 0 && [...small].every((w) => [...large].some((l) => wordsMatch(w, l)));
}

/**
 * Name drift: "Backend API (FastAPI)", "FastAPI Backend" and `backend`, or "PostgreSQL" and
 * `postgres`, or "ClickHouse HTTP" and `clickhouse`, on one port are one service written several
 * ways, not a conflict. Different qualifiers ("Ollama (CPU)" / "Ollama (GPU)") mark separate instances.
 */
export function probablySameService(a: string, b: string): boolean {
  const split = (name: string) => {
    const qualifiers = [...name.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]).join(' ');
    const bare = name.replace(/\([^()]*\)/g, ' ');
    const words = allWordsOf(bare);
    const qualifier = wordsOf(qualifiers);
    const core = withoutGeneric(words);
    return { words, core, qualifier, all: new Set([...core, ...qualifier]), withGeneric: new Set([...words, ...qualifier]) };
  };
  const x = split(a);
  const y = split(b);
  if (x.qualifier.size > 0 && y.qualifier.size > 0 && ![...x.qualifier].every((w) => y.qualifier.has(w))) return false;
  // A name of generic words only ("api (NestJS)") is that word of another name ("Backend API"),
  // also where the other glues it to a word of its own (`API_PORT` beside `fastapi`, `app` beside `webapp`).
  const onlyGeneric = (p: typeof x, q: typeof x) => p.core.size === 0 && (wordsWithin(p.words, q.withGeneric) || [...p.words].every((w) => [...q.words].some((l) => gluedTo(w, l))));
  return wordsWithin(x.core, y.all) || wordsWithin(y.core, x.all) || onlyGeneric(x, y) || onlyGeneric(y, x) || abbreviates(x.core, y.core) || abbreviates(y.core, x.core)
    || (x.core.size > 0 && joined(x.core) === joined(y.core)) || namesWhatItIs(x.core, y.core) || namesWhatItIs(y.core, x.core)
    || sameByKind(x.all, y.all) || sameButWaysIn(x.core, y.core);
}

/** "n8n UI" and "n8n Webhooks": one service's ways in, the same name once they are left out. */
function sameButWaysIn(a: Set<string>, b: Set<string>): boolean {
  const x = [...a].filter((w) => !INTERFACE_WORDS.has(w));
  const y = [...b].filter((w) => !INTERFACE_WORDS.has(w));
  return x.length > 0 && x.length === y.length && x.every((w) => y.includes(w));
}

/**
 * "PostgreSQL (OAuth)" and `oauth-db`, "Billing DB" and `billing-postgres`: the same words once
 * a server and the word for its kind are read as one (every word of one name in the other, and a
 * kind or server word on each side). Two of a kind named apart ("Orders DB", "Billing Postgres") stay two.
 */
function sameByKind(a: Set<string>, b: Set<string>): boolean {
  const x = byKind(a);
  const y = byKind(b);
  if (x === undefined || y === undefined || x.size < 2 || y.size < 2) return false;
  return [...x].every((w) => y.has(w)) || [...y].every((w) => x.has(w));
}

/** The words with each server or kind word made its kind (`postgres`, `db` → `#databases`); undefined without one. */
function byKind(words: Set<string>): Set<string> | undefined {
  let kinded = false;
  const out = new Set<string>();
  for (const w of words) {
    const k = KINDS.findIndex((kind) => kind.kind.test(w) || kind.servers.test(w));
    if (k >= 0) kinded = true;
    out.add(k >= 0 ? `#${k}` : w);
  }
  return kinded ? out : undefined;
}

/**
 * What a page may call a well-known server by what it is for, and the servers that are one:
 * "Database: localhost:5432" beside a PostgreSQL row, "Cache" beside Redis. Two servers of a kind
 * (Redis and Valkey) stay two.
 */
const KINDS: ReadonlyArray<{ kind: RegExp; servers: RegExp }> = [
  { kind: /^(?:databases?|db|rdbms|数据库|資料庫|データベース|데이터베이스)$/, servers: /^(?:postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|mssql|sqlserver|cockroach(?:db)?|clickhouse|timescale(?:db)?)$/ },
  { kind: /^(?:cache|缓存|快取|キャッシュ|캐시)$/, servers: /^(?:redis|memcached?|valkey|keydb|dragonfly(?:db)?)$/ },
  { kind: /^(?:message|messaging|broker|queue|mq|消息队列)$/, servers: /^(?:rabbitmq|kafka|nats|activemq|redpanda|pulsar)$/ },
  { kind: /^(?:search|搜索|検索|검색)$/, servers: /^(?:elasticsearch|opensearch|meilisearch|typesense|solr)$/ },
];

/** `Database` and `PostgreSQL`, `Cache` and `Redis`: a name of a kind of server alone, and a server of that kind. */
export function kindAndItsServer(kind: string, server: string): boolean {
  const kindWords = [...allWordsOf(kind)];
  const serverWords = [...allWordsOf(server)];
  return KINDS.some((k) => kindWords.every((w) => k.kind.test(w)) && serverWords.some((w) => k.servers.test(w)));
}

/** Every word of `kind` says what `server` is for: a server of that kind, or that kind in other words. */
function namesWhatItIs(kind: Set<string>, server: Set<string>): boolean {
  if (kind.size === 0 || server.size === 0) return false;
  return KINDS.some((k) => [...kind].every((w) => k.kind.test(w)) && ([...server].some((w) => k.servers.test(w)) || [...server].every((w) => k.kind.test(w))));
}

/** Words run together: "Job Manager" and `jobmanager` are one name. */
function joined(words: Set<string>): string {
  return [...words].join('');
}

/** A word of `short` is the initials of the words of `long`: "TLR Admin UI" and "Traffic Load Router". */
function abbreviates(short: Set<string>, long: Set<string>): boolean {
  if (long.size < 3) return false;
  const initials = [...long].map((w) => w[0]).join('');
  return short.has(initials);
}
