// devcontainer.json: the ports the dev environment takes on the developer's machine. Each
// `forwardPorts` entry (`3000`, or `"db:5432"`: port 5432 of the compose service `db`) and each
// host port of `appPort` (`3000`, `"8080:80"`) is an allocation in the `development` environment.
// Its service is the `portsAttributes` label of that port when there is one (the service's own name
// then being another name of it), else the compose service a `"db:5432"` names, else the dev
// container's own compose `service`, else its `name`; with none of them a port is only a mention.
// A placeholder (`${localEnv:PORT}`) says nothing. Which compose project the dev container runs in
// (`dockerComposeFile`) is its deployment unit (project/projectModel.ts).
import { emptyFacts, type Allocation, type FileFacts, type ParseContext, type Protocol } from '../../model';
import { serviceKey } from '../../syntax/names';
import { dirOf, joinPath } from '../../syntax/paths';
import { findSuppressions, JSONC_IGNORE_RE } from '../../syntax/suppressions';
import { LineIndex } from '../../text/lineIndex';
import { readDevcontainer, type DevcontainerConfig, type PortEntry } from './config';

/** One host port an entry takes, with where its digits are written. */
interface EntryPort {
  port: number;
  start: number;
  end: number;
  /** The compose service a `"db:5432"` entry names. */
  remote?: string;
  containerPort?: number;
  protocol: Protocol;
  /** The entry as written, the key `portsAttributes` may give it (`"db:5432"`). */
  written: string;
  /** A `forwardPorts` entry (VS Code forwards it), not an `appPort` (Docker publishes it). */
  forwarded?: boolean;
}

// `"db:5432"`, `"localhost:3000"`: a host name (a compose service) and a port.
const FORWARD_RE = /^(?:([A-Za-z0-9][A-Za-z0-9_.-]*):)?(\d{1,5})$/;
// Docker's `-p`: `"8080:80"`, `"127.0.0.1:8080:80"`, `"5353:53/udp"`; a lone `"3000"` publishes on a random host port.
const PUBLISH_RE = /^(?:(?:\d{1,3}\.){3}\d{1,3}:)?(\d{1,5}):(\d{1,5})(?:\/(tcp|udp|sctp))?$/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The group of every place of the file: one dev environment, whose ports of one service are stated together. */
const GROUP = 0;

export function parseDevcontainer(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'devcontainer');
  const config = readDevcontainer(text);
  if (!config) {
    facts.notes.push('not valid JSON with comments: its ports were not read');
    return facts;
  }
  facts.suppressions = findSuppressions(text, JSONC_IGNORE_RE);
  const folder = dirOf(ctx.file);
  const composeFiles = config.composeFiles.map((f) => joinPath(folder, f)).filter((f): f is string => f !== undefined && !f.includes('$'));
  facts.devcontainer = { composeFiles };
  const lines = new LineIndex(text);
  const own = config.service ?? config.name;
  const indexOf = new Map<string, number>();
  const labelled = new Set<string>();
  const entries = [
    ...config.forwardPorts.flatMap((e) => forwarded(e, facts, lines).map((p) => ({ ...p, forwarded: true }))),
    ...config.appPort.flatMap((e) => published(e, facts, lines)),
  ];
  for (const entry of entries) {
    const attribute = attributeOf(config, entry);
    const base = entry.remote ?? own;
    const service = attribute?.label ?? base;
    const loc = lines.location(ctx.file, entry.start, entry.end);
    if (service === undefined) {
      facts.mentions.push({ port: entry.port, loc });
      continue;
    }
    const key = serviceKey(service);
    const names = base !== undefined && serviceKey(base) !== key ? [serviceKey(base)] : undefined;
    const indexInGroup = indexOf.get(key) ?? 0;
    indexOf.set(key, indexInGroup + 1);
    const place: Allocation = {
      service, serviceKey: key, port: entry.port, protocol: entry.protocol, scope: '', environment: 'development', source: 'devcontainer',
      claim: false, group: GROUP, indexInGroup, ...(names ? { names } : {}), ...(entry.containerPort === undefined ? {} : { containerPort: entry.containerPort }),
      ...(entry.forwarded && !entry.remote && !attribute ? { forwardedBare: true } : {}), loc,
    };
    facts.allocations.push(place);
    // The attribute's key is the same port: a rename moves it with the entry, keeping its label.
    const keyAt = attribute ? digitsOf(attribute.key.value, attribute.key.at, entry.port) : undefined;
    if (attribute && keyAt && !labelled.has(attribute.key.value)) {
      labelled.add(attribute.key.value);
      facts.allocations.push({ ...place, loc: lines.location(ctx.file, keyAt.start, keyAt.end) });
    }
  }
  // Ports other attributes label (a port forwarded once the app listens) are mentions.
  for (const { key } of config.attributes) {
    const at = !labelled.has(key.value) && /^\d{1,5}$/.test(key.value) ? digitsOf(key.value, key.at, Number(key.value)) : undefined;
    if (at) facts.mentions.push({ port: Number(key.value), loc: lines.location(ctx.file, at.start, at.end) });
  }
  return facts;
}

/** A `forwardPorts` entry: a port of the dev container, or of the compose service it names. */
function forwarded(entry: PortEntry, facts: FileFacts, lines: LineIndex): EntryPort[] {
  if ('number' in entry) return numbered(entry.number.written, entry.number.start, facts, lines);
  const { value, at } = entry.string;
  const m = FORWARD_RE.exec(value);
  if (!m) return [];
  const port = Number(m[2]);
  const digits = digitsOf(value, at, port);
  if (!digits || !valid(port, digits, facts, lines)) return [];
  const remote = m[1] !== undefined && !LOCAL_HOSTS.has(m[1].toLowerCase()) ? m[1] : undefined;
  return [{ port, ...digits, protocol: 'tcp', written: value, ...(remote ? { remote } : {}) }];
}

/** An `appPort` entry: a number publishes that port as itself; a string is Docker's `host:container`. */
function published(entry: PortEntry, facts: FileFacts, lines: LineIndex): EntryPort[] {
  if ('number' in entry) return numbered(entry.number.written, entry.number.start, facts, lines);
  const { value, at } = entry.string;
  const m = PUBLISH_RE.exec(value);
  if (!m) return [];
  const port = Number(m[1]);
  const digits = digitsOf(value, at, port, value.indexOf(`${m[1]}:${m[2]}`));
  if (!digits || !valid(port, digits, facts, lines)) return [];
  const protocol = (m[3]?.toLowerCase() ?? 'tcp') as Protocol;
  return [{ port, ...digits, protocol, containerPort: Number(m[2]), written: value }];
}

function numbered(written: string, start: number, facts: FileFacts, lines: LineIndex): EntryPort[] {
  if (!/^\d{1,6}$/.test(written)) return [];
  const port = Number(written);
  const digits = { start, end: start + written.length };
  return valid(port, digits, facts, lines) ? [{ port, ...digits, protocol: 'tcp', written }] : [];
}

/** Whether `port` is one; an invalid one is a problem of the file. */
function valid(port: number, at: { start: number; end: number }, facts: FileFacts, lines: LineIndex): boolean {
  if (port >= 1 && port <= 65535) return true;
  facts.problems.push({ rule: 'invalid-port', message: `${port} is not a valid port; ports are 1-65535`, port, loc: lines.location(facts.file, at.start, at.end) });
  return false;
}

/**
 * Where the digits of `port` are in the file, written from `from` in a JSON string's value (by default
 * at its end: `"3000"`, `"db:5432"`); undefined
 * when they are not its plain digits there (an escape writes one), which no edit could change as a number.
 */
function digitsOf(value: string, at: readonly number[], port: number, from = value.length - String(port).length): { start: number; end: number } | undefined {
  const digits = String(port);
  if (value.slice(from, from + digits.length) !== digits) return undefined;
  const start = at[from];
  const end = at[from + digits.length - 1] + 1;
  return end - start === digits.length ? { start, end } : undefined;
}

/** The `portsAttributes` entry of a port: its own key (`"3000"`, `"db:5432"`), else a range holding it (`"8000-8099"`). */
function attributeOf(config: DevcontainerConfig, entry: EntryPort): DevcontainerConfig['attributes'][number] | undefined {
  const exact = config.attributes.find((a) => a.key.value === entry.written || a.key.value === String(entry.port));
  if (exact) return exact;
  return config.attributes.find((a) => {
    const range = /^(\d{1,5})-(\d{1,5})$/.exec(a.key.value);
    return range !== null && Number(range[1]) <= entry.port && entry.port <= Number(range[2]);
  });
}
