// The machine or VM a place is on: a heading that names one (`### IBM Server`, `## Node #1
// (192.168.1.10)`), a key/value line in a section (`**Machine**: nas`), a qualifier on a service
// name (`Game daemon (gameservers VM)`). A wrong host hides conflicts between machines, so only a
// name whose last word (before a number such as `#2`) is a machine word counts: "Server
// configuration" and "Node Exporter" do not.
import { cleanName, serviceKey } from '../../syntax/names';

const MACHINE_NOUN = /^(server|host|node|machine|vm|lxc|nas|vps|raspberry|pi|proxmox|laptop|desktop|workstation|box)$/;
// Alone, these say which kind of thing, not which one: "## Server" is a section, not a machine.
const KIND_ONLY = /^(server|host|node|machine|vm|box)$/;
// A number or short code after the machine word identifies it: `Node #2`, `Raspberry Pi 4B`, `LXC 105`.
const ID_WORD = /^[a-z]?\d+[a-z]?$|^[a-z]$/;
// A machine word after one of these names software: "Web Server", "MCP Server", "Proxy Host", "Remote Desktop".
const SOFTWARE_WORDS = new Set([
  'web', 'api', 'mcp', 'http', 'https', 'dns', 'mail', 'smtp', 'proxy', 'reverse', 'virtual', 'database', 'db', 'sql',
  'language', 'lsp', 'game', 'media', 'ftp', 'ssh', 'vpn', 'app', 'auth', 'graphql', 'grpc', 'rpc', 'websocket', 'ws',
  'mock', 'static', 'file', 'cache', 'git', 'model', 'inference', 'remote', 'dev', 'preview', 'build', 'metrics', 'mqtt',
  'ldap', 'ntp',
]);
// `Node 18`, `Node v20`: a Node.js version, not the eighteenth node of a cluster.
const NODE_RUNTIME = /\bnode(?:\.?js)?\s+v?\d{2}\b/i;
const IP_ADDRESS = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;

/** The host key of a name that names a machine (no parenthesised parts), else undefined. */
function machineKey(name: string): string | undefined {
  if (NODE_RUNTIME.test(name)) return undefined;
  const key = serviceKey(name.replace(IP_ADDRESS, ' '));
  const words = key.split('-').filter((w) => w !== '');
  let head = words.length - 1;
  while (head > 0 && ID_WORD.test(words[head])) head--;
  if (head < 0 || !MACHINE_NOUN.test(words[head])) return undefined;
  if (words.length === 1 && KIND_ONLY.test(words[0])) return undefined;
  if (head > 0 && SOFTWARE_WORDS.has(words[head - 1])) return undefined;
  return key;
}

// Every machine noun and VM/LXC, anywhere in a text: without one, a plain-ASCII heading names no
// machine, and most headings are skipped before the name is split into words.
const MACHINE_HINT = /server|host|node|machine|vm|lxc|nas|vps|raspberry|pi|proxmox|laptop|desktop|workstation|box/i;
// Folded names (`Sérver`) can become machine words only through non-ASCII letters.
const ASCII_ONLY = /^[\t\n\r\x20-\x7e]*$/;

/**
 * `IBM Server`, `Node #1 (192.168.1.10)`, `Big Server — 10.0.0.5`: the machine a heading names. A
 * short name with a LAN address and no port (`Mnemosyne — 192.168.1.10`) names one too.
 */
export function headingHost(text: string): string | undefined {
  const addressed = addressedName(text);
  if (!MACHINE_HINT.test(text) && ASCII_ONLY.test(text) && !addressed) return undefined;
  const title = text.replace(/\([^()]*\)/g, ' ').split(/\s[-–—|]\s|:(?:\s|$)/)[0];
  // `### Host: alpha`, `## Machine: media-box`: the heading is a key and its machine.
  return machineKey(title) ?? guestIn(text) ?? addressed ?? hostFromLine(text);
}

// An address of a private network, alone (a port after it makes it a service's address).
const LAN_ADDRESS = /\b(?:10\.\d{1,3}|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}\b(?![:.]\d)/;
const MAX_MACHINE_WORDS = 3;

/**
 * The machine a heading ending in a LAN address names: the name before it (`Boreas — 192.168.1.11`,
 * `alpha (10.0.0.2)`), or the address itself (`Services on 192.168.1.5`).
 */
function addressedName(text: string): string | undefined {
  const m = LAN_ADDRESS.exec(text);
  // The address ends the heading or a part of it (`· Tailscale 100.x.x.x`, `(home network)`), not a sentence.
  if (!m || !/^[`*\s)\]]*(?:$|[·•|,(/])/.test(text.slice(m.index + m[0].length))) return undefined;
  const before = text.slice(0, m.index).replace(/[`*]+\s*$/, '').replace(/[([@]\s*$/, '');
  if (/\b(?:on|at)\s*$/i.test(before)) return serviceKey(m[0]);
  const name = cleanName(before.replace(/\s*[-–—|:]\s*$/, ''));
  const words = name.split(' ').filter((w) => w !== '');
  return words.length > 0 && words.length <= MAX_MACHINE_WORDS ? serviceKey(name) || undefined : undefined;
}

// "Dedicated Wazuh Manager VM Ports", "Allocations (13 Services in LXC)": the guest a section is in,
// named by the words before VM or LXC, or by "in LXC" alone.
const GUEST = /\b((?:[A-Za-z][\w-]*\s+){0,3}?)(VM|LXC)\b/i;

function guestIn(text: string): string | undefined {
  const m = GUEST.exec(cleanName(text));
  if (!m) return undefined;
  const before = m[1].trim().split(/\s+/).filter((w) => w !== '');
  // "13 Services in LXC" names no guest of its own: it is the LXC.
  const named = /^(in|on|inside|an?|the)$/i.test(before[before.length - 1] ?? '') ? [] : before.filter((w) => !/^\d+$/.test(w));
  return serviceKey([...named, m[2]].join(' ')) || undefined;
}

// Words that lead a qualifier to the machine it names: "(on nas)", "(in the docker VM)".
const LEADING_PREPOSITION = /^\s*(?:on|in|inside|at)\s+(?:the\s+)?/i;

/** `Panel (docker VM, behind proxy)` → `docker-vm`: a qualifier on a service name that names its machine. */
export function qualifierHost(name: string): string | undefined {
  if (!name.includes('(')) return undefined;
  for (const group of name.matchAll(/\(([^()]*)\)/g)) {
    for (const part of group[1].split(/[,;]/)) {
      const key = machineKey(part.replace(LEADING_PREPOSITION, ''));
      if (key) return key;
    }
  }
  return undefined;
}

const HOST_KEY = /^(machine|host|server|vm|lxc|node|runs on|hosted on)$/i;
// A connection setting (`Host: localhost`, `Server: db.example.com:5432`) or a non-answer is not a machine.
const NOT_A_MACHINE_VALUE = /[.:/@\\,=]|^(localhost|local|none|n\/?a|tbd|todo|unknown|any|all|yes|no|true|false|same)$|^\d+$/i;

/** `Machine` | `🖥️ Big Server` → `big-server`: the host a key/value pair names, if its key asks for one. */
export function hostFromKeyValue(key: string, value: string): string | undefined {
  if (!HOST_KEY.test(cleanName(key).replace(/:$/, '').trim())) return undefined;
  const name = cleanName(value.replace(/\([^()]*\)/g, ' '));
  if (name === '' || NOT_A_MACHINE_VALUE.test(name) || name.split(' ').length > 4) return undefined;
  return serviceKey(name) || undefined;
}

// The value is trimmed after the match: `\s*(.+?)\s*$` backtracks quadratically over a run of blanks.
const KEY_VALUE_LINE = /^\s*(?:\*\*|__)?([A-Za-z][A-Za-z ]{0,15}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)(.*)$/;

/** `**Machine**: nas`, `**Host:** box-a`, `Server: x`: a line (after its list marker) naming its section's machine. */
export function hostFromLine(line: string): string | undefined {
  const m = KEY_VALUE_LINE.exec(line);
  return m ? hostFromKeyValue(m[1], m[2].trim()) : undefined;
}

/** `big-server` + `gameservers-vm` → `big-server/gameservers-vm`; a machine is not nested in itself. */
export function nestHost(outer: string | undefined, inner: string | undefined): string | undefined {
  if (!outer || !inner) return outer || inner;
  return outer === inner || outer.endsWith(`/${inner}`) ? outer : `${outer}/${inner}`;
}
