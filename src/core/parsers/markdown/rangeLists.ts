// List items (and lines of a plain block listing ports) that lead with a range: `- 5000-5099:
// Workflow engines`, `- **87xx** — APIs`, `- 10000+: Enterprise apps`, `- 7000-7999: Reserved for
// future expansion`; or name one with its range in parentheses: `- **Frontend services**
// (3000-3099)`. Read only in a section about ports and not in an example or history: elsewhere
// `- 2019-2021: lead engineer` is a date.
import { cleanName } from '../../syntax/names';
import { parseRange } from '../../syntax/ports';
import { blankDecoration } from './cellValues';
import { emitRangeEntry } from './rangeEntries';
import { currentContext, type MdState } from './state';

/** A range as list items and principles write it: `5000-5099`, `87xx`, `9000+`. */
export const RANGE = String.raw`(\d{1,5}\s*[-–~]\s*\d{1,5}|\d{1,4}[xX]{1,3}|\d{2,5}\+)`;
const RANGE_FIRST = new RegExp(String.raw`^\s*${RANGE}\s*(?::|[-–—→]|=>?)\s*(\S.*?)\s*$`);
// `- **Frontend services** (3000-3099)`, `- Workers (70xx): queue consumers`: a short name, then its range.
const NAME_THEN_RANGE = new RegExp(String.raw`^\s*([\p{L}][\p{L}\p{N} ._/&+'-]{0,50}?)\s*\(\s*${RANGE}\s*\)\s*(?:[:–—-].*)?$`, 'u');
const MAX_NAME = 60;

/** A block's line that leads with a range (`4180-4189 - Notification Service`), as rangeFirst reads it. */
export function leadsWithRange(line: string): boolean {
  return rangeFirst(line) !== undefined;
}

/** `text` is the item's first line after its marker, starting at absolute offset `at`. */
export function extractRangeItem(state: MdState, text: string, at: number): void {
  const found = rangeFirst(text) ?? nameThenRange(text);
  if (!found) return;
  const range = parseRange(found.range);
  const context = currentContext(state);
  if (!range || range.to - range.from < 1 || !context.aboutPorts || context.illustrative) return;
  const name = cleanName(found.name).slice(0, MAX_NAME);
  if (name === '') return;
  const start = at + found.at;
  // Bands listed in one section are compared with each other, not with the section ranges.
  const section = state.sections[state.sections.length - 1];
  emitRangeEntry(state, context, {
    name, owner: found.name, text, from: range.from, to: range.to, start, end: start + found.range.length, group: `${state.ctx.file}#bands@${section.line}`,
  });
}

interface Found {
  range: string;
  name: string;
  /** Offset of the range in the item's text. */
  at: number;
}

function rangeFirst(text: string): Found | undefined {
  // Cheap pre-check before the expression: the item must start with a digit (after emphasis).
  if (!/^[\s*_`]*\d/.test(text)) return undefined;
  const blank = blankDecoration(text);
  const m = RANGE_FIRST.exec(blank);
  return m ? { range: m[1], name: m[2], at: blank.indexOf(m[1]) } : undefined;
}

function nameThenRange(text: string): Found | undefined {
  // Cheap pre-check: a range in parentheses needs a `(` followed by a digit.
  if (!/\(\s*\d/.test(text)) return undefined;
  const blank = blankDecoration(text);
  const m = NAME_THEN_RANGE.exec(blank);
  return m ? { range: m[2], name: m[1], at: blank.indexOf(m[2], m[1].length) } : undefined;
}
