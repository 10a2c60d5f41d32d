// Walking a compose document's tree: aliases, `<<` merges and where the services are. Aliases are
// expanded only within a budget, so alias bombs stay cheap.

import { emptyFacts } from '../../model';
import type { FileFacts, ParseContext } from '../../model';
import type { LineIndex } from '../../text/lineIndex';
import type { MapNode, YamlNode } from '../yaml/tree';

export interface ComposeExtractOptions {
  ctx: ParseContext;
  /**
   * The YAML is a fence in a document, not a compose file: without a `services:` map, top-level
   * keys whose maps have `ports` are taken as services.
   */
  snippet: boolean;
  environment?: string;
  scope?: string;
}

// Expanded merges are cached per map, so a merge bomb costs one expansion per anchor; the budget
// bounds whatever else a hostile document can make us resolve.
const MAX_MERGE_DEPTH = 20;
const MAX_RESOLUTIONS = 10_000;

interface Anchor {
  node: YamlNode;
  start: number;
}

export interface Walk {
  source: string;
  base: number;
  lines: LineIndex;
  opts: ComposeExtractOptions;
  /** Facts of the current document, appended only once the whole document was walked. */
  out: FileFacts;
  /** Each anchor name's definitions in source order (YAML lets a name be redefined). */
  anchors: Map<string, Anchor[]>;
  resolutions: number;
  entries: Map<MapNode, Map<string, Value>>;
}

export type Value = YamlNode | null | undefined;

export function newWalk(root: YamlNode | null, source: string, base: number, lines: LineIndex, opts: ComposeExtractOptions): Walk {
  return { source, base, lines, opts, out: emptyFacts(opts.ctx.file, 'compose'), anchors: collectAnchors(root), resolutions: 0, entries: new Map() };
}

/** In document order (keys before their values), as yaml's visit would find them. */
function collectAnchors(root: YamlNode | null): Map<string, Anchor[]> {
  const anchors = new Map<string, Anchor[]>();
  const stack: Array<YamlNode | null> = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!node || node.kind === 'alias') continue;
    if (node.anchor !== undefined) {
      const defs = anchors.get(node.anchor) ?? [];
      defs.push({ node, start: node.start });
      anchors.set(node.anchor, defs);
    }
    if (node.kind === 'map') {
      for (let i = node.pairs.length - 1; i >= 0; i--) stack.push(node.pairs[i].value, node.pairs[i].key);
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return anchors;
}

/** An alias means the latest anchor of its name before it; every lookup spends the budget. */
export function resolve(node: Value, walk: Walk): YamlNode | undefined {
  if (node?.kind !== 'alias') return node ?? undefined;
  if (++walk.resolutions > MAX_RESOLUTIONS) return undefined;
  const defs = walk.anchors.get(node.name) ?? [];
  // Binary search for the last definition before the alias.
  let lo = 0;
  let hi = defs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (defs[mid].start < node.start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? defs[lo - 1].node : undefined;
}

export function resolveMap(node: Value, walk: Walk): MapNode | undefined {
  const map = resolve(node, walk);
  return map?.kind === 'map' ? map : undefined;
}

export function seqItems(node: Value, walk: Walk): YamlNode[] {
  const seq = resolve(node, walk);
  if (seq?.kind !== 'seq') return [];
  const out: YamlNode[] = [];
  for (const item of seq.items) {
    const resolved = resolve(item, walk);
    if (resolved) out.push(resolved);
  }
  return out;
}

/**
 * A map's entries with `<<` merges applied as YAML defines them: own keys win over merged ones,
 * and earlier merge sources over later ones. Duplicate own keys: the last wins, as in toJS.
 */
export function mapEntries(map: MapNode, walk: Walk, depth = 0): Map<string, Value> {
  let entries = walk.entries.get(map);
  if (!entries) {
    entries = mergedEntries(map, walk, depth);
    walk.entries.set(map, entries);
  }
  return entries;
}

function mergedEntries(map: MapNode, walk: Walk, depth: number): Map<string, Value> {
  const own = new Map<string, Value>();
  const merges: Value[] = [];
  for (const pair of map.pairs) {
    const key = keyName(pair.key, walk);
    if (key === undefined) continue;
    if (key === MERGE_KEY) merges.push(pair.value);
    else own.set(key, pair.value);
  }
  if (depth >= MAX_MERGE_DEPTH) return own;
  for (const source of mergeSources(merges, walk)) {
    for (const [key, value] of mapEntries(source, walk, depth + 1)) if (!own.has(key)) own.set(key, value);
  }
  return own;
}

// Read from the key's source, since a YAML 1.1 document turns a plain `<<` into a merge symbol;
// the sentinel keeps a quoted '<<', an ordinary key, apart.
const MERGE_KEY = '\u0000<<';

function keyName(key: Value, walk: Walk): string | undefined {
  const node = resolve(key, walk);
  if (node?.kind !== 'scalar') return undefined;
  if (node.type !== 'PLAIN') return String(node.value);
  const written = walk.source.slice(node.start, node.end);
  return written === '<<' ? MERGE_KEY : written;
}

function mergeSources(values: Value[], walk: Walk): MapNode[] {
  const out: MapNode[] = [];
  for (const value of values) {
    const node = resolve(value, walk);
    const candidates = node?.kind === 'seq' ? node.items : [node];
    for (const candidate of candidates) {
      const map = resolveMap(candidate, walk);
      if (map) out.push(map);
    }
  }
  return out;
}

export function servicesOf(root: Value, walk: Walk): Array<[string, Value]> {
  const top = resolveMap(root, walk);
  if (!top) return [];
  const entries = mapEntries(top, walk);
  if (entries.has('services')) {
    const services = resolveMap(entries.get('services'), walk);
    return services ? [...mapEntries(services, walk)] : [];
  }
  if (!walk.opts.snippet) return [];
  // Docs show single services without the `services:` wrapper; `x-` keys are compose extensions.
  return [...entries].filter(([name, value]) => !name.startsWith('x-') && hasPorts(value, walk));
}

function hasPorts(value: Value, walk: Walk): boolean {
  const map = resolveMap(value, walk);
  return map !== undefined && mapEntries(map, walk).has('ports');
}
