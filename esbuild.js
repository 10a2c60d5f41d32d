// Bundles the extension, the language server and the CLI (with its parse worker) into dist/, and
// writes the registry's JSON Schema (dist/ports.schema.json).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { eagerModuleWrappers } = require('./scripts/eagerModuleWrappers');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * dist/ports.schema.json, the registry's JSON Schema, from the zod schema (registryJsonSchema.ts):
 * bundled in memory and run here, so the build needs nothing but esbuild.
 */
async function writeRegistrySchema() {
  const result = await esbuild.build({
    entryPoints: ['src/core/parsers/registry/registryJsonSchema.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  const schema = module.exports.registryJsonSchema();
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync(path.join('dist', 'ports.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
}

/**
 * `vscode` as one module with `__esModule` set, whose prototype is VS Code's API object. VS Code's
 * API object is a plain object of ~190 namespaces, classes and enums without `__esModule`, so
 * every `import * as vscode` in src (esbuild's __toESM) and every `__importStar(require("vscode"))`
 * in vscode-languageclient (16 modules) copied all of its properties into a new object of getters
 * when the bundle loaded: about 13 ms of the require with a stand-in of that shape. With
 * `__esModule` set, __importStar takes the module as it is and __toESM copies nothing but
 * `__esModule`; every name is still read from the API object, through the prototype.
 */
const vscodeModulePlugin = {
  name: 'vscode-module',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-module' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-module' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-module' }, () => ({
      contents: 'module.exports = Object.setPrototypeOf({ __esModule: true }, require("vscode"));',
      loader: 'js',
    }));
  },
};

/**
 * Writes the build's output with eagerModuleWrappers applied to it (the build runs with
 * `write: false`).
 */
const eagerWrappersPlugin = {
  name: 'eager-module-wrappers',
  setup(build) {
    build.onEnd((result) => {
      for (const file of result.outputFiles ?? []) {
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        fs.writeFileSync(file.path, eagerModuleWrappers(file.text).code);
        // As esbuild does for a file with a shebang (dist/cli.js is the package's bin).
        if (file.text.startsWith('#!')) fs.chmodSync(file.path, 0o755);
      }
    });
  },
};

/**
 * The bundles (dist/<name>.bundle.js): the CLI with its parse worker threads (started from beside
 * dist/cli.js), the language server, and the extension; and dist/<name>.js, the small loaders that
 * run them through V8's code cache (src/load/). Production builds are fully minified, and their module
 * wrappers are made parenthesized functions (scripts/eagerModuleWrappers.js), which V8 compiles
 * once instead of twice: nearly every module of theirs runs as they load.
 *
 * dist/extension.js's load time is part of every activation, and nearly all of it is V8 compiling
 * vscode-languageclient: 42 ms to load in A/B runs with eager wrappers, against 50 ms with only
 * whitespace and syntax minified and 57 ms fully minified with esbuild's arrow wrappers. The
 * server starts in 181 ms instead of 195 (median of 15). The CLI's CommonJS modules (yaml, among
 * others) gain less: `portolan check` on 1,000 files took 0.78 s instead of 0.80 (median of 16
 * interleaved runs). The code cache takes most of the rest of the compiling away from every start
 * but the first (src/load/codeCache.ts). Development builds of the extension minify whitespace and
 * syntax only, and every development build keeps its source map, so they stay debuggable.
 */
function bundleOptions(forProduction, outdir = 'dist') {
  const common = commonOptions(forProduction, outdir);
  const eager = forProduction ? { write: false, plugins: [eagerWrappersPlugin] } : {};
  return [
    { ...common, entryPoints: [{ in: 'src/cli.ts', out: 'cli.bundle' }, { in: 'src/core/parallel/parseWorker.ts', out: 'parseWorker' }], ...eager },
    { ...common, entryPoints: [{ in: 'src/server/main.ts', out: 'server.bundle' }], ...eager },
    {
      ...common,
      entryPoints: [{ in: 'src/extension.ts', out: 'extension.bundle' }],
      ...(forProduction
        ? { write: false, plugins: [vscodeModulePlugin, eagerWrappersPlugin] }
        : { minify: false, minifyWhitespace: true, minifySyntax: true, plugins: [vscodeModulePlugin] }),
    },
    // What package.json names and the extension starts: each loads its bundle through V8's code
    // cache (src/load/codeCache.ts).
    { ...common, sourcemap: false, entryPoints: ['extension', 'server', 'cli'].map((name) => ({ in: `src/load/${name}.ts`, out: name })) },
  ];
}

/** What every bundle shares; `outdir` is dist/ for the build, a scratch folder for tests. */
function commonOptions(forProduction, outdir = 'dist') {
  return {
    absWorkingDir: __dirname,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: path.resolve(__dirname, outdir),
    external: ['vscode'],
    sourcemap: !forProduction,
    minify: forProduction,
    logLevel: 'warning',
    define: { PORTOLAN_VERSION: JSON.stringify(require('./package.json').version) },
  };
}

/**
 * dist/bench.js, the benchmark (bench/run.ts) bundled as the CLI is: its in-process numbers are
 * those of the engine that ships, not of tsx's transpilation (whose keepNames wrappers alone cost
 * the checker 7% at 10,000 files). Not packaged (.vscodeignore).
 */
async function buildBench() {
  const common = commonOptions(true);
  // playwright-core drives the browser that reads VS Code's own load times (bench/vscodeLoad.ts):
  // a devDependency, loaded from node_modules as it is.
  await esbuild.build({ ...common, external: [...common.external, 'playwright-core'], entryPoints: [{ in: 'bench/run.ts', out: 'bench' }] });
}

async function main() {
  if (process.argv.includes('--bench')) return buildBench();
  await writeRegistrySchema();
  const contexts = await Promise.all(bundleOptions(production).map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { bundleOptions };
