// A fast reader of the block YAML that compose files and registries are nearly always written in.
// The `yaml` package reads such a file at about 1 MB/s; this reads it line by line, many times
// faster, and builds the same tree (tree.ts) that fromYaml.ts makes of yaml's document. It reads a
// conservative subset and returns undefined ("not sure, let yaml do it") the moment a line is
// outside it or is something yaml would report as an error, so the answer is either yaml's tree
// or nothing.
//
// The subset: comments; an optional leading `---`; block maps with plain or simply quoted keys;
// block sequences, with compact `- key: value` maps in items and at their parent key's indentation;
// one-line plain scalars; quoted scalars without escapes (`\` in double, `''` in single quotes);
// one-line flow sequences and maps of such scalars and aliases; anchors and aliases; block scalars
// `|` and `>` with `-`/`+` chomping. Outside it, among others: tabs, tags, `?` keys, directives, a
// second document, multi-line plain or quoted scalars, a scalar on the line below its key, nested
// or multi-line flow collections, anchors on keys, empty block scalars or ones with an indentation
// indicator, and nesting deeper than MAX_DEPTH (where yaml, recursive, may give out: its outcome
// is kept).
//
// Iterative over lines with an explicit stack, so no input can overflow the call stack.

import { blockScalarValue } from './blockScalarValue';
import { notSure, unlessNotSure } from './notSure';
import { aliasNode, mapNode, scalarNode, seqNode } from './tree';
import type { MapNode, Pair, ScalarType, SeqNode, YamlNode } from './tree';

/** Far deeper than any compose file, far shallower than where yaml's recursion gives out. */
const MAX_DEPTH = 64;

/** An implicit key must end within 1024 characters in YAML; yaml reports longer ones. */
const MAX_KEY_LENGTH = 1000;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const CR = 0x0d;

/** A block collection being read, and the column its keys or dashes are at. */
interface Frame {
  node: MapNode | SeqNode;
  indent: number;
  /** A sequence at its parent key's column: it ends at the first line there that is not an item. */
  indentless: boolean;
}

/**
 * A map value or sequence item with nothing after its indicator (and anchor) on its line: a block
 * collection on the following lines, or a null scalar.
 */
interface Pending {
  owner: MapNode | SeqNode | undefined;
  /** The column of the collection it belongs to; -1 for the document itself. */
  parentIndent: number;
  anchor: string | undefined;
  /** Where yaml places the empty scalar: after the indicator or anchor and the spaces after it. */
  emptyAt: number;
}

/** The tree of `text`, or undefined when it is not certainly inside the subset. */
export function readBlockYaml(text: string): YamlNode | undefined {
  // Tabs are indentation errors or separators yaml treats with rules of their own; a lone CR is
  // a line break to YAML but not to this reader; a BOM past the start is content to yaml.
  if (text.includes('\t') || text.indexOf('\uFEFF', 1) >= 0 || hasLoneCr(text)) return undefined;
  return unlessNotSure(() => new Reader(text).read());
}

class Reader {
  private readonly frames: Frame[] = [];
  private pending: Pending | undefined;
  private root: YamlNode | null = null;
  /** The line being read: [start, end) without its line break; lineEnd is the `\n` or the text's end. */
  private lineStart = 0;
  private end = 0;
  private lineEnd = 0;
  /** Where the next line starts; a block scalar moves it past its content. */
  private next = 0;

  constructor(private readonly text: string) {}

  read(): YamlNode {
    const { text } = this;
    if (text.charCodeAt(0) === 0xfeff) {
      // yaml misplaces the columns of a first line that follows a BOM and is indented or an item.
      const c = text.charCodeAt(1);
      if (c === SPACE || (c === DASH && !text.startsWith('---', 1))) notSure();
      this.next = 1;
    }
    this.pending = { owner: undefined, parentIndent: -1, anchor: undefined, emptyAt: 0 };
    let started = false;
    while (this.next <= text.length) {
      const start = this.next;
      const nl = text.indexOf('\n', start);
      this.lineStart = start;
      this.lineEnd = nl < 0 ? text.length : nl;
      this.end = this.lineEnd > start && text.charCodeAt(this.lineEnd - 1) === CR ? this.lineEnd - 1 : this.lineEnd;
      this.next = this.lineEnd + 1;
      let i = start;
      while (i < this.end && text.charCodeAt(i) === SPACE) i++;
      if (i === this.end || text.charCodeAt(i) === HASH) continue;
      if (i === start && (text.startsWith('---', i) || text.startsWith('...', i) || text.charCodeAt(i) === 0x25)) {
        // `---` may open the one document; a second one, `...` and `%` directives go to yaml.
        if (started || !text.startsWith('---', i) || !this.onlyComment(i + 3)) notSure();
        started = true;
        continue;
      }
      started = true;
      this.line(i, i - start);
    }
    if (this.pending) {
      // Nothing but comments: yaml makes no document of that.
      if (!this.pending.owner) notSure();
      this.settle(this.pending.owner, emptyScalar(this.pending));
    }
    return this.root!;
  }

  /** A line with content at `i`, indented by `indent`. */
  private line(i: number, indent: number): void {
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      if (indent > pending.parentIndent) {
        this.open(pending, i, indent, false);
        return;
      }
      if (pending.owner?.kind === 'map' && indent === pending.parentIndent && this.isDash(i)) {
        this.open(pending, i, indent, true);
        return;
      }
      this.settle(pending.owner, emptyScalar(pending));
    }
    const { frames } = this;
    while (frames.length > 0 && frames[frames.length - 1].indent > indent) frames.pop();
    let top = frames[frames.length - 1];
    // Deeper than the open collection: a continued scalar, or a bad indentation.
    if (!top || top.indent !== indent) notSure();
    if (top.node.kind === 'seq') {
      if (this.isDash(i)) {
        this.item(top.node, i, indent);
        return;
      }
      if (!top.indentless) notSure();
      frames.pop();
      top = frames[frames.length - 1];
    }
    if (this.isDash(i)) notSure();
    this.entry(top.node as MapNode, i, indent);
  }

  /** The block collection whose first key or item is at `i`: the value `pending` waited for. */
  private open(pending: Pending, i: number, indent: number, indentless: boolean): void {
    if (this.frames.length >= MAX_DEPTH) notSure();
    const node = this.isDash(i) ? seqNode(i, pending.anchor) : mapNode(i, pending.anchor);
    this.settle(pending.owner, node);
    this.frames.push({ node, indent, indentless });
    if (node.kind === 'seq') this.item(node, i, indent);
    else this.entry(node, i, indent);
  }

  /** Gives the newest value of `owner` (the document when undefined) its node. */
  private settle(owner: MapNode | SeqNode | undefined, node: YamlNode): void {
    if (!owner) this.root = node;
    else if (owner.kind === 'map') owner.pairs[owner.pairs.length - 1].value = node;
    else owner.items[owner.items.length - 1] = node;
  }

  private isDash(i: number): boolean {
    return this.text.charCodeAt(i) === DASH && (i + 1 === this.end || this.text.charCodeAt(i + 1) === SPACE);
  }

  /** `- ...` at `i`, the dash of an item of `seq`, whose dashes are at column `indent`. */
  private item(seq: SeqNode, i: number, indent: number): void {
    seq.items.push(null);
    const at = this.skipSpaces(i + 1);
    if (at === this.end || this.text.charCodeAt(at) === HASH) {
      this.pending = { owner: seq, parentIndent: indent, anchor: undefined, emptyAt: at };
      return;
    }
    if (this.startsKey(at)) {
      // `- key: value`: a map whose keys are at the column of this one.
      if (this.frames.length >= MAX_DEPTH) notSure();
      const map = mapNode(at, undefined);
      this.settle(seq, map);
      const column = at - this.lineStart;
      this.frames.push({ node: map, indent: column, indentless: false });
      this.entry(map, at, column);
      return;
    }
    this.value(seq, at, indent);
  }

  /** `key: ...` at `i`, a key of `map`, whose keys are at column `indent`. */
  private entry(map: MapNode, i: number, indent: number): void {
    const colon = this.keyEnd(i);
    if (colon < 0) notSure();
    const pair: Pair = { key: this.key(i, colon), value: null };
    map.pairs.push(pair);
    const at = this.skipSpaces(colon + 1);
    if (at === this.end || this.text.charCodeAt(at) === HASH) {
      this.pending = { owner: map, parentIndent: indent, anchor: undefined, emptyAt: at };
      return;
    }
    this.value(map, at, indent);
  }

  /**
   * The value written at `at`, after `key:` or `- ` on a line of `owner`, whose keys or dashes are
   * at column `parentIndent`.
   */
  private value(owner: MapNode | SeqNode, at: number, parentIndent: number): void {
    const { text } = this;
    let anchor: string | undefined;
    if (text.charCodeAt(at) === 0x26 /* & */) {
      const nameEnd = this.nameEnd(at + 1);
      anchor = text.slice(at + 1, nameEnd);
      at = this.skipSpaces(nameEnd);
      if (at === this.end || text.charCodeAt(at) === HASH) {
        this.pending = { owner, parentIndent, anchor, emptyAt: at };
        return;
      }
      // In an item, an anchor before `key:` names the key, not the map it starts.
      if (owner.kind === 'seq' && this.startsKey(at)) notSure();
    }
    const c = text.charCodeAt(at);
    let node: YamlNode;
    let after: number;
    switch (c) {
      case 0x2a /* * */: {
        if (anchor !== undefined) notSure();
        after = this.nameEnd(at + 1);
        node = aliasNode(text.slice(at + 1, after), at, after);
        break;
      }
      case 0x22 /* " */:
      case 0x27 /* ' */: {
        after = this.quotedEnd(at);
        node = scalarNode(c === 0x22 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', at, after, text.slice(at + 1, after - 1), anchor);
        break;
      }
      case 0x5b /* [ */:
      case 0x7b /* { */: {
        const flow = this.flow(at, anchor);
        node = flow.node;
        after = flow.end;
        break;
      }
      case 0x7c /* | */:
      case 0x3e /* > */:
        this.settle(owner, this.blockScalar(at, parentIndent + 1, anchor));
        return;
      default: {
        if (!plainMayStart(text, at, this.end)) notSure();
        after = this.plainEnd(at, owner.kind === 'map');
        const written = text.slice(at, after);
        node = scalarNode('PLAIN', at, after, isNullPlain(written) ? null : written, anchor);
      }
    }
    if (!this.onlyComment(after)) notSure();
    this.settle(owner, node);
  }

  /** The key scalar written at [i, colon). */
  private key(i: number, colon: number): YamlNode {
    const { text } = this;
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const close = this.quotedEnd(i);
      if (this.skipSpaces(close) !== colon) notSure();
      return scalarNode(c === 0x22 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', i, close, text.slice(i + 1, close - 1), undefined);
    }
    if (!plainMayStart(text, i, this.end) || c === 0x3f /* ? */ || c === COLON) notSure();
    let end = colon;
    while (text.charCodeAt(end - 1) === SPACE) end--;
    const written = text.slice(i, end);
    return scalarNode('PLAIN', i, end, isNullPlain(written) ? null : written, undefined);
  }

  /** True when `key:` is written at `i`; a flow collection before a `:` is no key of the subset. */
  private startsKey(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return c !== 0x5b && c !== 0x7b && this.keyEnd(i) >= 0;
  }

  /**
   * The `:` after a key that starts at `i` (a plain key, or a quoted one), or -1 when the line
   * holds no key there. A key past a comment is no key.
   */
  private keyEnd(i: number): number {
    const { text, end } = this;
    const c = text.charCodeAt(i);
    let p = i;
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close < 0 || close >= end) return -1;
      p = this.skipSpaces(close + 1);
      return text.charCodeAt(p) === COLON && (p + 1 === end || text.charCodeAt(p + 1) === SPACE) ? p : -1;
    }
    for (; p < end; p++) {
      const ch = text.charCodeAt(p);
      if (ch === COLON && (p + 1 === end || text.charCodeAt(p + 1) === SPACE)) {
        if (p - i > MAX_KEY_LENGTH) notSure();
        return p;
      }
      if (ch === HASH && text.charCodeAt(p - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** The end of a one-line plain scalar in block context starting at `i`. */
  private plainEnd(i: number, inMap: boolean): number {
    const { text, end } = this;
    let stop = end;
    for (let p = i; p < end; p++) {
      const ch = text.charCodeAt(p);
      if (ch === COLON && (p + 1 === end || text.charCodeAt(p + 1) === SPACE)) {
        // In a map value this is a nested compact mapping (an error); in an item, item() took it as a key.
        if (inMap) notSure();
      } else if (ch === HASH && text.charCodeAt(p - 1) === SPACE) {
        stop = p;
        break;
      }
    }
    while (text.charCodeAt(stop - 1) === SPACE) stop--;
    return stop;
  }

  /** The end (after the closing quote) of a one-line quoted scalar without escapes at `i`. */
  private quotedEnd(i: number): number {
    const { text, end } = this;
    const quote = text.charCodeAt(i);
    const close = text.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (close < 0 || close >= end) notSure();
    if (quote === 0x27 && text.charCodeAt(close + 1) === 0x27) notSure();
    if (quote === 0x22) for (let p = i + 1; p < close; p++) if (text.charCodeAt(p) === 0x5c /* \ */) notSure();
    return close + 1;
  }

  /** The end of an anchor or alias name starting at `i`; the names yaml and this agree on. */
  private nameEnd(i: number): number {
    const { text } = this;
    let p = i;
    while (p < this.end && isNameChar(text.charCodeAt(p))) p++;
    if (p === i) notSure();
    const after = text.charCodeAt(p);
    if (p < this.end && after !== SPACE && after !== 0x2c && after !== 0x5d && after !== 0x7d) notSure();
    return p;
  }

  /** True when nothing but spaces and a comment (after a space, as YAML wants) follow `i` on the line. */
  private onlyComment(i: number): boolean {
    const at = this.skipSpaces(i);
    return at === this.end || (at > i && this.text.charCodeAt(at) === HASH);
  }

  private skipSpaces(i: number): number {
    while (i < this.end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  // -------------------------------------------------------------------------------------------
  // Flow collections: one line, scalars and aliases only.

  private flow(open: number, anchor: string | undefined): { node: YamlNode; end: number } {
    const { text } = this;
    const isSeq = text.charCodeAt(open) === 0x5b;
    const close = isSeq ? 0x5d : 0x7d;
    const node = isSeq ? seqNode(open, anchor) : mapNode(open, anchor);
    let p = this.skipSpaces(open + 1);
    if (text.charCodeAt(p) === close) return { node, end: p + 1 };
    for (;;) {
      if (isSeq) {
        const item = this.flowScalar(p, false);
        (node as SeqNode).items.push(item.node);
        p = item.end;
      } else {
        const key = this.flowScalar(p, true);
        if (key.node.kind === 'alias' || text.charCodeAt(key.end) !== COLON || text.charCodeAt(key.end + 1) !== SPACE) notSure();
        const value = this.flowScalar(this.skipSpaces(key.end + 1), false);
        (node as MapNode).pairs.push({ key: key.node, value: value.node });
        p = value.end;
      }
      p = this.skipSpaces(p);
      const c = text.charCodeAt(p);
      if (p < this.end && c === close) return { node, end: p + 1 };
      if (p >= this.end || c !== 0x2c) notSure();
      p = this.skipSpaces(p + 1);
      if (p >= this.end || text.charCodeAt(p) === close) notSure();
    }
  }

  /**
   * A scalar or alias inside a flow collection at `i`; `end` is after it and the spaces that
   * follow it when it is a flow map key (yaml lets `key :` be written).
   */
  private flowScalar(i: number, isKey: boolean): { node: YamlNode; end: number } {
    const { text } = this;
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const end = this.quotedEnd(i);
      const node = scalarNode(c === 0x22 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', i, end, text.slice(i + 1, end - 1), undefined);
      return { node, end: isKey ? this.skipSpaces(end) : end };
    }
    if (c === 0x2a) {
      const end = this.nameEnd(i + 1);
      return { node: aliasNode(text.slice(i + 1, end), i, end), end };
    }
    if (!plainMayStart(text, i, this.end) || ((c === DASH || c === 0x3f || c === COLON) && isFlowIndicator(text.charCodeAt(i + 1)))) notSure();
    let p = i;
    for (; p < this.end; p++) {
      const ch = text.charCodeAt(p);
      if (ch === 0x2c || ch === 0x5d || ch === 0x7d) break;
      if (ch === 0x5b || ch === 0x7b) notSure();
      if (ch === COLON) {
        const next = text.charCodeAt(p + 1);
        if (p + 1 === this.end || isFlowIndicator(next)) notSure();
        if (next === SPACE) {
          if (!isKey) notSure();
          break;
        }
      }
      if (ch === HASH && text.charCodeAt(p - 1) === SPACE) notSure();
    }
    if (p >= this.end) notSure();
    let stop = p;
    while (text.charCodeAt(stop - 1) === SPACE) stop--;
    const written = text.slice(i, stop);
    return { node: scalarNode('PLAIN', i, stop, isNullPlain(written) ? null : written, undefined), end: p };
  }

  // -------------------------------------------------------------------------------------------
  // Block scalars

  /**
   * `|` or `>` at `at` whose content must be indented at least `minIndent`. Its extent follows
   * yaml's lexer and its value yaml's resolveBlockScalar; the lines after it are skipped here.
   */
  private blockScalar(at: number, minIndent: number, anchor: string | undefined): YamlNode {
    const { text } = this;
    const literal = text.charCodeAt(at) === 0x7c;
    let p = at + 1;
    let chomp = '';
    const c = text.charCodeAt(p);
    if (c === DASH || c === 0x2b /* + */) {
      chomp = text[p];
      p++;
    }
    // An indentation indicator, or anything else in the header, goes to yaml.
    if (p < this.end && text.charCodeAt(p) !== SPACE) notSure();
    if (!this.onlyComment(p)) notSure();
    if (this.lineEnd >= text.length) notSure();
    const contentStart = this.lineEnd + 1;
    // The first line with content sets the indentation; empty lines before it may not be deeper.
    let indent = -1;
    let leading = 0;
    let lineStart = contentStart;
    for (; lineStart <= text.length; lineStart = nextLine(text, lineStart)) {
      const spaces = countSpaces(text, lineStart);
      if (isBlankAfter(text, lineStart + spaces)) {
        leading = Math.max(leading, spaces);
        if (lineStart + spaces >= text.length) break;
        continue;
      }
      indent = spaces;
      break;
    }
    // An empty block scalar, or one whose empty lines need an indentation indicator.
    if (indent < minIndent || leading > indent) notSure();
    // Content runs to the first line with less indentation; its empty lines may not be deeper (yaml
    // would keep their extra spaces).
    let contentEnd = lineStart;
    let stop = text.length;
    for (; lineStart < text.length; lineStart = nextLine(text, lineStart)) {
      const spaces = countSpaces(text, lineStart);
      if (isBlankAfter(text, lineStart + spaces)) {
        if (spaces > indent) notSure();
        // Spaces that end the text without a line break belong to the scalar only at its indentation.
        if (lineStart + spaces === text.length && spaces < indent) {
          stop = lineStart;
          break;
        }
        continue;
      }
      if (spaces < indent) {
        stop = lineStart;
        break;
      }
      contentEnd = nextLine(text, lineStart);
    }
    // Clipped and stripped scalars end with their last content line; kept ones take the empty lines too.
    const tokenEnd = Math.min(chomp === '+' ? stop : contentEnd, text.length);
    this.next = stop === text.length ? text.length + 1 : stop;
    const type: ScalarType = literal ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
    return scalarNode(type, at, tokenEnd, blockScalarValue(text.slice(contentStart, tokenEnd), literal, chomp), anchor);
  }
}

function emptyScalar(pending: Pending): YamlNode {
  return scalarNode('PLAIN', pending.emptyAt, pending.emptyAt, null, pending.anchor);
}

/** The YAML 1.2 core schema's null; the walk needs no other type of a plain scalar. */
function isNullPlain(written: string): boolean {
  return written === '~' || written === 'null' || written === 'Null' || written === 'NULL';
}

function hasLoneCr(text: string): boolean {
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) !== 0x0a) return true;
  }
  return false;
}

/** Plain scalars that yaml reads without complaint start with none of these. */
function plainMayStart(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  switch (c) {
    case DASH:
    case 0x3f /* ? */:
    case COLON:
      return i + 1 < end && text.charCodeAt(i + 1) !== SPACE;
    case 0x21: case 0x22: case 0x23: case 0x25: case 0x26: case 0x27: case 0x2a: case 0x2c: case 0x3e:
    case 0x40: case 0x5b: case 0x5d: case 0x60: case 0x7b: case 0x7c: case 0x7d:
      return false;
    default:
      return true;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === DASH || c === 0x2e;
}

function countSpaces(text: string, i: number): number {
  let n = 0;
  while (text.charCodeAt(i + n) === SPACE) n++;
  return n;
}

/** True when the line ends at `i` (a line break, or the text's end). */
function isBlankAfter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i >= text.length || c === 0x0a || (c === CR && text.charCodeAt(i + 1) === 0x0a);
}

function nextLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length + 1 : nl + 1;
}
