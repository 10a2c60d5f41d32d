// A scalar's value after interpolation, and the way from any slice of it back to source offsets,
// so each fact keeps the exact span it was written at.

import { interpolate } from './interpolation';
import type { Piece, Seg } from './interpolation';
import type { ScalarNode } from '../yaml/tree';
import { resolve } from './walk';
import type { Value, Walk } from './walk';

export interface Text {
  value: string;
  pieces: Piece[];
  /** Source offset of the raw text when it maps 1:1 onto the source; else the whole scalar is used. */
  rawStart?: number;
  scalarStart: number;
  scalarEnd: number;
}

export function scalarText(node: Value, walk: Walk): Text | undefined {
  const scalar = resolve(node, walk);
  if (scalar?.kind !== 'scalar' || scalar.value === null) return undefined;
  const raw = rawScalar(scalar, scalar.value, walk.source);
  const { value, pieces } = interpolate(raw.text, walk.opts.ctx.env, 0, walk.opts.ctx.envTemplate);
  return { value, pieces, rawStart: raw.start, scalarStart: scalar.start, scalarEnd: scalar.end };
}

/**
 * The scalar as written, so `22:22` or `08080` are never reinterpreted by a schema. Escaped,
 * folded and block scalars have no 1:1 map to the source; their parsed value is used instead.
 */
function rawScalar(scalar: ScalarNode, value: string, source: string): { text: string; start?: number } {
  const { start, end } = scalar;
  const written = source.slice(start, end);
  if (scalar.type === 'PLAIN' && !/[\r\n]/.test(written)) return { text: written, start };
  const inner = written.slice(1, -1);
  if (scalar.type === 'QUOTE_DOUBLE' && !/[\\\r\n]/.test(inner)) return { text: inner, start: start + 1 };
  if (scalar.type === 'QUOTE_SINGLE' && !/''|[\r\n]/.test(inner)) return { text: inner, start: start + 1 };
  return { text: value };
}

export interface Located {
  start: number;
  end: number;
  variable?: string;
}

/** Source offsets (in the YAML text) of a slice of a Text's value. */
export function locate(text: Text, seg: Seg): Located {
  let start = Infinity;
  let end = -Infinity;
  let variable: string | undefined;
  for (const piece of text.pieces) {
    if (piece.to <= seg.from || piece.from >= seg.to) continue;
    const pieceStart = piece.literal ? piece.rawStart + Math.max(seg.from - piece.from, 0) : piece.rawStart;
    const pieceEnd = piece.literal ? piece.rawStart + Math.min(seg.to, piece.to) - piece.from : piece.rawEnd;
    start = Math.min(start, pieceStart);
    end = Math.max(end, pieceEnd);
    variable ??= piece.variable;
  }
  if (text.rawStart === undefined || start > end) return { start: text.scalarStart, end: text.scalarEnd, variable };
  return { start: text.rawStart + start, end: text.rawStart + end, variable };
}

export function whole(text: Text): Seg {
  return { from: 0, to: text.value.length };
}

export function slice(text: Text, seg: Seg): string {
  return text.value.slice(seg.from, seg.to);
}
