// Helm chart templates (`templates/*.yaml`) are YAML with Go template actions in it: `{{ ... }}`
// lines that open and close blocks or paste in whole maps, and actions inside values. Only what is
// written literally is a fact, so before the text is read as YAML every action is overwritten in
// place (offsets, lines and columns stay those of the file): an action alone on its line, or a
// template comment, becomes spaces (a blank line); one inside a value becomes `x`s, so the value is
// still a scalar, which the reader then recognises as not literal by the original text.

const COMMENT = /^\{\{-?\s*\/\*[\s\S]*\*\/\s*-?\}\}$/;

export interface Untemplated {
  /** The text with every action overwritten, as long as the original. */
  text: string;
  /** Where an action that stood on a line of its own was blanked: a block, or a map pasted in. */
  blanked: number[];
}

interface Action {
  start: number;
  end: number;
}

export function withoutTemplates(text: string): Untemplated {
  const actions = actionsIn(text);
  if (actions.length === 0) return { text, blanked: [] };
  const pieces: string[] = [];
  const blanked: number[] = [];
  let last = 0;
  for (const line of byLine(actions, text)) {
    const alone = standsAlone(line, text);
    for (const { start, end } of line) {
      const written = text.slice(start, end);
      const comment = COMMENT.test(written);
      if (alone && !comment) blanked.push(start);
      pieces.push(text.slice(last, start), written.replace(/[^\r\n]/g, alone || comment ? ' ' : 'x'));
      last = end;
    }
  }
  pieces.push(text.slice(last));
  return { text: pieces.join(''), blanked };
}

/** Every `{{ ... }}`, in order: actions do not nest, and the first `}}` ends one. One pass, whatever the text. */
function actionsIn(text: string): Action[] {
  const out: Action[] = [];
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', out[out.length - 1].end)) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    out.push({ start: open, end: close + 2 });
  }
  return out;
}

/** Actions in runs that share lines: the next starts on the line the one before it ends on. */
function byLine(actions: Action[], text: string): Action[][] {
  const runs: Action[][] = [];
  for (const action of actions) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (previous && !text.slice(previous.end, action.start).includes('\n')) run.push(action);
    else runs.push([action]);
  }
  return runs;
}

/** Whether the lines a run of actions is on hold nothing else but spaces. */
function standsAlone(run: Action[], text: string): boolean {
  const lineStart = text.lastIndexOf('\n', run[0].start - 1) + 1;
  const next = text.indexOf('\n', run[run.length - 1].end);
  let from = lineStart;
  for (const { start, end } of run) {
    if (text.slice(from, start).trim() !== '') return false;
    from = end;
  }
  return text.slice(from, next < 0 ? text.length : next).trim() === '';
}

/** Whether text as written is literal: no template action or `${VAR}` placeholder in it. */
export function isLiteral(written: string): boolean {
  return !written.includes('{{') && !written.includes('${');
}
