// Bundles the extension, the language server and the CLI into dist/.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'src/cli.ts', out: 'cli' },
];

async function main() {
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
