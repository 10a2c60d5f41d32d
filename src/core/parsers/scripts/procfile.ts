// Procfile (Heroku, foreman, overmind): `<process type>: <command>` lines. The app is the folder's
// (the service is its name); the `web` process's port is the app's main port, another process's
// port has the process type for its role. `web` is the process that serves HTTP, so any program's
// `--port 5000` there is where it listens; elsewhere only known servers' flags count. `$PORT`,
// which Heroku sets, says no port. `Procfile.dev` is the app in development.
import { emptyFacts, type FileFacts, type ParseContext } from '../../model';
import { environmentFromText } from '../../syntax/names';
import { baseOf, dirOf } from '../../syntax/paths';
import { findSuppressions } from '../../syntax/suppressions';
import { LineIndex } from '../../text/lineIndex';
import { addCommandFacts } from './commandFacts';

// foreman's own pattern for a process line; anything else (a `#` comment) is not one.
const PROCESS_LINE = /^([A-Za-z0-9_-]+):[ \t]*(.*)$/;

export function parseProcfile(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'procfile');
  facts.suppressions = findSuppressions(text);
  const lines = new LineIndex(text);
  const environment = environmentFromText(baseOf(ctx.file).slice('Procfile'.length).replace(/[._-]+/g, ' '));
  const folder = dirOf(ctx.file);
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    const process = PROCESS_LINE.exec(line);
    if (process) {
      const [, type, command] = process;
      const commandStart = start + line.length - command.length;
      const web = type.toLowerCase() === 'web';
      addCommandFacts(command, (i) => commandStart + i, {
        facts, lines, service: ctx.folderName, role: web ? undefined : type, environment, group: start, folder,
      }, { anyPortFlag: web });
    }
    start = end + 1;
  }
  return facts;
}
