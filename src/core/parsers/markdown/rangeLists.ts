// List items that lead with a range: `- 5000-5099: Workflow engines`, `- **87xx** — APIs`,
// `- 10000+: Enterprise apps`, `- 7000-7999: Reserved for future expansion`. Read only in a section
// about ports and not in an example or history: elsewhere `- 2019-2021: lead engineer` is a date.
import { cleanName } from '../../syntax/names';
import { parseRange } from '../../syntax/ports';
import { blankDecoration } from './cellValues';
import { emitRangeEntry } from './rangeEntries';
import { currentContext, type MdState } from './state';

const RANGE_FIRST = /^\s*(\d{1,5}\s*[-–~]\s*\d{1,5}|\d{1,4}[xX]{1,3}|\d{2,5}\+)\s*(?::|[-–—→]|=>?)\s*(\S.*?)\s*$/;
const MAX_NAME = 60;

/** `text` is the item's first line after its marker, starting at absolute offset `at`. */
export function extractRangeItem(state: MdState, text: string, at: number): void {
  // Cheap pre-check before the expression: the item must start with a digit (after emphasis).
  if (!/^[\s*_`]*\d/.test(text)) return;
  const blank = blankDecoration(text);
  const m = RANGE_FIRST.exec(blank);
  if (!m) return;
  const range = parseRange(m[1]);
  const context = currentContext(state);
  if (!range || range.to - range.from < 1 || !context.aboutPorts || context.illustrative) return;
  const name = cleanName(m[2]).slice(0, MAX_NAME);
  if (name === '') return;
  const start = at + blank.indexOf(m[1]);
  // Bands listed in one section are compared with each other, not with the section ranges.
  const section = state.sections[state.sections.length - 1];
  emitRangeEntry(state, context, {
    name, text: m[2], from: range.from, to: range.to, start, end: start + m[1].length, group: `${state.ctx.file}#bands@${section.line}`,
  });
}
