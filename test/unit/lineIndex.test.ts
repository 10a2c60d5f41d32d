// LineIndex: offsets to 1-based lines and columns, checked against a count done by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/text/lineIndex';
import { naivePosition } from '../fuzz/properties';

test('span: both ends on one line, on different lines, at the end of the text and backwards, as counted by hand', () => {
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (const text of ['', 'one line', 'a\nbb\n\nccc\n', 'x\r\ny\rz\r\n', 'ports:\n  - "8080:80"\n  - "9090:90"']) {
    for (let k = 0; k < 60; k++) {
      const start = next(text.length + 1);
      const end = next(text.length + 1);
      const span = new LineIndex(text).span(start, end);
      // An offset between CR and LF is taken as the end of the line, before the CR.
      const at = (o: number) => (text[o] === '\n' && text[o - 1] === '\r' ? o - 1 : o);
      const [from, to] = [naivePosition(text, at(start)), naivePosition(text, at(end))];
      assert.deepEqual([span.startLine, span.startColumn, span.endLine, span.endColumn], [from.line, from.column, to.line, to.column], `${JSON.stringify(text)} ${start}-${end}`);
    }
  }
});
