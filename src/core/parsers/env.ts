// `.env` files, and the shell/env settings in Markdown fences. A variable is a fact only when its
// name says whose port it is: `PORT` belongs to the file's owner, `GATEWAY_PORT` to the gateway,
// `TOKEN_ENGINE_URL=http://localhost:8081` claims 8081 for the token engine. Other ports in values
// (CORS origins, a bare `PORT` with no known owner) are only mentions, and plain numbers under
// other names (`TIMEOUT=8080`) are nothing: a false warning costs more than a missed one.

import { emptyFacts } from '../model';
import type { Allocation, FileFacts, ParseContext, Protocol } from '../model';
import { LineIndex } from '../text/lineIndex';
import { serverOfScheme } from '../syntax/servers';
import { environmentFromText, envEnvironmentFromFileName, isEnvTemplateFileName, keyFromVariable, roleFromPath, roleFromWords, serviceKey, VARIANT_PREFIX, variableNamesService } from '../syntax/names';
import { findUrls, isLocalHost, isValidPort, parseDecimal, parseRange, serviceFromHost } from '../syntax/ports';
import { findSuppressions } from '../syntax/suppressions';
import { memoByText } from '../text/memo';
import { readEnvRangeHeaders } from './envRanges';
import { composeFileList } from '../syntax/composeSets';
import { dirOf } from '../syntax/paths';
import { envCommentClaims } from './envComments';

// ---------------------------------------------------------------------------------------------
// Assignments

export interface EnvAssignment {
  /** The name as written. */
  key: string;
  /**
   * The value as written: between its quotes (escapes kept, so it is exactly the text at
   * valueStart..valueEnd), or unquoted without its inline comment and surrounding blanks.
   */
  value: string;
  /** Absolute offsets (they include the caller's baseOffset). */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** The nearest full-line comment above (`# Test environment`), which names a block of settings. */
  section?: string;
}

// `KEY=v`, `export KEY=v`, cmd's `set KEY=v` and `set "KEY=v"`, after an optional console prompt
// (`$ export PORT=8080`). Blanks around `=` are tolerated as dotenv loaders do. Anything else at
// the start of a line (`cd x`, `docker run -p 8080:80`, `netstat | findstr "8080"`) is a command.
// Both expressions are sticky, tried at a line's start in the whole text: nothing in them matches
// a line break, so neither reads past its line.
const HEAD_RE = /[ \t\uFEFF]*(?:\$[ \t]+)?(?:export[ \t]+|[Ss][Ee][Tt][ \t]+("?))?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=/y;
const COMMENT_RE = /[ \t]*(?:#|::|rem\b|REM\b)[ \t#]*(.*)(?=[\r\n]|$)/y;

/**
 * The assignments in `text`, which starts at `baseOffset` in a larger file (a Markdown fence), so
 * offsets are whole-file ones. Lines that are not assignments, and assignments whose quote never
 * closes, yield nothing.
 */
export function parseEnvAssignments(text: string, baseOffset = 0): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  let at = 0;
  let section: string | undefined;
  while (at < text.length) {
    const end = lineEnd(text, at);
    COMMENT_RE.lastIndex = at;
    const comment = COMMENT_RE.exec(text);
    if (comment) section = comment[1].trim() || section;
    const found = comment ? undefined : readLine(text, at, end);
    if (found) {
      out.push({
        key: found.key,
        value: text.slice(found.valueStart, found.valueEnd),
        keyStart: baseOffset + found.keyStart,
        valueStart: baseOffset + found.valueStart,
        valueEnd: baseOffset + found.valueEnd,
        ...(section ? { section } : {}),
      });
    }
    // A quoted value may run over several lines; reading resumes after the line it ends on.
    at = nextLineStart(text, lineEnd(text, found ? found.end : at));
  }
  return out;
}

interface Found {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** Where the assignment's text ends (after a closing quote). */
  end: number;
}

function readLine(text: string, start: number, end: number): Found | undefined {
  HEAD_RE.lastIndex = start;
  const head = HEAD_RE.exec(text);
  if (!head) return undefined;
  const key = head[2];
  // Only blanks and `=` follow the key inside the match, so its last occurrence is the key.
  const keyStart = start + head[0].lastIndexOf(key);
  const afterEq = start + head[0].length;
  const value = head[1] === '"' ? cmdQuotedValue(text, afterEq, end) : valueAfter(text, afterEq, end);
  return value && { key, keyStart, ...value };
}

type ValueSpan = Pick<Found, 'valueStart' | 'valueEnd' | 'end'>;

function valueAfter(text: string, from: number, end: number): ValueSpan | undefined {
  let at = from;
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(text, quote, at + 1);
    return close < 0 ? undefined : { valueStart: at + 1, valueEnd: close, end: close + 1 };
  }
  // An inline comment needs a blank before its `#`, so `http://host/#/route` stays whole, while
  // `KEY= # comment` is an empty value.
  const comment = text.slice(from, end).search(/[ \t]#/);
  return trimmed(text, from, comment < 0 ? end : from + comment);
}

/** cmd's `set "KEY=value" & rem`: the value ends at the line's last quote. */
function cmdQuotedValue(text: string, from: number, end: number): ValueSpan {
  const close = text.lastIndexOf('"', end - 1);
  return trimmed(text, from, close >= from ? close : end);
}

function trimmed(text: string, start: number, end: number): ValueSpan {
  let s = start;
  let e = end;
  while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return { valueStart: s, valueEnd: e, end };
}

// The first unescaped quote after an opening one ends the value, and a search that finds none
// leaves no opening quote after it either, so a file's quotes are each looked at about once.
function closingQuote(text: string, quote: '"' | "'", from: number): number {
  for (let i = text.indexOf(quote, from); i >= 0; i = text.indexOf(quote, i + 1)) {
    // Single quotes are literal in shells and dotenv; only double quotes know `\"`.
    if (quote === "'" || !isEscaped(text, i)) return i;
  }
  return -1;
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function nextLineStart(text: string, end: number): number {
  return text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
}

/** Variables for compose `${VAR}` interpolation; a later assignment wins, as in compose. */
export function readEnvVariables(text: string): Map<string, string> {
  return new Map(parseEnvAssignments(text).map((a) => [a.key, a.value]));
}

// ---------------------------------------------------------------------------------------------
// What the variables say about ports

export interface EnvFactsOptions {
  ctx: ParseContext;
  /** The service the file or section is about: the owner of `PORT`, `HTTP_PORT`, ... */
  owner?: string;
  environment?: string;
  scope?: string;
  source: 'env' | 'markdown';
}

// Frontend build tools only expose variables with these prefixes; the rest of the name is the
// setting (`VITE_GATEWAY_URL` is the gateway's URL).
const FRAMEWORK_PREFIX_RE = /^(?:NEXT_PUBLIC|NUXT_PUBLIC|EXPO_PUBLIC|REACT_APP|VUE_APP|VITE|GATSBY)_(?=.)/;

const URL_WORDS = new Set(['URL', 'URI', 'ENDPOINT', 'ADDR', 'ADDRESS']);

// Words between a service's name and `_PORT`/`_URL` that say which of its ports is meant. Not
// every word roleFromWords knows: `PROMETHEUS_PORT` is Prometheus's port, not a metrics port.
const ROLE_WORDS = new Set(['HTTP', 'HTTPS', 'GRPC', 'WS', 'WSS', 'WEBSOCKET', 'METRICS', 'ADMIN', 'DEBUG']);
const MAIN_WORDS = new Set(['APP', 'API', 'SERVER', 'SERVICE', 'LISTEN']);

// Words after a service's name that say its port is the host side: `PREVIEW_HOST_PORT`, `API_PUBLIC_PORT`.
const HOST_SIDE_WORDS = new Set(['HOST', 'EXTERNAL', 'PUBLIC', 'PUBLISHED', 'EXPOSED']);

// Names that qualify a port rather than name a service (`HOST_PORT`, `CONTAINER_PORT`,
// `BASE_PORT`): guessing an owner for them would invent services.
const GENERIC_WORDS = new Set([
  'HOST', 'CONTAINER', 'PUBLIC', 'PRIVATE', 'INTERNAL', 'EXTERNAL', 'LOCAL', 'REMOTE', 'DEFAULT', 'TARGET', 'SOURCE',
  'BASE', 'START', 'END', 'FIRST', 'LAST', 'MIN', 'MAX', 'BIND', 'EXPOSE', 'EXPOSED', 'PUBLISH', 'PUBLISHED',
  'FORWARD', 'PROXY', 'RANDOM',
]);

// With one of these beside `<NAME>_PORT`, the file is a client configuring its connection to NAME.
const CLIENT_SUFFIXES = ['HOST', 'HOSTNAME', 'USER', 'USERNAME', 'PASSWORD', 'DB', 'DATABASE', 'URL'];

// `DB_PORT` names no service of its own: it is how an app reaches its database.
const CLIENT_NAMES = new Set(['db', 'database']);

// Values that switch a port setting on or off rather than give one (`RANDOM_PORT=true`).
const SWITCH_RE = /^(?:true|false|yes|no|on|off|auto|random)$/i;

interface KeyShape {
  /** The key in capitals, dots as underscores, without a framework prefix (`VITE_`). */
  normalized: string;
  kind: 'port' | 'url' | 'other';
  /** From a leading `TEST_` / `DEV_` / `PROD_` word: `TEST_POSTGRES_PORT` is postgres in test. */
  environment?: string;
  /** The words before `PORT`/`URL`, normalized (`TOKEN_ENGINE_GRPC`). */
  prefix: readonly string[];
  /** The prefix without role and main words: the service's name, empty for the owner's own. */
  name: readonly string[];
  /** The service `name` is (`token-engine`), or '' when it names none: empty, or a qualifier (`HOST`). */
  nameKey: string;
  /** For a port: the keys beside it that make the file a client of that service (`GATEWAY_HOST`). */
  clientKeys: readonly string[];
  role?: string;
  /** The word of MAIN_WORDS nearest `PORT`/`URL`, if any (`APP` in `SHOP_APP_PORT`). */
  main?: string;
  /** `UDP` or `TCP` before `PORT` (`BEACON_UDP_PORT`). */
  protocol?: Protocol;
}

const TRANSPORT_WORDS = new Set(['UDP', 'TCP']);

/** What a variable's name says, computed once per name: it is shared, and frozen. */
const keyShape = memoByText((key: string) => shapeOf(key.toUpperCase().replace(/\./g, '_').replace(FRAMEWORK_PREFIX_RE, '')));

/** The service a port variable is named for, as this parser reads it (`LEDGER_API_PORT` → `ledger`); undefined for none. */
export function serviceOfPortVariable(key: string): string | undefined {
  const shape = keyShape(key);
  return shape.kind === 'port' && shape.nameKey !== '' ? shape.nameKey : undefined;
}

// Docker links set `<ALIAS>_PORT_<N>_TCP_PORT=N` in a client's environment: where it connects, never a listener.
const LINK_VARIABLE_RE = /_PORT_\d+_(?:TCP|UDP|SCTP)(?:_|$)/;

function shapeOf(normalized: string): KeyShape {
  const words = normalized.split('_').filter((w) => w !== '');
  const last = words[words.length - 1] ?? '';
  const kind = LINK_VARIABLE_RE.test(normalized) ? 'other' : last === 'PORT' ? 'port' : URL_WORDS.has(last) ? 'url' : 'other';
  const prefix = words.slice(0, -1);
  const environment = prefix.length > 1 ? (ENV_PREFIXES.has(prefix[0]) ? environmentFromText(prefix[0].toLowerCase()) : PLATFORM_PREFIXES.get(prefix[0])) : undefined;
  const name = environment ? prefix.slice(1) : [...prefix];
  // `PREVIEW_HOST_PORT`: the preview's port on the host side of its mapping.
  if (name.length > 1 && HOST_SIDE_WORDS.has(name[name.length - 1])) name.pop();
  // `BEACON_UDP_PORT`: a UDP socket, apart from a TCP one on the same number. The word stays in
  // the name: `JVB_TCP_PORT` is a fallback of its own, no other writing of the JVB's port.
  const protocol = name.length > 1 && TRANSPORT_WORDS.has(name[name.length - 1]) ? (name[name.length - 1].toLowerCase() as Protocol) : undefined;
  let role: string | undefined;
  let main: string | undefined;
  while (name.length > 0 && (ROLE_WORDS.has(name[name.length - 1]) || MAIN_WORDS.has(name[name.length - 1]))) {
    const word = name.pop()!;
    if (MAIN_WORDS.has(word)) main ??= word;
    // The role word nearest `PORT` decides: `GRPC_LISTEN_PORT` is gRPC, `HTTP_METRICS_PORT` metrics.
    role ??= roleFromWords(word);
  }
  const nameKey = name.length > 0 && !name.some((w) => GENERIC_WORDS.has(w)) && !callsAnApi(kind, name, main) ? keyFromVariable(name.join('_')) : '';
  const clientKeys = kind === 'port' && nameKey ? [prefix, name].flatMap((p) => CLIENT_SUFFIXES.map((s) => [...p, s].join('_'))) : [];
  return Object.freeze({
    normalized, kind, prefix: Object.freeze(prefix), name: Object.freeze(name), nameKey, clientKeys: Object.freeze(clientKeys), role, environment, main, protocol,
  });
}

// Parts of an app that call an API rather than serve one.
const CALLERS = new Set(['FRONTEND', 'CLIENT', 'UI', 'BROWSER']);

/** `FRONTEND_API_URL`, `CLIENT_API_ENDPOINT`: where the frontend finds its API, another service, not the frontend's own URL. */
function callsAnApi(kind: KeyShape['kind'], name: readonly string[], main: string | undefined): boolean {
  return kind === 'url' && main === 'API' && name.length === 1 && CALLERS.has(name[0]);
}

// A value followed by a command on its line: `8080 && ./run`, `4000 npm start`.
const ONE_OFF = /^\S+\s+(?:&&|;|\|\||[A-Za-z./])/;

// `LINUX_API_PORT` and `MAC_API_PORT`: one service, set up differently on each platform it runs on.
const PLATFORM_PREFIXES = new Map([
  ['LINUX', 'linux'], ['MAC', 'macos'], ['MACOS', 'macos'], ['OSX', 'macos'], ['DARWIN', 'macos'],
  ['WIN', 'windows'], ['WINDOWS', 'windows'], ['WSL', 'windows'],
]);

const ENV_PREFIXES = new Set(['DEV', 'DEVELOPMENT', 'TEST', 'TESTING', 'PROD', 'PRODUCTION', 'STAGING', 'STAGE', 'QA', 'CI']);

/**
 * The environment a block of settings is for: `TEST_` on the key, a `# Test environment` comment
 * above it, or the file/section. A comment that names some other environment (`# Main
 * environment`) keeps its name, so it is not compared with the others.
 */
function environmentOf(r: Reading): string | undefined {
  // `export AD_PORT=8080 && ./run`, `PORT=4000 npm start` in a document: a one-off way to run one
  // service by hand, where any free port does; compared with nothing.
  if (r.opts.source === 'markdown' && ONE_OFF.test(r.a.value)) return `${VARIANT_PREFIX}one-off-${r.a.keyStart}`;
  if (r.shape.environment) return r.shape.environment;
  const section = r.a.section;
  const named = section && /^(.{1,30}?)\s+env(ironment)?\b/i.exec(section);
  if (named) return environmentFromText(named[1]) ?? serviceKey(named[1]);
  return r.opts.environment;
}

interface Holder {
  service: string;
  serviceKey: string;
  claim: boolean;
}

interface Reading {
  a: EnvAssignment;
  shape: KeyShape;
  lines: LineIndex;
  facts: FileFacts;
  opts: EnvFactsOptions;
  /** Every normalized key of the file or block, to find a client's `<NAME>_HOST`. */
  keys: Set<string>;
  /** The service names `<NAME>_HOST` variables give, by `<NAME>` (see hostsByPrefix). */
  hosts: ReadonlyMap<string, string> | undefined;
  owner?: Holder;
  /** The part of the app the variable names as a service of its own (see partNamed). */
  part?: Holder;
}

/** Appends what `assignments` say about ports to `facts`. */
export function envFacts(
  assignments: EnvAssignment[],
  lines: LineIndex,
  facts: FileFacts,
  opts: EnvFactsOptions,
): void {
  const keys = new Set(assignments.map((a) => keyShape(a.key).normalized));
  const hosts = hostsByPrefix(assignments);
  const ownerKey = opts.owner ? serviceKey(opts.owner) : '';
  const owner = ownerKey ? { service: opts.owner!, serviceKey: ownerKey, claim: false } : undefined;
  // A service named by its variable, not a client setting (`DB_PORT` beside `DB_HOST`).
  const listsServices = opts.source === 'markdown' && assignments.some((a) => {
    const shape = keyShape(a.key);
    return shape.kind === 'port' && shape.nameKey !== '' && shape.nameKey !== ownerKey && !CLIENT_NAMES.has(shape.nameKey) && !shape.clientKeys.some((k) => keys.has(k));
  });
  const from = facts.allocations.length;
  for (const a of assignments) {
    const shape = keyShape(a.key);
    const reading: Reading = { a, shape, lines, facts, opts, keys, hosts, owner, part: listsServices ? partNamed(shape) : undefined };
    if (reading.shape.kind === 'port') readPortVariable(reading);
    else if (reading.shape.kind === 'url') readUrlVariable(reading);
    else mentionUrls(reading);
  }
  splitAppAndApi(facts.allocations, from);
}

// `REDIS_HOST` / `REDIS_HOSTNAME`: where `REDIS_PORT` is.
const HOST_VARIABLE = /^(.+)_HOST(?:NAME)?$/;

/** The service names (`cache`, not `localhost` or an address) `<NAME>_HOST` variables give, by `<NAME>`; undefined when none. */
function hostsByPrefix(assignments: readonly EnvAssignment[]): Map<string, string> | undefined {
  let out: Map<string, string> | undefined;
  for (const a of assignments) {
    if (!/host/i.test(a.key)) continue;
    const prefix = HOST_VARIABLE.exec(keyShape(a.key).normalized)?.[1];
    const host = prefix === undefined ? undefined : serviceFromHost(a.value.trim());
    if (host !== undefined && /^[A-Za-z][\w-]*$/.test(host)) (out ??= new Map()).set(prefix!, host.toLowerCase());
  }
  return out;
}

// Words that name a part of an app when the file sets ports for several of them.
const PART_MAIN_WORDS = new Set(['APP', 'API', 'WEB', 'UI']);

/**
 * `SHOP_APP_PORT=4201` and `SHOP_API_PORT=3601` in one file: the shop's app and its API, two
 * processes on two ports, not one service written two ways. Each of the file's places of such a
 * service (its URLs too) becomes the part its variable names.
 */
function splitAppAndApi(allocations: Allocation[], from: number): void {
  const parts = new Map<string, { mains: Set<string>; ports: Set<number> }>();
  for (let i = from; i < allocations.length; i++) {
    const a = allocations[i];
    const shape = a.variable === undefined ? undefined : keyShape(a.variable);
    if (shape?.kind !== 'port' || shape.main === undefined || !PART_MAIN_WORDS.has(shape.main)) continue;
    const seen = parts.get(a.serviceKey) ?? { mains: new Set(), ports: new Set() };
    seen.mains.add(shape.main);
    seen.ports.add(a.port);
    parts.set(a.serviceKey, seen);
  }
  for (let i = from; i < allocations.length; i++) {
    const a = allocations[i];
    const seen = parts.get(a.serviceKey);
    const main = seen && seen.mains.size > 1 && seen.ports.size > 1 && a.variable !== undefined ? keyShape(a.variable).main : undefined;
    if (main === undefined || !PART_MAIN_WORDS.has(main)) continue;
    const part = main.toLowerCase();
    allocations[i] = { ...a, service: `${a.service}-${part}`, serviceKey: `${a.serviceKey}-${part}` };
  }
}

// Words a variable's name may have for a part of an app that is a service of its own.
// Not `APP_PORT` or `SERVER_PORT`: the section's own service, whatever else the block lists.
const PART_WORDS = new Set(['ADMIN', 'API', 'WEB', 'FRONTEND', 'BACKEND', 'UI', 'WORKER']);

/**
 * In a document's block that names services by their variables (`STORE_PORT=3141`), `ADMIN_PORT`
 * and `API_PORT` name the admin and the API too, not the interfaces of the section's service.
 */
function partNamed(shape: KeyShape): Holder | undefined {
  if (shape.kind !== 'port' || shape.prefix.length !== 1 || !PART_WORDS.has(shape.prefix[0])) return undefined;
  const key = shape.prefix[0].toLowerCase();
  return { service: key, serviceKey: key, claim: false };
}

function readPortVariable(r: Reading): void {
  const word = /\S+/.exec(r.a.value);
  // `${UNSET}`, `$OTHER` and cmd's `%OTHER%` are set elsewhere; an empty value sets nothing.
  if (!word || /[$%]/.test(word[0]) || SWITCH_RE.test(word[0])) return;
  // Only the first word counts: in a shell, `PORT=8081 cargo run` sets PORT for that command.
  const start = r.a.valueStart + word.index;
  const end = start + word[0].length;
  const port = parseDecimal(word[0]);
  if (port === undefined) {
    // Docker-link style `REDIS_PORT=tcp://10.0.0.11:6379` and ranges are not typos.
    if (findUrls(r.a.value).length > 0) mentionUrls(r);
    // A document's example writes placeholders for the value (`REDIS_PORT=xxxxx`, `<port>`).
    else if (r.opts.source === 'markdown' && /[A-Za-z<>]/.test(word[0])) return;
    else if (!parseRange(word[0])) invalid(r, word[0], start, end, /^-\d{1,9}$/.test(word[0]) ? Number(word[0]) : undefined);
    return;
  }
  // `PORT=0` asks the system for any free port (a test setup's usual way): no port to check.
  if (port === 0) return;
  if (!isValidPort(port)) {
    invalid(r, word[0], start, end, port);
    return;
  }
  if (scrapedAt(r)) {
    allocate(r, r.owner!, 'metrics', port, start, end);
    return;
  }
  if (INSIDE_CONTAINERS_SECTION.test(r.a.section ?? '')) {
    mention(r, port, start, end);
    return;
  }
  const holder = portHolder(r);
  const dialled = holder?.claim ? r.hosts?.get(r.shape.prefix.join('_')) : undefined;
  if (holder) allocate(r, holder, holder === r.part ? undefined : r.shape.role, port, start, end, { dialHost: dialled });
  else mention(r, port, start, end);
}

// `# Tempo internal ports`, `# container ports (not published)`: the settings under such a comment
// are where processes listen inside their containers, no host's ports.
const INSIDE_CONTAINERS_SECTION = /\binternal\b|\binside\b|\bcontainer(?:-side)? ports?\b|\bnot (?:published|exposed)\b|\bunpublished\b/i;

// Servers that scrape an app's metrics: in the app's own env file, `PROMETHEUS_PORT` is where the app serves them.
const SCRAPERS = new Set(['prometheus']);

/**
 * `PROMETHEUS_PORT=30008` in an app's env file (one that sets the app's own `PORT`) is the port the
 * app exposes its metrics on for Prometheus, not Prometheus's own port.
 */
function scrapedAt(r: Reading): boolean {
  return r.owner !== undefined && SCRAPERS.has(r.shape.nameKey) && r.keys.has('PORT') && r.opts.source === 'env';
}

function portHolder(r: Reading): Holder | undefined {
  const { name, nameKey: key } = r.shape;
  if (name.length === 0) return r.part ?? r.owner;
  if (!key) return undefined;
  if (key === r.owner?.serviceKey) return r.owner;
  const client = CLIENT_NAMES.has(key) || r.shape.clientKeys.some((k) => r.keys.has(k));
  return { service: key, serviceKey: key, claim: client };
}

interface PortInValue {
  port: number;
  /** The URL's scheme (`postgresql+asyncpg`); '' for `host:port`. */
  scheme: string;
  host: string;
  path: string;
  start: number;
  end: number;
}

// `gateway:8080`, `localhost:50051`, `:8080`: gRPC endpoints and listen addresses have no scheme.
const HOST_PORT_RE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]*):(\d{1,5})$/;

function readUrlVariable(r: Reading): void {
  // A URL of the owner's own (`APP_URL`, `LISTEN_ADDR`) or of a qualifier (`PUBLIC_URL`) names
  // no other service (nameKey is ''): its ports are only mentions.
  const key = r.shape.nameKey;
  for (const p of portsInValue(r.a)) {
    if (key && !isExternalHost(p.host)) {
      // `DATABASE_URL=postgresql://…` and `AMQP_URL=amqp://…` dial a PostgreSQL and a RabbitMQ,
      // whatever the stack calls them (ProjectModel.serviceOfServer).
      const dialled = CLIENT_NAMES.has(key) || serverOfScheme(key) !== undefined ? serverOfScheme(p.scheme) ?? key : key;
      const holder = { service: dialled, serviceKey: dialled, claim: true };
      // `mongodb://localhost:27017` is reached through the host port: not the container side of `27018:27017`.
      const local = isLocalHost(p.host);
      const dialHost = local ? undefined : serviceFromHost(p.host)?.toLowerCase();
      allocate(r, holder, r.shape.role ?? roleFromPath(p.path), p.port, p.start, p.end, { hostSide: local, dialHost });
    } else {
      mention(r, p.port, p.start, p.end);
    }
  }
}

function portsInValue(a: EnvAssignment): PortInValue[] {
  const urls = findUrls(a.value).filter((u) => isValidPort(u.port));
  if (urls.length > 0) {
    return urls.map((u) => ({ port: u.port, scheme: u.scheme, host: u.host, path: u.path, start: a.valueStart + u.portStart, end: a.valueStart + u.portEnd }));
  }
  const m = HOST_PORT_RE.exec(a.value);
  const port = m ? Number(m[2]) : 0;
  if (!m || !isValidPort(port)) return [];
  const start = a.valueEnd - m[2].length;
  return [{ port, scheme: '', host: m[1], path: '', start, end: a.valueEnd }];
}

/** A public domain (`api.stripe.com`) is somebody else's server, not a service of this workspace. */
function isExternalHost(host: string): boolean {
  return host.includes('.') && !/^[\d.]+$/.test(host) && !isLocalHost(host) && serviceFromHost(host) === undefined;
}

function mentionUrls(r: Reading): void {
  for (const u of findUrls(r.a.value)) {
    if (isValidPort(u.port)) mention(r, u.port, r.a.valueStart + u.portStart, r.a.valueStart + u.portEnd);
  }
}

/** Where a client setting dials (see Allocation.hostSide and dialHost). */
interface Dialled {
  hostSide?: boolean;
  dialHost?: string;
}

function allocate(r: Reading, holder: Holder, role: string | undefined, port: number, start: number, end: number, dialled: Dialled = {}): void {
  r.facts.allocations.push({
    service: holder.service,
    serviceKey: holder.serviceKey,
    role,
    port,
    protocol: r.shape.protocol ?? 'tcp',
    scope: r.opts.scope ?? '',
    environment: environmentOf(r),
    source: r.opts.source,
    claim: holder.claim,
    // Each variable is a place of its own.
    group: r.a.keyStart,
    indexInGroup: 0,
    variable: r.a.key,
    own: holder === r.owner || undefined,
    hostSide: dialled.hostSide || undefined,
    dialHost: dialled.dialHost,
    loc: r.lines.location(r.opts.ctx.file, start, end),
  });
}

function mention(r: Reading, port: number, start: number, end: number): void {
  r.facts.mentions.push({ port, loc: r.lines.location(r.opts.ctx.file, start, end) });
}

function invalid(r: Reading, written: string, start: number, end: number, port?: number): void {
  const shown = written.length > 40 ? `${written.slice(0, 40)}…` : written;
  r.facts.problems.push({
    rule: 'invalid-port',
    message: `${r.a.key}=${shown} is not a valid port; ports are 1-65535`,
    port,
    loc: r.lines.location(r.opts.ctx.file, start, end),
  });
}

// ---------------------------------------------------------------------------------------------
// Env files


// The name a file gives its service, in order of preference.
const OWNER_KEYS = ['SERVICE_NAME', 'APP_NAME', 'SERVICE'];

// Folders that hold configuration for the project around them, not a service of their own.
const CONFIG_FOLDERS = new Set([
  'config', 'configs', 'conf', 'env', 'envs', 'environment', 'environments', 'docker', 'deploy', 'deployment',
  'deployments', 'infra', 'ops', 'settings', 'secrets', 'scripts', '.devcontainer',
]);

function ownerOf(assignments: EnvAssignment[], ctx: ParseContext): string | undefined {
  for (const name of OWNER_KEYS) {
    const a = assignments.find((x) => x.key.toUpperCase() === name);
    const value = a?.value.trim();
    if (value && !value.includes('$') && serviceKey(value)) return value;
  }
  const folder = ctx.folderName;
  return folder && !CONFIG_FOLDERS.has(folder.toLowerCase()) ? folder : undefined;
}

export function parseEnv(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'env');
  facts.suppressions = findSuppressions(text);
  const assignments = parseEnvAssignments(text);
  const opts: EnvFactsOptions = {
    ctx,
    owner: ownerOf(assignments, ctx),
    environment: envEnvironmentFromFileName(ctx.file),
    source: 'env',
  };
  const lines = new LineIndex(text);
  // Templates document which variables to set; their values are placeholders and defaults, not
  // ports anything listens on, so they only contribute mentions (and never invalid-port problems).
  if (!isEnvTemplateFileName(ctx.file)) {
    envFacts(assignments, lines, facts, opts);
    readEnvRangeHeaders(text, lines, facts);
  } else {
    const read = emptyFacts(ctx.file, 'env');
    envFacts(assignments, lines, read, opts);
    facts.mentions.push(...read.mentions, ...read.allocations.map((a) => ({ port: a.port, loc: a.loc })));
    // What a template sets a variable named for a service (`BILLING_PORT`) to is a claim about that
    // service's port: compared with where it is allocated (the compose default that reads the same
    // variable, a registry), never a listener. So is a bare `PORT` in a service's own folder
    // (`services/billing/.env.example`): the port that service's template gives it.
    const inServiceFolder = ctx.file.includes('/') && opts.owner !== undefined;
    facts.allocations.push(...read.allocations.filter((a) => !a.claim && (namesItsService(a) || (inServiceFolder && a.own === true))).map((a) => ({ ...a, claim: true })));
  }
  // A template's values are defaults, but "open http://localhost:N" is how its author says the
  // service is reached: a claim either way.
  envCommentClaims(text, lines, facts, opts);
  dropOverridden(facts);
  // Compose reads `COMPOSE_FILE` from the `.env` of the folder it runs in: the files it merges.
  const composeFile = assignments.find((a) => a.key === 'COMPOSE_FILE');
  const files = composeFile ? composeFileList(composeFile.value.trim(), dirOf(ctx.file)) : [];
  if (files.length > 1) facts.composeSets = [[...new Set(files)]];
  return facts;
}

/**
 * A variable set again further down takes the later value (dotenv and shells read from the top):
 * the earlier line is no place of the service, and an earlier other port, which nothing uses, is a
 * port-mismatch at that line.
 */
function dropOverridden(facts: FileFacts): void {
  // Each variable's places on the last line that sets it.
  const last = new Map<string, Allocation[]>();
  for (const a of facts.allocations) {
    if (a.variable === undefined) continue;
    const list = last.get(a.variable);
    if (list && list[0].loc.span.startLine === a.loc.span.startLine) list.push(a);
    else last.set(a.variable, [a]);
  }
  const kept: Allocation[] = [];
  for (const a of facts.allocations) {
    const used = a.variable === undefined ? undefined : last.get(a.variable)!;
    if (!used || used.includes(a)) {
      kept.push(a);
      continue;
    }
    facts.mentions.push({ port: a.port, loc: a.loc });
    if (used.some((b) => b.port === a.port)) continue;
    facts.problems.push({
      rule: 'port-mismatch',
      message: `${a.variable} is ${a.port} here, but set again to ${used[0].port} on line ${used[0].loc.span.startLine}, the value that is used`,
      port: a.port,
      loc: a.loc,
      related: [{ loc: used[0].loc, message: `${a.variable}: ${used[0].port}` }],
    });
  }
  facts.allocations = kept;
}

/** `BILLING_PORT` for billing; not a bare `PORT` or `HTTP_PORT` that only the folder gives an owner. */
function namesItsService(a: Allocation): boolean {
  return a.variable !== undefined && variableNamesService(a.variable, a.serviceKey);
}
