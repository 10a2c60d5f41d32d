// Section headers in `.env` files that declare a range for the keys below them:
// `# === Billing (32xx) ===`, `# --- Workers: 7000-7099 ---`, `# Edge (9000-9099)`. The keys
// under such a header, up to the next header or the next comment that opens a new paragraph,
// belong to that range, so a port of theirs outside it is out of range.
import type { FileFacts } from '../model';
import type { LineIndex } from '../text/lineIndex';
import { cleanName } from '../syntax/names';
import { findRanges, type RangeInText } from '../syntax/ports';
import { ILLUSTRATIVE } from './markdown/sections';

// A comment that is only a name and one range, with decoration around: nothing after the range but
// a closing bracket, so "# Ports 3000-3099 are taken by the old stack" is a sentence, not a header.
const DECORATION = /^[\s#=*~\-–—_]*|[\s#=*~\-–—_]*$/g;
// Decorated rules (`# ====`, `# --- Shared ---`) start a new block of keys even without a range.
const RULE = /^\s*#+\s*(?:[=*~\-–—_]{3,}|#{2,}\s)/;
const MAX_NAME_WORDS = 5;
const RANGE_COMMENT = /^[ \t]*#[^\n]*?\d(?:[xX]{2}|\s*[-–~]\s*\d|\+)/m;

interface HeaderRange {
  id: string;
  /** Offsets of the block of keys the header heads. */
  from: number;
  to: number;
}

/** Declares the ranges of the file's range headers and gives each its keys' allocations. */
export function readEnvRangeHeaders(text: string, lines: LineIndex, facts: FileFacts): void {
  // Cheap pre-check, one scan: a range header is a comment line with something range-like in it.
  if (!RANGE_COMMENT.test(text)) return;
  const blocks: HeaderRange[] = [];
  let open: HeaderRange | undefined;
  let blankBefore = true;
  for (let at = 0; at < text.length;) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end);
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      const header = rangeHeader(line);
      // A header, a rule, or a comment opening a new paragraph ends the block above it.
      if (open && (header || RULE.test(line) || blankBefore)) open = close(open, at, blocks);
      if (header) {
        const start = at + header.start;
        const id = `${facts.file}#range@${start}`;
        facts.ranges.push({
          id, name: header.name, from: header.from, to: header.to, scope: '',
          loc: lines.location(facts.file, start, at + header.end),
        });
        open = { id, from: end, to: text.length };
      }
    }
    blankBefore = trimmed === '';
    at = end + 1;
  }
  if (open) blocks.push(open);
  if (blocks.length === 0) return;
  for (const a of facts.allocations) {
    const block = a.claim ? undefined : blocks.find((b) => a.group >= b.from && a.group < b.to);
    if (block) a.ownerRange = block.id;
  }
}

function close(block: HeaderRange, at: number, blocks: HeaderRange[]): undefined {
  blocks.push({ ...block, to: at });
  return undefined;
}

/** A range written in a header comment, with the name the header gives it (offsets within the line). */
type Header = RangeInText & { name: string };

function rangeHeader(line: string): Header | undefined {
  const ranges = findRanges(line);
  if (ranges.length !== 1) return undefined;
  const [range] = ranges;
  const after = line.slice(range.end).replace(DECORATION, '');
  if (after !== '' && after !== ')' && after !== ']') return undefined;
  const name = cleanName(line.slice(0, range.start).replace(DECORATION, '').replace(/[(:[]\s*$/, ''));
  // "# Old block (87xx)", "# Example (90xx)": history and examples own nothing.
  if (name === '' || name.split(' ').length > MAX_NAME_WORDS || /^\d/.test(name) || ILLUSTRATIVE.test(name)) return undefined;
  return { name, from: range.from, to: range.to, start: range.start, end: range.end };
}
