// Paths inside a check root use '/' separators.

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** The `.env` file in a folder (`''` is the root), the one compose files there interpolate from. */
export function envFileIn(dir: string): string {
  return dir === '' ? '.env' : `${dir}/.env`;
}

// The templates a folder's `.env` is copied from (`cp .env.example .env`), in the order looked for.
const ENV_TEMPLATES = [
  '.env.example', '.env.sample', '.env.template', '.env.dist', '.env.stub', 'env.example', 'env.sample', 'env.template', 'env.dist',
  'example.env', 'sample.env', 'template.env',
];

/**
 * The env templates of a folder, in the order looked for: where the `.env` is not committed, the
 * first that exists says what a `${VAR}` without a default is once the user copies it.
 */
export function envTemplatesIn(dir: string): string[] {
  return ENV_TEMPLATES.map((name) => (dir === '' ? name : `${dir}/${name}`));
}

/**
 * The templates of an env file a compose service reads (`env_file: ./api/.env`): where the `.env`
 * is not committed, `./api/.env.example` is what the container will read once it is copied.
 */
export function templatesOfEnvFile(file: string): string[] {
  if (baseOf(file) === '.env') return envTemplatesIn(dirOf(file));
  return TEMPLATE_SUFFIXES.map((suffix) => file + suffix);
}

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist'];

/** The files compose files in `dir` may interpolate from, in the order looked for: its `.env`, then its templates. */
export function interpolationFilesIn(dir: string): string[] {
  return [envFileIn(dir), ...envTemplatesIn(dir)];
}

/**
 * What compose files in `dir` interpolate from, as `read` finds it: the `.env`, or where there is
 * none, the first template (`template`: only a `${VAR}` without a default takes its values).
 */
export function interpolationSourceIn(dir: string, read: (file: string) => string | undefined): { file: string; text: string; template: boolean } | undefined {
  for (const file of interpolationFilesIn(dir)) {
    const text = read(file);
    if (text !== undefined) return { file, text, template: baseOf(file) !== '.env' };
  }
  return undefined;
}

/** Whether compose files in the folder may interpolate from the file: its `.env`, or a template of it. */
export function feedsInterpolation(file: string): boolean {
  const base = baseOf(file);
  return base === '.env' || ENV_TEMPLATES.includes(base);
}

/**
 * `dir` joined with a relative path, `.` and `..` resolved (`apps` + `../api/` → `api`; `''` is the
 * root); undefined when the path climbs out of the root.
 */
export function joinPath(dir: string, rel: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of rel.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}

export function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
