// Recording what the walk finds: mentions and invalid-port problems at their source spans.

import type { Location } from '../../model';
import type { Seg } from './interpolation';
import { locate } from './scalarText';
import type { Located, Text } from './scalarText';
import type { Walk } from './walk';

export function location(walk: Walk, at: Located): Location {
  return walk.lines.location(walk.opts.ctx.file, walk.base + at.start, walk.base + at.end);
}

export function mention(port: number, text: Text, seg: Seg, walk: Walk): void {
  walk.out.mentions.push({ port, loc: location(walk, locate(text, seg)) });
}

export function invalidPort(message: string, text: Text, seg: Seg, walk: Walk, port?: number, severity?: 'warning'): void {
  const at = locate(text, seg);
  const from = at.variable ? ` (from ${at.variable})` : '';
  walk.out.problems.push({ rule: 'invalid-port', message: message + from, port, loc: location(walk, at), ...(severity ? { severity } : {}) });
}
