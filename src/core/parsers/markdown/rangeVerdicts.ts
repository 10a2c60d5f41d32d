// Tables that audit themselves: each row gives the ports a service declares, the block a scheme
// assigns it, and a column answering whether it is inside (`| Declared ports | Block | Inside it? |`).
// A row that answers "no" records an out-of-range port in the document's own words; its ports are
// reported where they are written. The ports themselves allocate nothing here: such a table lists
// what each project declares on its own (container ports, often the same framework default), so
// reading them as allocations of one deployment would make conflicts nobody has.
import { cleanName } from '../../syntax/names';
import { isValidPort, parseRange, type WrittenRange } from '../../syntax/ports';
import { splitRow, type Cell } from './cells';
import { PORT_HEADER } from './tables';
import { currentContext, type MdState } from './state';

const RANGE_COLUMN = /\b(?:ranges?|blocks?|bands?|slots?|segments?)\b|范围|範囲|범위|端口段/i;
// "Inside it?", "In range?", "Compliant": the column that answers for the row.
const VERDICT_WORD = /\b(?:inside|within|in range|compliant|complies|conforms?|fits?)\b/i;
const VERDICT_COLUMN = new RegExp(String.raw`\?$|${VERDICT_WORD.source}`, 'i');
// A plain no, not "no block" or "none": the row must say the port is outside.
const NO = /^(?:no|false|✗|✘|❌|×|否|不是|いいえ|아니요|아니오|non|nein)(?![\p{L}\p{N}])/iu;
// A port written in the cell: a number standing alone, not part of a name (`web3d`) or a version.
const NUMBER = /(?<![\w.:/-])\d{1,5}(?![\w.:/%-])/g;

interface VerdictColumns {
  ports: number;
  range: number;
  verdict: number;
}

function columnsOf(header: Cell[]): VerdictColumns | undefined {
  const names = header.map((c) => cleanName(c.text));
  const verdict = names.findIndex((h) => VERDICT_COLUMN.test(h));
  if (verdict < 0) return undefined;
  const range = names.findIndex((h, i) => i !== verdict && RANGE_COLUMN.test(h));
  const ports = names.findIndex((h, i) => i !== verdict && i !== range && PORT_HEADER.test(h));
  return range < 0 || ports < 0 ? undefined : { ports, range, verdict };
}

/** Reports the ports of the rows that say they are outside their block. */
export function extractRangeVerdicts(state: MdState, headerLine: number, rowLines: number[]): void {
  const headerText = state.lines.lineText(headerLine);
  // Cheap pre-check: most tables have no verdict column, and their rows are not split again.
  if (!headerText.includes('?') && !VERDICT_WORD.test(headerText)) return;
  const columns = columnsOf(splitRow(headerText));
  if (!columns || currentContext(state).illustrative) return;
  rowLines.forEach((line, r) => {
    const cells = splitRow(state.lines.lineText(line));
    const verdict = cells[columns.verdict];
    const rangeCell = cells[columns.range];
    const portCell = cells[columns.ports];
    if (!verdict || !rangeCell || !portCell || !NO.test(cleanName(verdict.text))) return;
    const range = parseRange(rangeCell.text);
    if (!range) return;
    const lineStart = state.lines.lineStart(rowLines[r]);
    const rangeAt = lineStart + rangeCell.start;
    const rangeLoc = state.lines.location(state.ctx.file, rangeAt, rangeAt + rangeCell.text.length);
    for (const m of portCell.text.matchAll(NUMBER)) {
      const port = Number(m[0]);
      if (!isValidPort(port) || (port >= range.from && port <= range.to)) continue;
      const start = lineStart + portCell.start + m.index!;
      const name = nameBefore(portCell.text, m.index!);
      state.facts.problems.push({
        rule: 'out-of-range',
        message: `${name ? `${name} is on` : 'Port'} ${port}, outside the block ${rangeText(range)} its row assigns (the row says it is not inside)`,
        port,
        loc: state.lines.location(state.ctx.file, start, start + m[0].length),
        related: [{ loc: rangeLoc, message: `block ${rangeText(range)}` }],
      });
    }
  });
}

/** `ledger-api `4000`; ledger-web `3000``: the name written before a port, back to the previous separator. */
function nameBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  const from = Math.max(before.lastIndexOf(';'), before.lastIndexOf(','), before.lastIndexOf('|')) + 1;
  return cleanName(before.slice(from).replace(/[:=(]\s*$/, ''));
}

function rangeText(range: WrittenRange): string {
  return `${range.from}-${range.to}`;
}
