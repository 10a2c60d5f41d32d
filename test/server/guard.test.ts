// A throwing handler does not take the server down (logged once, fallback answered), and hover
// honours a cancelled request's token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { ErrorReporter } from '../../src/server/guard';
import { FolderState } from '../../src/server/folderState';
import { hover } from '../../src/server/features/hover';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { tempDir } from '../support/tempDir';

test('guard: a throwing or rejecting handler answers its fallback, and each failure is logged once', async () => {
  const logged: string[] = [];
  const errors = new ErrorReporter((m) => logged.push(m));
  const sync = errors.guard('hover', null, (n: number) => {
    if (n > 0) throw new Error('parser exploded');
    return 'ok';
  });
  assert.equal(sync(0), 'ok');
  assert.equal(sync(1), null);
  assert.equal(sync(2), null);
  const async = errors.guard('allocations', { folders: [] }, async () => Promise.reject(new Error('index gone')));
  assert.deepEqual(await async(), { folders: [] });
  assert.deepEqual(await async(), { folders: [] });
  assert.equal(logged.length, 2, logged.join('\n'));
  assert.match(logged[0], /hover failed: .*parser exploded/);
  assert.match(logged[1], /allocations failed: .*index gone/);
  // A reporter whose output is gone does not throw either.
  assert.doesNotThrow(() => new ErrorReporter(() => { throw new Error('closed'); }).report('x', new Error('y')));
});

test('hover honours its cancellation token', async () => {
  const root = tempDir('portolan-cancel-');
  fs.writeFileSync(path.join(root, '.env'), 'GATEWAY_PORT=8080\n');
  const reported: string[] = [];
  const folder = new FolderState(`file://${root}`, 'cancel', root, {
    openText: () => undefined, openUri: () => undefined, owns: () => true, loadSettings: async () => DEFAULT_SETTINGS,
    checked: () => undefined, progress: () => undefined, report: (where) => reported.push(where), log: { info: () => undefined, warn: () => undefined },
  });
  await folder.start();
  const token = (cancelled: boolean): CancellationToken => ({ isCancellationRequested: cancelled, onCancellationRequested: () => ({ dispose: () => undefined }) });
  const view = {
    name: folder.name, uri: folder.uri, liveStatus: false, uriOf: (file: string) => folder.uriOf(file), textOf: (file: string) => folder.textOf(file),
    listening: () => assert.fail('live status is off'),
  };
  const params = { textDocument: { uri: folder.uriOf('.env') }, position: { line: 0, character: 14 }, file: '.env' };
  assert.ok(await hover(folder.snapshot(), view, params, token(false)), 'a hover when not cancelled');
  assert.equal(await hover(folder.snapshot(), view, params, token(true)), null);
  assert.deepEqual(reported, []);
});
