// The settings the server pulls (normalised with defaults) and the include/exclude globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../src/server/settings';
import { wellKnownPort } from '../../src/server/wellKnownPorts';
import { Debouncer } from '../../src/server/debounce';

test('normalizeSettings: nested (VS Code) and dotted keys, defaults for missing or wrong values', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  const problems: string[] = [];
  const s = normalizeSettings({
    files: { include: ['docs/**'], exclude: 'nope' },
    'hover.enabled': false,
    maxFileSize: -1,
    debounceMs: 0,
    liveStatus: 'yes',
    rules: { 'port-conflict': 'warning', 'port-mismatch': 'off', 'no-such-rule': 'error', 'out-of-range': 'loud' },
  }, problems);
  assert.deepEqual(s, {
    files: { include: ['docs/**'], exclude: [] },
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
    rules: { 'port-conflict': 'warning', 'port-mismatch': 'off' },
    hover: { enabled: false },
    debounceMs: 0,
    liveStatus: true,
  });
  assert.deepEqual(problems, [
    'portolan.rules.no-such-rule: ignoring "error"',
    'portolan.rules.out-of-range: ignoring "loud"',
    'portolan.files.exclude: ignoring "nope"',
    'portolan.maxFileSize: ignoring -1',
    'portolan.liveStatus: ignoring "yes"',
  ]);
  assert.equal(normalizeSettings({ liveStatus: false }).liveStatus, false);
});

test('wellKnownPort: the IANA service per port and protocol', () => {
  assert.deepEqual(wellKnownPort(5432), { name: 'postgresql', description: 'PostgreSQL Database', protocol: undefined });
  assert.equal(wellKnownPort(443, 'udp')?.name, 'https');
  assert.equal(wellKnownPort(53)?.name, 'domain');
  assert.equal(wellKnownPort(65000), undefined);
});

test('Debouncer: typing restarts the wait, an immediate run is not pushed back', async () => {
  const runs: string[] = [];
  let label = '';
  const d = new Debouncer(() => runs.push(label));
  label = 'typed';
  d.schedule(10_000);
  d.schedule(10_000);
  assert.equal(d.pending, true);
  d.flush();
  assert.deepEqual(runs, ['typed']);
  assert.equal(d.pending, false);
  label = 'saved';
  d.schedule(0);
  d.schedule(10_000);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(runs, ['typed', 'saved']);
  d.schedule(10_000);
  d.cancel();
  assert.equal(d.pending, false);
});
