// Which services a table row names. The Service cell usually does, but people also write a status
// there ("**Conflict**", "충돌") and put the services in another name column ("Project"), list
// several services in one cell ("wiki, forum"), or add a note after the name ("Gallery ✅",
// "Auth - CRITICAL PORT", "Legacy API (deprecated)").
import { cleanName, namesOnlyInterface } from '../../syntax/names';
import type { Cell } from './cells';

// Rows kept as placeholders: a slot, not a service.
export const PLACEHOLDER = /^\(?\s*(reserved(?: port)?|available|free|unused|unassigned|tbd|todo|spare|open|none|n\/a|empty|aucune?|keine?|ninguno|ninguna|nenhum|nenhuma|nessuno|nada|нет|无|無|なし|없음|预留端口|预留|空闲|未使用|保留|予約|空き|예약|미사용|사용 ?가능)\s*\)?$/i;

// A name cell that says what is wrong with the port rather than who holds it.
const STATUS_NAME = /^(?:conflicts?|clash(?:es)?|duplicates?|collision|shared|충돌|중복|冲突|衝突|競合|重複)!?$/i;

// A cell that says the row's service is up now, whatever its section calls the row ("Active",
// "Running", "In use", "✅ Live").
const RUNNING = /^[^\p{L}\p{N}]*(?:active|running|live|in use|deployed|up|online|운영 ?중|사용 ?중|실행 ?중|运行中|使用中|稼働中)(?![\p{L}\p{N}])/iu;

// A note written after a name: " - CRITICAL PORT", " — do not change", and trailing
// parenthesised status words. The name before it is the service.
const DASH_NOTE = /\s+[-–—]\s+(?=\S)(?![\d])[^]*$/u;
const STATUS_NOTE = /\s*\((?:deprecated|legacy|optional|critical|required|new|beta|experimental|planned|wip|temporary|temp|default|primary|main|recommended|fixed|changed|updated|moved|profile|opt-in|if enabled|on demand)\)$/i;

/** A name without the note written after it: `Auth - CRITICAL PORT` → `Auth`. */
export function withoutNote(name: string): string {
  const bare = name.replace(STATUS_NOTE, '');
  const dash = DASH_NOTE.exec(bare);
  // Only a note that is no name of its own: upper-case words or a short remark after the dash.
  if (dash && dash.index > 0 && /^\s+[-–—]\s+(?:[^a-z]*|.{0,40}\b(?:port|only|critical|do not|don't|never|required|note)\b.*)$/u.test(dash[0])) {
    return bare.slice(0, dash.index);
  }
  return bare;
}

// `queue / cache`, `Search & Index`, `api + worker`: separators written with blanks around them
// (`AI/ML Pipeline` is one name). A comma list is a list of services too.
const JOINED = /\s+[/&+]\s+/;
const LISTED = /\s*,\s+|\s*、\s*|\s*，\s*/;

export interface CellNames {
  names: string[];
  /** Written as a list (`a, b`): every name in it holds the row's one port. */
  list: boolean;
  /** Joined with `+` (`Postgres + pgvector`): on one port, the first is the service and the rest what it runs with. */
  plus?: boolean;
}

const NONE: CellNames = { names: [], list: false };

// `vite.config.js:30`, `docs/README.md`, `server/index.js`: where a port is written, not who holds it.
const FILE_REFERENCE = /^(?:[\w.@~-]+\/)*[\w@~-][\w.@~-]*\.([A-Za-z][A-Za-z0-9]{0,5})(:\d+(?:-\d+)?)?$/;
// Extensions no product name ends in (`Next.js`, `Socket.IO` do): a name with one is a file's.
const FILE_EXTENSIONS = new Set(['md', 'markdown', 'mdx', 'yml', 'yaml', 'json', 'toml', 'env', 'conf', 'ini', 'cfg', 'xml', 'properties', 'py', 'sh', 'go', 'rs', 'rb', 'php', 'java', 'kt', 'txt', 'lock', 'mjs', 'cjs', 'tsx', 'jsx']);

// `npm run dev`, `cd server && node index.js`: how a port's process is started.
const COMMAND = /^(?:npm|npx|yarn|pnpm|bun|deno|cd|docker|docker-compose|kubectl|node|python3?|pip|go|cargo|make|just|uvicorn|gunicorn|flask|java|mvn|gradle|dotnet|php|bundle|rails|\.\/)\s/;

/** Whether a cell says how something is started (a command line) rather than naming it. */
function isCommand(text: string): boolean {
  return COMMAND.test(text.trim());
}

/** Whether a cell names a file (a path, a `file:line`, a configuration file) rather than a service. */
function isFileReference(text: string): boolean {
  const m = FILE_REFERENCE.exec(text.trim());
  if (!m) return false;
  return text.includes('/') || m[2] !== undefined || FILE_EXTENSIONS.has(m[1].toLowerCase()) || text.split('.').length > 2;
}

// One item of a list of services: a name of a few words, not a clause of a sentence.
const LIST_ITEM = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,30}(?: [\p{L}\p{N}._-]{1,30}){0,2}$/u;

// What follows a name to say what the row's port is for ("AdGuard Home, DNS", "qBittorrent, peer
// traffic, TCP and UDP", "guacd, Termix dependency"): a protocol, lower-case words, or a phrase
// with a word no name has. A list of services is names ("discourse, supabase", "Immich, Immich ML").
const PROTOCOL_NOTE = /^(?:dns|https?|tcp|udp|grpc|tls|ssl|wss?|smtp|imap|ssh|ftp|ui|api)$/i;
const NOTE_WORD = /\b(?:only|not|for|of|the|a|an|with|into|via|to|from|dependency|dependencies)\b/;

/**
 * An item after the first of a comma cell that says what the port is for, not who holds it. "and"
 * joins protocols in a note (`TCP and UDP`) but names in a list (`Grafana, Prometheus and Loki`).
 */
function isNote(item: string): boolean {
  if (PROTOCOL_NOTE.test(item) || /^[a-z][^ ]* /.test(item) || NOTE_WORD.test(item)) return true;
  const joined = item.split(/\s+(?:and|or)\s+/);
  return joined.length > 1 && joined.every((part) => PROTOCOL_NOTE.test(part));
}

/**
 * The services one cell names. `mayList`: the column's header says it names services or projects,
 * so a comma list in it is a list of them (in a Reason or Notes column it is a sentence).
 */
export function namesIn(cell: Cell | undefined, mayList: boolean): CellNames {
  if (!cell) return NONE;
  const text = cleanName(cell.text);
  if (text === '' || /^[-–—]$/.test(text) || /\s(vs\.?|versus)\s/i.test(text) || PLACEHOLDER.test(text) || STATUS_NAME.test(text) || isFileReference(text) || isCommand(text)) return NONE;
  if (mayList && LISTED.test(cell.text) && !/[()]/.test(cell.text)) {
    const items = cell.text.split(LISTED).map(cleanName).filter((n) => n !== '');
    if (items.length > 1 && LIST_ITEM.test(items[0]) && !PLACEHOLDER.test(items[0]) && items.slice(1).some(isNote)) return { names: [items[0]], list: false };
    if (items.length > 1 && items.every((n) => LIST_ITEM.test(n) && !PLACEHOLDER.test(n))) return { names: items, list: true };
  }
  const names = cell.text.split(JOINED).map((p) => cleanName(withoutNote(p.trim()))).filter((n) => n !== '');
  // `LiteLLM Proxy + Dashboard`: what a service adds to its name with `+` only by interface words
  // (a dashboard, an API) is a part of that service, not a second one.
  if (!/\s\+\s/.test(cell.text)) return { names, list: false };
  return { names: names.filter((n, i) => i === 0 || !namesOnlyInterface(n)), list: false, plus: true };
}

/** The name cell holds a status or placeholder, so another name column may name the services. */
export function namesElsewhere(cell: Cell | undefined): boolean {
  if (!cell) return true;
  const text = cleanName(cell.text);
  return text === '' || PLACEHOLDER.test(text) || STATUS_NAME.test(text);
}

/** A status cell saying the row's service runs now. */
export function saysRunning(cell: Cell | undefined): boolean {
  return !!cell && RUNNING.test(cleanName(cell.text));
}

// A status saying the service is gone: its row is history, like a struck-through one. Not
// "deprecated" or "disabled": such a service may still hold its port.
const GONE = /^[^\p{L}\p{N}]*(?:removed|retired|decommissioned|deleted|discontinued|no longer (?:used|in use|running)|entfernt|supprim[ée]|removido|eliminado|已移除|已删除|已刪除|已下线|已下線|已废弃|已廢棄|已停用|廃止|削除済み?|撤去|제거됨?|삭제됨?|폐기됨?)(?![\p{L}\p{N}])/iu;

/** A status cell saying the row's service no longer runs ("Removed in v2", "已移除"). */
export function saysGone(cell: Cell | undefined): boolean {
  return !!cell && GONE.test(cleanName(cell.text));
}
