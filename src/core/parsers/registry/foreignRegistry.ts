// A ports.yaml in a format that is not Portolan's, read as a registry of its own shape. Other
// tools' registries are written as per-environment blocks (`production: { api: { api_port: 8000 } }`),
// host-wide inventories (`services: { grafana: { port: 9029, env: prod, app: monitoring } }`),
// flat `service: port` maps, project lists with their ranges in fields, keys or comments, and range
// sections (`ranges:`, `slots:`). Service names and ports come from keys and values, environments
// from environment blocks and `env` fields, ranges and forbidden slots from range sections and
// comments. Anything else (metadata, URLs, notes, settings) is left alone: a wrong guess here would
// be a false finding, a missed one only a missed finding.

import type { FileFacts, PortSpan } from '../../model';
import { environmentFromText, roleFromWords, serviceKey } from '../../syntax/names';
import { isValidPort } from '../../syntax/ports';
import type { LineIndex } from '../../text/lineIndex';
import type { Path, PathLocator } from '../yaml/yamlLocator';
import { isPortField, isServiceEntry, readServiceEntry, type EntryContext } from './foreignEntries';
import { ForeignReader, isRecord } from './foreignReader';
import { boundsOf, declaredRange, forbiddenInComments, isRangeSection, portList, rangeEntryPorts, rangeOnKeyLine } from './foreignRanges';

/** Deeper than any registry is written: past it, values are left alone. */
const MAX_DEPTH = 8;

export function readForeignRegistry(root: unknown, at: PathLocator, lines: LineIndex, facts: FileFacts): void {
  const r = new ForeignReader(at, lines, facts);
  facts.reserved.push(...forbiddenInComments(lines, facts.file));
  // Range sections first: entries anywhere in the file may name them. The file's own range
  // before them all: it holds them, and every entry.
  if (isRecord(root)) {
    const machine = machineOf(root);
    if (machine !== undefined) facts.machine = machine;
    const own = Object.entries(root).flatMap(([key, value]) => {
      const spans = isRangeSection(key) ? wholeRange(value) : undefined;
      return spans ? [{ key, spans }] : [];
    })[0];
    if (own) r.fileRange = r.addRange(own.key, own.spans, r.at.key([own.key]));
    for (const [key, value] of Object.entries(root)) {
      if (isRangeSection(key) && key !== own?.key) readRangeSection(value, [key], r);
      else if (RESERVED_SECTION.test(key.trim())) readReservedSection(value, [key], r);
    }
  }
  walk(root, [], fileContext(r), r, 0);
}

/** What every entry of the file inherits: the file's own range. */
function fileContext(r: ForeignReader): EntryContext {
  return r.fileRange === undefined ? {} : { ownerRange: r.fileRange };
}

/** `range: 44200-44229` or `range: { start: 44200, end: 44229 }`: one range, not a section of named ones. */
function wholeRange(value: unknown): PortSpan[] | undefined {
  const bounds = isRecord(value) ? boundsOf(value) : undefined;
  return bounds ? [bounds] : portList(value);
}

// `reserved:`, `forbidden_ports:`, `avoid:` at the top: ports no entry may take.
const RESERVED_SECTION = /^(?:reserved|forbidden|blocked|avoid|do[_-]?not[_-]?use|never[_-]?use)(?:[_-]?ports?)?$/i;

/**
 * A list of ports, or of entries with a port and a reason (`- port: 3000` / `reason: Next.js
 * default`), that names no service: every port in it is reserved. An entry that names a service
 * (`name:`, `service:`) is that service's, as in a slot list.
 */
function readReservedSection(section: unknown, path: Path, r: ForeignReader): void {
  // `reserved: { web: 44200, api: 44210 }`: ports held for the services it names.
  if (isRecord(section) && isPortMap(section)) {
    walk(section, path, fileContext(r), r, 1);
    return;
  }
  if (!Array.isArray(section)) return;
  section.forEach((item, i) => {
    const at: Path = [...path, i];
    const entry = isRecord(item) ? item : undefined;
    const name = entry && nameField(entry);
    if (entry && name !== undefined) {
      visit(name, entry, at, fileContext(r), r, 1);
      return;
    }
    const portAt: Path = entry ? [...at, 'port'] : at;
    const port = r.port(entry ? entry.port : item, portAt);
    if (port === undefined) return;
    const reason = entry && typeof entry.reason === 'string' ? entry.reason : path[0].toString();
    r.facts.reserved.push({ from: port, to: port, reason, scope: '', loc: r.at.value(portAt) });
  });
}

// `server: nas` at the top, or in the file's metadata block: the registry is one machine's inventory.
// Not `host:`, often the address services bind to, and not an address or localhost: a default
// bind address names no machine.
const MACHINE_FIELD = /^(?:server|server_name|hostname|machine)$/i;
const METADATA_KEY = /^(?:meta|metadata|info)$/i;
const NO_MACHINE = /^(?:localhost|[\d.]+|[\da-f:]*:[\da-f:]*)$/i;

function machineOf(root: Record<string, unknown>): string | undefined {
  const named = (block: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(block)) {
      if (MACHINE_FIELD.test(key) && typeof value === 'string' && value.trim() !== '' && !NO_MACHINE.test(value.trim())) return value.trim();
    }
    return undefined;
  };
  const meta = Object.entries(root).find(([key, value]) => METADATA_KEY.test(key) && isRecord(value))?.[1] as Record<string, unknown> | undefined;
  return named(root) ?? (meta && named(meta));
}

function readRangeSection(section: unknown, path: Path, r: ForeignReader): void {
  if (!isRecord(section)) return;
  for (const [name, entry] of Object.entries(section)) {
    const loc = r.at.key([...path, name]);
    // `"3000-3099": frontend` writes the range as the key and names it in the value.
    const keyed = portList(name);
    if (keyed) {
      if (typeof entry === 'string' && serviceKey(entry) !== '') r.addRange(entry, keyed, loc);
      continue;
    }
    const spans = rangeEntryPorts(entry);
    if (spans) r.addRange(name, spans, loc);
  }
}

/** The blocks and entries of a mapping or a list, with what they inherit. */
function walk(value: unknown, path: Path, ctx: EntryContext, r: ForeignReader, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const name = isRecord(item) ? nameField(item) : undefined;
      // An item with no name of its own (`- web: 3001`) holds named entries.
      if (name !== undefined) visit(name, item, [...path, i], ctx, r, depth);
      else walk(item, [...path, i], ctx, r, depth + 1);
    });
    return;
  }
  if (!isRecord(value)) return;
  const flat = isPortMap(value);
  for (const [key, child] of Object.entries(value)) {
    const at = [...path, key];
    if (depth === 0 && (isRangeSection(key) || RESERVED_SECTION.test(key.trim()))) continue;
    if (flat) {
      const port = r.port(child, at);
      const name = key.replace(/[_-]port$/i, '');
      if (port !== undefined && serviceKey(name) !== '') flatEntry(name, port, at, ctx, r);
    } else if (isRecord(child) || Array.isArray(child)) {
      visit(key, child, at, ctx, r, depth);
    }
  }
}

/** A named mapping: an environment block, a service entry, or a block (a project) holding more. */
function visit(name: string, value: unknown, path: Path, ctx: EntryContext, r: ForeignReader, depth: number): void {
  // `dynamic: { start: 44220, end: 44229 }`: a named range (a pool), not services called start and end.
  const bounds = isRecord(value) ? boundsOf(value) : undefined;
  if (bounds) {
    r.addRange(name, [bounds], r.at.key(path));
    return;
  }
  // `{ gateway: 4000, ledger_port: 4001 }` names services in its keys: a map of them, not one entry.
  if (isRecord(value) && isServiceEntry(value) && !(isPortMap(value) && Object.keys(value).some((key) => !isPortField(key) && roleKeyless(key)))) {
    readServiceEntry(name, value, path, ctx, r);
    return;
  }
  // What a block's children inherit: the machine it names when it sits in a block of machines.
  let inner: EntryContext = { ...ctx, machines: MACHINES_KEY.test(name.trim()) };
  if (ctx.machines) inner.host = ctx.host === undefined ? serviceKey(name) : `${ctx.host}/${serviceKey(name)}`;
  const environment = environmentBlock(name);
  if (environment !== undefined) inner = { ...inner, environment };
  const range = projectRange(name, value, path, r);
  if (range) inner = { ...inner, ownerRange: r.addRange(range.name, range.spans, r.at.key(path)) };
  walk(value, path, inner, r, depth + 1);
}

/** The range a block declares for what it holds: in its fields, its key or its key's comment. */
function projectRange(name: string, value: unknown, path: Path, r: ForeignReader): { name: string; spans: PortSpan[] } | undefined {
  const fields = isRecord(value) ? declaredRange(value) : undefined;
  if (fields) return { name, spans: fields };
  // A list item has no key line of its own.
  if (typeof path[path.length - 1] !== 'string') return undefined;
  const line = rangeOnKeyLine(name, r.lines, r.at.key(path).span.startLine);
  return line && { name: line.name, spans: [line.span] };
}

/** A key that names no role (`gateway`, not `http`): in a map of ports, a service's name. */
function roleKeyless(key: string): boolean {
  return !/^[a-z]+$/i.test(key) || roleFromWords(key) === undefined;
}

/** A block whose keys are machines: places on two of them never clash. */
const MACHINES_KEY = /^(?:hosts?|servers?|machines?|nodes?|vms?|boxes|devices)$/i;

/** A key that is an environment and nothing else: `production`, `dev`, `staging`. */
function environmentBlock(key: string): string | undefined {
  return /^(?:production|prod|staging|stage|development|dev|local|test|testing|qa)$/i.test(key.trim()) ? environmentFromText(key) : undefined;
}

/** A list item's name: its `name`, `service` or `id` field. */
function nameField(item: Record<string, unknown>): string | undefined {
  for (const field of ['name', 'service', 'id']) {
    const value = item[field];
    if (typeof value === 'string' && serviceKey(value) !== '') return value;
  }
  return undefined;
}

function flatEntry(name: string, port: number, path: Path, ctx: EntryContext, r: ForeignReader): void {
  r.facts.allocations.push({
    service: name, serviceKey: serviceKey(name), port, protocol: 'tcp', scope: '', source: 'registry', claim: false,
    group: r.at.key(path).span.startOffset, indexInGroup: 0, loc: r.at.value(path),
    ...(ctx.environment !== undefined ? { environment: ctx.environment } : {}),
    ...(ctx.ownerRange !== undefined ? { ownerRange: ctx.ownerRange } : {}),
    ...(ctx.host !== undefined ? { host: ctx.host } : {}),
  });
}

// Words of settings whose numbers are not ports (`timeout: 30`, `max_connections: 100`).
const SETTING_WORDS = new Set([
  'timeout', 'retry', 'retries', 'interval', 'ttl', 'count', 'size', 'max', 'min', 'limit', 'worker', 'workers', 'thread',
  'threads', 'replica', 'replicas', 'version', 'weight', 'priority', 'delay', 'level', 'day', 'days', 'hour', 'hours',
  'minute', 'minutes', 'second', 'seconds', 'ms', 'percent', 'ratio', 'capacity', 'memory', 'cpu', 'cpus', 'year', 'uid',
  'gid', 'pid', 'index', 'order', 'backlog', 'concurrency', 'batch', 'rate', 'attempts', 'buffer', 'connections', 'length',
]);

/** `timeout`, `max_connections`, `worker-count`; not `cache-server`, whose last word names a service. */
function isSetting(key: string): boolean {
  const words = serviceKey(key).split('-');
  return SETTING_WORDS.has(words[words.length - 1]) || words[0] === 'max' || words[0] === 'min';
}

/**
 * A flat `service: port` map: every value a port (or null, a service without one), no key a
 * setting, at least one port. A map of counts or timeouts, or one with text in it, is not one.
 */
function isPortMap(map: Record<string, unknown>): boolean {
  let ports = 0;
  for (const [key, value] of Object.entries(map)) {
    if (value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || !isValidPort(value)) return false;
    if (isSetting(key)) return false;
    ports++;
  }
  return ports > 0;
}
