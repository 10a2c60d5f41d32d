// The production extension bundle: its module wrappers are rewritten after esbuild
// (scripts/eagerModuleWrappers.js), so the rewrite is checked on real esbuild output, and the
// bundle that ships is loaded the way VS Code loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { tempDir } from '../support/tempDir';
import { checkPath } from '../../src/core/check';

const REPO = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { eagerModuleWrappers } = require(path.join(REPO, 'scripts/eagerModuleWrappers.js')) as {
  eagerModuleWrappers(code: string): { code: string; wrappers: number };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleOptions } = require(path.join(REPO, 'esbuild.js')) as { bundleOptions(production: boolean, outdir: string): esbuild.BuildOptions[] };

/** A minified bundle of CommonJS modules given as file texts; `main.js` is the entry. */
function bundleOf(files: Record<string, string>): string {
  const dir = tempDir('portolan-bundle-src-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const result = esbuild.buildSync({
    entryPoints: [path.join(dir, 'main.js')], bundle: true, format: 'cjs', platform: 'node', minify: true, write: false, logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** What a bundle's module.exports holds, as JSON, run in this process. */
function exportsOf(code: string): string {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return JSON.stringify(module.exports);
}

const MODULES = {
  'main.js': 'const a = require("./a.js"); const b = require("./b.js"); module.exports = { a: a.value, b: b.value(), c: require("./c.js").value };',
  // Modules as TypeScript compiles them: `this` at the top of a module is its exports.
  'a.js': 'var helper = (this && this.helper) || function (x) { return x * 2; }; class Counter { constructor() { this.n = 1; } get twice() { return helper(this.n); } } exports.value = new Counter().twice;',
  'b.js': 'function outer() { return arguments.length; } exports.value = () => outer(1, 2, 3);',
  'c.js': 'const o = { m() { return typeof this; } }; exports.value = o.m();',
};

test('eagerModuleWrappers: every module wrapper becomes a parenthesized function, and the bundle computes the same', () => {
  const code = bundleOf(MODULES);
  const eager = eagerModuleWrappers(code);
  // The entry module runs at the top level; the three it requires are wrapped.
  assert.equal(eager.wrappers, 3);
  assert.equal((eager.code.match(/\(\(function\(/g) ?? []).length, 3);
  assert.equal(exportsOf(eager.code), exportsOf(code));
  assert.deepEqual(JSON.parse(exportsOf(eager.code)), { a: 2, b: 3, c: 'object' });
});

test('eagerModuleWrappers: a wrapper that needs its arrow scope stays an arrow', () => {
  // esbuild never emits these; a wrapper like them would change meaning as a function.
  const helper = 'var P=(n,e)=>()=>(e||n((e={exports:{}}).exports,e),e.exports);';
  const uses = [
    'var a=P((e,t)=>{t.exports=this});',
    'var b=P((e,t)=>{t.exports=()=>arguments.length});',
    'var c=P((e,t)=>{class K{[this]=1}t.exports=K});',
  ];
  const free = 'var d=P((e,t)=>{function f(){return this}class K{m(){return this}}t.exports=[f,K]});';
  const { code, wrappers } = eagerModuleWrappers(helper + uses.join('') + free);
  assert.equal(wrappers, 1);
  for (const use of uses) assert.ok(code.includes(use), use);
  assert.ok(code.includes('var d=P((function(e,t){function f()'));
});

test('eagerModuleWrappers: a bundle without esbuild\'s CommonJS helper is an error, not a silent no-op', () => {
  assert.throws(() => eagerModuleWrappers('module.exports = 1;'), /no __commonJS helper/);
});

test('the production bundles: eager module wrappers; the extension exports activate and deactivate, the CLI finds what the engine finds, through the code cache too', async () => {
  const out = tempDir('portolan-bundle-');
  await Promise.all(bundleOptions(true, out).map((options) => esbuild.build({ ...options, logLevel: 'silent' })));
  const eagerWrappers = (file: string) => (fs.readFileSync(path.join(out, file), 'utf8').match(/\(\(function\(/g) ?? []).length;
  assert.ok(eagerWrappers('extension.bundle.js') > 100, 'vscode-languageclient\'s modules are eager');
  assert.ok(eagerWrappers('server.bundle.js') > 100, 'vscode-languageserver\'s modules are eager');
  assert.ok(eagerWrappers('cli.bundle.js') > 10, 'the CLI\'s CommonJS modules (yaml) are eager');
  const cli = path.join(out, 'cli.js');
  assert.equal(fs.statSync(cli).mode & 0o111, 0o111, 'dist/cli.js, the package\'s bin, is executable');
  for (const file of fs.readdirSync(out)) assert.doesNotMatch(fs.readFileSync(path.join(out, file), 'utf8'), /sourceMappingURL/, file);
  const engine = checkPath(path.join(REPO, 'examples')).findings;
  assert.ok(engine.length > 5);
  // The first run writes the CLI's code cache as it exits, the second runs from it.
  for (const status of ['missing', 'used']) {
    const check = spawnSync(process.execPath, [cli, 'check', path.join(REPO, 'examples'), '--format', 'json', '--fail-on', 'never'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'portolan-code-cache' },
    });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stderr, new RegExp(`cli\\.bundle\\.js\\.[0-9a-f-]+\\.bin: ${status}`));
    const reported = (JSON.parse(check.stdout) as { findings: Array<{ rule: string; file: string; line: number }> }).findings;
    assert.deepEqual(reported.map((f) => `${f.rule} ${f.file}:${f.line}`), engine.map((f) => `${f.rule} ${f.loc.file}:${f.loc.span.startLine}`));
  }
  // VS Code's API object stands behind every name the bundle reads while it loads.
  const script = `
    const Module = require('node:module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
    const stub = () => new Proxy(function () {}, { get: (t, key) => key === '__esModule' ? true : key === 'then' ? undefined : stub(), apply: () => stub(), construct: () => stub() });
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub() };
    const extension = require(${JSON.stringify(path.join(out, 'extension.js'))});
    process.stdout.write(JSON.stringify({ activate: typeof extension.activate, deactivate: typeof extension.deactivate }));`;
  for (const status of ['missing', 'used']) {
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'portolan-code-cache' } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`extension\\.bundle\\.js\\.[0-9a-f-]+\\.bin: ${status}`));
    assert.deepEqual(JSON.parse(run.stdout), { activate: 'function', deactivate: 'function' });
  }
});
