// The table of source kinds (src/core/sources.ts) against everything that says which files are
// port sources: each kind's globs against its predicate, the engine's dispatch, the server's file
// watcher, the client's document selector, and package.json, which cannot import the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { HELP } from '../../src/cli/args';
import { mayBeSource, sourceKindOf } from '../../src/core/parsers/dispatch';
import { DEFAULT_MAX_FILE_BYTES, SOURCE_GLOBS, SOURCE_KINDS } from '../../src/core/sources';
import { WATCH_GLOB } from '../../src/server/watchedFiles';
import { DOCUMENT_SELECTOR } from '../../src/vscode/documentSelector';

const REPO = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const KINDS = Object.values(SOURCE_KINDS);

/** VS Code's globs: `*` matches nothing too, and a leading dot is not special. */
const glob = (globs: string | readonly string[]) => picomatch(globs as string | string[], { dot: true });

const NAMES = [
  'ports.yaml', '.ports.yaml', 'ports.yml', '.ports.yml', 'lab.ports.yaml', 'a.b.ports.yml', 'myports.yaml', 'ports.yaml.bak', 'ports.json',
  'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.prod.yml', 'docker-compose-staging.yaml', 'compose_x.yml',
  'compose..yaml', 'compose.ports.yaml', 'composer.yaml', 'my-compose.yml', 'docker-compose', 'compose.json', 'docker_compose.yml',
  '.env', '.env.local', '.env.production.local', 'dev.env', 'x.env', '.envrc', 'env', 'environment.ts',
  'readme.md', '.md', 'notes.markdown', 'page.mdx', 'x.mdown', 'md', 'pwd.yml', 'config.yaml', '.yaml', 'notes.txt',
  'portolan.config.json', '.gitignore', '.portolanignore',
  'package.json', 'package-lock.json', 'package.json5', 'my-package.json', 'packages.json',
  'Procfile', 'Procfile.dev', 'Procfile.', 'procfile', 'Procfiles', 'Procfile-dev',
  'Dockerfile', 'dockerfile', 'Dockerfile.dev', 'Dockerfile-prod', 'Dockerfile_web', 'api.Dockerfile', 'web.dockerfile', 'Dockerfile.md', 'Dockerfiles', 'my-Dockerfile',
  'devcontainer.json', '.devcontainer.json', 'devcontainer.jsonc', 'my-devcontainer.json', '.devcontainer',
  'Makefile', 'makefile', 'GNUmakefile', 'docker.mk', 'Makefile.am', 'Makefiles', 'justfile', 'Justfile', '.justfile', 'up.sh', 'run.bash', '.bashrc', 'sh', 'ssh', 'script.zsh',
];

/** File names built from the pieces the names above are made of. */
const generatedNames = fc.array(
  fc.constantFrom('ports', 'compose', 'docker-', 'docker', 'file', 'env', 'yaml', 'yml', 'md', 'mdx', 'markdown', 'package', 'json', 'Procfile', 'devcontainer', '.', '-', '_', 'x', 'rc'),
  { minLength: 1, maxLength: 6 },
).map((parts) => parts.join(''));

/** The names a kind's globs take and its predicate does not (the server drops them by the predicate): left out below. */
const GLOB_ONLY: Array<[keyof typeof SOURCE_KINDS, string]> = [['env', '.env.'], ['procfile', 'Procfile.'], ['dockerfile', 'dockerfile.'], ['dockerfile', 'Dockerfile.dockerignore']];

function forEveryName(check: (name: string) => void): void {
  for (const name of NAMES) if (!GLOB_ONLY.some(([, only]) => only === name)) check(name);
  fc.assert(fc.property(generatedNames, (name) => {
    fc.pre(!GLOB_ONLY.some(([, only]) => only === name));
    check(name);
  }), { seed: 16, numRuns: 5000 });
}

test('each kind\'s globs match the names its predicate accepts', () => {
  const globs = KINDS.map((kind) => ({ kind, matches: glob(kind.names) }));
  forEveryName((name) => {
    for (const { kind, matches } of globs) assert.equal(matches(name), kind.isNamed(name), `${name}: ${kind.names.join(', ')}`);
  });
  for (const [kind, only] of GLOB_ONLY) assert.ok(glob(SOURCE_KINDS[kind].names)(only) && !SOURCE_KINDS[kind].isNamed(only), only);
  assert.equal(SOURCE_KINDS.compose.isNamed('deploy/Docker-Compose.override.YML'), true, 'any folder, any case');
  assert.equal(SOURCE_KINDS.package.isNamed('apps/web/package.json'), true);
  assert.equal(SOURCE_KINDS.procfile.isNamed('procfile'), false, 'Heroku reads `Procfile` only');
  assert.equal(SOURCE_KINDS.dockerfile.isNamed('services/api/DOCKERFILE'), true, 'any folder, any case');
});

test('dispatch: a name is tried in the table\'s order; a YAML file of any name may be a source', () => {
  assert.equal(sourceKindOf('compose.ports.yaml'), 'registry');
  assert.equal(sourceKindOf('apps/web/docker-compose.yml'), 'compose');
  assert.equal(sourceKindOf('C:\\x\\.env.sample'), 'env');
  assert.equal(sourceKindOf('docs/PORTS.md'), 'markdown');
  assert.equal(sourceKindOf('apps/web/package.json'), 'package');
  assert.equal(sourceKindOf('package-lock.json'), undefined);
  assert.equal(sourceKindOf('shop/Procfile.dev'), 'procfile');
  assert.equal(sourceKindOf('api/Dockerfile'), 'dockerfile');
  assert.equal(sourceKindOf('.devcontainer/python/devcontainer.json'), 'devcontainer');
  assert.equal(sourceKindOf('docs/Dockerfile.md'), 'markdown');
  assert.equal(sourceKindOf('pwd.yml'), undefined);
  assert.equal(sourceKindOf('ops/Makefile'), 'commands');
  assert.equal(sourceKindOf('scripts/dev-up.sh'), 'commands');
  assert.equal(sourceKindOf('Makefile.am'), undefined, 'automake input, not run by make');
  const anySource = glob(SOURCE_GLOBS);
  forEveryName((name) => assert.equal(anySource(name), mayBeSource(name), name));
});

test('the server watches every file that may be a source, and the project files', () => {
  const watched = glob(WATCH_GLOB);
  const projectFiles = new Set(['portolan.config.json', '.gitignore', '.portolanignore']);
  // picomatch's braces never match a name that ends in `..` (`.env..`, `Procfile..`); VS Code's globs do.
  forEveryName((name) => name.endsWith('..') || assert.equal(watched(`apps/web/${name}`), mayBeSource(name) || projectFiles.has(name), name));
});

test('the client\'s document selector: each source kind\'s languages, narrowed to the names of the kinds that open as a language other files have too', () => {
  const ENV = '**/{.env,.env.*,*.env,env.example,env.sample,env.template,env.dist}';
  assert.deepEqual(DOCUMENT_SELECTOR, [
    { scheme: 'file', language: 'yaml' },
    { scheme: 'file', language: 'dockercompose' },
    { scheme: 'file', language: 'dotenv' },
    { scheme: 'file', language: 'properties', pattern: ENV },
    { scheme: 'file', language: 'plaintext', pattern: `**/{${[...SOURCE_KINDS.env.names, ...SOURCE_KINDS.procfile.names].join(',')}}` },
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', language: 'json', pattern: '**/{package.json}' },
    { scheme: 'file', language: 'dockerfile' },
    { scheme: 'file', language: 'jsonc', pattern: '**/{devcontainer.json,.devcontainer.json}' },
    ...['makefile', 'shellscript', 'just'].map((language) => ({ scheme: 'file', language, pattern: `**/{${SOURCE_KINDS.commands.names.join(',')}}` })),
  ]);
  // A Procfile and an .env file both open as plaintext: the filter takes the names of both kinds.
  const plaintext = glob(DOCUMENT_SELECTOR.find((f) => f.language === 'plaintext')!.pattern!);
  assert.ok(plaintext('a/Procfile') && plaintext('a/.env.local') && !plaintext('a/notes.txt'));
  const envNamed = glob(ENV);
  forEveryName((name) => assert.equal(envNamed(`a/${name}`), SOURCE_KINDS.env.isNamed(name), name));
});

test('package.json: activation by each kind\'s names and by the languages only sources have; the schema for every registry name', () => {
  const languages = new Set(KINDS.flatMap((kind) => Object.entries(kind.languages).filter(([, documents]) => documents === 'all').map(([id]) => id)));
  assert.deepEqual(manifest.activationEvents, [
    // A kind known by its content alone (Kubernetes manifests) has no names to activate on, and
    // one whose files say no port of their own (Makefiles, scripts) starts nothing.
    ...KINDS.filter((kind) => kind.names.length > 0 && kind.activates !== false).map((kind) => `workspaceContains:**/{${kind.names.join(',')}}`),
    ...[...languages].map((id) => `onLanguage:${id}`),
  ]);
  const registry = SOURCE_KINDS.registry.names;
  assert.deepEqual(manifest.contributes.yamlValidation.map((v: { fileMatch: string[] }) => v.fileMatch), [[...registry, ...registry.map((name) => `**/${name}`)]]);
  // The `dotenv` language this extension contributes takes every env file.
  const [dotenv] = manifest.contributes.languages.filter((l: { id: string }) => l.id === 'dotenv');
  const dotenvNamed = glob([...dotenv.filenames, ...dotenv.filenamePatterns]);
  forEveryName((name) => assert.ok(!SOURCE_KINDS.env.isNamed(name) || dotenvNamed(name), name));
});

test('the default file size limit: the setting\'s default, the CLI\'s help', () => {
  assert.equal(manifest.contributes.configuration.properties['portolan.maxFileSize'].default, DEFAULT_MAX_FILE_BYTES);
  assert.ok(HELP.check.includes(`(default ${DEFAULT_MAX_FILE_BYTES};`), HELP.check);
});
