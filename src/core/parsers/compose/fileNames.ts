// What a compose file's name says (the environment it is for, or a stack of its own), and which
// YAML texts are compose files. Which names are compose files is in the table of source kinds
// (../../sources.ts).

import { environmentFromText } from '../../syntax/names';
import { dirOf } from '../../syntax/paths';

const COMPOSE_NAME = /^(?:docker-)?compose(.*)\.ya?ml$/i;

/**
 * What follows `compose` in the name, as words: `docker-compose.prod.yml` → `prod`; '' for the base
 * file. A compose file named otherwise (`kafka-ui.yaml`, `prod.yml`) is named by its whole name.
 */
function nameSuffix(fileName: string): string {
  const base = baseName(fileName);
  const m = COMPOSE_NAME.exec(base);
  // `\b` in environmentFromText does not break at '_', so separators become spaces first.
  return (m ? m[1] : base.replace(/\.ya?ml$/i, '')).replace(/[._-]+/g, ' ').trim();
}

/** Whether the name says compose (`compose.yaml`, `docker-compose-chat.yml`), not only the content (`kafka-ui.yaml`). */
export function isComposeNamed(fileName: string): boolean {
  return COMPOSE_NAME.test(baseName(fileName));
}

/** `docker-compose.prod.yml` → 'production'; the base `compose.yaml` and an override say nothing. */
export function composeEnvironmentFromFileName(fileName: string): string | undefined {
  const suffix = nameSuffix(fileName);
  return suffix === '' ? undefined : environmentFromText(suffix);
}

/**
 * `docker-compose-matrix.yml`, `compose.simple.yaml`: a stack of its own beside the folder's
 * project (its name, `matrix`), neither an environment of it nor an override; undefined otherwise.
 * For a file named otherwise (`kafka-ui.yaml`), the name such a stack would have: whether it is one
 * is the project model's to say (see ProjectModel's alternatives).
 */
export function standaloneStackName(fileName: string): string | undefined {
  const suffix = nameSuffix(fileName);
  if (suffix === '' || /^override$/i.test(suffix) || environmentFromText(suffix)) return undefined;
  return suffix.toLowerCase().replace(/\s+/g, '-');
}

// The names `docker compose` looks for in a folder, in its order of preference.
const DEFAULT_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * Default-named compose files that Compose does not run because another one in their folder comes
 * first (`compose.yaml` over a `docker-compose.yml` left from an older layout): each is a stack of
 * its own, run only when named with `-f`.
 */
export function shadowedDefaultFiles(files: readonly string[]): Set<string> {
  const preferred = new Map<string, string>();
  const rank = (file: string) => DEFAULT_NAMES.indexOf(baseName(file));
  for (const file of files) {
    if (rank(file) < 0) continue;
    const dir = dirOf(file);
    const best = preferred.get(dir);
    if (best === undefined || rank(file) < rank(best)) preferred.set(dir, file);
  }
  const chosen = new Set(preferred.values());
  return new Set(files.filter((file) => rank(file) >= 0 && !chosen.has(file)));
}

/** `docker-compose.yml`: the stack name of a shadowed default file is its name. */
export function defaultFileStack(file: string): string {
  return baseName(file);
}

// A compose file whatever its name (`pwd.yml`, `compose/infra.yml`, `docker-compose-core.yml` is
// one by name already): a top-level `services:` over a service with `image`, `build` or `ports`.
const TOP_SERVICES = /^services:[ \t]*(?:#.*)?$/m;
// A document indented as a whole (`  services:` on its first line) is the same mapping.
const INDENTED_SERVICES = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+services:[ \t]*(?:#[^\n]*)?\r?(?:\n|$)/;
const SERVICE_FIELD = /^[ \t]+(?:image|build|ports)[ \t]*:/m;
/** Only the head of a file is looked at: deciding must stay cheap for every YAML file of a repository. */
const HEAD_CHARS = 64 * 1024;

/** Whether a YAML text is a compose file: decided on its first 64 KB. */
export function looksLikeCompose(text: string): boolean {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  const services = TOP_SERVICES.exec(head) ?? INDENTED_SERVICES.exec(head);
  return !!services && SERVICE_FIELD.test(head.slice(services.index));
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
