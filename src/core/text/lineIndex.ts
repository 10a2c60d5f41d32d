import type { Location, Position, Span } from '../model';

/** Maps offsets in one text to 1-based lines and columns, in O(log lines) per lookup. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // Most files have no CR at all: their lines are found by native search.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.starts.push(i + 1);
      } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
        // A lone CR ends a line too (old Mac line endings, mixed files).
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const at = this.clamp(offset);
    const line = this.lineAt(at);
    return { offset: at, line: line + 1, column: at - this.starts[line] + 1 };
  }

  span(start: number, end: number): Span {
    const from = this.clamp(start);
    const to = this.clamp(end);
    const first = this.lineAt(from);
    // Nearly every span ends on the line it starts on: no second search for it.
    const sameLine = to >= from && (first + 1 === this.starts.length || to < this.starts[first + 1]);
    const last = sameLine ? first : this.lineAt(to);
    return {
      startOffset: from, startLine: first + 1, startColumn: from - this.starts[first] + 1,
      endOffset: to, endLine: last + 1, endColumn: to - this.starts[last] + 1,
    };
  }

  location(file: string, start: number, end: number): Location {
    return { file, span: this.span(start, end) };
  }

  /** An offset inside a CRLF pair (a YAML error can point there) is taken as the line's end, before the CR. */
  private clamp(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    return this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13 ? clamped - 1 : clamped;
  }

  /** The 0-based line holding an offset. */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Text of a 1-based line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.starts.length ? this.starts[line] : this.text.length;
    let end = next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}
