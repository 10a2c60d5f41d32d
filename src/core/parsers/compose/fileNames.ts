// Which files are compose files, and the environment a compose file's name says it is for.

import { environmentFromText, VARIANT_PREFIX } from '../../syntax/names';

const COMPOSE_NAME_RE = /^(?:docker-)?compose(?:[._-][^\\/]*)?\.ya?ml$/i;

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose.dev.yaml`, ... */
export function isComposeFileName(name: string): boolean {
  return COMPOSE_NAME_RE.test(baseName(name));
}

/** `docker-compose.prod.yml` → 'production'; the base `compose.yaml` says nothing. */
export function composeEnvironmentFromFileName(fileName: string): string | undefined {
  const m = /^(?:docker-)?compose(.*)\.ya?ml$/i.exec(baseName(fileName));
  // `\b` in environmentFromText does not break at '_', so separators become spaces first.
  const suffix = m ? m[1].replace(/[._-]+/g, ' ').trim() : '';
  if (suffix === '' || /^override$/i.test(suffix)) return undefined;
  // `docker-compose.simple.yml` is an alternative stack, compared with nothing but itself.
  return environmentFromText(suffix) ?? `${VARIANT_PREFIX}${suffix.toLowerCase().replace(/\s+/g, '-')}`;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
