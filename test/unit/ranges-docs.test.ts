// Ranges and reservations as port documents write them: range columns, audit rows, reserved rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';

const warnings = (c: ReturnType<typeof checkFiles>) => c.findings.filter((f) => f.severity !== 'info').map(brief);

test('an audit row that answers "no" reports each of its ports outside the block, at the port', () => {
  const doc = [
    '## Declared ports',
    '',
    '| Project | Declared ports | Block assigned | Inside? |',
    '|---|---|---|---|',
    '| atlas | atlas-api `7100`; atlas-ui `3000` | 7100-7199 | no |',
    '| beacon | beacon `9100` | 9100-9199 | **yes** |',
    '| comet | comet `80` | — none — | — |',
    '| dune | dune-web `8088` | 6400-6499 | No |',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(warnings(c), ['out-of-range@docs/ports.md:5', 'out-of-range@docs/ports.md:8']);
  const [atlas, dune] = c.findings;
  assert.equal(atlas.port, 3000);
  assert.equal(c.textAt(atlas.loc), '3000');
  assert.match(atlas.message, /atlas-ui is on 3000, outside the block 7100-7199/);
  assert.equal(atlas.related[0].loc.span.startLine, 5);
  assert.equal(dune.port, 8088);
});

test('an audit table allocates nothing, and without a verdict column or in an example it says nothing', () => {
  const audit = [
    '| Project | Declared ports | Block | Fits? |',
    '|---|---|---|---|',
    '| atlas | atlas `3000` | 7100-7199 | no |',
    '| beacon | beacon `3000` | 7200-7299 | no |',
  ];
  const plain = ['| Project | Port | Block |', '|---|---|---|', '| atlas | 3000 | 7100-7199 |'];
  assert.deepEqual(warnings(checkFiles({ 'docs/a.md': ['## Example audit', '', ...audit].join('\n') })), []);
  assert.deepEqual(warnings(checkFiles({ 'docs/b.md': plain.join('\n') })), []);
  const facts = parseMarkdown(audit.join('\n'), { file: 'docs/c.md' });
  assert.equal(facts.allocations.length, 0);
  assert.equal(facts.problems.length, 2);
});

test('a bare Range column declares ranges named by the column beside it; siblings that overlap are reported', () => {
  const doc = [
    '## Port plan',
    '',
    '| Range | Layer | Services |',
    '|---|---|---|',
    '| 4100-4199 | Core — Ledger | API (4100), UI (4101) |',
    '| 4200-4299 | Core — Vault / Keys | API (4200) |',
    '| 4250-4349 | Edge — Relay | |',
    '| 5000-5099 | Reserved | Future expansion |',
    '| 0-1023 | Reserved | System ports, never use |',
  ].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.ranges.map((r) => [r.name, r.from, r.to, !!r.keptFree]), [
    ['Core Ledger', 4100, 4199, false],
    ['Core Vault Keys', 4200, 4299, false],
    ['Edge Relay', 4250, 4349, false],
    ['Reserved', 5000, 5099, true],
  ]);
  assert.deepEqual(facts.reserved.map((r) => [r.from, r.to]), [[0, 1023]]);
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(warnings(c), ['range-overlap@docs/ports.md:7']);
});

test('a Range column outside a section about ports is not a port range', () => {
  const doc = ['## Scoring', '', '| Range | Grade |', '|---|---|', '| 0-49 | fail |', '| 40-100 | pass |'].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/grades.md' });
  assert.deepEqual(facts.ranges, []);
});
