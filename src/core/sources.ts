// Which files are port sources, in one table: each kind's file names, as a predicate for the
// engine and as globs for VS Code (the file watcher, the document selector, package.json), and the
// VS Code languages its documents open as. The engine's dispatch (parsers/dispatch.ts), the
// server's watcher and the client's document selector are built from it; package.json, which is
// static, is checked against it (test/unit/sources.test.ts), as is each kind's globs against its
// predicate. No imports: the VS Code client reads it without pulling the engine into its bundle.
import type { SourceKind } from './model';

/** How a VS Code language's documents are port sources: which ones the client sends to the server. */
type LanguageDocuments =
  /** Every document of the language is one (`dotenv`, Docker's `dockercompose`): all are sent, and opening one activates the extension. */
  | 'all'
  /** A general language (`yaml`, `markdown`): all documents are sent; the server reads those it knows by name or content. */
  | 'some'
  /** A language other files have too (`properties`, `plaintext`): only documents with the kind's names are sent. */
  | 'named';

interface SourceKindSpec {
  /**
   * Globs of the kind's file names (no '/', no braces: VS Code's, ripgrep's and the YAML
   * extension's glob syntaxes agree on them). They match the lowercase names `isNamed` accepts (and
   * Dockerfiles as they are written, `Dockerfile`), and no others but `.env.`, `dockerfile.` and
   * `Dockerfile.dockerignore`; `isNamed` also ignores case, where globs follow the file system's.
   */
  readonly names: readonly string[];
  /** Whether a file (a name or a path) is of the kind by its name. */
  readonly isNamed: (file: string) => boolean;
  readonly languages: Readonly<Record<string, LanguageDocuments>>;
  /** False for a kind whose files say no port of their own: a workspace holding one is no reason to start. */
  readonly activates?: false;
}

/** A predicate on a path's last segment ('/' or '\' separated). */
function named(pattern: RegExp): (file: string) => boolean {
  return (file) => pattern.test(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1));
}

/**
 * The kinds in the order a name is tried: `compose.ports.yaml` is a registry, not a compose file.
 * Every YAML file not named as one of these may still be a compose file, by its content.
 */
export const SOURCE_KINDS: Readonly<Record<SourceKind, SourceKindSpec>> = {
  registry: {
    // `.ports.yaml` is spelled out: `*` matches nothing before a dot only where dotfiles are not special.
    names: ['ports.yaml', '.ports.yaml', 'ports.yml', '.ports.yml', '*.ports.yaml', '*.ports.yml'],
    isNamed: named(/^(?:[^/\\]*\.)?ports\.ya?ml$/i),
    languages: { yaml: 'some' },
  },
  compose: {
    // `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose-staging.yaml`, ...
    names: ['compose', 'docker-compose'].flatMap((stem) => ['', '.*', '-*', '_*'].flatMap((rest) => [`${stem}${rest}.yaml`, `${stem}${rest}.yml`])),
    isNamed: named(/^(?:docker-)?compose(?:[._-][^\\/]*)?\.ya?ml$/i),
    languages: { yaml: 'some', dockercompose: 'all' },
  },
  env: {
    // `.env`, `.env.production`, `.env.example`, `dev.env`, and templates named without the dot
    // (`env.example`); not `.envrc`. `.env.*` takes `.env.` too, which is not one: whatever a glob
    // lets through, the server drops by the predicate.
    names: ['.env', '.env.*', '*.env', 'env.example', 'env.sample', 'env.template', 'env.dist'],
    isNamed: named(/^\.env(?:\..+)?$|^.+\.env$|^env\.(?:example|sample|template|dist)$/i),
    // `dotenv` is contributed by this extension; where another extension or none claims them, .env
    // files open as `properties` or `plaintext`.
    languages: { dotenv: 'all', properties: 'named', plaintext: 'named' },
  },
  markdown: {
    names: ['*.md', '*.markdown', '*.mdx'],
    isNamed: named(/\.(md|markdown|mdx)$/i),
    languages: { markdown: 'some' },
  },
  package: {
    // Its `scripts` start the package's servers (parsers/scripts/packageScripts.ts).
    names: ['package.json'],
    isNamed: named(/^package\.json$/i),
    languages: { json: 'named' },
  },
  procfile: {
    // Heroku's and foreman's `Procfile`, and its variants (`Procfile.dev`). Unlike the other
    // names, its case counts, as it does to Heroku: a `procfile` is some other file.
    names: ['Procfile', 'Procfile.*'],
    isNamed: named(/^Procfile(?:\..+)?$/),
    languages: { plaintext: 'named' },
  },
  kubernetes: {
    // Manifests have no names of their own: a YAML file is one by its content (parsers/kubernetes/detect.ts).
    names: [],
    isNamed: () => false,
    languages: { yaml: 'some' },
  },
  dockerfile: {
    // `Dockerfile`, `Dockerfile.dev`, `Dockerfile-prod`, `Dockerfile_web`, `api.Dockerfile`, as written and in
    // lowercase; not BuildKit's `Dockerfile.dockerignore` nor `Dockerfile.`, which the globs let through.
    names: ['Dockerfile', 'Dockerfile.*', 'Dockerfile-*', 'Dockerfile_*', '*.Dockerfile', 'dockerfile', 'dockerfile.*', 'dockerfile-*', 'dockerfile_*', '*.dockerfile'],
    isNamed: named(/^(?:dockerfile(?:[-_][^\\/]*|\.[^\\/]+)?|[^\\/]*\.dockerfile)$(?<!\.dockerignore)/i),
    languages: { dockerfile: 'all' },
  },
  devcontainer: {
    // A dev container's configuration: `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`
    // or `.devcontainer.json`, and a `devcontainer.json` anywhere else (a template's).
    names: ['devcontainer.json', '.devcontainer.json'],
    isNamed: named(/^\.?devcontainer\.json$/i),
    languages: { jsonc: 'named' },
  },
  commands: {
    // Makefiles, shell scripts and justfiles, read only for the compose files a command in them
    // runs together (parsers/scripts/composeCommands.ts). Names as make, the shell and just take them.
    names: ['Makefile', 'makefile', 'GNUmakefile', '*.mk', 'justfile', 'Justfile', '.justfile', '*.sh', '*.bash'],
    isNamed: named(/^(?:[Mm]akefile|GNUmakefile|[^\\/]*\.mk|\.?[Jj]ustfile|[^\\/]*\.(?:sh|bash))$/),
    languages: { makefile: 'named', shellscript: 'named', just: 'named' },
    activates: false,
  },
};

/**
 * The kinds known by their file names, in the table's order: those a configuration may name. A
 * kind known only by content (Kubernetes manifests) is read with `compose`, since which one a YAML
 * file of another name is shows only once it is read.
 */
export const NAMED_KINDS = (Object.keys(SOURCE_KINDS) as SourceKind[]).filter((kind) => SOURCE_KINDS[kind].names.length > 0);

/** YAML files, of any name: a compose file or a Kubernetes manifest is one by its content (parsers/dispatch.ts sourceKindIn). */
export const isYamlFileName = named(/\.ya?ml$/i);
const YAML_GLOBS = ['*.yaml', '*.yml'];

/**
 * Globs of every file that may be a port source, as dispatch's mayBeSource decides: any YAML file,
 * which covers the YAML kinds' own names, and the names of the other kinds.
 */
export const SOURCE_GLOBS: readonly string[] = [
  ...YAML_GLOBS,
  ...Object.values(SOURCE_KINDS).flatMap((kind) => kind.names.filter((name) => !isYamlFileName(name))),
];

/** Files larger than this many bytes are skipped by default (`portolan.maxFileSize`, `--max-file-size`). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
