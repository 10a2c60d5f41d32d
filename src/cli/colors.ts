// Colour in the text report: on a terminal, unless NO_COLOR is set (https://no-color.org) or the
// command line says otherwise; never in a pipe or a file, where escape codes are noise.

export interface Colors {
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const PLAIN: Colors = { error: (s) => s, warning: (s) => s, info: (s) => s, dim: (s) => s, bold: (s) => s };

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ANSI: Colors = { error: sgr(31, 39), warning: sgr(33, 39), info: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) };

/** `forced` is --color (true) or --no-color (false); otherwise a terminal without NO_COLOR gets colour. */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, forced?: boolean): Colors {
  if (forced !== undefined) return forced ? ANSI : PLAIN;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN;
  return stream.isTTY === true ? ANSI : PLAIN;
}

export { PLAIN as NO_COLORS };
