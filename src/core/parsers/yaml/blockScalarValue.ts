// A block scalar's value (`|` keeps the lines, `>` folds them; `-` strips the final line break, `+`
// keeps the empty lines after it), following yaml's resolveBlockScalar line for line so that the
// fast reader's values are yaml's, down to the empty lines.

/**
 * The value of a block scalar whose content (the lines after its header) is `source`, computed
 * as yaml's resolveBlockScalar computes it, for the block scalars the fast reader accepts: no
 * indentation indicator, no tabs, no empty line deeper than the content.
 */
export function blockScalarValue(source: string, literal: boolean, chomp: string): string {
  const lines = splitLines(source);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i][1];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  let trimIndent = 0;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content !== '' && content !== '\r') {
      trimIndent = indent.length;
      contentStart = i;
      break;
    }
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const indent = lines[i][0];
    let content = lines[i][1];
    if (content[content.length - 1] === '\r') content = content.slice(0, -1);
    if (literal) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp === '') {
    value += '\n';
  }
  return value;
}

/** Lines as [indentation, rest], split as yaml splits them. */
function splitLines(source: string): Array<[string, string]> {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first)!;
  const lines: Array<[string, string]> = [[m[1], first.slice(m[1].length)]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}
