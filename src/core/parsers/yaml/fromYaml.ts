// The tree of a document the `yaml` package parsed: the fallback for everything the block reader
// leaves alone. Iterative, because a document yaml managed to parse can still be deeper than the
// stack allows a recursive copy.

import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { aliasNode, mapNode, scalarNode, seqNode } from './tree';
import type { Pair, ScalarType, YamlNode } from './tree';

/** A yaml node still to convert, and where its tree node goes. */
type Work = Array<[node: unknown, set: (converted: YamlNode | null) => void]>;

export function treeFromYaml(doc: Document.Parsed, source: string): YamlNode | null {
  let root: YamlNode | null = null;
  const work: Work = [[doc.contents, (converted) => (root = converted)]];
  for (let next = work.pop(); next; next = work.pop()) next[1](convert(next[0], source, work));
  return root;
}

/** One node, with its children queued on `work` to be filled in. */
function convert(node: unknown, source: string, work: Work): YamlNode | null {
  if (isScalar(node)) {
    const [start, end] = node.range!;
    const type = node.type as ScalarType;
    return scalarNode(type, start, end, scalarValue(node.value, type, source.slice(start, end)), node.anchor);
  }
  if (isAlias(node)) return aliasNode(node.source, node.range![0], node.range![1]);
  if (isMap(node)) {
    const map = mapNode(node.range![0], node.anchor);
    for (const item of node.items) {
      const pair: Pair = { key: null, value: null };
      map.pairs.push(pair);
      work.push([item.key, (key) => (pair.key = key)], [item.value, (value) => (pair.value = value)]);
    }
    return map;
  }
  if (isSeq(node)) {
    const seq = seqNode(node.range![0], node.anchor);
    node.items.forEach((item, i) => {
      seq.items.push(null);
      work.push([item, (converted) => (seq.items[i] = converted)]);
    });
    return seq;
  }
  return null;
}

/** See ScalarNode.value: a one-line plain scalar keeps its source text, whatever a tag or schema made of it. */
function scalarValue(value: unknown, type: ScalarType, written: string): string | null {
  if (value === null) return null;
  return type === 'PLAIN' && !/[\r\n]/.test(written) ? written : String(value);
}
