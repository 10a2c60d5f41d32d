// The bundle as clients start it: `node dist/server.js --node-ipc` (the VS Code client),
// `--stdio`, and `portolan lsp --stdio`. `npm test` builds dist/ first; without a build these skip.
// The production server bundle, built here, is what the packaged extension starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { tempDir } from '../support/tempDir';
import { ROOT, TestClient, WORKSPACES, positionOf, type ServerCommand } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleOptions } = require(path.join(ROOT, 'esbuild.js')) as { bundleOptions(production: boolean, outdir: string): esbuild.BuildOptions[] };

const PLATFORM = path.join(WORKSPACES, 'platform');
const DOC = path.join(PLATFORM, 'docs/architecture.md');
const built = fs.existsSync(path.join(ROOT, 'dist/server.js')) && fs.existsSync(path.join(ROOT, 'dist/cli.js'));

async function answers(command: ServerCommand, t: { after: (fn: () => Promise<void>) => void }): Promise<void> {
  const client = await TestClient.start({ folders: [PLATFORM], settings: () => ({ debounceMs: 10 }), command });
  t.after(() => client.stop());
  const diagnostics = await client.waitForDiagnostics(DOC, 'the mismatch', (d) => d.length === 1);
  assert.equal(diagnostics[0].code, 'port-mismatch');
  assert.match(client.initializeResult.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
  const hover = await client.hoverText(DOC, positionOf(DOC, ':5432', 1));
  assert.match(hover ?? '', /IANA: `postgresql`/);
  assert.equal((await client.allocations({})).folders[0].problemCount, 1);
  await client.stop();
  assert.equal(await client.exitCode(), 0);
}

for (const command of ['dist-ipc', 'dist-stdio', 'cli-stdio'] as ServerCommand[]) {
  test(`${command}: diagnostics, hover (with the bundled IANA table) and allocations`, { skip: built ? false : 'dist/ is not built' }, (t) => answers(command, t));
}

test('the production server bundle (minified, module wrappers rewritten): diagnostics, hover and allocations over IPC', async (t) => {
  const out = tempDir('portolan-production-');
  await Promise.all(bundleOptions(true, out).map((options) => esbuild.build({ ...options, logLevel: 'silent' })));
  await answers({ bundle: path.join(out, 'server.js') }, t);
});
