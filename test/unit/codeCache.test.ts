// src/load/codeCache.ts: each load runs in a fresh Node process, as VS Code, the language client
// and a shell start the bundles, so V8 really reads (or refuses) the cache a previous process wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { tempDir } from '../support/tempDir';

const REPO = path.resolve(__dirname, '../..');

/** The loader as plain JavaScript, so a child process needs no TypeScript loader. */
const LOADER = (() => {
  const out = path.join(tempDir('portolan-codecache-loader-'), 'codeCache.js');
  esbuild.buildSync({ entryPoints: [path.join(REPO, 'src/load/codeCache.ts')], bundle: true, format: 'cjs', platform: 'node', target: 'node20', outfile: out, logLevel: 'silent' });
  return out;
})();

interface Load {
  status: string;
  exports?: { value: number; dep: string; dir: string; file: string; answer: number };
  error?: string;
  stderr: string;
}

/** Loads `file` in a new process; the cache is written as that process exits. */
function load(file: string, cacheDir: string, env: Record<string, string> = {}): Load {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(LOADER)});
    try {
      const { exports, status } = loadWithCodeCache(${JSON.stringify(file)}, { cacheDir: ${JSON.stringify(cacheDir)} });
      process.stdout.write(JSON.stringify({ status, exports: { ...exports, answer: exports.answer() } }));
    } catch (err) {
      process.stdout.write(JSON.stringify({ status: 'threw', error: err.message }));
    }`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'portolan-code-cache', ...env } });
  assert.equal(run.status, 0, run.stderr);
  return { ...(JSON.parse(run.stdout) as Omit<Load, 'stderr'>), stderr: run.stderr };
}

/** A bundle that requires a file beside it and reports where it runs; `value` changes its text, not its length. */
function writeBundle(dir: string, value: number): string {
  fs.writeFileSync(path.join(dir, 'dep.js'), 'module.exports = "beside";\n');
  const file = path.join(dir, 'bundle.js');
  fs.writeFileSync(file, `"use strict";
const dep = require('./dep.js');
function answer() { return ${value} * 2; }
module.exports = { value: ${value}, dep, dir: __dirname, file: __filename, answer };
`);
  return file;
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

test('the first load writes the cache as the process exits, the next one uses it, and both run the bundle as require() would', () => {
  const dir = tempDir('portolan-codecache-');
  const file = writeBundle(dir, 21);
  const cacheDir = path.join(dir, 'v8-cache');
  const first = load(file, cacheDir);
  assert.equal(first.status, 'missing');
  assert.deepEqual(first.exports, { value: 21, dep: 'beside', dir, file, answer: 42 });
  assert.match(first.stderr, /: written/);
  const written = cacheFiles(cacheDir);
  assert.equal(written.length, 1);
  assert.match(written[0], /^bundle\.js\.[0-9a-f]+-[0-9a-f]{20}\.bin$/);
  const second = load(file, cacheDir);
  assert.equal(second.status, 'used');
  assert.deepEqual(second.exports, first.exports);
  assert.doesNotMatch(second.stderr, /written/);
  assert.deepEqual(cacheFiles(cacheDir), written);
});

test('a rebuilt bundle of the same length gets a cache of its own and never runs the old one; the old cache is removed, another V8\'s is kept', () => {
  const dir = tempDir('portolan-codecache-');
  const cacheDir = path.join(dir, 'v8-cache');
  const file = writeBundle(dir, 21);
  load(file, cacheDir);
  const old = cacheFiles(cacheDir);
  // What a VS Code of another Electron, sharing the folder on a remote host, would have written.
  const otherV8 = 'bundle.js.0-0123456789abcdef0123.bin';
  fs.writeFileSync(path.join(cacheDir, otherV8), 'another V8');
  const before = fs.statSync(file).size;
  writeBundle(dir, 34);
  assert.equal(fs.statSync(file).size, before, 'V8 alone would take the old cache: it checks only the length');
  const rebuilt = load(file, cacheDir);
  assert.equal(rebuilt.status, 'missing');
  assert.equal(rebuilt.exports!.value, 34);
  assert.equal(rebuilt.exports!.answer, 68);
  const now = cacheFiles(cacheDir).filter((name) => name !== otherV8);
  assert.equal(now.length, 1);
  assert.notDeepEqual(now, old);
  assert.equal(fs.readFileSync(path.join(cacheDir, otherV8), 'utf8'), 'another V8');
  assert.equal(load(file, cacheDir).status, 'used');
});

test('a damaged cache is refused by V8 and replaced; the bundle still runs', () => {
  const dir = tempDir('portolan-codecache-');
  const cacheDir = path.join(dir, 'v8-cache');
  const file = writeBundle(dir, 21);
  load(file, cacheDir);
  const [name] = cacheFiles(cacheDir);
  const damaged = fs.readFileSync(path.join(cacheDir, name));
  damaged.fill(0x5a, 0, 64);
  fs.writeFileSync(path.join(cacheDir, name), damaged);
  const refused = load(file, cacheDir);
  assert.equal(refused.status, 'rejected');
  assert.equal(refused.exports!.answer, 42);
  assert.equal(load(file, cacheDir).status, 'used');
});

test('a cache folder that cannot be made means no cache, and the bundle still runs', () => {
  const dir = tempDir('portolan-codecache-');
  const file = writeBundle(dir, 21);
  // A file where the folder would go: no mkdir can succeed, whoever runs the test.
  const blocked = path.join(dir, 'not-a-folder');
  fs.writeFileSync(blocked, '');
  const cacheDir = path.join(blocked, 'v8-cache');
  for (let i = 0; i < 2; i++) {
    const run = load(file, cacheDir);
    assert.equal(run.status, 'missing');
    assert.equal(run.exports!.answer, 42);
    assert.match(run.stderr, /not written \(ENOTDIR/);
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ['bundle.js', 'dep.js', 'not-a-folder']);
});

test('PORTOLAN_CODE_CACHE=off loads the bundle with require() and writes nothing', () => {
  const dir = tempDir('portolan-codecache-');
  const cacheDir = path.join(dir, 'v8-cache');
  const file = writeBundle(dir, 21);
  const off = load(file, cacheDir, { PORTOLAN_CODE_CACHE: 'off' });
  assert.equal(off.status, 'off');
  assert.deepEqual(off.exports, { value: 21, dep: 'beside', dir, file, answer: 42 });
  assert.equal(fs.existsSync(cacheDir), false);
});

test('an error the bundle throws while it loads reaches the caller, as with require()', () => {
  const dir = tempDir('portolan-codecache-');
  const file = path.join(dir, 'broken.js');
  fs.writeFileSync(file, 'throw new Error("the bundle failed");\n');
  const run = load(file, path.join(dir, 'v8-cache'));
  assert.equal(run.status, 'threw');
  assert.equal(run.error, 'the bundle failed');
});
