// Tables with a port-like column and a name column: one allocation per port cell, or declared
// ranges / reserved ports depending on what the table and its section are about.
import { findUrls, isPublicName, serviceFromHost } from '../../syntax/ports';
import { cleanName, CLUSTER_ENVIRONMENT, environmentFromText, kindAndItsServer, LOCAL_RUN_ENVIRONMENT, roleFromPath, roleFromWords, serviceKey, VARIANT_PREFIX } from '../../syntax/names';
import { splitRow, type Cell } from './cells';
import { serviceOfPortVariable } from '../env';
import { readPropertyPorts } from './propertyTables';
import { namesElsewhere, namesIn, PLACEHOLDER, saysGone, saysRunning, type CellNames } from './rowNames';
import { blankDecoration, parseCellPorts, type CellPort } from './cellValues';
import { hostFromKeyValue, nestHost } from './hosts';
import { emitRangeEntry } from './rangeEntries';
import { environmentQualified, roleQualified } from './roleQualifier';
import { groupRowName, nameInGroup } from './groupRows';
import { EXPOSURE_HEADER, machineOf, nameOf, SCHEME_HEADER, schemeOf, schemesByName, transportOf, unpublished } from './rowColumns';
import {
  currentContext, emitAllocation, emitInvalid, emitMention, emitReservation, fileUnderUrl, hostSideUrl, nodeAddressUrl, remarkedContext, remarkedNames, remarksOf, setSectionHost, urlPage, withQualifierHost,
  type AllocationInput, type Context, type MdState, type Remarks,
} from './state';

interface Columns {
  name?: number;
  /**
   * Columns whose cells hold ports, with the role (and environment: "Prod Port") their header gives,
   * whether it says they are host ports (`Host Port`), and whether they are the ports apps ship with
   * (`Default Port`, see DEFAULT_HEADER).
   */
  ports: Array<{ index: number; role?: string; environment?: string; host?: boolean; inside?: boolean; defaults?: boolean }>;
  /** The container port column beside a host port column (`| Host Port | Container Port |`). */
  /** Host port column → the container port column beside it (one of each, or pairs by role: `Host HTTP` / `Container HTTP`). */
  containerPorts?: Map<number, number>;
  /** The name column's header says it names services, so a comma list in it lists them. */
  namedByHeader: boolean;
  /** Other columns that name services (Project beside Service), read when the name cell holds a status. */
  otherNames: number[];
  /** A Project (Category, Team) column beside the Service column: the group each row's service is part of. */
  group?: number;
  /** A Status column: "Active" makes a row in a reserved-placeholder section an allocation. */
  status?: number;
  /** An Owner column (Owner, Assigned to, Reserved for): each row is handed out to someone. */
  owner?: number;
  /** An IP column: each row's ports are bound on that address. */
  address?: number;
  /** With a name column that classifies (Category, Type), the Purpose column that may name each row's service. */
  purpose?: number;
  /** A column that names each row's environment. */
  environment?: number;
  /** A column with a unique name per row (Container), used when the name column is generic. */
  container?: number;
  /** A column of what each row is built with (`| Component | Technology | Port |`): the server a row of its kind runs. */
  technology?: number;
  /** A column naming the stack or proxy a row's service runs in or behind (Stack, Via, Behind). */
  stack?: number;
  routing: boolean;
  /** A column of labs or exercises (`| Lab | Port |`): each row's lab is brought up on its own. */
  lab?: number;
  /** A column that says whether or where each row's port is published (`Host`: `localhost` or `-`, `Exposed`: yes / no). */
  exposure?: number;
  /** A column naming the machine each row runs on (`| Host | Service | Port |` with `nas`, `pi`). */
  machine?: number;
  /** A Type or Protocol column whose cells may say the row's scheme (`HTTPS`, `gRPC`): the role of its ports. */
  scheme?: number;
  /** A Variable column (`DASHBOARD_PORT`): the variables that set the row's ports, other names of its service. */
  variables?: number;
  /** Columns whose cells hold URLs (Internal URL, Endpoint, Example). */
  urls: Array<{ index: number; role?: string }>;
  /** The table lists ranges (project / category / tier ranges), not services. */
  rangeTable: boolean;
  /** The name column names groups (Project, Category, Team), each of which may hold several services. */
  groupNamed: boolean;
  /** Led by a bare Range column (`| Range | Service | Port |`): each row's range owns its ports. */
  ledByRanges: boolean;
  /**
   * The range column comes before the one naming each row (`| Range | Layer |`): each row is a
   * block, and its name says whose (`Insight — Lighthouse`). After it (`| Service | Range |`), the
   * range is the band a service sits in, which many rows share.
   */
  blocksFirst: boolean;
}

const DESCRIPTIVE = /^(description|purpose|notes?|status|technology|tech|protocols?|proto|transport|level|comments?|remarks?|expected response|response|type|version|image|language|details|usage|health|tags?|priority|examples?|notas?|observa[cç][oõ]es|descri[cç][aã]o|ejemplos?|exemplos?|exemples?|beispiele?|esempi[oi]|descripci[oó]n|finalidade|prop[oó]sito|zweck|beschreibung|bemerkungen?|назначение|описание|примечани[ея]|用途|说明|說明|説明|备注|備考|描述|例|示例|例子|备考|状态|状態|ステータス|설명|비고|상태|예시|메모|协议|協議|プロトコル|프로토콜)$/i;
// Headers that say something about a row's port, not whose it is: when or why it is used, the
// role it plays ("When to Enable", "Role": Server, Client), the address to bind it to, what it
// clashes with ("Known conflicts": None), the verdict on it, who may reach it ("Access": Public) and
// where it is written or set ("Configuration": `vite.config.js:30`, "File", "Line", "Command").
const ABOUT_THE_PORT = /^(?:when|why|how)\b|^(?:roles?|角色|役割|역할)$|^(?:access|exposure|visibility|reachability|reachable from|scope|firewall)$|^(?:files?|paths?|lines?|locations?|configuration|config(?: files?)?|configured in|defined in|set in|sources?|commands?|configura[cç][aã]o|configuraci[oó]n|fichiers?|datei(?:en)?|arquivos?|archivos?|comandos?|befehl)$|\bcommands?$|绑定|綁定|バインド|바인드|\bbind\b|\b(?:known )?(?:conflicts?|conflits?|konflikte?|conflictos?|conflitos?|clash(?:es)?)\b|冲突|衝突|競合|충돌|^(?:verdict|veredicto|urteil|判定|결과)$/i;
export const PORT_HEADER = /\bports?\b|\bnode\s*-?ports?\b|\bportas?\b|\bpuertos?\b|порт|端口|埠|ポート|포트|\bgrpc\b|\bhttps?\b|websocket|\bws\b|\blisten(ing)?\b|\bbind\b|\bpublished\b|\bexposed?\b|\bhost\s*port\b/i;
// `web 30NN`, `api 80xx`: a role and the pattern of its ports, one column per role.
const PORT_PATTERN_HEADER = /^[a-z][\w-]{0,15}\s+\d{1,4}(?:nn|NN|xx|XX|n|N|x|X)$/;
const URL_HEADER = /\burls?\b|\buri\b|\bendpoints?\b|\baddress(es)?\b|\bexample\b|\blinks?\b|地址/i;
export const NAME_HEADER = /\b(services?|name|component|app|application|products?|project|container|system|server|process|daemon|category|tier|module|workload|workers?|servi[cç]os?|servicios?|servizi[oi]?|dienste?|nome|nombre|aplica[cç][aã]o|aplicaci[oó]n|projeto|proyecto)\b|сервис|служб|проект|название|服务|服務|名称|名稱|应用|组件|项目|專案|产品|產品|サービス|名前|プロジェクト|コンテナ名|製品|서비스|이름|프로젝트|애플리케이션|컨테이너|제품/i;
// A routing table (Domain | Service | Target | Port) lists what a proxy forwards to, not who owns a port.
const ROUTING_HEADER = /^(?:(?:public|external|custom|tunnel|proxy)\s+)?(domains?|sub-?domains?|hosts?names?|hostnames?|routes?|paths?|virtual hosts?|域名)$/i;
const PATH_HEADER = /^paths?$/i;
// A unique per-row identity. Not an Image column: services may share an image (`| Container | Image | Ports |`).
const CONTAINER_NAME_HEADER = /^(containers?|container names?|hostnames?|service names?|contenedor(?:es)?|cont[eê]iner(?:es|s)?|conteneurs?)$/i;
const TECHNOLOGY_HEADER = /^(?:technology|technologies|tech|tech stack|software|engine|implementation)$/i;
const RANGE_NAME_HEADER = /\b(category|project|projekt|projet|proyecto|projeto|progetto|tier|group|range|team|block|pool|reserved)\b|项目|проект/i;
// English, and the same words in German, Dutch, French, Spanish, Italian and Portuguese (`Interner Port`, `Puerto interno`, `Porta container`).
const CONTAINER_HEADER = /\b(container|internal|inner|inside|intern|interne|interner|internes|interno|interna|target|conteneur|contenedor|contêiner)\b|コンテナ|容器|内部|컨테이너|내부/i;
const ENV_HEADER = /^(env|environment|stage|环境|環境|환경)$/i;
const CATEGORY_HEADER = /^(category|categories|type|kind|layer|group|tier|分类|类别|類別|カテゴリ|種別|분류|유형)$/i;
const PURPOSE_HEADER = /^(purpose|description|用途|说明|說明|説明|描述|설명)$/i;
const STATUS_HEADER = /^(status|state|状态|状態|ステータス|상태)$/i;
const ADDRESS_HEADER = /^(ip|ip address|ipv4|host ip|container ip|ip地址|ipアドレス|ip 주소)$/i;
const OWNER_HEADER = /^(owners?|owned by|owner type|assigned to|allocated to|reserved for|team|负责人|担当|담당)$/i;
const STACK_HEADER = /^(stack|compose stack|project stack|via|proxied by|behind)$/i;
// A stack column that may name its rows (see classify): not `Via` or `Behind`, which name a proxy.
const CLEAN_STACK_HEADER = /^(stack|compose stack|project stack)$/i;
// A column headed only "Range" or "Block" holds port ranges when the section is about ports.
const RANGE_COLUMN = /^(?:ranges?|blocks?|bands?|范围|範囲|범위|端口段)$/i;
// `| Service | Old Port | New Port |`: what the ports were before, no allocation. `原端口` is the
// original port; `变更前`, `変更前`, `변경 전` "before the change"; `기존` "existing until now".
const HISTORY_HEADER = /\b(?:old|previous|former|legacy|prior|was|before|antig[oa]|anterior|alt(?:er)?|vorher|bisher|ehemalig)\b|^原|旧|以前|之前|[变変]更前|修改前|이전|기존|변경 ?전|стар|прежн|бывш/i;
// A port column whose header says it holds ranges (`Port Range`, `Rango de Puertos`, `Faixa de portas`).
const RANGE_WORD = /\b(?:range|rango|intervalo|faixa|bereich|plage)\b|范围|範囲|범위|диапазон/i;
const HOST_HEADER = /\b(host|hôte|node\s*-?ports?|external|extern|externe|externer|externes|externo|externa|esterno|published|public)\b|ホスト|主机|宿主|公開|外部|호스트|외부/i;

// `| Lab | Port |`: the labs or exercises of a course, or the modes a setup runs in (`| Mode |
// Compose files | Proxy ports |`), each brought up on its own.
const LAB_HEADER = /^(?:labs?|exercises?|chapters?|lessons?|workshops?|tutorials?|katas?|modes?|variants?|scenarios?)$/i;

/** A lab's row is in an environment of its own: never beside another lab's (see VARIANT_PREFIX). */
function labEnvironment(cell: Cell | undefined): string | undefined {
  const key = serviceKey(cleanName(cell?.text ?? ''));
  return key === '' ? undefined : `${VARIANT_PREFIX}lab-${key}`;
}

/**
 * Rows that name only their lab (`### PostgreSQL` over `| Lab | Port |`) give the port of the
 * service the heading names, in that lab; under no such heading they name no service.
 */
function labRowNames(context: Context): CellNames & { holders?: boolean } {
  return context.pageService === undefined ? NO_NAMES : { names: [context.pageService], list: false };
}

// `| Port | Common User | Solution |`: what to do when something else holds a port, not who holds it here.
const SOLUTION_HEADER = /^(?:solutions?|fix(?:es)?|how to fix|workarounds?|resolutions?|remed(?:y|ies)|lösung|solución|solução|解决方案|解决办法|対処法?|해결(?: ?방법)?)$/i;

// `| Port conflict | Occupied by | We use instead |`: a port something else holds, and the one taken in its place.
const INSTEAD_HEADER = /\binstead\b|\bstattdessen\b|\ben su lugar\b|代わり|改用|대신/i;

/** A table with a column of solutions lists troubles and their fixes: its ports are only mentioned. */
function solvesProblems(header: Cell[]): boolean {
  return header.some((cell) => SOLUTION_HEADER.test(cleanName(cell.text)) || INSTEAD_HEADER.test(cell.text));
}

// `| Service | Database | Port |`: the database each service uses, and the port it is reached on.
const DATABASE_HEADER = /^(?:databases?|db|db ?name|database name|schemas?|数据库|資料庫|データベース|데이터베이스)$/i;
const PLAIN_PORT_HEADER = /^(?:ports?|db port|database port)$/i;

/**
 * A table naming each row's database beside one plain Port column that says one port on every
 * row gives the port of the one database server the services use, not a port of each service.
 * (With a port per row, the Database column only says what each app stores its data in.)
 */
function sharedDatabase(header: Cell[], rows: Cell[][], columns: Columns): boolean {
  if (columns.ports.length !== 1 || !header.some((cell) => DATABASE_HEADER.test(cleanName(cell.text)))) return false;
  const index = columns.ports[0].index;
  if (!PLAIN_PORT_HEADER.test(cleanName(header[index]?.text ?? ''))) return false;
  const ports = new Set(rows.map((cells) => cleanName(cells[index]?.text ?? '')).filter((text) => text !== ''));
  return ports.size === 1 && rows.length > 1;
}

/** Whether a Path column holds routes a proxy serves (`/api`, `https://…/grafana`) rather than folders. */
function holdsRoutes(rows: Cell[][], index: number): boolean {
  return rows.some((cells) => /^[`*]*(?:\/|[a-z]+:\/\/)/i.test(cells[index]?.text.trim() ?? ''));
}

/** Whether every filled cell of a column holds one port and nothing else (and one is filled). */
function holdsOnlyPorts(rows: Cell[][], index: number): boolean {
  let filled = 0;
  for (const cells of rows) {
    const text = cells[index]?.text.trim() ?? '';
    if (text === '' || text === '-') continue;
    if (!/^\D{0,4}\d{2,5}\D{0,4}$/.test(text)) return false;
    const values = parseCellPorts(text);
    if (values.length !== 1 || values[0].kind !== 'port') return false;
    filled++;
  }
  return filled > 0;
}

/** Whether most filled cells of a column hold a port range: a "Block" column of names is no range column. */
function holdsRanges(rows: Cell[][], index: number): boolean {
  const filled = rows.map((cells) => cells[index]?.text.trim() ?? '').filter((text) => text !== '');
  const ranges = filled.filter((text) => parseCellPorts(text).some((value) => value.kind === 'range')).length;
  return ranges > 0 && ranges * 2 >= filled.length;
}

/**
 * Which container column gives the inside of each host column: the one beside the one, or the
 * container column that says the same of its port (`容器 HTTPS` beside `宿主机映射 HTTPS`).
 */
function pairContainerColumns(headers: string[], hosts: Array<{ index: number }>, containers: Array<{ index: number }>): Map<number, number> | undefined {
  if (containers.length === 0) return undefined;
  if (hosts.length === 1 && containers.length === 1) return new Map([[hosts[0].index, containers[0].index]]);
  // What a header says besides the side and the word for port: `HTTPS`, `gRPC Health`.
  const rest = (index: number) => headers[index].replace(SIDE_WORDS, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const pairs = new Map<number, number>();
  for (const host of hosts) {
    const same = containers.filter((c) => rest(c.index) === rest(host.index));
    if (same.length === 1 && hosts.filter((h) => rest(h.index) === rest(host.index)).length === 1) pairs.set(host.index, same[0].index);
  }
  return pairs.size > 0 ? pairs : undefined;
}

// How a column's stack is run: `K8s Port` and `NodePort` are a cluster's, `Docker Port` compose's.
const CLUSTER_HEADER = /\b(?:k8s|k3s|kubernetes|minikube|openshift|node\s*-?ports?)\b/i;
const DOCKER_HEADER = /\b(?:docker|compose)\b/i;

/**
 * The environment a port column's header names: "Prod Port" production's; "K8s Port" and
 * "NodePort" a cluster's, whose nodes are no compose host; and beside a "Docker Port" column, "Dev
 * Port" or "Local Port" the dev servers' on the machine itself, not the compose stack's.
 */
function headerEnvironment(header: string, dockerColumn: boolean): string | undefined {
  if (CLUSTER_HEADER.test(header)) return CLUSTER_ENVIRONMENT;
  const environment = environmentFromText(header);
  return environment === 'development' && dockerColumn ? LOCAL_RUN_ENVIRONMENT : environment;
}

// A column of Prometheus's scrape jobs or targets.
const SCRAPE_HEADER = /\bscrape\b/i;

// A column named for a port's role alone, with no word for port: `Metrics`, `Admin`, `Debug`.
const ROLE_COLUMN = /^(?:metrics|prometheus|admin|debug)$/i;

// A port column that says nothing else: `Port`, `Service Port`, `端口`.
const INSIDE_BESIDE_HOST_HEADER = /^(?:(?:service|cluster|svc)\s+)?(?:ports?|portas?|puertos?|порт|端口|埠|ポート|포트)$/i;

const SIDE_WORDS = new RegExp(String.raw`宿主机|\bports?\b|\bportas?\b|\bpuertos?\b|端口|ポート|포트|映射|\bmapp(?:ed|ing)\b|${HOST_HEADER.source}|${CONTAINER_HEADER.source}`, 'gi');

// `Default Port(s)`, `Puerto por defecto`, `默认端口`: the port each app ships with, listed side by side
// for apps run one at a time (a catalogue of templates); a row claims its app's port, and two rows
// on one port do not clash.
const DEFAULT_HEADER = /\bdefaults?\b|\bpar d[ée]faut\b|\bpor defecto\b|\bpadr[ãa]o\b|\bstandard\b|默认|默認|デフォルト|기본/i;

function classify(headers: string[], aboutPorts: boolean, rangeColumn: (index: number) => boolean, portColumn: (index: number) => boolean, routeColumn: (index: number) => boolean): Columns {
  const cleaned = headers.map((h) => cleanName(h));
  const ports: Columns['ports'] = [];
  const urls: Columns['urls'] = [];
  const stack = cleaned.findIndex((h) => STACK_HEADER.test(h));
  const dockerColumn = cleaned.some((h) => DOCKER_HEADER.test(h) && PORT_HEADER.test(h));
  cleaned.forEach((h, index) => {
    if (DESCRIPTIVE.test(h) || HISTORY_HEADER.test(h) || index === stack) return;
    if (URL_HEADER.test(h)) urls.push({ index, role: roleFromWords(h) });
    else if (PORT_HEADER.test(h) || PORT_PATTERN_HEADER.test(h)) ports.push({ index, role: roleFromWords(h.replace(/\bhost\b/i, '')), environment: headerEnvironment(h, dockerColumn), host: HOST_HEADER.test(h) || undefined, defaults: DEFAULT_HEADER.test(h) || undefined });
    else if (aboutPorts && RANGE_COLUMN.test(h) && rangeColumn(index)) ports.push({ index });
  });
  // `| Service | gRPC | HTTP | Metrics |`: beside port columns, a column named for a role that holds
  // only port numbers is that role's port.
  if (ports.length > 0) {
    cleaned.forEach((h, index) => {
      if (ROLE_COLUMN.test(h) && portColumn(index) && !ports.some((p) => p.index === index)) ports.push({ index, role: roleFromWords(h) });
    });
  }
  // `| Container | Scrape Job | Port |`: what Prometheus scrapes, each row's metrics endpoint.
  if (cleaned.some((h) => SCRAPE_HEADER.test(h))) for (const p of ports) p.role ??= 'metrics';
  // `| App | Default Port | Additional Ports |`: a table of defaults gives every port its app ships with.
  if (ports.some((p) => p.defaults)) for (const p of ports) p.defaults = true;
  // With separate host and container port columns, only the host port can conflict.
  const hostColumns = ports.filter((p) => p.host);
  // A lone Internal Port column is the only port written, so the host's, unless another column says
  // how the service is reached from outside (`| Internal Port | External Access |` "via the proxy").
  const reachedOtherwise = cleaned.some((h, i) => HOST_HEADER.test(h) && !ports.some((p) => p.index === i));
  const hostPorts = hostColumns.length > 0 ? hostColumns : ports.filter((p) => !CONTAINER_HEADER.test(cleaned[p.index]) || (ports.length === 1 && !reachedOtherwise));
  // The only port column, headed for the container side: the port inside, which it writes alone.
  if (hostColumns.length === 0) for (const p of hostPorts) if (CONTAINER_HEADER.test(cleaned[p.index])) p.inside = true;
  const containerPorts = ports.filter((p) => !hostPorts.includes(p) && CONTAINER_HEADER.test(cleaned[p.index]));
  // A plain `Port` beside `NodePort` or `External Port` is the port inside (a Service's, a container's).
  const plain = ports.filter((p) => !hostPorts.includes(p) && INSIDE_BESIDE_HOST_HEADER.test(cleaned[p.index]));
  if (hostColumns.length === 1 && containerPorts.length === 0 && plain.length === 1) containerPorts.push(plain[0]);
  const taken = new Set([...ports, ...urls].map((c) => c.index));
  if (stack >= 0) taken.add(stack);
  // A table led by a bare range column ("Range | Purpose", "Range | Layer | Services") names each
  // range in the first column beside it, whatever that column is called.
  const ledByRanges = ports.some((p) => RANGE_COLUMN.test(cleaned[p.index]));
  const rangePorts = ports.some((p) => RANGE_WORD.test(cleaned[p.index]));
  // A column of port numbers names nothing, whatever its header says (`Preview Server` over `4011`).
  for (let i = 0; i < cleaned.length; i++) if (!taken.has(i) && portColumn(i)) taken.add(i);
  // `| Port | Project | Service |`: the project groups the services the Service column names; a
  // table of ranges (`| Project | Port Range |`) names each range by its group.
  const services = rangePorts ? -1 : cleaned.findIndex((h, i) => !taken.has(i) && NAME_HEADER.test(h) && !RANGE_NAME_HEADER.test(h));
  let name = ledByRanges
    ? cleaned.findIndex((h, i) => !taken.has(i) && h !== '')
    : services >= 0 ? services : cleaned.findIndex((h, i) => !taken.has(i) && NAME_HEADER.test(h));
  if (name < 0) name = cleaned.findIndex((h, i) => !taken.has(i) && !DESCRIPTIVE.test(h) && !ABOUT_THE_PORT.test(h) && h !== '');
  // `| Stack | Port | Description |`: with no other column to name the rows, the stack column names
  // each row's stack, not a stack a named service runs in.
  const stackNames = name < 0 && stack >= 0 && CLEAN_STACK_HEADER.test(cleaned[stack]);
  if (stackNames) name = stack;
  const environment = cleaned.findIndex((h) => ENV_HEADER.test(h));
  const container = cleaned.findIndex((h, i) => i !== name && CONTAINER_NAME_HEADER.test(h));
  const technology = cleaned.findIndex((h, i) => i !== name && TECHNOLOGY_HEADER.test(h));
  const otherNames = cleaned.flatMap((h, i) => (i !== name && i !== container && !taken.has(i) && NAME_HEADER.test(h) ? [i] : []));
  const group = services >= 0 ? otherNames.find((i) => RANGE_NAME_HEADER.test(cleaned[i])) : undefined;
  const status = cleaned.findIndex((h) => STATUS_HEADER.test(h));
  const owner = cleaned.findIndex((h) => OWNER_HEADER.test(h));
  const address = cleaned.findIndex((h) => ADDRESS_HEADER.test(h));
  const purpose = name >= 0 && CATEGORY_HEADER.test(cleaned[name]) ? cleaned.findIndex((h) => PURPOSE_HEADER.test(h)) : -1;
  // A Path column of folders (`[source](gatus/)`) says where each service is kept, not a route.
  const routing = cleaned.some((h, i) => ROUTING_HEADER.test(h) && (!PATH_HEADER.test(h) || routeColumn(i)));
  const lab = cleaned.findIndex((h) => LAB_HEADER.test(h));
  // Also a port column (`Exposed`), where its cells say no rather than give a port.
  const exposure = cleaned.findIndex((h) => EXPOSURE_HEADER.test(h));
  const machine = cleaned.findIndex((h, i) => i !== name && MACHINE_COLUMN.test(h) && !ports.some((p) => p.index === i));
  const scheme = cleaned.findIndex((h, i) => i !== name && SCHEME_HEADER.test(h));
  const variables = cleaned.findIndex((h, i) => i !== name && VARIABLE_HEADER.test(h));
  const groupNamed = name >= 0 && RANGE_NAME_HEADER.test(cleaned[name]);
  const rangeTable = groupNamed || ledByRanges || rangePorts;
  const firstRange = ports.find((p) => RANGE_COLUMN.test(cleaned[p.index]))?.index;
  return {
    blocksFirst: firstRange !== undefined && name >= 0 && firstRange < name,
    name: name >= 0 ? name : undefined,
    ports: hostPorts,
    containerPorts: pairContainerColumns(cleaned, hostPorts, containerPorts),
    urls,
    rangeTable,
    groupNamed,
    ledByRanges,
    environment: environment >= 0 ? environment : undefined,
    container: container >= 0 ? container : undefined,
    technology: technology >= 0 ? technology : undefined,
    stack: stack >= 0 && !stackNames ? stack : undefined,
    namedByHeader: name >= 0 && NAME_HEADER.test(cleaned[name]),
    otherNames,
    group,
    status: status >= 0 ? status : undefined,
    owner: owner >= 0 ? owner : undefined,
    address: address >= 0 ? address : undefined,
    exposure: exposure >= 0 ? exposure : undefined,
    machine: machine >= 0 ? machine : undefined,
    scheme: scheme >= 0 ? scheme : undefined,
    variables: variables >= 0 ? variables : undefined,
    purpose: purpose >= 0 ? purpose : undefined,
    routing,
    lab: lab >= 0 ? lab : undefined,
  };
}

const NO_NAMES: CellNames = { names: [], list: false };

function categoryOf(columns: Columns, cells: Cell[]): string {
  return cleanName(cells[columns.name!]?.text ?? '');
}

/** How many rows each value of a classifying name column is on. */
function categoryCounts(columns: Columns, rows: Cell[][]): Map<string, number> | undefined {
  if (columns.purpose === undefined) return undefined;
  const out = new Map<string, number>();
  for (const cells of rows) {
    const category = categoryOf(columns, cells);
    out.set(category, (out.get(category) ?? 0) + 1);
  }
  return out;
}

// A short name in a Purpose cell ("Grafana", "Search API"), not a description ("Stores the audit log").
const SHORT_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*(?: [\p{L}\p{N}._-]+){0,2}$/u;

/**
 * `| Category | Port | Purpose |` with "Monitoring" on several rows: the Name column classifies,
 * so each row's service is the one its Purpose cell names, when that is a short name.
 */
function purposeNames(columns: Columns, cells: Cell[], categories: Map<string, number>): CellNames & { holders?: boolean } {
  const own = rowNames(columns, cells);
  const category = categoryOf(columns, cells);
  const repeated = category !== '' && categories.get(category)! > 1;
  const purpose = cleanName(cells[columns.purpose!]?.text ?? '');
  return repeated && SHORT_NAME.test(purpose) && !PLACEHOLDER.test(purpose) ? { names: [purpose], list: false } : own;
}

/** A row's names; `holders` when they come from a Project column beside a status (see Row). */
function rowNames(columns: Columns, cells: Cell[]): CellNames & { holders?: boolean } {
  if (columns.routing) return NO_NAMES;
  const cell = columns.name === undefined ? undefined : cells[columns.name];
  const names = namesIn(cell, columns.namedByHeader);
  // `| Database | PostgreSQL | 5432 |`: a row named for its kind is the server its Technology cell names.
  if (names.names.length === 1 && columns.technology !== undefined) {
    const server = cleanName(cells[columns.technology]?.text ?? '');
    if (kindAndItsServer(names.names[0], server)) return { names: [server], list: false };
  }
  // A Container column names each row uniquely; the Service column beside it often only says
  // what kind of component it is ("API" under every product).
  if (names.names.length === 1 && columns.container !== undefined) {
    const unique = namesIn(cells[columns.container], false);
    if (unique.names.length === 1) return unique;
  }
  // "| 3000 | **Conflict** | web, studio |": the services are in the other name column. Not in a
  // range table, whose name cell names the range even when it says "Reserved".
  if (names.names.length === 0 && !columns.rangeTable && namesElsewhere(cell)) {
    for (const other of columns.otherNames) {
      const found = namesIn(cells[other], true);
      if (found.names.length > 0) return { ...found, holders: true };
    }
    // "| 9200 | reserved port | running |": something unnamed holds the port now.
    const placeholder = cleanName(cell?.text ?? '');
    if (PLACEHOLDER.test(placeholder) && columns.status !== undefined && saysRunning(cells[columns.status])) {
      return { names: [placeholder.replace(/^\(\s*|\s*\)$/g, '')], list: false, holders: true };
    }
  }
  return names;
}

// A two-column table of properties, whose rows are key/value pairs.
const PROPERTY_HEADER = /^(property|key|field|attribute|item|setting|spec|)$/i;
const BOLD_KEY = /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/;

/**
 * A property row naming the machine (`| **Machine** | 🖥️ Big Server |`, the header row included)
 * puts the rest of the section on it. In other tables a row's first cell is a name, not a key:
 * `| Server | Express |` under `| Layer | Technology |` says nothing about machines.
 */
function isPropertyTable(header: Cell[]): boolean {
  return PROPERTY_HEADER.test(cleanName(header[0]?.text ?? ''));
}

function readHostRows(state: MdState, header: Cell[], rows: Cell[][]): void {
  const properties = isPropertyTable(header);
  for (const cells of [header, ...rows]) {
    if (cells.length !== 2 || !(properties || BOLD_KEY.test(cells[0].text))) continue;
    const host = hostFromKeyValue(cells[0].text, cells[1].text);
    if (host) setSectionHost(state, host);
  }
}

// `| Host | Device | IP |`, `| VM | Service | Port |`: a column of machines (a VM, an LXC container,
// a box), whose names the page's headings then use.
const MACHINE_COLUMN = /^(?:hosts?|machines?|servers?|nodes?|devices?|hostnames?|vms?|lxcs?|cts?|boxes|box|runs on|deployed on|deployed to)$/i;

/**
 * The machines a table of hosts with their addresses names (`| **Boreas** | 192.168.1.11 |`), or a
 * table of ports that puts each row on its host (`| Host | Service | Port |`): a folder named for
 * one of them holds what runs on it.
 */
function readMachineNames(state: MdState, header: Cell[], rows: Cell[][]): void {
  const headers = header.map((c) => cleanName(c.text));
  const machine = headers.findIndex((h) => MACHINE_COLUMN.test(h));
  if (machine < 0 || !headers.some((h) => ADDRESS_HEADER.test(h) || PORT_HEADER.test(h))) return;
  for (const cells of rows) {
    const key = serviceKey(cleanName(cells[machine]?.text ?? '').replace(/\([^()]*\)/g, ' '));
    if (key !== '') state.machines.add(key);
  }
}

interface Stack {
  name: string;
  /** `nginx → homepage`: the named proxy holds the row's port. */
  proxy: boolean;
}

// No blanks around the arrow: `\s*` before it backtracks quadratically over a run of blanks, and cleanName trims.
const ARROW = /→|->|=>/;
const SINGLE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*(?: [\p{L}\p{N}._-]+){0,2}$/u;

/** `nginx → homepage`: the port is the proxy's, on the left; `torrentd`: another name of the row's service. */
function stackOf(cell: Cell | undefined): Stack | undefined {
  if (!cell) return undefined;
  const [first, ...rest] = cell.text.split(ARROW).map(cleanName);
  if (!SINGLE_NAME.test(first) || PLACEHOLDER.test(first)) return undefined;
  return { name: first, proxy: rest.length > 0 };
}

export function extractTable(state: MdState, headerLine: number, rowLines: number[]): void {
  const header = splitRow(state.lines.lineText(headerLine));
  const rows = rowLines.map((line) => splitRow(state.lines.lineText(line)));
  readHostRows(state, header, rows);
  readMachineNames(state, header, rows);
  if (header.length === 2) {
    const properties = isPropertyTable(header);
    const all = [header, ...rows].map((cells, i) => ({ cells, lineStart: state.lines.lineStart(i === 0 ? headerLine : rowLines[i - 1]) }));
    readPropertyPorts(state, all, (cells) => properties || BOLD_KEY.test(cells[0].text));
  }
  for (const [columnsOf, cellsOf] of sideBySide(header, rows)) extractRows(state, headerLine, rowLines, columnsOf, cellsOf);
}

/**
 * `| Game | Port | Game | Port |`: a table set as copies of its columns side by side, each copy
 * with its own header and cells; a table of other columns is one copy.
 */
function sideBySide(header: Cell[], rows: Cell[][]): Array<[Cell[], Cell[][]]> {
  const keys = header.map((c) => cleanName(c.text).toLowerCase());
  for (let width = 2; width <= keys.length / 2; width++) {
    if (keys.length % width !== 0 || keys.some((k, i) => k !== keys[i % width]) || keys.slice(0, width).every((k) => k === '')) continue;
    const copies: Array<[Cell[], Cell[][]]> = [];
    for (let from = 0; from < keys.length; from += width) copies.push([header.slice(from, from + width), rows.map((cells) => cells.slice(from, from + width))]);
    return copies;
  }
  return [[header, rows]];
}

function extractRows(state: MdState, headerLine: number, rowLines: number[], header: Cell[], rows: Cell[][]): void {
  const context = currentContext(state);
  const columns = classify(header.map((c) => c.text), context.aboutPorts === true, (index) => holdsRanges(rows, index), (index) => holdsOnlyPorts(rows, index), (index) => holdsRoutes(rows, index));
  const section = solvesProblems(header) || sharedDatabase(header, rows, columns) ? { ...context, illustrative: true } : context;
  const categories = categoryCounts(columns, rows);
  const schemes = columns.scheme === undefined ? undefined : schemesByName(rows, columns.name, columns.scheme);
  let group: string | undefined;
  rowLines.forEach((line, r) => {
    const lineStart = state.lines.lineStart(line);
    const cells = rows[r];
    const opened = groupRowName(cells, columns.name);
    if (opened !== undefined) {
      group = opened;
      return;
    }
    // A Project cell listing several (`ledger, billing`) names the projects using the port, no group.
    const groupCell = columns.group === undefined ? '' : cleanName(cells[columns.group]?.text ?? '');
    const rowGroup = groupCell !== '' && !PLACEHOLDER.test(groupCell) && !/[,;]/.test(groupCell) ? groupCell : group;
    const rowEnvironment = columns.environment !== undefined ? environmentFromText(cells[columns.environment]?.text ?? '')
      : columns.lab !== undefined ? labEnvironment(cells[columns.lab]) : undefined;
    const context = rowContext(section, columns, cells, rowEnvironment);
    const stack = columns.stack === undefined ? undefined : stackOf(cells[columns.stack]);
    const { names, list, holders, plus } = columns.lab !== undefined && columns.lab === columns.name ? labRowNames(context)
      : categories ? purposeNames(columns, cells, categories) : rowNames(columns, cells);
    const row: Row = {
      headerLine, line, lineStart, cells, names: rowGroup === undefined || holders ? names : names.map((name) => nameInGroup(name, rowGroup)), listed: list, plus, holders, stack, next: 0,
      byHostName: columns.urls.some((col) => reachedByHostName(cells[col.index])),
      schemeRole: schemes && columns.scheme !== undefined && (schemes.get(nameOf(cells, columns.name))?.size ?? 0) > 1 ? schemeOf(cells[columns.scheme]) : undefined,
      transport: columns.scheme === undefined ? undefined : transportOf(cells[columns.scheme]),
      address: columns.address === undefined ? undefined : IPV4_CELL.exec(cells[columns.address]?.text ?? '')?.[1],
      variableNames: columns.variables === undefined ? undefined : variableNames(cells[columns.variables]),
    };
    const before = state.facts.allocations.length;
    // A URL on the port of a column that names an environment (`NodePort`) is in it too.
    const columnOf = (port: number) => columns.ports.find((col) => col.environment !== undefined && cells[col.index] && onePort(cells[col.index]) === port)?.environment;
    const urlContext = (port: number) => {
      const environment = columnOf(port);
      return environment ? columnEnvironment(context, environment) : context;
    };
    for (const col of columns.urls) if (cells[col.index]) extractUrlCell(state, urlContext, row, cells[col.index], col.role);
    for (const col of columns.ports) {
      const columnContext = col.environment ? columnEnvironment(context, col.environment) : context;
      // The row's container port is the one of this column's pair.
      const inside = columns.containerPorts?.get(col.index);
      row.containerPort = inside === undefined ? undefined : onePort(cells[inside]);
      if (cells[col.index]) extractPortCell(state, columnContext, columns, row, cells[col.index], col);
    }
    noteRowUrl(state, columns, cells, before);
  });
}

/**
 * Files a row's places under the one URL its URL column gives (see dropRoutePages): `API Docs |
 * 8001 | http://localhost:8001/docs` beside `Backend API | 8001 | http://localhost:8001` is a page
 * of the backend, not a service on its port.
 */
function noteRowUrl(state: MdState, columns: Columns, cells: Cell[], from: number): void {
  if (columns.urls.length !== 1 || state.facts.allocations.length === from) return;
  // Without emphasis: `**http://localhost:8001/**` is at the root.
  const urls = findUrls(blankDecoration(cells[columns.urls[0].index]?.text ?? ''));
  if (urls.length !== 1 || isPublicName(urls[0].host)) return;
  const { server, route } = urlPage(urls[0]);
  for (const allocation of state.facts.allocations.slice(from)) fileUnderUrl(state, server, allocation, route);
}

/**
 * A column's context: its environment ("Prod Port"). Under a range heading that names another
 * environment ("Local development ports (5001-5999)" over `Dev Port | Prod Port`), the column's
 * ports are not the range's.
 */
function columnEnvironment(context: Context, environment: string): Context {
  const outside = context.rangeEnvironment !== undefined && context.rangeEnvironment !== environment;
  return { ...context, environment, ...(outside ? { ownerRange: undefined } : {}) };
}

/**
 * A row's context: its environment, and in a section of reserved placeholder slots, a row whose
 * status says its service is running ("Active") holds its port like any allocation. A reserved
 * table with an Owner column (`| Band | Owner |`) hands each row out to its owner, so its rows are
 * in use too, unless the title itself forbids them ("Do not use"). A row whose status says its
 * service is gone ("Removed"), or that is crossed out, holds nothing.
 */
function rowContext(section: Context, columns: Columns, cells: Cell[], environment: string | undefined): Context {
  if ((columns.status !== undefined && saysGone(cells[columns.status])) || struckThrough(columns, cells) || (columns.exposure !== undefined && unpublished(cells[columns.exposure]))) return { ...section, illustrative: true };
  const placeholder = section.reserved === 'keptFree' || section.reserved === 'unclear';
  const handedOut = columns.owner !== undefined && (placeholder || (section.reserved === 'forbidden' && section.reservedByText === true));
  const running = handedOut || (placeholder && columns.status !== undefined && saysRunning(cells[columns.status]));
  const machine = columns.machine === undefined ? undefined : machineOf(cells[columns.machine]);
  if (!environment && !running && !machine) return section;
  return { ...section, ...(environment ? { environment } : {}), ...(running ? { reserved: 'inUse' as const } : {}), ...(machine ? { host: nestHost(section.host, machine) } : {}) };
}

/** A row whose name is struck through (`~~Search~~`): crossed out, gone. (A struck port, `~~9103~~`, is no port to read.) */
function struckThrough(columns: Columns, cells: Cell[]): boolean {
  return columns.name !== undefined && /^~~[^~].*~~$/.test(cells[columns.name]?.text.trim() ?? '');
}

interface Row {
  headerLine: number;
  line: number;
  lineStart: number;
  cells: Cell[];
  names: string[];
  /** The names were written as a list (`wiki, forum`): each holds the row's one port. */
  listed: boolean;
  /** The names were joined with `+`: a single port is the first one's (see CellNames.plus). */
  plus?: boolean;
  /**
   * The names are projects that hold the port ("| 3000 | Conflict | web, studio |"), each of which
   * may hold other ports too: they clash with other holders of the port, but say nothing about
   * which port is a project's own (see Allocation.occupied).
   */
  holders?: boolean;
  stack?: Stack;
  /** What the row's text says about its service (read on first use). */
  remarks?: Remarks;
  /** Next index within the row's group. */
  next: number;
  /** The range a range column of the row declares, which owns the row's ports. */
  rangeId?: string;
  /** A URL of the row reaches the service by a host name on its scheme's port (`https://grafana.example.com`). */
  byHostName: boolean;
  /** The role the row's Type or Protocol cell gives its ports (`HTTPS`), where the table lists its service on several schemes. */
  schemeRole?: string;
  /** A Protocol cell's transport for the row's ports written without one (`UDP`). */
  transport?: 'udp';
  /** The address the row's IP column binds its ports on: two rows on two addresses share no port. */
  address?: string;
  /** What the variables of its Variable cell name (`DASHBOARD_PORT` → `dashboard`): the service's other names. */
  variableNames?: string[];
  /** The one port the row's container port column gives: the port inside the container behind the row's host port. */
  containerPort?: number;
}

const IPV4_CELL = /^\s*`?(\d{1,3}(?:\.\d{1,3}){3})`?\s*$/;

// A path in a port's note (`/jobs`, `` `/metrics` ``): the note names a page on the port.
const PAGE_PATH = /(?:^|[\s`])\/[\w.-]/;

// `Variable`, `Env var`, `Environment variable`, `Variable d'environnement`: the variables that set a row's port.
const VARIABLE_HEADER = /^(?:variables?|env(?:ironment)?(?: var(?:iable)?s?)?|env vars?|variables? d'environnement|variables? de entorno|vari[aá]ve(?:l|is)(?: de ambiente)?|umgebungsvariablen?)$/i;
// `DASHBOARD_PORT`, `LEDGER_API_PORT`: a variable named for the service whose port it sets.
const PORT_VARIABLE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_PORT\b/g;

/** The services the port variables of a Variable cell are named for, as an env file's are (`LEDGER_API_PORT` → `ledger`). */
function variableNames(cell: Cell | undefined): string[] | undefined {
  const names = [...(cell?.text ?? '').matchAll(PORT_VARIABLE)].flatMap((m) => serviceOfPortVariable(m[0]) ?? []);
  return names.length === 0 ? undefined : names;
}

function withVariableNames(names: string[] | undefined, variables: string[] | undefined): string[] | undefined {
  return variables === undefined ? names : [...(names ?? []), ...variables];
}

// A URL's host and what follows it (`https://grafana.example.com/login`).
const URL_HOST = /\bhttps?:\/\/([^\s/:`|]+)(.?)/gi;
const SCHEME_PORTS = new Set([80, 443]);

// `<IP>`, `{server}`, `${DOMAIN}`, `your-domain`: the server's address, as its users reach it.
const PLACEHOLDER_HOST = /^(?:<|\{|\$\{?|your[-_])/i;

/**
 * `https://grafana.example.com`, `https://argocd.<LB_IP>.nip.io`: a name with a dot and a letter,
 * or a placeholder for the server's address (`https://<IP>/admin`), with no port.
 */
function reachedByHostName(cell: Cell | undefined): boolean {
  if (cell === undefined) return false;
  for (const [, host, next] of cell.text.matchAll(URL_HOST)) {
    if (next === ':') continue;
    if (PLACEHOLDER_HOST.test(host) || (host.includes('.') && /[^\d.]/.test(host) && !/^(?:localhost|127\.|0\.0\.0\.0)/i.test(host))) return true;
  }
  return false;
}

/** The port a cell holds when it holds exactly one. */
function onePort(cell: Cell | undefined): number | undefined {
  const values = parseCellPorts(cell?.text ?? '');
  return values.length === 1 && values[0].kind === 'port' ? values[0].port : undefined;
}

/** A row's port, with the names and machine the row gives its service. */
function emitRowAllocation(state: MdState, context: Context, row: Row, written: string, input: Omit<AllocationInput, 'service' | 'names'>): void {
  const stack = row.stack;
  const qualified = roleQualified(written);
  const inEnvironment = qualified ? undefined : environmentQualified(written);
  const name = qualified?.service ?? inEnvironment?.service ?? written;
  const role = input.role ?? qualified?.role;
  if (inEnvironment && context.environment === undefined) context = { ...context, environment: inEnvironment.environment };
  const service = stack?.proxy ? stack.name : name;
  const other = stack?.proxy ? name : stack?.name;
  const remarks = (row.remarks ??= remarksOf(row.cells.map((c) => c.text).join(' | ')));
  // A literal of one shape, like every other caller's: emitAllocation stays fast on its input.
  emitAllocation(state, remarkedContext(withQualifierHost(context, name), remarks, service), {
    service, role, port: input.port, endPort: input.endPort, protocol: input.protocol, hostIp: input.hostIp ?? row.address,
    names: withVariableNames(remarkedNames(remarks, other), row.variableNames), occupied: row.holders, claim: input.claim, group: input.group, indexInGroup: input.indexInGroup, start: input.start, end: input.end,
    containerPort: input.claim || input.endPort !== undefined ? undefined : input.containerPort ?? row.containerPort,
    hostSide: input.hostSide,
    containerSide: input.containerSide,
  });
}

/** A table is one unit of places: a service with a row per port states all of them. */
function groupOf(state: MdState, row: Row): number {
  return state.lines.lineStart(row.headerLine);
}

/** `contextOf`: the context of a URL on a port (a column's environment may claim it, see extractTable). */
function extractUrlCell(state: MdState, contextOf: (port: number) => Context, row: Row, cell: Cell, role: string | undefined): void {
  const base = row.lineStart + cell.start;
  for (const url of findUrls(cell.text)) {
    const written = contextOf(url.port);
    const context = nodeAddressUrl(url) ? { ...written, environment: CLUSTER_ENVIRONMENT } : written;
    const service = row.names.length === 1 ? row.names[0] : serviceFromHost(url.host);
    if (!service || context.reserved || isPublicName(url.host)) {
      emitMention(state, url.port, base + url.portStart, base + url.portEnd);
      continue;
    }
    emitRowAllocation(state, context, row, service, {
      role: roleFromPath(url.path) ?? role,
      port: url.port,
      claim: true,
      group: groupOf(state, row),
      indexInGroup: row.next++,
      start: base + url.portStart,
      end: base + url.portEnd,
      hostSide: hostSideUrl(url),
    });
  }
}

function extractPortCell(state: MdState, context: Context, columns: Columns, row: Row, cell: Cell, column: Columns['ports'][number]): void {
  const role = column.role ?? row.schemeRole;
  const hostSide = column.host;
  const containerSide = column.inside;
  if (findUrls(cell.text).length > 0) {
    extractUrlCell(state, () => context, row, cell, role);
    return;
  }
  const base = row.lineStart + cell.start;
  const values = parseCellPorts(cell.text);
  // A negative or hexadecimal number where a port belongs is a mistake, not prose.
  const odd = values.length === 0 ? /^(?:\*\*|`)?(-\d{1,9}|0x[0-9a-f]{1,8})(?:\*\*|`)?$/i.exec(cell.text) : null;
  if (odd) {
    const start = base + cell.text.indexOf(odd[1]);
    emitInvalid(state, odd[1].startsWith('-') ? Number(odd[1]) : undefined, start, start + odd[1].length, 'table cell', odd[1]);
    return;
  }
  const paired = row.names.length > 1 && row.names.length === values.length;
  // `| Project | Ports |` with `3000, 4001, 9080` (or `8000-8002, 8443`): the ports of the
  // project's services, which other rows name; the project is not one more service on each.
  const groupPorts = columns.groupNamed && values.length > 1;
  values.forEach((value, i) => {
    const start = base + value.start;
    const end = base + value.end;
    if (groupPorts && value.kind === 'port') {
      emitMention(state, value.port, start, end);
      return;
    }
    if (row.listed && values.length === 1 && value.kind === 'port') {
      for (const name of row.names) placeValue(state, context, columns, row, value, { name, role: value.role ?? role, start, end, hostSide, containerSide });
      return;
    }
    const name = paired ? row.names[i] : row.names.length === 1 || (row.plus && values.length === 1) ? row.names[0] : undefined;
    placeValue(state, context, columns, row, value, { name, role: value.role ?? role, start, end, hostSide, containerSide, defaults: column.defaults || context.catalog });
  });
}

function placeValue(
  state: MdState,
  context: Context,
  columns: Columns,
  row: Row,
  value: CellPort,
  at: { name?: string; role?: string; start: number; end: number; hostSide?: boolean; containerSide?: boolean; defaults?: boolean },
): void {
  if (value.kind === 'invalid') {
    emitInvalid(state, value.port, at.start, at.end, 'table cell');
    return;
  }
  // Several services on 443, each under its own host name, are virtual hosts: the port is the
  // proxy's or the ingress's in front of them, not theirs.
  if (row.byHostName && value.kind === 'port' && SCHEME_PORTS.has(value.port)) {
    emitMention(state, value.port, at.start, at.end);
    return;
  }
  if (context.reserved === 'forbidden') {
    const reason = row.cells.filter((_, i) => !columns.ports.some((p) => p.index === i)).map((c) => c.text).join(' ');
    emitReservation(state, context, value.port, value.to, reason, at.start, at.end);
    return;
  }
  if (value.kind === 'range' && (columns.rangeTable || !at.name)) {
    // A range table's row names its range with the whole cell, even "Reserved" or "A / B".
    const name = at.name ?? (columns.rangeTable && columns.name !== undefined ? row.cells[columns.name]?.text : undefined);
    const owner = columns.blocksFirst && columns.name !== undefined ? row.cells[columns.name]?.text : undefined;
    const id = name ? emitRangeEntry(state, context, { name, text: row.cells.map((c) => c.text).join(' | '), from: value.port, to: value.to, start: at.start, end: at.end, owner }) : undefined;
    // Not under a "Port Range" column beside a port: that is often the service's own pool (RTP relays).
    if (columns.ledByRanges) row.rangeId = id;
    return;
  }
  if (!at.name || value.port < 1 || (context.reserved && context.reserved !== 'inUse')) {
    emitMention(state, value.port, at.start, at.end);
    return;
  }
  // `| Range | Service | Port |`: the row's own range owns its ports.
  emitRowAllocation(state, row.rangeId ? { ...context, ownerRange: row.rangeId } : context, row, at.name, {
    role: at.role,
    port: value.port,
    endPort: value.kind === 'range' ? value.to : undefined,
    protocol: value.protocol ?? row.transport,
    hostIp: value.hostIp,
    // `3002 (/jobs)`, `9104 (the app's /metrics)`: a page under whatever listens on the port, where the row's service is reached.
    claim: at.defaults === true || (value.label !== undefined && PAGE_PATH.test(value.label)),
    group: groupOf(state, row),
    indexInGroup: row.next++,
    start: at.start,
    end: at.end,
    hostSide: at.hostSide,
    containerSide: at.containerSide,
    containerPort: value.containerPort,
  });
}
