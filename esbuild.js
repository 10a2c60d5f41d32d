// Bundles the extension, the language server and the CLI (with its parse worker) into dist/, and
// writes the registry's JSON Schema (dist/ports.schema.json).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'src/cli.ts', out: 'cli' },
  // The CLI's parse worker threads, started from beside dist/cli.js.
  { in: 'src/core/parallel/parseWorker.ts', out: 'parseWorker' },
];

/**
 * dist/ports.schema.json, the registry's JSON Schema, from the zod schema (registryJsonSchema.ts):
 * bundled in memory and run here, so the build needs nothing but esbuild.
 */
async function writeRegistrySchema() {
  const result = await esbuild.build({
    entryPoints: ['src/core/parsers/registryJsonSchema.ts'],
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

async function main() {
  await writeRegistrySchema();
  const ctx = await esbuild.context({
    entryPoints: entries,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    define: { PORTOLAN_VERSION: JSON.stringify(require('./package.json').version) },
  });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
