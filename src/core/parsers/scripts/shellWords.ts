// The words of a command line as `sh` reads it (npm runs scripts with it, foreman and Heroku run a
// Procfile's commands with it): simple commands split at `&&`, `||`, `;`, `|`, `&` and line breaks,
// each a list of words with their quotes and escapes removed. Every character of a word keeps its
// index in the line, so a port read from a word is located exactly, whatever quoting surrounded it.
// Nothing is expanded: `$PORT` stays `$PORT`, which no caller takes for a port.

export interface Word {
  /** The word as the command receives it: quotes and escapes removed. */
  text: string;
  /** The index in the line of each character of `text`. */
  at: number[];
}

export interface SimpleCommand {
  words: Word[];
  /** The operator before the command ('' for the first): `|` starts a pipeline's next process. */
  after: string;
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];
// Where an unquoted word ends.
const WORD_END = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** The simple commands of `line`, in order; comments and redirections are left out. */
export function simpleCommands(line: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: Word[] = [];
  let after = '';
  const finish = (operator: string) => {
    if (words.length > 0) out.push({ words, after });
    words = [];
    after = operator;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      // A comment runs to the end of the line.
      while (i < line.length && line[i] !== '\n') i++;
    } else if (c === '<' || c === '>' || (c === '&' && line[i + 1] === '>')) {
      i = skipRedirection(line, i);
    } else {
      const operator = OPERATORS.find((op) => line.startsWith(op, i));
      if (operator) {
        finish(operator);
        i += operator.length;
        continue;
      }
      const word = readWord(line, i);
      // `2>&1`: the digits before a redirection are its file descriptor, not an argument.
      const redirects = line[word.end] === '>' || line[word.end] === '<';
      if (!(redirects && /^\d+$/.test(word.word.text))) words.push(word.word);
      i = word.end;
    }
  }
  finish('');
  return out;
}

/** `> file`, `2>>log`, `>&2`, `&> /dev/null`, `< input`: the operator and its target. */
function skipRedirection(line: string, from: number): number {
  let i = from;
  while (i < line.length && '<>&|'.includes(line[i])) i++;
  // `>&2` names a descriptor, not a file.
  if (line[i - 1] === '&' && /\d|-/.test(line[i] ?? '')) {
    while (i < line.length && /[\d-]/.test(line[i])) i++;
    return i;
  }
  while (line[i] === ' ' || line[i] === '\t') i++;
  return i < line.length && !WORD_END.has(line[i]) ? readWord(line, i).end : i;
}

/** The word that starts at `from`, and where it ends. An unclosed quote runs to the end of the line. */
function readWord(line: string, from: number): { word: Word; end: number } {
  let text = '';
  const at: number[] = [];
  const take = (index: number) => {
    text += line[index];
    at.push(index);
  };
  let i = from;
  while (i < line.length && !WORD_END.has(line[i])) {
    const c = line[i];
    if (c === "'") {
      // Single quotes: every character is literal.
      for (i++; i < line.length && line[i] !== "'"; i++) take(i);
      i++;
    } else if (c === '"') {
      for (i++; i < line.length && line[i] !== '"'; i++) {
        // In double quotes a backslash escapes only what would be special there.
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1] ?? '')) i++;
        take(i);
      }
      i++;
    } else if (c === '\\') {
      // A backslash before a line break continues the line; before anything else it quotes it.
      if (line[i + 1] === '\n') i += 2;
      else if (i + 1 < line.length) {
        take(i + 1);
        i += 2;
      } else i++;
    } else if (c === '$' && line[i + 1] === '(') {
      i = skipSubstitution(line, i, take);
    } else if (c === '`') {
      take(i);
      for (i++; i < line.length && line[i] !== '`'; i++) take(i);
      if (i < line.length) take(i);
      i++;
    } else {
      take(i);
      i++;
    }
  }
  return { word: { text, at }, end: Math.min(i, line.length) };
}

/** `$(...)`, nested or not, taken into the word whole: its parentheses are not operators. */
function skipSubstitution(line: string, from: number, take: (index: number) => void): number {
  let depth = 0;
  let i = from;
  for (; i < line.length; i++) {
    take(i);
    if (line[i] === '(') depth++;
    else if (line[i] === ')' && --depth === 0) return i + 1;
  }
  return i;
}
