// `docker compose -f docker-compose.yml -f docker-compose.dev.yml up` in a document, or
// `COMPOSE_FILE=docker-compose.yml:monitoring.yml`: the files named together are one project
// Compose merges, whatever their names say.
import { joinPath } from './paths';

const COMMAND = /\bdocker(?:-compose|[ \t]+compose)((?:[ \t]+(?:-f|--file)(?:[ \t]+|=)["']?[^\s"'`;&|]+["']?)+)/g;
const FILE = /(?:-f|--file)(?:[ \t]+|=)["']?([^\s"'`;&|]+)/g;

/**
 * The sets of two or more compose files the text's commands name together, as paths from the
 * check root; `cwd` is the folder the commands run in. A name with a variable is left out.
 */
export function composeSetsIn(text: string, cwd: string): string[][] {
  const commands = text.includes('-f') || text.includes('--file');
  const variable = text.includes('COMPOSE_FILE');
  if (!commands && !variable) return [];
  const sets = new Map<string, string[]>();
  const add = (files: string[]) => {
    const unique = [...new Set(files)];
    if (unique.length > 1) sets.set(unique.join('\u0000'), unique);
  };
  // A command continued over lines (`-f a.yml \` then `-f b.yml up`) is one command.
  const joined = text.includes('\\\n') || text.includes('\\\r\n') ? text.replace(/\\\r?\n[ \t]*/g, ' ') : text;
  if (commands) for (const command of joined.matchAll(COMMAND)) add(filesFrom([...command[1].matchAll(FILE)].map((m) => m[1]), cwd));
  if (variable) for (const m of joined.matchAll(COMPOSE_FILE_SETTING)) add(composeFileList(m[1], cwd));
  return [...sets.values()];
}

// `COMPOSE_FILE=compose.yaml:monitoring.yaml` (`export`ed, or in `.env`): the files Compose merges.
const COMPOSE_FILE_SETTING = /\bCOMPOSE_FILE=["']?([^\s"'`]+)/g;

/**
 * The files a `COMPOSE_FILE` value lists, as paths from the check root; `cwd` is the folder
 * Compose runs in. Compose splits it at `:` (`;` on Windows).
 */
export function composeFileList(value: string, cwd: string): string[] {
  return filesFrom(value.split(/[:;]/), cwd);
}

/** Written file names as paths from the check root: empty ones and ones with a variable left out. */
function filesFrom(written: string[], cwd: string): string[] {
  return written.filter((f) => f !== '' && !f.includes('$')).map((f) => joinPath(cwd, f)).filter((f): f is string => f !== undefined);
}
