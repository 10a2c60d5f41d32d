// The two packages a user installs, built as a publisher builds them: `npm pack` (its `prepack`
// makes the production build) and `vsce package` (its `vscode:prepublish` does). Both run in a
// copy of the sources, so the repository's own dist/ is never rebuilt under the other tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../support/tempDir';
import { checkPath } from '../../src/core/check';

const REPO = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// What a package's build needs: the build script, its helper, the sources and what ships as written.
const SOURCES = ['package.json', 'esbuild.js', 'tsconfig.json', 'scripts', 'src', 'syntaxes', 'resources', 'README.md', 'LICENSE', 'CHANGELOG.md'];

// Every file either package holds: the loaders and bundles, the registry's schema, the dotenv
// grammar, the icon and the documents. No source, test, source map or V8 code cache.
const SHIPPED = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'package.json',
  'dist/cli.bundle.js', 'dist/cli.js', 'dist/extension.bundle.js', 'dist/extension.js', 'dist/parseWorker.js',
  'dist/ports.schema.json', 'dist/server.bundle.js', 'dist/server.js',
  'resources/portolan.config.schema.json', 'resources/portolan.png', 'resources/portolan.svg',
  'resources/walkthrough/hover.md', 'resources/walkthrough/ports-view.md', 'resources/walkthrough/registry.md',
  'syntaxes/dotenv.language-configuration.json', 'syntaxes/dotenv.tmLanguage.json',
].sort();

function run(command: string, args: string[], options: SpawnSyncOptions): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${String(result.stderr)}${String(result.stdout)}`);
  return String(result.stdout);
}

/** A copy of what the build reads, with the repository's node_modules beside it, and a dist/ from an earlier build (with a code cache and a map) to leave out. */
function sourceCopy(): string {
  const dir = tempDir('portolan-pack-src-');
  for (const entry of SOURCES) fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(dir, 'dist', 'v8-cache'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'v8-cache', 'cli.bundle.js.0-0.bin'), 'stale');
  fs.writeFileSync(path.join(dir, 'dist', 'cli.bundle.js.map'), '{}');
  return dir;
}

test('npm pack: the production build, only the shipped files, no dependencies; installed offline from the tarball, `portolan check` finds what the engine finds', () => {
  const src = sourceCopy();
  const out = tempDir('portolan-pack-out-');
  const packed = JSON.parse(run(NPM, ['pack', '--json', '--pack-destination', out], { cwd: src })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.deepEqual(packed[0].files.map((f) => f.path).sort(), SHIPPED);
  const bundle = fs.readFileSync(path.join(src, 'dist', 'cli.bundle.js'), 'utf8');
  assert.doesNotMatch(bundle, /sourceMappingURL/, 'prepack made the production build');

  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined, 'everything the CLI runs is bundled: installing it pulls nothing');

  const consumer = tempDir('portolan-pack-consumer-');
  fs.writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  run(NPM, ['install', '--offline', '--no-audit', '--no-fund', path.join(out, packed[0].filename)], { cwd: consumer });
  assert.deepEqual(fs.readdirSync(path.join(consumer, 'node_modules')).filter((n) => !n.startsWith('.')), ['portolan']);
  const bin = path.join(consumer, 'node_modules', '.bin', 'portolan');
  const report = JSON.parse(run(bin, ['check', path.join(REPO, 'examples'), '--format', 'json', '--fail-on', 'never'], { cwd: consumer })) as {
    findings: Array<{ rule: string; file: string; line: number }>;
  };
  const engine = checkPath(path.join(REPO, 'examples')).findings;
  assert.ok(engine.length > 5);
  assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`), engine.map((f) => `${f.rule} ${f.loc.file}:${f.loc.span.startLine}`));
});

test('vsce package: vscode:prepublish makes the production build; the .vsix holds the shipped files and nothing else', () => {
  const src = sourceCopy();
  const vsix = path.join(tempDir('portolan-vsix-'), 'portolan.vsix');
  run(process.execPath, [path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: src });
  assert.doesNotMatch(fs.readFileSync(path.join(src, 'dist', 'extension.bundle.js'), 'utf8'), /sourceMappingURL/);
  const entries = run('unzip', ['-Z1', vsix], {}).split('\n').filter((e) => e.startsWith('extension/'));
  // vsce writes the Marketplace's names for the license and the changelog.
  const names = entries.map((e) => e.slice('extension/'.length).replace(/^LICENSE\.txt$/, 'LICENSE').replace(/^changelog\.md$/i, 'CHANGELOG.md').replace(/^readme\.md$/i, 'README.md'));
  assert.deepEqual(names.sort(), SHIPPED);
});
