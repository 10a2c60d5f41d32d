// Documents kept for the record (docs/old/, archive/): their ports are mentioned, never allocated,
// reserved or ranged, so a stale page in an archive folder contradicts nothing that runs today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import { isOnRecord } from '../../src/core/parsers/markdown/onRecord';
import { brief, checkFiles } from '../support/memoryWorkspace';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const PAGE = lines(
  '# Deployment',
  '',
  '## Ports (7000-7099)',
  '',
  '| Service | Port |',
  '|---|---|',
  '| ledger | 7010 |',
  '',
  '## Reserved ports (never use)',
  '',
  '- 7050: vpn',
  '',
  'Run `docker compose -f compose.yaml -f compose.extra.yaml up`.',
);

test('which folders hold documents on record: old, archive, deprecated at the top or in a docs folder, not a service named archive', () => {
  for (const file of ['docs/old/DEPLOY.md', 'archive/PORTS.md', 'docs/archive/2023/PORTS.md', 'doc/deprecated/setup.md', 'Docs/Obsolete/a.md', 'wiki/attic/b.md']) {
    assert.equal(isOnRecord(file), true, file);
  }
  for (const file of ['docs/PORTS.md', 'services/archive/README.md', 'old.md', 'docs/older/PORTS.md', 'docs/api/old/x.md', 'README.md']) {
    assert.equal(isOnRecord(file), false, file);
  }
});

test('a document on record mentions its ports and declares nothing', () => {
  const live = parseMarkdown(PAGE, { file: 'docs/DEPLOY.md' });
  assert.deepEqual(live.allocations.map((a) => `${a.service}=${a.port}`), ['ledger=7010']);
  assert.equal(live.ranges.length, 1);
  assert.equal(live.reserved.length, 1);
  assert.ok(live.composeSets?.length);
  const record = parseMarkdown(PAGE, { file: 'docs/old/DEPLOY.md' });
  assert.deepEqual(record.allocations, []);
  assert.deepEqual(record.ranges, []);
  assert.deepEqual(record.reserved, []);
  assert.equal(record.composeSets, undefined);
  assert.ok(record.mentions.some((m) => m.port === 7010 && m.loc.span.startLine === 7));
});

test('a stale page in docs/old/ makes no mismatch with what runs; the same page beside the others does', () => {
  const compose = lines('services:', '  ledger:', '    image: ledger', '    ports:', '      - "7020:7020"');
  const readme = lines('# Ledger', '', '| Service | Port |', '|---|---|', '| ledger | 7020 |');
  const files = { 'compose.yaml': compose, 'README.md': readme };
  assert.deepEqual(checkFiles({ ...files, 'docs/old/DEPLOY.md': PAGE }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ ...files, 'docs/DEPLOY.md': PAGE }).findings.map(brief).filter((f) => f.startsWith('port-mismatch')), ['port-mismatch@docs/DEPLOY.md:7']);
});
