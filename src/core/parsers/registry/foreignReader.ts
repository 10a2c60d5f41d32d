// Where the facts of a registry of another format go while it is read, and the checks every part
// of the reader shares: what a port is, which range a name refers to.

import type { FileFacts, Location, PortSpan } from '../../model';
import { serviceKey } from '../../syntax/names';
import { isValidPort } from '../../syntax/ports';
import type { LineIndex } from '../../text/lineIndex';
import type { Path, PathLocator } from '../yaml/yamlLocator';

export interface WrittenPort {
  role?: string;
  port: number;
  containerPort?: number;
  path: Path;
}

export class ForeignReader {
  /** Range ids by the key of their name, for entries that name their group (`app: tools`). */
  private readonly rangeIds = new Map<string, string>();

  /** The range the whole file declares (`range: 44200-44229` at the top): every other one is inside it. */
  fileRange?: string;

  constructor(readonly at: PathLocator, readonly lines: LineIndex, readonly facts: FileFacts) {}

  /** Declares a range; the first of a name is the one entries refer to. Returns its id. */
  addRange(name: string, spans: PortSpan[], loc: Location): string {
    const id = `${this.facts.file}#foreign:${this.facts.ranges.length}:${name}`;
    const [{ from, to }, ...also] = spans;
    const parent = this.fileRange;
    this.facts.ranges.push({ id, name, from, to, scope: '', ...(also.length > 0 ? { also } : {}), ...(parent !== undefined ? { parent } : {}), loc });
    const key = serviceKey(name);
    if (key !== '' && !this.rangeIds.has(key)) this.rangeIds.set(key, id);
    return id;
  }

  /**
   * The range an entry names in one of its fields (`app: tools`, `group: core`, `range: core`):
   * only when exactly one range is named, and never from free text.
   */
  rangeNamedIn(entry: Record<string, unknown>, freeText: RegExp): string | undefined {
    if (this.rangeIds.size === 0) return undefined;
    const named = new Set<string>();
    for (const [field, value] of Object.entries(entry)) {
      if (typeof value !== 'string' || freeText.test(field)) continue;
      const id = this.rangeIds.get(serviceKey(value));
      if (id !== undefined) named.add(id);
    }
    return named.size === 1 ? [...named][0] : undefined;
  }

  /**
   * The port a value writes: a whole number in decimal (`8080`, `"8080"`). A number outside
   * 1-65535 where a port belongs is an invalid port; `null` and other values are no port.
   */
  port(value: unknown, path: Path): number | undefined {
    if (typeof value === 'string') return /^\d{1,5}$/.test(value.trim()) && isValidPort(Number(value)) ? Number(value) : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
    const written = this.at.written(path);
    if (!/^\+?\d+$/.test(written)) return undefined;
    if (isValidPort(value)) return value;
    this.facts.problems.push({ rule: 'invalid-port', message: `${value} is not a valid port (1-65535)`, port: value, loc: this.at.value(path) });
    return undefined;
  }

  /**
   * Where a port is written at `path`: the value, or in a `host:container` text the host's
   * digits, so editors underline and edits change exactly the number.
   */
  portAt(path: Path, port: number): Location {
    const loc = this.at.value(path);
    const written = this.at.written(path);
    const m = new RegExp(`(?<![\\d.])${port}(?=:\\d)`).exec(written);
    if (!m || written === String(port)) return loc;
    const start = loc.span.startOffset + m.index;
    return this.lines.location(loc.file, start, start + m[0].length);
  }

  /** An entry that gives one role a port and a mapping that agree on neither side. */
  mismatchInEntry(service: string, single: WrittenPort, pair: WrittenPort): void {
    const role = single.role === undefined ? '' : ` ${single.role}`;
    const key = (path: Path) => String(path[path.length - 1]);
    this.facts.problems.push({
      rule: 'port-mismatch',
      message: `${service}${role} is ${single.port} (${key(single.path)}), but ${key(pair.path)} publishes ${pair.port}:${pair.containerPort}`,
      port: pair.port,
      loc: this.portAt(pair.path, pair.port),
    });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
