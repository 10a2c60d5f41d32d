// Maps a path into a YAML value (as zod and the parsers see it) back to the exact source span,
// so a diagnostic underlines the offending key or number instead of the whole file.

import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Location } from '../../model';
import type { LineIndex } from '../../text/lineIndex';

export type Path = readonly PropertyKey[];

/** Where the value at a path is written: in yaml's document (YamlLocator) or the block reader's tree (TreeLocator). */
export interface PathLocator {
  /** The value at `path`, or its key when the value is empty. */
  value(path: Path): Location;
  /** The key that leads to `path`; the value itself for sequence items and the root. */
  key(path: Path): Location;
  /** The source text of the value at `path`. */
  written(path: Path): string;
}

/** Where a path ends in the document. */
interface Reached {
  node: Node | null;
  /** The key whose value is `node`; undefined for the root and sequence items. */
  key?: Node;
  /** False when the path runs out of document: `node` is then the nearest ancestor that exists. */
  complete: boolean;
}

export class YamlLocator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineIndex,
    private readonly file: string,
  ) {}

  /**
   * The value at `path`, or its key when the value is empty. For a missing key: the flow map that
   * lacks it, or the key that opens a block map that lacks it.
   */
  value(path: Path): Location {
    const at = this.reach(path);
    if (at.complete) return this.of(isEmpty(at.node) && at.key ? at.key : at.node);
    // A block map spans many lines: underline the key that opens it rather than all of them.
    const blockMap = isCollection(at.node) && !at.node.flow;
    return this.of(blockMap && at.key ? at.key : at.node);
  }

  /** The key that leads to `path`; the value itself for sequence items and the root. */
  key(path: Path): Location {
    const at = this.reach(path);
    return at.complete && at.key ? this.of(at.key) : this.value(path);
  }

  /** The source text of the value at `path` (a number as written: `8080`, `0x1F90`, `8080.0`). */
  written(path: Path): string {
    const { span } = this.value(path);
    return this.lines.text.slice(span.startOffset, span.endOffset);
  }

  /** The span between two offsets, such as a YAML error's position. */
  span(start: number, end: number): Location {
    return this.lines.location(this.file, start, end);
  }

  private reach(path: Path): Reached {
    let reached: Reached = { node: this.resolve(this.doc.contents), complete: true };
    for (const segment of path) {
      const next = child(reached.node, segment);
      if (!next) return { ...reached, complete: false };
      reached = { node: this.resolve(next.value), key: next.key, complete: true };
    }
    return reached;
  }

  // An aliased value's text is at its anchor: that is where the number is written.
  private resolve(node: Node | null): Node | null {
    return isAlias(node) ? node.resolve(this.doc) ?? null : node;
  }

  /** The span of a node's value text, without the comment after it. */
  of(node: Node | null): Location {
    const range = node?.range;
    if (!range) return this.span(0, 0);
    // A block collection's value runs on to the line break after it.
    let end = range[1];
    while (end > range[0] && /\s/.test(this.lines.text[end - 1])) end--;
    return this.span(range[0], end);
  }
}

function child(node: Node | null, segment: PropertyKey): { key?: Node; value: Node | null } | undefined {
  if (isMap(node)) {
    // The last of duplicate keys wins, as it does in the parsed value.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const { key, value } = node.items[i];
      if (isScalar(key) && String(key.value) === String(segment)) return { key, value: isNode(value) ? value : null };
    }
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    if (isNode(item)) return { value: item };
  }
  return undefined;
}

function isEmpty(node: Node | null): boolean {
  return !node?.range || node.range[0] === node.range[1];
}
