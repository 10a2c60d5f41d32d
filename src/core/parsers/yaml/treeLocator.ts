// Places a path of a coreValue() value at its source span in the block reader's tree, exactly as
// YamlLocator places it in yaml's document, for the paths whose answer is a key or a one-line
// scalar. Any other path (a collection, a block scalar, a missing key) gives up on the tree:
// notSure(), which the caller's unlessNotSure() turns into "ask yaml".

import type { Location } from '../../model';
import type { LineIndex } from '../../text/lineIndex';
import { keyOf } from './coreValue';
import { notSure } from './notSure';
import type { Pair, ScalarNode, YamlNode } from './tree';
import type { Path } from './yamlLocator';

export class TreeLocator {
  constructor(
    private readonly root: YamlNode,
    private readonly lines: LineIndex,
    private readonly file: string,
  ) {}

  /** The scalar at `path`, or its key when the scalar is empty. */
  value(path: Path): Location {
    const { node, key } = this.reach(path);
    if (node?.kind !== 'scalar') return notSure();
    return this.of(node.start === node.end && key ? key : node);
  }

  /** The key that leads to `path`; the value itself for sequence items and the root. */
  key(path: Path): Location {
    const { key } = this.reach(path);
    return key ? this.of(key) : this.value(path);
  }

  /** The source text of the value at `path`. */
  written(path: Path): string {
    const { span } = this.value(path);
    return this.lines.text.slice(span.startOffset, span.endOffset);
  }

  private reach(path: Path): { node: YamlNode | null; key?: ScalarNode } {
    let node: YamlNode | null = this.root;
    let key: ScalarNode | undefined;
    for (const segment of path) {
      if (node?.kind === 'map') {
        const pair = pairNamed(node.pairs, String(segment));
        if (!pair) return notSure();
        key = pair.key as ScalarNode;
        node = pair.value;
      } else if (node?.kind === 'seq' && typeof segment === 'number' && segment < node.items.length) {
        key = undefined;
        node = node.items[segment];
      } else {
        return notSure();
      }
    }
    return { node, key };
  }

  /** A one-line scalar's span, without trailing whitespace (as YamlLocator.of). */
  private of(node: ScalarNode): Location {
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return notSure();
    const { text } = this.lines;
    let end = node.end;
    while (end > node.start && /\s/.test(text[end - 1])) end--;
    return this.lines.location(this.file, node.start, end);
  }
}

/** coreValue allows no duplicate keys, so the first pair of that name is the one. */
function pairNamed(pairs: readonly Pair[], name: string): Pair | undefined {
  for (const pair of pairs) if (keyOf(pair.key) === name) return pair;
  return undefined;
}
