// Makefiles, shell scripts and justfiles say no port of their own, but a `docker compose -f
// docker-compose.yml -f docker-compose.metrics.yml up` in one names files Compose merges into one
// project, as the same command in a README does (the project model's deployment units). That is
// all they are read for.
import { emptyFacts, type FileFacts, type ParseContext } from '../../model';
import { composeSetsIn } from '../../syntax/composeSets';
import { dirOf } from '../../syntax/paths';

// A folder of helper scripts, which are run from the folder above it (`./scripts/up.sh`).
const SCRIPT_FOLDERS = new Set(['scripts', 'script', 'bin', 'tools', 'hack']);

// A `#` comment line of a Makefile, a shell script or a justfile: a command written out, not run.
const COMMENT_LINE = /^[ \t]*#.*$/gm;

export function parseComposeCommands(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'commands');
  // Most scripts start no compose command at all: they cost one search.
  if (!/\bcompose\b|COMPOSE_FILE/.test(text)) return facts;
  const commands = text.replace(COMMENT_LINE, '');
  const sets = workingFolders(ctx.file).flatMap((cwd) => composeSetsIn(commands, cwd));
  if (sets.length > 0) facts.composeSets = sets;
  return facts;
}

/**
 * The folders the file's commands may run in: its own (make runs a Makefile's recipes there) and,
 * for a script in a folder of scripts, the one above, where it is usually started from. The
 * project model keeps only sets of files that exist, so a wrong guess names nothing.
 */
function workingFolders(file: string): string[] {
  const folder = dirOf(file);
  const name = folder.slice(folder.lastIndexOf('/') + 1).toLowerCase();
  return SCRIPT_FOLDERS.has(name) ? [folder, dirOf(folder)] : [folder];
}
