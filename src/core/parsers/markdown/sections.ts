// What a heading says about the content under it: a declared range, an environment, a
// reserved-ports section, the service a block of settings belongs to, the machine it is on.
import type { RangeInText, WrittenRange } from '../../syntax/ports';
import { headingRanges } from './headingRanges';
import { cleanName, envFileSectionEnvironment, environmentFromText, isEnvTemplateFileName } from '../../syntax/names';
import { headingHost } from './hosts';
import { memoByText } from '../../text/memo';
import { tierOf, type Tier } from './tiers';

/** How a "reserved" section is meant: only `forbidden` makes reserved-port findings. */
export type ReservedKind = 'forbidden' | 'keptFree' | 'inUse' | 'unclear';

export interface HeadingInfo {
  /** Heading text without `#`s, decoration, emoji and its range. */
  name: string;
  range?: RangeInText;
  /** Further ranges the heading lists with the first (`1000~1999 / 3000~3999`): the section owns them all. */
  moreRanges?: RangeInText[];
  /** Single ports listed with the range (`8880-8899, 9000`): exceptions the section owns too. */
  exceptions?: WrittenRange[];
  environment?: string;
  reserved?: ReservedKind;
  /** The title only says "reserved": the paragraph under it decided what `reserved` means. */
  reservedByText?: boolean;
  /** Examples, rejected alternatives, history: what is written here is not a current allocation. */
  illustrative?: boolean;
  /** Ports inside containers ("Internal (Docker / not published)"): no host port is taken. */
  containerSide?: boolean;
  /** Ports a proxy listens on for the services it fronts ("Proxy ports"): not the services' own. */
  proxySide?: boolean;
  /** The section runs its services in containers (`Development (Docker)`, `With Compose`). */
  inContainers?: boolean;
  /** What a tool supports (`Supported games`, `Compatible apps`): each one's usual ports, run one at a time. */
  catalog?: boolean;
  /** The machine or VM the heading names (`### IBM Server` → `ibm-server`), as a host key. */
  host?: string;
  /** A service named by the heading (`### Token Engine (Port 8081)`), owner of env blocks below it. */
  owner?: string;
  /** The port a heading gives its owner: `(Port 8081)`. */
  ownerPort?: { port: number; start: number; end: number };
  /**
   * The title talks about ports or services, so a bare `- name: 8080` item under it means a port;
   * false where it counts things ("Endpoint statistics": `- Company endpoints: 8`), whatever the
   * titles above say.
   */
  aboutPorts?: boolean;
  /** The frontend or backend tier the title names, when it names exactly one. */
  tier?: Tier;
  /** The environment a range heading names ("Local development ports (5001-5999)"): the range is that environment's. */
  rangeEnvironment?: string;
}

export const ABOUT_PORTS = /\b(ports?|port-?map(?:ping)?s?|services?|endpoints?|allocations?|network(ing)?|urls?|address(es)?|listeners?|firewall|portas?|puertos?|porte|servi[cç]os?|servicios?|dienste?|serveurs?)\b|端口|服务|服務|ポート|サービス|포트|서비스/i;

/** What the document itself says, as the outermost section, by its name (`PORTS.md` → `PORTS`). */
export function documentInfo(name: string): HeadingInfo {
  return { name, ...titleWords(name) };
}

// "Endpoint statistics", "Service counts", "Totals": numbers of things, not ports.
const COUNTS = /\b(?:statistics|stats|counts?|totals?|quantit(?:y|ies)|how many)\b|统计|統計|数量|통계/i;

function titleWords(name: string): Pick<HeadingInfo, 'aboutPorts' | 'tier'> {
  const tier = tierOf(name);
  const aboutPorts = COUNTS.test(name) ? false : ABOUT_PORTS.test(name) ? true : undefined;
  return { ...(aboutPorts === undefined ? {} : { aboutPorts }), ...(tier ? { tier } : {}) };
}

const GENERIC_HEADING = /\b(environment|variables?|config(uration)?|setup|start(up)?|example|commands?|usage|overview|guide|install(ation)?|reference|table|summary|ports?|allocations?|dependencies|verification|monitoring|security|considerations|rules?|notes?|history|resolution|services|health|checks?|debugging|migration|checklist|troubleshooting|deployment|validation|docker|compose|kubernetes|strategy|getting started|get started|quick ?start|quickstart|navigation|introduction|welcome|readme|next steps|umgebungsvariablen|konfiguration|einstellungen|entorno|configuraci[oó]n|ambiente|configura[cç][aã]o)\b|环境变量|環境変数|환경 ?변수|配置|设置|設定|설정|端口|ポート|포트|部署|デプロイ|배포|安装|インストール|설치|переменн|окружени|настройк|конфигурац/i;

// A heading that is a step as a whole ("Run", "Running locally", "Access the app", 访问地址, 접속,
// Zugriff): words that can also be part of a service's heading ("Grafana access") only name
// nothing alone.
const STEP_HEADING = /^(?:run(?:ning)?|access(?:ing)?|deploy(?:ing)?|launch(?:ing)?|develop(?:ing)?|open|try it|how to (?:run|use|start))(?: (?:it|locally|the (?:app|application|project|stack|services?|ui)))*$|^(?:访问(?:地址|方式|入口)?|服务地址|运行|启动|접속(?: ?(?:주소|정보|방법))?|실행|アクセス(?:先|方法)?|接続先|起動|実行|url ?一覧|accesos?|acessos?|zugriff|zugang|endereços|ejecuci[oó]n|ejecutar|ausführen|starten)$/i;

// Examples, rejected plans, history, lists of free ports ("Next Available Ports"), and what to do
// when a port is taken ("Troubleshooting", "If port 8080 is already in use"), whose ports are
// somebody else's or a way out; not a compound such as "Conflict-Free", which describes the
// current allocation.
// `Available ports` are free; `MinIO is available at` says where a service is.
export const ILLUSTRATIVE = /(?<![-‐])\b(rejected|checklists?|alternatives?|examples?|samples?|deprecated|obsolete|legacy|old|previous|formerly|former|decommissioned|retired|removed|freed|superseded|history|historical|proposals?|proposed|drafts?|templates?|hypothetical|before|(?<!\b(?:is|are)\s)available|unused|unassigned|free|recommended|suggested|troubleshooting|already (?:in use|used|taken)|fehlerbehebung|bereits belegt|dépannage|legado|obsoleto|antigo|antiguo|veraltet|obsolète)\b|konflikte (?:lösen|beheben)|문제 ?해결|트러블 ?슈팅|이미 사용 ?중|故障排除|故障排查|问题排查|疑难解答|被占用|トラブルシューティング|使用中の場合/i;

// "Compose sample application", "Example project": the page of a sample that really runs as written.
const SAMPLE_PROJECT = /\b(?:samples?|examples?)\s+(?:applications?|apps?|projects?|stacks?)\b/i;

// Only these phrases: a plain "Internal Services" section lists LAN-internal host ports.
// Inside a Kubernetes cluster too ("In-cluster service ports", "ClusterIP services"): every
// Service has an address of its own there, so two on one port never clash, and none is a host's.
const CONTAINER_SIDE = /\bnot\s+published\b|\bunpublished\b|\bcontainer[- ]only\b|\bdocker[- ]internal\b|\binternal\s*\(\s*(?:docker|container)|\bdocker[- ]?(?:network|netzwerk)\b|\bin[- ]cluster\b|\bcluster[- ]?ip\b|\bcluster[- ]internal\b/i;
const CONTAINER_PORTS = /\bcontainer[- ]ports?\b/i;
// "Host and container ports", "Container port mapping": both sides, and the host side is real.
const BOTH_SIDES = /\bhost\b|\bmapp(?:ing|ed)\b/i;

export function containerSide(text: string): boolean {
  return CONTAINER_SIDE.test(text) || (CONTAINER_PORTS.test(text) && !BOTH_SIDES.test(text));
}

// `Development (Docker)`, `Running with Compose`: a way of running in containers.
const IN_CONTAINERS = /\b(?:docker|containers?|compose|podman|kubernetes|k8s)\b/i;

// "Proxy ports (iframe embedding)": ports a proxy listens on for the services it fronts.
const PROXY_SIDE = /\bprox(?:y|ied)\s+(?:ports?|listeners?)\b/i;

/**
 * The service a title names (`### Token Engine (Port 8081)`, `**Backend API:**` over a block of
 * settings): its words outside parentheses, unless they are generic ("Configuration"), a file
 * name, an environment or more than four words.
 */
export function ownerNamedBy(title: string): string | undefined {
  const name = cleanName(title.replace(/\([^()]*\)/g, '')).replace(ENUMERATION, '');
  return name && !GENERIC_HEADING.test(name) && !STEP_HEADING.test(name) && !FILE_NAME.test(name) && name.split(' ').length <= 4 && !environmentFromText(name) ? name : undefined;
}

// `.env`, `docker-compose.yml`, `config/app.yaml`: a section about a file, whose values are no one
// service's (not `Next.js`, which names a server).
const FILE_NAME = /^\.[\w.-]+$|^[\w./-]+\.(?:env|ya?ml|json|toml|ini|conf|cfg|properties|md|txt|sh)$/i;

// A heading's place in a numbered outline: `3. RL Dashboard`, `2.1 Gateway`, `4) Billing`.
const ENUMERATION = /^(?:\d+(?:\.\d+)+\.?|\d+[.)])\s+/;

/**
 * `text` is the heading's source text after the `#` marker; offsets are relative to it. Read once
 * per spelling: a monorepo's documents repeat their headings ("## Ports", "### Postgres") in every
 * project, and the answer is shared, so it is frozen.
 */
export const analyzeHeading: (text: string) => Readonly<HeadingInfo> = memoByText((text) => deepFreeze(readHeading(text)));

function readHeading(text: string): HeadingInfo {
  const list = headingRanges(text);
  const range = list?.range;
  const withoutRange = list ? text.slice(0, list.start) + text.slice(list.end) : text;
  const name = cleanName(withoutRange.replace(/\(\s*\)|\[\s*\]/g, '').replace(/[:\-–]\s*$/, ''));
  const info: HeadingInfo = { name, range, ...titleWords(name) };
  if (list && (list.more.length > 0 || list.singles.length > 0)) {
    info.moreRanges = list.more;
    info.exceptions = list.singles;
  }
  const reserved = titleReservation(text);
  if (reserved) info.reserved = reserved;
  if (ILLUSTRATIVE.test(name) && !SAMPLE_PROJECT.test(name)) info.illustrative = true;
  if (containerSide(text)) info.containerSide = true;
  if (PROXY_SIDE.test(text)) info.proxySide = true;
  if (IN_CONTAINERS.test(text)) info.inContainers = true;
  if (CATALOG.test(name)) info.catalog = true;
  // A category heading with a range ("Development & Monitoring (8060-8069)") is not an environment;
  // what it names is the range's, for tables that give each environment a column.
  if (!range) info.environment = envFileEnvironment(text) ?? environmentFromText(name);
  else info.rangeEnvironment = environmentFromText(name);
  // A range heading is a range section and an environment heading an environment, whatever words they use.
  const host = range || info.environment ? undefined : headingHost(text);
  if (host) info.host = host;
  const portMatch = /\(\s*(?:[^()]*?[-–,]\s*)?port\s+(\d{1,5})\s*\)/i.exec(text);
  const ownerName = range || info.environment ? undefined : ownerNamedBy(text);
  if (ownerName) {
    info.owner = ownerName;
    if (portMatch && !GROUP_LABEL.test(ownerName)) {
      const start = portMatch.index + portMatch[0].lastIndexOf(portMatch[1]);
      info.ownerPort = { port: Number(portMatch[1]), start, end: start + portMatch[1].length };
    }
  }
  return info;
}

// `Supported games`, `Compatible software`, `Supported by category`: what a tool can run, each with its usual ports.
const CATALOG = /\b(?:supported|compatible|compatibility)\b/i;

// `### Web UIs (Port 8080)`, `### Databases (port 5432)`: a kind of service, in the plural, that
// shares a port between the services listed under it, not a service on that port.
const GROUP_LABEL = /\b(?:uis|apis|databases|dbs|dashboards|services|apps|applications|tools|workers|servers|frontends|backends|queues|consoles|interfaces|endpoints)$/i;

// `(.env.production)`, `` `.env.local` ``, `staging.env`: a section that gives the values of one env file.
const ENV_FILE = /(?:^|[\s(`'"])(\.env\.[\w.-]*\w|[\w-]+\.env)(?=$|[\s)`'",:;])/i;

/**
 * A section that says which env file its values are from ("Production (.env.production)",
 * "Local development (.env.local)") describes that file, which overrides the base `.env`: an
 * environment of its own, compared with nothing else. Not for the base `.env` itself, nor a template.
 */
function envFileEnvironment(text: string): string | undefined {
  const file = ENV_FILE.exec(text)?.[1];
  return file && !isEnvTemplateFileName(file) ? envFileSectionEnvironment(file) : undefined;
}

function deepFreeze<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'object' && field !== null) deepFreeze(field);
  }
  return Object.freeze(value);
}

const RESERVED_TITLE = /\breserved\b|予約|预留|預留|保留|예약/i;
// Titles that forbid ports without saying "reserved": "Ports to avoid", "Blocked ports", "禁用端口",
// "使用禁止ポート", "사용 금지 포트". Only with a word for ports (or a range) in the title, and not
// about avoiding clashes ("Avoid port conflicts"), which forbids nothing.
// "Do not use" in the other languages port documents are written in.
const NOT_TO_USE = String.raw`n[ãa]o (?:usar|utilizar)|no (?:se pueden? )?(?:usar|utilizar)|nicht (?:verwenden|benutzen|nutzen)|ne pas utiliser|non usare|verboten|prohibido|proibido|interdite?s?`;
const FORBIDDEN_TITLE = new RegExp(String.raw`\b(?:forbidden|banned|blocked|never use|do not use|don'?t use|not to use|avoid|prohibited|${NOT_TO_USE})\b|禁止|禁用|避免使用|使用禁止|사용\s*금지|금지`, 'i');
const PORTS_TITLE = /\bports?\b|\bportas?\b|\bpuertos?\b|\bporte\b|端口|ポート|포트|\d{2,5}/i;
const ABOUT_CLASHES = /\b(?:conflicts?|collisions?|clash(?:es)?|overlaps?)\b|冲突|衝突|충돌/i;

/** What a title (a heading, or the line that leads a list) says about reserving the ports under it. */
export function titleReservation(text: string): ReservedKind | undefined {
  if (RESERVED_TITLE.test(text)) return reservedKind(text);
  return FORBIDDEN_TITLE.test(text) && PORTS_TITLE.test(text) && !ABOUT_CLASHES.test(text) ? 'forbidden' : undefined;
}

/**
 * What the paragraph under a "Reserved" title says the reservation means. Sentences about clashes
 * are left out, as in titles: "collisions are blocked at review" forbids no port.
 */
export function paragraphReservation(text: string): ReservedKind {
  return reservedKind(text.split(/(?<=[.;!?。；])\s+/).filter((sentence) => !ABOUT_CLASHES.test(sentence)).join(' '));
}

const FORBIDDING = new RegExp(String.raw`\b(?:never|do not|don'?t|forbidden|avoid|blocked|system|well[- ]known|banned|not use|prohibited|${NOT_TO_USE})\b|禁止|禁用|避免使用|使用禁止|사용\s*금지|금지`, 'i');

// "Reserved ranges (never reuse)", "don't reassign": a port once given stays its owner's. The
// title hands ports out; it forbids none.
const KEEPS_OWNER = /\b(?:never|do not|don'?t)\s+(?:re-?use|re-?assign|re-?allocate|change|move)\w*/gi;

export function reservedKind(written: string): ReservedKind {
  const text = written.replace(KEEPS_OWNER, ' ');
  if (FORBIDDING.test(text)) return 'forbidden';
  if (text !== written || /\bin use\b|\bused by\b|\boccupied\b|\ballocated\b/i.test(text)) return 'inUse';
  if (/\b(future|expansion|later|kept|free|spare|growth|temporary)\b/i.test(text)) return 'keptFree';
  return 'unclear';
}
