// The YAML node tree the compose walk and the registry's fast path read. Both readers build it:
// the fast block reader (blockYaml.ts) and the conversion of a `yaml` document (fromYaml.ts), so
// the compose walk does not care which one read the file. Offsets are into the YAML text; every
// node has the same properties in the same order whichever reader built it, so two trees of one
// text can be compared with deepEqual.

export type ScalarType = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface ScalarNode {
  kind: 'scalar';
  type: ScalarType;
  /** The scalar token itself: quotes and block headers included, anchor and comment excluded. */
  start: number;
  end: number;
  /**
   * null for a null scalar: a plain `~`, `null` or nothing (or a `!!null` tag, which only yaml
   * reads). A one-line plain scalar's value is its source text, untouched by any schema, since the
   * walk reads what was written; other scalars have their parsed value as a string.
   */
  value: string | null;
  anchor: string | undefined;
}

export interface AliasNode {
  kind: 'alias';
  name: string;
  start: number;
  end: number;
}

export interface MapNode {
  kind: 'map';
  /** Where the map's content begins (after its anchor): what an alias must come after to name it. */
  start: number;
  /** In source order; duplicate keys stay separate pairs. */
  pairs: Pair[];
  anchor: string | undefined;
}

export interface SeqNode {
  kind: 'seq';
  start: number;
  /** null stands for an item that is not a node (a pair in a `!!omap`): nothing reads it. */
  items: Array<YamlNode | null>;
  anchor: string | undefined;
}

export interface Pair {
  key: YamlNode | null;
  value: YamlNode | null;
}

export type YamlNode = ScalarNode | AliasNode | MapNode | SeqNode;

export function scalarNode(type: ScalarType, start: number, end: number, value: string | null, anchor: string | undefined): ScalarNode {
  return { kind: 'scalar', type, start, end, value, anchor };
}

export function aliasNode(name: string, start: number, end: number): AliasNode {
  return { kind: 'alias', name, start, end };
}

export function mapNode(start: number, anchor: string | undefined): MapNode {
  return { kind: 'map', start, pairs: [], anchor };
}

export function seqNode(start: number, anchor: string | undefined): SeqNode {
  return { kind: 'seq', start, items: [], anchor };
}
