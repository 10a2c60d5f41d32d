// A compose file whose opening comment says where its ports go ("# Remaps ports to 90xx range",
// "# Host ports in the 7000-7099 range"): every host port it publishes belongs to that range, so
// one published outside it is out of range.
import type { FileFacts } from '../model';
import { cleanName } from '../syntax/names';
import { findRanges, type RangeInText } from '../syntax/ports';
import { ILLUSTRATIVE } from './markdown/sections';
import { LineIndex } from '../text/lineIndex';

// The clause must speak of ports and of a range: "ports 8000-8099 are the API's" is no promise about the file.
const PORTS = /\bports?\b/i;
const RANGE_WORD = /\b(?:range|block|band)\b/i;

/** Declares the range of the file's opening comment, if it gives one, and gives it the published ports. */
export function readComposeRangeHeader(text: string, facts: FileFacts): void {
  const header = headerRange(text);
  if (!header) return;
  const published = facts.allocations.filter((a) => a.source === 'compose' && !a.claim && a.containerPort !== undefined);
  if (published.length === 0) return;
  const id = `${facts.file}#range@${header.start}`;
  const lines = new LineIndex(text);
  facts.ranges.push({ id, name: header.name, from: header.from, to: header.to, scope: '', loc: lines.location(facts.file, header.start, header.end) });
  for (const a of published) a.ownerRange = id;
}

/** A range written in a header comment, with the name the header gives it. */
type Header = RangeInText & { name: string };

/** The one range of the comment lines before the file's first key, in a clause about ports and a range. */
function headerRange(text: string): Header | undefined {
  let found: Header | undefined;
  for (let at = 0; at < text.length;) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) break;
    // Cheap pre-check: most comment lines name no range.
    if (!RANGE_WORD.test(line)) {
      at = end + 1;
      continue;
    }
    for (const clause of clausesOf(line)) {
      if (!PORTS.test(clause.text) || !RANGE_WORD.test(clause.text) || ILLUSTRATIVE.test(clause.text)) continue;
      const ranges = findRanges(clause.text);
      if (ranges.length !== 1) continue;
      // Two promises in one header: which one a port keeps is not known.
      if (found) return undefined;
      const start = at + clause.start + ranges[0].start;
      found = { name: nameOf(clause.text), from: ranges[0].from, to: ranges[0].to, start, end: start + ranges[0].end - ranges[0].start };
    }
    at = end + 1;
  }
  return found;
}

/** The clause up to its word "range": `Remaps ports to 90xx range and adds a network` → `Remaps ports to 90xx range`. */
function nameOf(clause: string): string {
  const word = RANGE_WORD.exec(clause)!;
  return cleanName(clause.slice(0, word.index + word[0].length).replace(/^[\s#]+/, ''));
}

function clausesOf(line: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /[^,;.]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}
