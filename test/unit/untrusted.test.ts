// In an untrusted workspace the client answers the server's configuration request with live status
// off (so no port of this machine is probed), whatever the user's settings say; everything else the
// server reads stays as configured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { untrustedConfiguration } from '../../src/vscode/untrusted';
import { normalizeSettings } from '../../src/server/settings';

test('untrusted workspace: live status off in every portolan section, other sections untouched', () => {
  const userSettings = { liveStatus: true, debounceMs: 50, rules: { 'port-conflict': 'warning' } };
  const items = [{ section: 'portolan' }, { section: 'files' }, { section: 'portolan' }, {}];
  const answer = [userSettings, { exclude: { '**/.git': true } }, null, { liveStatus: true }];
  const restricted = untrustedConfiguration(items, answer);

  assert.deepEqual(restricted, [
    { liveStatus: false, debounceMs: 50, rules: { 'port-conflict': 'warning' } },
    { exclude: { '**/.git': true } },
    null,
    { liveStatus: true },
  ]);
  assert.equal(userSettings.liveStatus, true, 'the user\'s settings object is not changed');
  const seen = normalizeSettings(restricted[0]);
  assert.equal(seen.liveStatus, false);
  assert.equal(seen.debounceMs, 50);
});
