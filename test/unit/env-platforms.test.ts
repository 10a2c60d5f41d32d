// Env keys with a platform prefix name one service set up per platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnv } from '../../src/core/parsers/env';
import { checkFiles } from '../support/memoryWorkspace';

const places = (text: string) => parseEnv(text, { file: 'app/.env', folderName: 'app' }).allocations.map((a) => `${a.service}=${a.port}${a.environment ? `/${a.environment}` : ''}`);

test('LINUX_ and MAC_ prefixes: one service in two environments, not two services', () => {
  assert.deepEqual(places(['LINUX_LEDGER_PORT=7100', 'MAC_LEDGER_PORT=7101', 'WINDOWS_LEDGER_PORT=7102'].join('\n')),
    ['ledger=7100/linux', 'ledger=7101/macos', 'ledger=7102/windows']);
  // Alone before PORT the word is the service's name, and other words are no platform.
  assert.deepEqual(places(['LINUX_PORT=7200', 'MACRO_LEDGER_PORT=7201'].join('\n')), ['linux=7200', 'macro-ledger=7201']);
});

test('the same port for a service on two platforms is no conflict, and two ports no mismatch', () => {
  const c = checkFiles({ 'app/.env': ['LINUX_LEDGER_PORT=7100', 'MAC_LEDGER_PORT=7101', 'LINUX_AUDIT_PORT=7300', 'MAC_AUDIT_PORT=7300'].join('\n') });
  assert.deepEqual(c.findings, []);
});
