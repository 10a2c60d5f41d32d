// What a page says about the stacks it shows: compose snippets with or without a language, the env
// blocks they read, alternatives written side by side, services run on their own or behind an ingress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import { brief, checkFiles } from '../support/memoryWorkspace';

const parse = (text: string) => parseMarkdown(text, { file: 'guide/README.md' });
const places = (text: string) => parse(text).allocations.map((a) => `${a.service}=${a.port}${a.fence === undefined ? '' : '@fence'}${a.environment ? `/${a.environment}` : ''}${a.names ? `~${a.names.join(',')}` : ''}`);

test('a fence with no language that is a compose file is read as one, each snippet a stack of its own', () => {
  const text = ['Run it:', '```', 'services:', '  notes:', '    build: notes', '    ports:', '    - 80:8080', '```', '', '```', 'PORT=80 make run', '```'].join('\n');
  assert.deepEqual(places(text), ['notes=80@fence']);
  const offsets = parse(text).allocations.map((a) => a.fence);
  assert.equal(offsets[0], text.indexOf('services:'));
});

test('a block that sets one variable to several values shows alternatives: none of them is an allocation', () => {
  const text = ['```bash', '# Development', 'LEDGER_PORT=3000', '# Production', 'LEDGER_PORT=80', 'AUDIT_PORT=7100', '```'].join('\n');
  assert.deepEqual(places(text), ['audit=7100']);
  assert.deepEqual(parse(text).mentions.map((m) => m.port).sort(), [3000, 80].sort());
});

test('an env block a compose snippet reads through env_file is its container\'s environment', () => {
  const compose = ['```yaml', 'services:', '  torrent:', '    image: x/torrent', '    env_file: .env', '    ports:', '      - "${TORRENT_PORT}:9000"', '      - 8080:8080', '```'];
  const env = ['`.env`', '```bash', 'WEBUI_PORT=8080', 'TORRENT_PORT=9001', '```'];
  assert.deepEqual(places([...compose, ...env].join('\n')), ['torrent=8080@fence', 'torrent=9001']);
  // Without env_file the block is ordinary settings.
  assert.deepEqual(places([...compose.filter((l) => !l.includes('env_file')), ...env].join('\n')), ['torrent=8080@fence', 'webui=8080', 'torrent=9001']);
});

test('a service run on its own is an environment of its own; rows routed by an ingress share its listener', () => {
  const text = [
    '## Database ports',
    '- builder: 3306 (standalone, for development)',
    '- board: 3306 (runs alone)',
    '',
    '| Service | Port | Notes |',
    '|---|---|---|',
    '| console | 443 | served through the Ingress |',
    '| registry | 443 | TLS at the ingress |',
    '| mailer | 443 | direct |',
  ].join('\n');
  assert.deepEqual(places(text), ['builder=3306/variant:standalone-builder', 'board=3306/variant:standalone-board', 'console=443~ingress', 'registry=443~ingress', 'mailer=443']);
  const c = checkFiles({ 'docs/PORTS.md': text });
  assert.deepEqual(c.findings.map(brief), ['port-conflict@docs/PORTS.md:9']);
});
