// Changing one written port: the quick fix for a mismatched place edits that number and nothing else.
import type { Allocation } from '../model';
import { portSpans } from './portSpans';
import type { TextEdit, TextHost } from './textEdit';

export type EditPlan = { edits: TextEdit[] } | { error: string };

/** The edits that make `place` say `newPort`: its digits (or, for `${VAR:-N}`, where N is set). */
export function planChangePort(place: Pick<Allocation, 'port' | 'endPort' | 'loc' | 'source'>, newPort: number, host: TextHost): EditPlan {
  const found = portSpans(place, host);
  if ('error' in found) return found;
  return { edits: found.spans.map((s) => ({ ...s, newText: String(newPort) })) };
}
