// `docker compose -f docker-compose.yml -f docker-compose.dev.yml up` in a document: the files a
// command names together are one project Compose merges, whatever their names say.
import { joinPath } from '../../syntax/paths';

const COMMAND = /\bdocker(?:-compose|[ \t]+compose)((?:[ \t]+(?:-f|--file)(?:[ \t]+|=)["']?[^\s"'`;&|]+["']?)+)/g;
const FILE = /(?:-f|--file)(?:[ \t]+|=)["']?([^\s"'`;&|]+)/g;

/**
 * The sets of two or more compose files the text's commands name together, as paths from the
 * check root; `cwd` is the folder the commands run in. A name with a variable is left out.
 */
export function composeSetsIn(text: string, cwd: string): string[][] {
  if (!text.includes('-f') && !text.includes('--file')) return [];
  const sets = new Map<string, string[]>();
  for (const command of text.matchAll(COMMAND)) {
    const files = [...command[1].matchAll(FILE)]
      .map((m) => m[1])
      .filter((f) => !f.includes('$'))
      .map((f) => joinPath(cwd, f))
      .filter((f): f is string => f !== undefined);
    const unique = [...new Set(files)];
    if (unique.length > 1) sets.set(unique.join('\u0000'), unique);
  }
  return [...sets.values()];
}
