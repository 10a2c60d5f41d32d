// Reading one manifest document's values as written: only a literal value is a fact (never a Helm
// action or a `${VAR}` placeholder, which the original text shows), and a port is a plain integer,
// since the API server rejects a quoted one where an integer belongs. Every value keeps the exact
// span of its digits.
import type { FileFacts, Location } from '../../model';
import { MAX_PORT } from '../../syntax/ports';
import { internIfLong } from '../../text/intern';
import { mapEntries, resolve, resolveMap, seqItems, type Value, type Walk } from '../compose/walk';
import type { KubernetesFacts } from './objects';
import { isLiteral } from './templates';
import type { YamlNode } from '../yaml/tree';

/** One document being read, and where its facts go. */
export interface Reading {
  walk: Walk;
  /** The file's text as written (the walk reads it with template actions overwritten). */
  original: string;
  /**
   * A template line was blanked in the document: a map or list in it may have had entries pasted
   * in, so none of its lists is known to be whole.
   */
  templated: boolean;
  facts: FileFacts;
  kubernetes: KubernetesFacts;
}

export function fieldsOf(node: Value, r: Reading): Map<string, Value> | undefined {
  const map = resolveMap(node, r.walk);
  return map && mapEntries(map, r.walk);
}

export function itemsOf(node: Value, r: Reading): YamlNode[] {
  return seqItems(node, r.walk);
}

/** Whether a node is a list (not a placeholder or a template value standing for one). */
export function isList(node: Value, r: Reading): boolean {
  return resolve(node, r.walk)?.kind === 'seq';
}

/**
 * A scalar's text, when it is written literally; undefined for a null, a collection, or a
 * placeholder. A plain scalar's text is its source, as the walk reads it.
 */
export function literalOf(node: Value, r: Reading): string | undefined {
  const scalar = resolve(node, r.walk);
  if (scalar?.kind !== 'scalar' || scalar.value === null) return undefined;
  const start = r.walk.base + scalar.start;
  if (!isLiteral(r.original.slice(start, r.walk.base + scalar.end))) return undefined;
  return internIfLong(scalar.value);
}

/** A literal scalar's text and where it is written (quotes included). */
export function literalAt(node: Value, r: Reading): { value: string; loc: Location } | undefined {
  const value = literalOf(node, r);
  const scalar = resolve(node, r.walk);
  if (value === undefined || scalar?.kind !== 'scalar') return undefined;
  const start = r.walk.base + scalar.start;
  let end = r.walk.base + scalar.end;
  while (end > start && /\s/.test(r.original[end - 1])) end--;
  return { value, loc: r.walk.lines.location(r.facts.file, start, end) };
}

/**
 * A map of strings (labels, a selector) as [key, value], the pairs written literally, and whether
 * that is all of it: nothing else than such pairs, or no map at all.
 */
export function literalPairs(node: Value, r: Reading): { pairs: Array<[string, string]>; known: boolean } {
  const map = resolve(node, r.walk);
  if (map === undefined || (map.kind === 'scalar' && map.value === null)) return { pairs: [], known: true };
  if (map.kind !== 'map') return { pairs: [], known: false };
  const byKey = new Map<string, string>();
  let known = true;
  for (const pair of map.pairs) {
    // A merge (`<<`) or an alias is a key literalOf does not take: the map is not known whole.
    const key = literalOf(pair.key, r);
    const value = literalOf(pair.value, r);
    if (key === undefined || key === '<<' || value === undefined) known = false;
    else byKey.set(key, value);
  }
  return { pairs: [...byKey], known };
}

/** What a port field holds: nothing, a port at its digits, or something that is not known to be one. */
export type PortField = { port: number; loc: Location } | 'absent' | 'unknown';

/**
 * A port field: a plain integer from 1 to 65535. A number beyond that is an invalid-port problem;
 * `zeroIsUnset` for the fields where 0 asks for no port (`nodePort`, `hostPort`, `targetPort`).
 */
export function portField(node: Value, r: Reading, zeroIsUnset = false): PortField {
  const scalar = resolve(node, r.walk);
  if (scalar === undefined || (scalar.kind === 'scalar' && scalar.value === null)) return 'absent';
  if (scalar.kind !== 'scalar' || scalar.type !== 'PLAIN') return 'unknown';
  const start = r.walk.base + scalar.start;
  // A leading zero is an octal number to a YAML 1.1 reader, or no number: not a port as written.
  const digits = /^(?:0|[1-9]\d{0,8})(?=\s*$)/.exec(r.original.slice(start, r.walk.base + scalar.end))?.[0];
  if (digits === undefined) return 'unknown';
  const port = Number(digits);
  const loc = r.walk.lines.location(r.facts.file, start, start + digits.length);
  if (port === 0 && zeroIsUnset) return 'absent';
  if (port >= 1 && port <= MAX_PORT) return { port, loc };
  r.facts.problems.push({ rule: 'invalid-port', message: `Port ${digits} is outside 1-${MAX_PORT}`, port, loc });
  return 'unknown';
}
