// Bundles the integration suite into dist/test/integration/: index.js (the extensionTestsPath
// entry) and one file per *.test.ts. `vscode` comes from the extension host and mocha from
// node_modules at run time, so neither is bundled.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const here = __dirname;
const outdir = path.join(here, '..', '..', 'dist', 'test', 'integration');
const tests = fs.readdirSync(here).filter((f) => f.endsWith('.test.ts')).sort();

async function main(): Promise<void> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', ...tests].map((f) => path.join(here, f)),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir,
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  console.log(`integration suite: ${tests.length} test files → ${path.relative(process.cwd(), outdir)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
