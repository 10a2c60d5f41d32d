// Port list items: `- **3000**: Grafana`, `- Grafana: 3000`, `- Settlement Engine: Port 8087 (HTTP),
// 50056 (gRPC)`, `**compliance-monitor (8017)**: ...`, `- **HTTP Services**: 8080-8099`. Anything
// else in a list is prose ("ml-ensemble moved from 8014 → 8021") and allocates nothing.
import { cleanName, CLUSTER_ENVIRONMENT, environmentFromText, roleFromPath, roleFromWords, serviceKey } from '../../syntax/names';
import { isGenericName } from '../../project/roles';
import { findUrls, isPublicName, isValidPort } from '../../syntax/ports';
import { extractRangeItem } from './rangeLists';
import { emitRangeEntry } from './rangeEntries';
import { reservedKind } from './sections';
import { isEnvironmentWord } from './roleQualifier';
import { blankDecoration, parseCellPorts, type CellPort } from './cellValues';
import { noteItemPorts } from './summaryItems';
import { currentContext, emitAllocation, emitInvalid, emitMention, emitReservation, fileUnderUrl, headingServiceHolds, hostSideUrl, nodeAddressUrl, remarkedContext, remarkedNames, remarksOf, urlPage, withQualifierHost, type MdState } from './state';

const NAME = String.raw`([\p{L}\p{N}][\p{L}\p{N} ._/&+'-]{0,60}?(?:\s*\([^()]{1,30}\))?)`;
// A URL with its scheme, in a capture.
const URL_TEXT = String.raw`([A-Za-z][\w+.-]*:\/\/[^\s()\[\]]+)`;
const NAME_THEN_VALUE = new RegExp(String.raw`^\s*${NAME}\s*[:：]\s*(?:ports?\s+)?(.+?)\s*(?:\s[-–—]\s+(?!\d).*)?$`, 'iu');
// `- API services: 8880-8900 range`, `- API 服务：8880-8900 范围内`: the word after a range says it is one.
const RANGE_WORD_AFTER = /(\d)\s*(?:(?:port\s+)?range|block|范围内?|端口段|区间|번대|범위)\s*[.。]?$/i;
const VALUE_THEN_NAME = new RegExp(String.raw`^\s*(\d{1,6}(?:\/(?:tcp|udp))?)\s*(?::|\s[-–—])\s*${NAME}\s*$`, 'iu');
const ADDRESS_ITEM = /^\s*`?[A-Za-z][\w.-]*:\d{2,5}`?\s*$/;
// `- Gateway - 8222`, `- Gateway - :8222`: a name, a dash and a port of four or five digits, nothing else ("Step 2 - 10"
// and "Release - 2019" are not ports: the section must be about ports, and years stay out).
const NAME_DASH_PORT = new RegExp(String.raw`^\s*${NAME}\s+[-–—]\s+:?(\d{4,5})\s*$`, 'u');
// Two digits at least: `keywords(1)` is a manual section, `Step (2)` a footnote.
const NAME_WITH_PORT = new RegExp(String.raw`^\s*${NAME}\s*\(\s*(?:port\s+)?(\d{2,6})\s*\)\s*(?::.*|\s[-–—]\s+(?!\d).*)?$`, 'iu');
// `- Orders — port 7100`, `- Orders on port 7100`, `- The orders service runs on port 7100 (gRPC)`,
// `- Orders → port 7100`: the word port says what the number is, wherever the item stands.
const NAME_ON_PORT = new RegExp(String.raw`^\s*(?:the\s+|our\s+)?${NAME}\s*(?:[-–—→]\s*|->\s*|=>\s*|\s(?:(?:runs|listens|is|is running|is served|is available|serves|lives)\s+)?(?:on|at)\s+)port\s+(\d{2,6})\s*(?:\([^()]*\)\s*)?(?:[.;]|\s[-–—]\s+(?!\d).*)?$`, 'iu');
// `- Main server on http://localhost:8000`, `- The API runs at http://localhost:8080 (REST)`: as NAME_ON_PORT, with a URL.
const NAME_ON_URL = new RegExp(String.raw`^\s*(?:the\s+|our\s+)?${NAME}\s+(?:(?:runs|listens|is|is running|is served|is available|serves|lives)\s+)?(?:on|at)\s+<?${URL_TEXT}>?\s*(?:\([^()]*\)\s*)?[.;]?\s*$`, 'iu');
// `- Navidrome [:4533]`, `- Navidrome (:4533, :4534)`, `- Navidrome :4533`: ports written with their colon, as in an address.
const NAME_COLON_PORTS = new RegExp(String.raw`^\s*${NAME}\s+[\[(]?\s*(:\d{2,5}(?:\s*,\s*:\d{2,5})*)\s*[\])]?\s*$`, 'u');
// What an item that starts with one of these says is a step or a state, not who holds the port:
// "Listen on port 8080", "Default on port 8080", "Previously on port 8014".
const NOT_A_HOLDER = /^(?:listen(?:s|ing)?|run(?:s|ning)?|start(?:s|ed)?|serve(?:s|d)?|bind(?:s)?|expose(?:s|d)?|open(?:s|ed)?|change(?:s|d)?|set|reachable|accessible|available|default(?:s)?|now|currently|previously|formerly|originally|also|still|later|first|next|last)\b/i;
// A mark that the item is done or running (`✅`, `✔️`, `🟢`, `[x]`) before its name. Not `❌` or
// `⚠️`, which say a port is gone or in doubt.
const DONE_MARK = /^\s*(?:[\u2705\u2714\u2611\u{1F7E2}]\uFE0F?|\[[xX]\])\s*/u;
// An icon before the name (`- 🛒 **Orders** (7100)`), any pictograph but those that say the port is
// gone, refused or in doubt (`❌`, `🚫`, `⛔`, `✖`, `⚠️`, `🔴`, `🗑`).
const ICON_MARK = /^\s*(?:(?![\u274C\u274E\u{1F6AB}\u26D4\u2716\u26A0\u{1F534}\u{1F5D1}\u{1F7E5}])\p{Extended_Pictographic}[\uFE0F\u200D]*)+\s+(?=[\p{L}\p{N}*_`])/u;

// Words that make a "name" a sentence: "Separated by incrementing ports", "Grafana vs Mission Control".
const PROSE_WORD = /\b(vs|versus|moved?|from|uses?|using|via|ports|port|no|not|all|each|every|only|should|must|will|was|were|is|are|the|by|if|when|then|see|e\.g|i\.e)\b/i;
// "포트: 8754", "端口：8080", "**Porta**: 5433": the word for port in other languages, as PROSE_WORD has it in English.
const PORT_IN_OTHER_LANGUAGES = String.raw`포트(?: ?번호)?|端口号?|ポート(?:番号)?|\bportas?|\bpuertos?|\bporte`;
const PORT_WORD = new RegExp(String.raw`^(?:${PORT_IN_OTHER_LANGUAGES}|埠)$`, 'i');
// A phrase that ends in what to do is a step, not a name: Korean, Japanese and Chinese put the verb
// last ("브라우저 접속 확인" check the browser can connect, "接続確認", "访问测试").
const ACTION_LAST = /(?:확인|접속|실행|점검|테스트|確認|接続|起動|実行|テスト|アクセス|访问|确认|检查|测试|启动|运行)(?:하기|한다|する)?$/u;
// `- ❌ 5173 (default Vite port)`, `- 4002`: a port, and why, under a title that forbids its ports.
const PORT_WITH_REASON = /^(?:\s|[\u274C\u{1F6AB}\u26D4\u2716]\uFE0F?)*(\d{1,6})\s*(?:\(([^()]*)\))?\s*[.;]?\s*$/u;
// Words that make a "name" a setting whose number is a count, a duration or an identifier: "Retries: 3",
// "Max connections: 100", "Pool size: 100", "Timeout: 30", "PUID: 1000", "ChainID: 8453".
const SETTING_WORD = /\b(size|timeout|retries|retry|attempts|limit|max|min|maximum|minimum|count|concurrency|workers|threads|connections|interval|ttl|delay|threshold|capacity|replicas|version|days|hours|minutes|seconds|ids?|p?uid|p?gid|chain ?id|network ?id|block height|epoch)\b/i;
// "Line: 147" under a source file's name: a place in the file, or a process id.
const FILE_PLACE = /^(?:lines?|line numbers?|columns?|rows?|pid)$/i;
// Words that make a "name" a tally in a summary: "Conflicts: 1 (web/api)", "Resolved issues: 6".
const COUNT_WORD = /\b(conflicts?|clashes|issues|errors|warnings|findings|total|resolved|remaining|pending|items|entries|nodes|containers|hosts|machines|vms|users|steps|phases|projects|repos|repositories|tests|failures)\b/i;

// What an item calls a port that no service holds: "Reserved", "Do not use", "Free".
// Candidates for a port (`- **Alternative Options**: 8041, 8042`) hold none either: mentions.
const RESERVATION_NAME = /^(?:reserved|forbidden|blocked|banned|do not use|don'?t use|never use|avoid|unused|free|available|spare|alternatives?(?: options?| ports?)?|options?|candidates?(?: ports?)?|fallbacks?(?: ports?)?|备选(?:端口)?|候选(?:端口)?|备用端口)$/i;

// "Customer Notification Email Delivery Worker Service: 7100" is a name; a longer run is a sentence.
const MAX_NAME_WORDS = 7;

/** The word for port alone, in any language (`Port`, `포트`, `Puerto`), not a name (`HTTP port`). */
function isPortWord(raw: string): boolean {
  const words = cleanName(raw).trim();
  return /^ports?$/i.test(words) || PORT_WORD.test(words);
}

function plausibleName(raw: string): string | undefined {
  const name = cleanName(raw);
  const words = name.replace(/\([^()]*\)/g, '');
  if (name === '' || /^\d+$/.test(name) || PROSE_WORD.test(words) || ACTION_LAST.test(words.trim()) || PORT_WORD.test(words) || SETTING_WORD.test(words) || COUNT_WORD.test(words) || FILE_PLACE.test(words.trim())) return undefined;
  return name.split(/\s+/).length <= MAX_NAME_WORDS ? name : undefined;
}

/** A port a forbidding list keeps from every service, written without a name; false when the item is none. */
function forbiddenPortItem(state: MdState, text: string, at: number): boolean {
  const context = currentContext(state);
  if (context.reserved !== 'forbidden') return false;
  const m = PORT_WITH_REASON.exec(blankDecoration(text));
  if (!m) return false;
  const port = Number(m[1]);
  const start = at + m[0].indexOf(m[1]);
  if (isValidPort(port)) emitReservation(state, context, port, port, m[2] ?? '', start, start + m[1].length);
  else emitInvalid(state, port, start, start + m[1].length, 'list item');
  return true;
}

interface Match {
  name: string;
  values: CellPort[];
  /** For a URL item: the URL's `host:port`, and whether it has a path beyond `/`. */
  server?: string;
  route?: boolean;
  /** `compliance-monitor (8017)`: a name with its port in parentheses, a port by its form. */
  portForm: boolean;
  /** `- **Grafana:** http://10.0.0.5:3000`: where the service is reached, a claim on its port. */
  url?: boolean;
  /** The URL is on this machine (`http://localhost:3000`): its port is a host port (see hostSideUrl). */
  hostSide?: boolean;
  /** The URL is on a cluster node's address (`http://NODE_IP:30081`): a node port (see nodeAddressUrl). */
  onNode?: boolean;
  /** `- Gateway - 8222`: read only in a section about ports. */
  dashed?: boolean;
  /** `- Navidrome [:4533]`: ports written with their colon, as in an address, ports by their form in any section. */
  colonPorts?: boolean;
  /**
   * `- Port: 7001`, `- 포트: 7001`: the port of the service the heading or page names, if any; a
   * claim, as such a list is as often where a client connects (`- Host: localhost`, `- Port: 5432`).
   */
  portWord?: boolean;
}

const YEAR = /^(?:19|20)\d\d$/;

// A label for one of a service's ways in, not a service: under `### Lighthouse`, "Web UI (HTTP): 9000"
// and "Direct access: http://nas:9000" are Lighthouse's.
const INTERFACE_LABEL = /^(?:direct access|access|local access|lan access|web ?ui|ui|web|web interface|dashboard|console|admin(?: ui| panel| console)?|api|rest(?: api)?|http|https|grpc|metrics|ssh|url|endpoint|local|lan|internal|external)(?:\s*\([^()]*\))?$/i;

// `http://10.0.0.5:3000/web`, then at most a parenthesised note: "(via the proxy)".
const URL_VALUE = /^\S+:\/\/\S+(?:\s+\([^()]*\))?$/;

type UrlValue = NonNullable<ReturnType<typeof urlValue>>;

/** An item naming what a URL reaches: a claim on its port. */
function urlMatch(name: string, url: UrlValue): Match {
  return { name, values: [url.value], portForm: false, url: true, hostSide: url.hostSide, onNode: url.onNode, server: url.server, route: url.route };
}

/** A list value that is one URL on this network: a claim on the port the item's service is reached at. */
function urlValue(valueAt: number, value: string): { value: CellPort; server: string; route: boolean; hostSide: boolean; onNode: boolean } | undefined {
  if (!URL_VALUE.test(value)) return undefined;
  const urls = findUrls(value);
  if (urls.length !== 1) return undefined;
  const url = urls[0];
  // A public domain is somebody else's server (or a proxy's name), not this service's port.
  if (isPublicName(url.host)) return undefined;
  return {
    value: { kind: 'port', port: url.port, to: url.port, role: roleFromPath(url.path), start: valueAt + url.portStart, end: valueAt + url.portEnd },
    hostSide: hostSideUrl(url),
    onNode: nodeAddressUrl(url),
    ...urlPage(url),
  };
}

// `Grafana port: 3000`, `api 端口：8010`, `Puerto de api: 8010`: the name with the word for port around it.
// The word after the name is found at the end first, alone: a pattern that captures the name before
// it tries every split of the label.
const PORT_WORD_LAST = new RegExp(String.raw`(?:\bports?|${PORT_IN_OTHER_LANGUAGES})\s*$`, 'iu');
const PORT_BEFORE_NAME = /^\s*(?:portas?|puertos?|porte|port)\s+(?:de|da|do|del|di|du|of)\s+(.*[\p{L}\p{N}].*)$/iu;

// What stands before the word for port when it says which port or how many, not whose: `Default port`,
// `Host port`, `HTTP port`, `Active ports`.
const WHICH_PORT = /^(?:active|open|opened|used|free|available|blocked|reserved|total|all|other|more|default|local|internal|external|host|container|public|private|exposed|published|listen(?:ing)?|bind|main|primary|secondary|alt(?:ernative)?|new|old|current|dev|prod|production|development|staging|test|debug|health|metrics|admin|http|https|grpc|ws|wss|tcp|udp|ssh|service|server|app|application|the|this|your|our)$/i;

/** What stands before the word for port that ends `label`, if it is on one line and has a letter or digit. */
function nameBeforePortWord(label: string): string | undefined {
  const m = PORT_WORD_LAST.exec(label);
  if (!m) return undefined;
  const name = label.slice(0, m.index).trimEnd();
  return /[\p{L}\p{N}]/u.test(name) && !/[\n\r\u2028\u2029]/.test(name) ? name : undefined;
}

/**
 * `**Ports:** 3001 (HTTP), 9443 (HTTPS)`, `Port: 13331:9443`, `Apisix Ports: 13320`: a line whose
 * label is the word for port, alone or after a name, as a list item's can be.
 */
export function labelsPort(text: string): boolean {
  const m = NAME_THEN_VALUE.exec(blankDecoration(text));
  return m !== null && (isPortWord(m[1]) || nameBeforePortWord(m[1]) !== undefined);
}

/** The name an item's label gives, without the word for port written around it. */
function labelName(label: string): string | undefined {
  const bare = (nameBeforePortWord(label) ?? PORT_BEFORE_NAME.exec(label)?.[1])?.replace(/[\s_-]+$/, '');
  const words = bare === undefined ? [] : cleanName(bare).split(/[\s/&+,-]+/).filter((w) => w !== '');
  return plausibleName(bare === undefined || words.every((w) => WHICH_PORT.test(w)) ? label : bare);
}

function match(text: string): Match | undefined {
  const blank = blankDecoration(text).replace(DONE_MARK, (mark) => ' '.repeat(mark.length)).replace(ICON_MARK, (mark) => ' '.repeat(mark.length));
  // Before `Name: value`, which would read `Navidrome :4533` as the name and 4533.
  const colonPorts = colonPortsMatch(blank);
  if (colonPorts) return colonPorts;
  const byName = NAME_THEN_VALUE.exec(blank);
  if (byName) {
    const name = labelName(byName[1]);
    const valueAt = blank.indexOf(byName[2], byName.index + byName[1].length);
    const value = blank.slice(valueAt, valueAt + byName[2].length).replace(RANGE_WORD_AFTER, '$1');
    const values = parseCellPorts(value).filter((v) => value === byName[2] || v.kind === 'range').map((v) => shift(v, valueAt));
    if (name && values.length > 0) return { name, values, portForm: false };
    // `- **Ports**: 8090 (App), 1389 (LDAP)`: the ports of the heading's service, however many.
    if (!name && values.length > 0 && values.every((v) => v.kind === 'port') && isPortWord(byName[1])) return { name: cleanName(byName[1]), values, portForm: true, portWord: true };
    const url = name ? urlValue(valueAt, byName[2]) : undefined;
    if (name && url) return urlMatch(name, url);
  }
  const labelled = labelledUrl(blank);
  if (labelled) return labelled;
  const byValue = VALUE_THEN_NAME.exec(blank);
  if (byValue) {
    const name = plausibleName(byValue[2]);
    const valueAt = blank.indexOf(byValue[1]);
    const values = parseCellPorts(byValue[1]).map((v) => shift(v, valueAt));
    if (name && values.length === 1) return { name, values, portForm: false };
  }
  const dashed = NAME_DASH_PORT.exec(blank);
  if (dashed && !YEAR.test(dashed[2])) {
    const name = plausibleName(dashed[1]);
    const valueAt = blank.lastIndexOf(dashed[2]);
    const values = parseCellPorts(dashed[2]).map((v) => shift(v, valueAt));
    if (name && values.length === 1 && values[0].port >= 1024) return { name, values, portForm: false, dashed: true };
  }
  const withPort = NAME_WITH_PORT.exec(blank);
  if (withPort) {
    const name = plausibleName(withPort[1]);
    const valueAt = blank.indexOf(withPort[2], withPort[1].length);
    const values = parseCellPorts(withPort[2]).map((v) => shift(v, valueAt));
    if (name && values.length === 1) return { name, values, portForm: true };
  }
  const onPort = NAME_ON_PORT.exec(blank);
  if (onPort && !NOT_A_HOLDER.test(cleanName(onPort[1]))) {
    const name = plausibleName(onPort[1]);
    const valueAt = blank.indexOf(onPort[2], onPort.index + onPort[1].length);
    const values = parseCellPorts(onPort[2]).map((v) => shift(v, valueAt));
    if (name && values.length === 1) return { name, values, portForm: true };
  }
  const onUrl = NAME_ON_URL.exec(blank);
  if (onUrl && !NOT_A_HOLDER.test(cleanName(onUrl[1]))) return labelAndUrl(onUrl[1], onUrl.index + onUrl[0].lastIndexOf(onUrl[2]), onUrl[2]);
  return undefined;
}

/**
 * `- **Staging:** 9002 (frontend), 9003 (backend)`: an environment's ports, each that of the service
 * its note names. Not where a note names an interface (`9002 (HTTP)`) or a value has none.
 */
function environmentOfItem(m: Match): string | undefined {
  if (!isEnvironmentWord(cleanName(m.name).toLowerCase()) || m.url) return undefined;
  const named = m.values.every((v) => v.kind === 'port' && v.label !== undefined && /\p{L}/u.test(v.label) && roleFromWords(v.label) === undefined && plausibleName(v.label) !== undefined);
  return named ? environmentFromText(cleanName(m.name)) : undefined;
}

/** `Navidrome [:4533]`, `Navidrome :4533, :4534`: a name and ports written with their colon. */
function colonPortsMatch(blank: string): Match | undefined {
  const m = NAME_COLON_PORTS.exec(blank);
  // `Gateway - :8222` is the dashed form (NAME_DASH_PORT), read only in a section about ports.
  const name = m && !/[-–—]$/.test(m[1].trimEnd()) && !NOT_A_HOLDER.test(cleanName(m[1])) ? plausibleName(m[1]) : undefined;
  if (!m || !name) return undefined;
  const valueAt = blank.indexOf(m[2], m.index + m[1].length);
  const values = parseCellPorts(m[2]).map((v) => shift(v, valueAt));
  return values.length > 0 ? { name, values, portForm: true, colonPorts: true } : undefined;
}

/**
 * An item that is a label and a URL written otherwise than `Label: URL`: a link whose text is the
 * label (`[RabbitMQ UI](http://localhost:15672)`), the URL after a dash, an arrow or in
 * parentheses (`Grafana - http://…`, `Grafana → http://…`, `Grafana (http://…)`), a link that
 * shows its URL after the label (`Grafana [http://…](http://…)`), or the URL first and the label
 * after it (`http://… - Grafana`, `http://… Grafana (the dashboards)`).
 */
function labelledUrl(blank: string): Match | undefined {
  const m = LINKED_LABEL.exec(blank) ?? LABEL_BEFORE_URL.exec(blank) ?? LABEL_BEFORE_LINKED_URL.exec(blank);
  if (m) return labelAndUrl(m[1], m.index + m[0].lastIndexOf(m[2]), m[2]);
  const after = URL_BEFORE_LABEL.exec(blank);
  return after ? labelAndUrl(after[2], after.index + after[0].indexOf(after[1]), after[1]) : undefined;
}

function labelAndUrl(label: string, urlAt: number, urlText: string): Match | undefined {
  const name = plausibleName(label);
  const url = name ? urlValue(urlAt, urlText) : undefined;
  return name && url ? urlMatch(name, url) : undefined;
}

// A link may be followed by a note in parentheses: `[http://localhost:3300](http://localhost:3300) (login admin)`.
const LINKED_LABEL = new RegExp(String.raw`^\s*\[${NAME}\]\(${URL_TEXT}\)\s*(?:\([^()]*\))?\s*$`, 'u');
const LABEL_BEFORE_URL = new RegExp(String.raw`^\s*${NAME}\s*(?:\s[-–—]\s|→|->|\()\s*${URL_TEXT}\s*\)?\s*$`, 'u');
const LABEL_BEFORE_LINKED_URL = new RegExp(String.raw`^\s*${NAME}\s*(?:[-–—:]\s*)?\[[^\]\s]+\]\(${URL_TEXT}\)\s*(?:\([^()]*\))?\s*$`, 'u');
// The label after the URL ends where a parenthesised note starts: `cms (internal hostname: cms)`.
const URL_BEFORE_LABEL = new RegExp(String.raw`^\s*<?${URL_TEXT}>?\s*(?:[-–—:]\s*|\s)\s*([\p{L}\p{N}][\p{L}\p{N} ._/&+'-]{0,60}?)\s*(?:\([^()]*\))?\s*$`, 'u');

function shift(v: CellPort, by: number): CellPort {
  return { ...v, start: v.start + by, end: v.end + by };
}

/** Files the URL item just emitted under its server, for dropRoutePages. */
function noteUrlItem(state: MdState, server: string, route: boolean, start: number): void {
  const allocation = state.facts.allocations[state.facts.allocations.length - 1];
  // Nothing was emitted when the item is an example or its port invalid.
  if (!allocation?.claim || allocation.loc.span.startOffset !== start) return;
  fileUnderUrl(state, server, allocation, route);
}

/** `text` is the item's first line after its marker, starting at absolute offset `at`; `nested` inside another item. */
export function extractListItem(state: MdState, text: string, at: number, nested = false): void {
  const m = match(text);
  if (!m) {
    if (!forbiddenPortItem(state, text, at)) extractRangeItem(state, text, at);
    return;
  }
  extractMatch(state, m, text, at, nested);
}

// A paragraph that is one URL, bare, in backticks or in angle brackets.
const LONE_URL = new RegExp(String.raw`^\s*<?${URL_TEXT}>?\s*$`, 'u');

/**
 * `### Grafana UI:` over a paragraph that is one URL (`http://localhost:3000`): the heading labels
 * it, as `- Grafana UI: http://localhost:3000` does. `line` starts at absolute offset `at`.
 */
export function extractHeadingUrl(state: MdState, heading: string, line: string, at: number): boolean {
  const m = LONE_URL.exec(blankDecoration(line));
  const name = m ? plausibleName(heading.replace(/[:：]\s*$/, '')) : undefined;
  const url = name ? urlValue(m!.index + m![0].indexOf(m![1]), m![1]) : undefined;
  if (!name || !url) return false;
  extractMatch(state, urlMatch(name, url), line, at, false);
  return true;
}

// `- Redis on port 6379 (deprecated)`, `- Cache: 6380 — legacy`: an item that ends by saying its
// service is on the way out or gone holds no port any more.
const RETIRED_NOTE = /(?:\((?:[^()]*[,;]\s*)?|\s[-–—]\s*)(?:deprecated|obsolete|legacy|retired|removed|superseded|decommissioned|no longer used)\b[^()]*\)?\s*[.;]?\s*$/i;

// Words that say in which setting or how a port of the item above is reached: `Local Env`, `Docker Inside`, `HTTPS`.
const QUALIFIER_WORDS = new Set([
  'local', 'docker', 'env', 'environment', 'inside', 'outside', 'container', 'host', 'dev', 'development', 'prod', 'production',
  'staging', 'test', 'internal', 'external', 'public', 'private', 'http', 'https', 'grpc',
]);

/**
 * `* Catalog:` over `* Local Env: 5000-5050` and `* Docker Env: 6000-6060`: the nested items give
 * the catalog's ports in each setting (often its HTTP and HTTPS pair, not a range), not services
 * called Local Env. Which of them is which is not said: they are mentioned.
 */
function qualifiesNamingItem(state: MdState, label: string): boolean {
  if (!state.sections[state.sections.length - 1].underNamingItem) return false;
  const words = cleanName(label).toLowerCase().split(/[\s/_-]+/).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => QUALIFIER_WORDS.has(w));
}

function extractMatch(state: MdState, m: Match, text: string, at: number, nested: boolean): void {
  // `chromadb:8000` is an address another container dials (a host name and a port, no blank):
  // the port is mentioned, not allocated.
  if (ADDRESS_ITEM.test(text) || RETIRED_NOTE.test(text) || (nested && qualifiesNamingItem(state, m.name))) {
    for (const value of m.values) emitMention(state, value.port, at + value.start, at + value.end);
    return;
  }
  const outer = currentContext(state);
  // `- 8080: Reserved (do NOT use)` names no service: it keeps the port from every service.
  if (RESERVATION_NAME.test(m.name.replace(/\([^()]*\)/g, ' ').trim())) {
    for (const value of m.values) {
      const start = at + value.start;
      if (value.kind !== 'invalid' && reservedKind(text) === 'forbidden') emitReservation(state, outer, value.port, value.to, m.name, start, at + value.end);
      else emitMention(state, value.port, start, at + value.end);
    }
    return;
  }
  // "Web UI (HTTP): 9000" under `### Lighthouse` is Lighthouse's web UI port. Under a project's
  // title alone, "API: http://localhost:8000" and "Web: …" name the project's parts (compose's `api`).
  // The word for port is the port of the service the section's heading names, in an item of the
  // section's own list; under the page title alone, or in an item about something else (a download
  // client's settings under `1. **Download Client:**`), whose port it is is not said.
  if (m.portWord && (nested || outer.pageServiceIsTitle || outer.pageService === undefined)) return;
  // A generic label ("API:", "Web:") under the title, right below it or below a section that names
  // no service, is one of the project's parts.
  const underTitle = outer.pageServiceIsTitle || state.sections[state.sections.length - 1].level === 1;
  const label = (m.portWord === true || INTERFACE_LABEL.test(m.name)) && outer.pageService !== undefined && !(underTitle && isGenericName(serviceKey(m.name)));
  const service = label ? outer.pageService! : m.name;
  const qualified = withQualifierHost(outer, service);
  const context = m.onNode ? { ...qualified, environment: CLUSTER_ENVIRONMENT } : qualified;
  // Outside a section about ports, only an item that says so counts ("Port 8087", a bold
  // "**Ledger (8003)**", a URL, a service's interface): "run keywords(1)" in a changelog and
  // "**Retries**: 3" in a settings list are not ports.
  if (m.dashed && !context.aboutPorts) return;
  if (!context.aboutPorts && !m.url && !m.colonPorts && !label && !(m.portForm && /\*\*|__/.test(text)) && !/\bports?\b/i.test(text)) return;
  const group = at;
  const remarks = remarksOf(text);
  const from = state.facts.allocations.length;
  const environment = label ? undefined : environmentOfItem(m);
  m.values.forEach((value, index) => {
    const start = at + value.start;
    const end = at + value.end;
    if (value.kind === 'invalid') emitInvalid(state, value.port, start, end, 'list item');
    else if (environment !== undefined && value.kind === 'port') {
      emitAllocation(state, { ...context, environment }, { service: value.label!, port: value.port, protocol: value.protocol, claim: false, group, indexInGroup: index, start, end });
    }
    else if (context.reserved === 'forbidden') emitReservation(state, context, value.port, value.to, m.name, start, end);
    else if (value.kind === 'range') emitRangeEntry(state, context, { name: m.name, text, from: value.port, to: value.to, start, end });
    else if ((context.reserved && context.reserved !== 'inUse') || headingServiceHolds(state, value.port, service)) emitMention(state, value.port, start, end);
    else {
      emitAllocation(state, remarkedContext(context, remarks, service), {
        service, role: value.role ?? (label ? roleFromWords(m.name) : undefined), port: value.port, endPort: undefined, protocol: value.protocol, hostIp: value.hostIp,
        names: remarkedNames(remarks), claim: m.url === true || m.portWord === true, group, indexInGroup: index, start, end, hostSide: m.hostSide, containerPort: value.containerPort,
      });
      if (m.server !== undefined) noteUrlItem(state, m.server, m.route === true, start);
    }
  });
  if (m.values.length >= 2) noteItemPorts(state, from);
}
