// What each bundle may carry: the protocol module (src/shared/protocol.ts) and the table of source
// kinds (src/core/sources.ts) import nothing at run time, so the language server bundles the
// protocol without the client's copy of the LSP library, and the extension reads both without
// pulling the engine into its bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '../..');

/** The files a bundle of `entry` is made of, relative to the repository. */
function inputs(entry: string): string[] {
  const result = esbuild.buildSync({
    absWorkingDir: REPO, entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], write: false, metafile: true, logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

test('the protocol and the table of source kinds import nothing at run time', () => {
  assert.deepEqual(inputs('src/shared/protocol.ts'), ['src/shared/protocol.ts']);
  assert.deepEqual(inputs('src/core/sources.ts'), ['src/core/sources.ts']);
});

test('the server bundle carries no LSP client library; the extension bundle no engine code', () => {
  assert.deepEqual(inputs('src/server/main.ts').filter((file) => file.includes('vscode-languageclient')), []);
  const ours = inputs('src/extension.ts').filter((file) => file.startsWith('src/'));
  assert.deepEqual(ours.filter((file) => !/^src\/(vscode|shared)\/|^src\/extension\.ts$/.test(file)), ['src/core/sources.ts']);
});
