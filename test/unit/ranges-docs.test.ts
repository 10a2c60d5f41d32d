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

test('a "Block" column of names is no range column: its rows are services on their ports', () => {
  const doc = ['## Ports', '', '| Block | Port | Profile |', '|---|---|---|', '| ledger | 4100 | default |', '| courier | 4101 | default |', '| vault | 4102 | full only |'].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.ranges, []);
  assert.deepEqual(facts.allocations.map((a) => `${a.service} ${a.port}`), ['ledger 4100', 'courier 4101', 'vault 4102']);
  assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': doc })), []);
});

test('.env section headers with a range own the keys below them, up to the next header or new comment paragraph', () => {
  const env = [
    '# Ports for the combined stack',
    '',
    '# === Billing (41xx) ===',
    'BILLING_HTTP_PORT=4110',
    'BILLING_ADMIN_PORT=5120',
    '# the worker shares the block',
    'BILLING_WORKER_PORT=4999',
    '',
    '# --- Shared services ---',
    'CACHE_PORT=6379',
    '',
    '# Search: 7300-7399',
    'SEARCH_PORT=7300',
    '',
    '# Ports 9000-9099 belong to the old stack',
    'LEGACY_PORT=8000',
    '',
    '# Gateway (8800-8899)',
    'GATEWAY_PORT=8800',
    '',
    '# Anything below is ad hoc',
    'TOOLS_PORT=1234',
  ].join('\n');
  const c = checkFiles({ 'stack/.env': env });
  assert.deepEqual(warnings(c), ['out-of-range@stack/.env:5', 'out-of-range@stack/.env:7']);
  assert.match(c.findings[0].message, /billing is on 5120, outside Billing \(4100-4199\)/);
  // A template's values are placeholders: its headers own nothing.
  assert.deepEqual(warnings(checkFiles({ 'stack/.env.example': env })), []);
});

test('a compose file whose opening comment puts its ports in a range: host ports outside it are out of range', () => {
  const compose = (comment: string) => [
    comment,
    '# Usage: docker compose -f base.yml -f this.yml up',
    'services:',
    '  web:',
    '    ports:',
    '      - "9010:80"',
    '      - "9443:443"',
    '  # ports 7000-7099 range is for the workers',
    '  db:',
    '    ports: ["5433:5432"]',
  ].join('\n');
  const c = checkFiles({ 'overrides/web.override.yml': compose('# Remaps ports to 90xx range, adds a network') });
  assert.deepEqual(warnings(c), ['out-of-range@overrides/web.override.yml:7', 'out-of-range@overrides/web.override.yml:10']);
  assert.match(c.findings[0].message, /outside Remaps ports to 90xx range \(9000-9099\)/);
  // No range word, or a range that is not about the ports, promises nothing; neither does a comment below the first key.
  for (const comment of ['# Remaps ports, adds a network', '# Build for Node 18-20 range of versions', '# Upgraded 2019-2021']) {
    assert.deepEqual(warnings(checkFiles({ 'overrides/web.override.yml': compose(comment) })), [], comment);
  }
});

test('a heading listing several ranges owns them all; single ports in its list are its exceptions', () => {
  const doc = [
    '## Apps (1000~1999 / 3000~3999)',
    '| Service | Port |',
    '|---|---|',
    '| alpha | 1500 |',
    '| beta | 3500 |',
    '| gamma | 2500 |',
    '',
    '## Tools (8880-8899, 9000, 11434)',
    '| Service | Port |',
    '|---|---|',
    '| lint | 8881 |',
    '| speech | 9000 |',
    '| llm | 11434 |',
    '| chat | 7880 |',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(warnings(c), ['out-of-range@docs/ports.md:6', 'out-of-range@docs/ports.md:14']);
  assert.match(c.findings[0].message, /outside Apps \(1000-1999, 3000-3999\)/);
  assert.match(c.findings[1].message, /outside Tools \(8880-8899, 9000, 11434\)/);
});

test('ranges that are not one list ("moved from A to B") declare nothing', () => {
  const facts = parseMarkdown(['## Moved from 3000-3099 to 4000-4099', '| Service | Port |', '|---|---|', '| web | 5000 |'].join('\n'), { file: 'docs/x.md' });
  assert.deepEqual(facts.ranges, []);
});

test('a range declared under a parent range it leaves is out of range; one inside it is not', () => {
  const doc = [
    '## Platform (4000-4999)',
    '### Core (4000-4099)',
    '### Edge (5000-5099)',
    '',
    '## Shop (6000-6999)',
    '| Tier | Range |',
    '|---|---|',
    '| web | 6000-6099 |',
    '| jobs | 7000-7099 |',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(warnings(c), ['out-of-range@docs/ports.md:3', 'out-of-range@docs/ports.md:9']);
  assert.match(c.findings[0].message, /Edge \(5000-5099\) is not inside Platform \(4000-4999\)/);
});

test('list items that lead with a range declare bands; reserved bands are kept free or forbidden', () => {
  const doc = [
    '## Port plan',
    '',
    '- **1000-2999**: Network agents',
    '- `31xx` — Web apps',
    '- 4000-4999: Reserved for future expansion',
    '- 0-999: Reserved system ports, never use',
    '- 20000+: Batch jobs',
    '',
    '### Apps (1000-3999)',
    '| Service | Port |',
    '|---|---|',
    '| web | 3100 |',
    '| agent | 4500 |',
  ].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.ranges.slice(0, 4).map((r) => [r.name, r.from, r.to, !!r.keptFree]), [
    ['Network agents', 1000, 2999, false],
    ['Web apps', 3100, 3199, false],
    ['Reserved for future expansion', 4000, 4999, true],
    ['Batch jobs', 20000, 65535, false],
  ]);
  assert.deepEqual(facts.reserved.map((r) => [r.from, r.to]), [[0, 999]]);
  const c = checkFiles({ 'docs/ports.md': doc });
  // The section range spans two bands without overlapping "them": only the port outside it is reported.
  assert.deepEqual(warnings(c), ['out-of-range@docs/ports.md:13']);
  assert.deepEqual(c.findings.filter((f) => f.severity === 'info').map(brief), ['kept-free-port@docs/ports.md:13']);
});

test('range-first items outside a section about ports, or in history, declare nothing', () => {
  const cv = ['## Career', '', '- 2019-2021: Lead engineer', '- 2015-2019: Developer'].join('\n');
  assert.deepEqual(parseMarkdown(cv, { file: 'docs/cv.md' }).ranges, []);
  const history = ['## Port history', '', '- 8000-8099: the old API block', '- 8050-8150: the block after the move'].join('\n');
  assert.deepEqual(parseMarkdown(history, { file: 'docs/h.md' }).ranges, []);
});

test('sections titled forbidden, avoid, blocked (in any language) reserve their ports for compose and env too', () => {
  for (const title of ['## Ports to avoid', '## Blocked ports', '## 禁止使用的端口', '## 使用禁止ポート', '## 사용 금지 포트']) {
    const doc = [title, '', '| Port | Reason |', '|---|---|', '| 5000 | taken by the desktop |', '', '## Services', '', '- web: 8080'].join('\n');
    const c = checkFiles({
      'docs/ports.md': doc,
      'docker-compose.yml': 'services:\n  media:\n    ports: ["5000:5000"]\n',
      'api/.env': 'MEDIA_PORT=5000\n',
    });
    assert.deepEqual(warnings(c), ['reserved-port@api/.env:1', 'reserved-port@docker-compose.yml:3'], title);
  }
});

test('a forbidding list of bare ports (`- ❌ 5173 (default dev server)`) reserves each of them', () => {
  const doc = ['# Ports', '', '| Service | Port |', '|---|---|', '| portal | 4300 |', '', '## 🛑 DO NOT USE THESE PORTS', '- ❌ 4302 (old portal port)', '- ❌ **5173** (default dev server)', '- 6006'].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': 'services:\n  worker:\n    ports: ["5173:5173"]\n  docs:\n    ports: ["6006:6006"]\n' });
  assert.deepEqual(warnings(c), ['reserved-port@docker-compose.yml:3', 'reserved-port@docker-compose.yml:5']);
  // Under a title that forbids nothing, a bare port is no one's and reserves nothing.
  assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': doc.replace('DO NOT USE THESE PORTS', 'Ports seen in logs'), 'docker-compose.yml': 'services:\n  worker:\n    ports: ["5173:5173"]\n' })), []);
});

test('a title about avoiding clashes, or without ports, forbids nothing', () => {
  for (const title of ['## Avoid port conflicts', '## Blocked on review']) {
    const doc = [title, '', '| Port | Service |', '|---|---|', '| 5000 | media |'].join('\n');
    const c = checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': 'services:\n  media:\n    ports: ["5000:5000"]\n' });
    assert.deepEqual(warnings(c), [], title);
  }
});

test('a reserved table that names each row\'s owner hands its bands out: they are ranges and allocations, not forbidden ports', () => {
  const bands = ['| Band | Owner | Notes |', '|---|---|---|', '| 22 | SSH | keep it running |', '| 3000-3099 | Web apps | one per app |', '| 5000-5999 | Data stores | internal only |'];
  const live = ['## Running', '', '| Port | Service |', '|---|---|', '| 22 | SSH |', '| 3004 | shop-web |', '| 5432 | postgres |'];
  // The paragraph's "blocked" is about clashes, and "next unused port in your band" hands ports out.
  const lead = 'Every band belongs to one kind of service. Pick the next unused port in your band; clashes are blocked at review time.';
  const doc = ['# Port plan', '', '## Reserved bands', '', lead, '', ...bands, '', ...live].join('\n');
  const facts = parseMarkdown(doc, { file: 'PORTS.md' });
  assert.deepEqual(facts.reserved, []);
  assert.deepEqual(facts.ranges.map((r) => [r.name, r.from, r.to]), [['Web apps', 3000, 3099], ['Data stores', 5000, 5999]]);
  assert.deepEqual(warnings(checkFiles({ 'PORTS.md': doc })), []);
  // A title that forbids keeps forbidding, Owner column or not.
  const compose = 'services:\n  media:\n    ports: ["5000:5000"]\n';
  const forbidden = ['## Reserved ports: do not use', '', '| Port | Owner |', '|---|---|', '| 5000 | desktop sync |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': forbidden, 'docker-compose.yml': compose })), ['reserved-port@docker-compose.yml:3']);
  // Without an Owner column, a paragraph that forbids the ports still does.
  const plain = ['## Reserved ports', '', 'Never bind these.', '', '| Port | Notes |', '|---|---|', '| 5000 | desktop sync |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': plain, 'docker-compose.yml': compose })), ['reserved-port@docker-compose.yml:3']);
});

test('sections of decommissioned, retired or superseded ports allocate nothing', () => {
  for (const title of ['## Decommissioned / freed', '## Retired ports', '## Superseded']) {
    const doc = ['## Running', '', '| Port | Service |', '|---|---|', '| 9400 | auth |', '', title, '', '| Port | Was |', '|---|---|', '| 9400 | voice prototype |'].join('\n');
    const c = checkFiles({ 'PORTS.md': doc });
    assert.deepEqual(warnings(c), [], title);
    assert.deepEqual(parseMarkdown(doc, { file: 'PORTS.md' }).allocations.map((a) => a.service), ['auth'], title);
  }
});

test('a service the document puts under a range is out of range where compose publishes its main port outside it', () => {
  const doc = ['## Frontend (3000-3099)', '', '| Service | Port |', '|---|---|', '| web | 3000 |', '| admin | 3001 |', '', '## Data', '', '- postgres: 5432'].join('\n');
  const compose = [
    'services:',
    '  web:',
    '    build: ./web',
    '    ports: ["4000:3000", "9100:9100"]',
    '  admin:',
    '    build: ./admin',
    '    ports: ["3001:3001", "9101:9101"]',
    '  postgres:',
    '    image: postgres:16',
    '    ports: ["5433:5432"]',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': compose });
  const outside = c.findings.filter((f) => f.rule === 'out-of-range');
  assert.deepEqual(outside.map(brief), ['out-of-range@docker-compose.yml:4']);
  assert.equal(outside[0].port, 4000);
  assert.match(outside[0].message, /web is on 4000, outside Frontend \(3000-3099\), the range docs\/ports.md puts it under/);
});

test('a compose port the document itself lists for the service, or a stack the document does not speak for, is not out of its range', () => {
  const doc = ['## Frontend (3000-3099)', '', '| Service | Port |', '|---|---|', '| web | 3000 |', '| web (debug) | 4000 |'].join('\n');
  const compose = 'services:\n  web:\n    build: .\n    ports: ["4000:3000"]\n';
  const listed = checkFiles({ 'docs/ports.md': ['## Frontend (3000-3099)', '', '- web: 3000, 4000'].join('\n'), 'docker-compose.yml': compose });
  assert.deepEqual(listed.findings.filter((f) => f.rule === 'out-of-range' && f.loc.file === 'docker-compose.yml').map(brief), []);
  const elsewhere = checkFiles({ 'apps/shop/README.md': doc, 'apps/blog/docker-compose.yml': compose });
  assert.deepEqual(elsewhere.findings.filter((f) => f.rule === 'out-of-range' && f.loc.file.endsWith('.yml')).map(brief), []);
  // The same document gives web 4000 in a section without a range: its own business, not a port outside its plan.
  const otherSection = ['## Frontend (3000-3099)', '', '- web: 3000', '', '## Debug ports', '', '| Service | Port |', '|---|---|', '| web | 4000 |'].join('\n');
  const listedElsewhere = checkFiles({ 'docs/ports.md': otherSection, 'docker-compose.yml': compose });
  assert.deepEqual(listedElsewhere.findings.filter((f) => f.rule === 'out-of-range' && f.loc.file === 'docker-compose.yml').map(brief), []);
});

test("a registry project's range holds the services it builds and its env files' own ports, not the images it runs", () => {
  const registry = ['version: 1', 'projects:', '  shop: { range: 10000-10999, path: apps/shop }'].join('\n');
  const compose = [
    'services:',
    '  api:',
    '    build: ./api',
    '    ports: ["8080:8080", "9464:9464"]',
    '  web:',
    '    build: ./web',
    '    ports: ["10001:3000"]',
    '  postgres:',
    '    image: postgres:16',
    '    ports: ["5432:5432"]',
  ].join('\n');
  const c = checkFiles({
    'ports.yaml': registry,
    'apps/shop/docker-compose.yml': compose,
    'apps/shop/worker/.env': 'PORT=7000\nREDIS_PORT=6379\n',
    'apps/blog/docker-compose.yml': 'services:\n  blog:\n    build: .\n    ports: ["8081:80"]\n',
  });
  const outside = c.findings.filter((f) => f.rule === 'out-of-range');
  assert.deepEqual(outside.map(brief), ['out-of-range@apps/shop/docker-compose.yml:4', 'out-of-range@apps/shop/worker/.env:1']);
  assert.match(outside[0].message, /api is on 8080, outside project shop's range \(10000-10999\)/);
});

test('a line titling a list ("Never use these ports:") makes it a reserved list for as long as the list lasts', () => {
  const doc = [
    '## Services',
    '',
    '**Never use these ports:**',
    '',
    '- 5000: desktop media sharing',
    '- 6000-6063: display server',
    '',
    'Allocated:',
    '',
    '- media: 8200',
  ].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.reserved.map((r) => [r.from, r.to]), [[5000, 5000], [6000, 6063]]);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port]), [['media', 8200]]);
  const c = checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': 'services:\n  x11:\n    ports: ["6001:6001"]\n' });
  assert.deepEqual(warnings(c), ['reserved-port@docker-compose.yml:3']);
});

test('a list led by a sentence, or by a title about avoiding clashes, is an ordinary list', () => {
  for (const lead of ['We avoid these ports because of clashes with old services:', 'To avoid port conflicts:', 'Ports in use here, blocked by nothing else, are listed below with their owners and the reasons they were chosen:']) {
    const doc = ['## Services', '', lead, '', '- media: 5000'].join('\n');
    const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
    assert.deepEqual(facts.reserved, [], lead);
    assert.deepEqual(facts.allocations.map((a) => [a.service, a.port]), [['media', 5000]], lead);
  }
});

test('wildcards and open ranges in history, examples or prose own nothing', () => {
  const env = ['# === Old block (87xx) ===', 'API_PORT=9100', '', '# APIs moved from 87xx to 91xx', 'WEB_PORT=9200'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'svc/.env': env })), []);
  const compose = '# Example: ports in the 90xx range\nservices:\n  web:\n    ports: ["8080:80"]\n';
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose })), []);
  const doc = ['## Port notes', '', '- 9000+ downloads last month', '- 87xx was the old API block', '', '## Examples', '', '- 3000-3099: sample web tier'].join('\n');
  assert.deepEqual(parseMarkdown(doc, { file: 'docs/ports.md' }).ranges, []);
});

test("a table row's own range owns the ports in its row", () => {
  const doc = ['## Port plan', '', '| Range | Service | Port |', '|---|---|---|', '| 3000-3099 | web | 3005 |', '| 4000-4099 | api | 5000 |'].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(warnings(c), ['out-of-range@docs/ports.md:6']);
  assert.match(c.findings[0].message, /api is on 5000, outside api \(4000-4099\)/);
});

test('a "Port Range" column beside a port column is the service\'s own pool, not the owner of its port', () => {
  const doc = ['## Media ports', '', '| Service | Port Range | Port |', '|---|---|---|', '| turn | 49152-49200 | 3478 |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': doc })), []);
});

test('list items naming a range in parentheses, or by name and colon, declare it; a reserved name keeps it free', () => {
  const doc = ['## Port bands', '', '- **Frontend services** (3000-3099)', '- Workers (70xx): queue consumers', '- Reserved for later: 9000-9099', '- Grafana (3000)'].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.ranges.map((r) => [r.name, r.from, r.to, !!r.keptFree]), [
    ['Frontend services', 3000, 3099, false],
    ['Workers', 7000, 7099, false],
    ['Reserved for later', 9000, 9099, true],
  ]);
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port]), [['Grafana', 3000]]);
  const prose = ['## Notes', '', '- Upgraded the cluster (2019-2021)'].join('\n');
  assert.deepEqual(parseMarkdown(prose, { file: 'docs/notes.md' }).ranges, []);
});

test('a forbidden list or a range kept free holds where its document speaks: its own project, not a neighbour in the monorepo', () => {
  const forbidding = ['# Shop', '', '## Ports to avoid', '', '| Port | Reason |', '|---|---|', '| 8080 | the host proxy |', '', '## Reserved for future use (9000-9099)', ''].join('\n');
  const compose = (port: number) => `services:\n  app:\n    image: app\n    ports: ["${port}:80"]\n`;
  const c = checkFiles({
    'shop/README.md': forbidding,
    'shop/compose.yaml': compose(8080),
    'blog/README.md': '# Blog\n',
    'blog/compose.yaml': compose(8080),
    'wiki/README.md': '# Wiki\n',
    'wiki/compose.yaml': compose(9001),
  });
  assert.deepEqual(c.findings.filter((f) => f.rule === 'reserved-port' || f.rule === 'kept-free-port').map(brief), ['reserved-port@shop/compose.yaml:4']);
  // A document at the root speaks for every folder.
  const root = checkFiles({ 'docs/PORTS.md': forbidding.replace('# Shop', '# Platform'), 'blog/compose.yaml': compose(8080), 'wiki/compose.yaml': compose(9001) });
  assert.deepEqual(root.findings.filter((f) => f.rule === 'reserved-port' || f.rule === 'kept-free-port').map(brief).sort(), ['kept-free-port@wiki/compose.yaml:4', 'reserved-port@blog/compose.yaml:4']);
});

// A block table names each block for its owner; where the owner runs, its port belongs in the block.
const blocks = [
  '## Port blocks',
  '',
  '| Range | Layer | Services |',
  '|---|---|---|',
  '| 4100-4199 | Core — Ledgerly | Ledgerly API (4100+), UI |',
  '| 4400-4499 | Insight: Lighthouse | Lighthouse API (4400+), crawler |',
  '| 4600-4699 | Edge — Web | gateway, proxy |',
].join('\n');

test('a service a block table names a block for is out of range where its env template or compose runs it outside the block', () => {
  const c = checkFiles({
    'docs/PORTS.md': blocks,
    'ops/env/.env.example': ['# Lighthouse', 'LIGHTHOUSE_PORT=4300', 'LEDGERLY_PORT=4100'].join('\n'),
    // Where a client reaches it is a claim of another kind: not where it runs.
    'reports/.env': 'LIGHTHOUSE_URL=http://lighthouse:4310\n',
    'docker-compose.yml': ['services:', '  ledgerly:', '    build: ./ledgerly', '    ports: ["8000:8000"]', '  web:', '    build: ./web', '    ports: ["8080:80"]'].join('\n'),
  });
  const outside = c.findings.filter((f) => f.rule === 'out-of-range');
  assert.deepEqual(outside.map(brief), ['out-of-range@docker-compose.yml:4', 'out-of-range@ops/env/.env.example:2']);
  const [ledgerly, lighthouse] = outside;
  assert.equal(c.textAt(ledgerly.loc), '8000');
  assert.match(ledgerly.message, /ledgerly is on 8000, outside Core Ledgerly \(4100-4199\), the range docs\/PORTS.md names for it/);
  assert.equal(c.textAt(lighthouse.loc), '4300');
  assert.equal(lighthouse.related[0].loc.file, 'docs/PORTS.md');
  assert.equal(lighthouse.related[0].loc.span.startLine, 6);
});

test('a block holds nowhere its owner is not named by it: a range column after the name, a service the document lists, an example stack', () => {
  const bands = ['## Default ports', '', '| Service | Default | Range |', '|---|---|---|', '| Lighthouse | 7008 | 7xxx |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docs/PORTS.md': bands, 'docker-compose.yml': 'services:\n  lighthouse:\n    build: .\n    ports: ["8091:8080"]\n' })), []);
  const listed = `${blocks}\n\n## Services\n\n| Service | Port |\n|---|---|\n| lighthouse | 9300 |\n`;
  const c = checkFiles({ 'docs/PORTS.md': listed, 'docker-compose.yml': 'services:\n  lighthouse:\n    build: .\n    ports: ["9300:9300"]\n' });
  assert.deepEqual(c.findings.filter((f) => f.message.includes('names for it')).map(brief), []);
  const example = checkFiles({ 'docs/PORTS.md': blocks, 'examples/demo/docker-compose.yml': 'services:\n  lighthouse:\n    build: .\n    ports: ["8091:8080"]\n' });
  assert.deepEqual(warnings(example), []);
});

test('rangeOwner reads the name after a category, without its parentheses; a description or a bare number names nobody', async () => {
  const { rangeOwner } = await import('../../src/core/parsers/markdown/rangeOwner');
  assert.equal(rangeOwner('Insight — Lighthouse'), 'lighthouse');
  assert.equal(rangeOwner('Insight: Lighthouse (API, UI)'), 'lighthouse');
  assert.equal(rangeOwner('**Billing**'), 'billing');
  assert.equal(rangeOwner('APIs of the billing team and friends'), undefined);
  assert.equal(rangeOwner('4400'), undefined);
  assert.equal(rangeOwner(''), undefined);
});

test('a band list names its blocks too: `- 4400-4499: Lighthouse` holds lighthouse\'s env port; a band kept for later names nobody', () => {
  const bands = ['## Port plan', '', '- 4100-4199: Ledgerly', '- 4400-4499: Lighthouse', '- 4500-4599: Reserved for future expansion'].join('\n');
  const c = checkFiles({ 'docs/ports.md': bands, '.env': 'LIGHTHOUSE_PORT=4300\nLEDGERLY_PORT=4150\n' });
  assert.deepEqual(warnings(c), ['out-of-range@.env:1']);
  assert.match(c.findings.find((f) => f.rule === 'out-of-range')!.message, /lighthouse is on 4300, outside Lighthouse \(4400-4499\)/);
  const facts = parseMarkdown(bands, { file: 'docs/ports.md' });
  assert.deepEqual(facts.ranges.map((r) => r.owner), ['ledgerly', 'lighthouse', undefined]);
});

test('a range item after a full-width colon, or followed by a word that says it is a range', () => {
  for (const item of ['- API services: 8880-8900 range', '- API 服务：8880-8900 范围内', '- API services: 8880-8900']) {
    const facts = parseMarkdown(`## Ports\n\n${item}\n`, { file: 'docs/ports.md' });
    assert.deepEqual(facts.ranges.map((r) => `${r.from}-${r.to}`), ['8880-8900'], item);
  }
  // A word after a single port is no range, and the item is prose.
  assert.deepEqual(parseMarkdown('## Ports\n\n- API services: 8880 range\n', { file: 'docs/ports.md' }).allocations, []);
});

test('a principle states a range for a class of services: it owns the entries whose names have its word, anywhere in the document', () => {
  const doc = [
    '# Port allocation',
    '',
    '## Conventions',
    '',
    '1. All APIs use 87xx.',
    '2. **Rule**: every frontend must run on ports in the range 3000-3099 (see below)',
    '',
    '## Services',
    '',
    '| Service | Port |',
    '|---|---|',
    '| orders api | 8701 |',
    '| billing api | 8802 |',
    '| shop frontend | 3001 |',
    '| admin frontends | 4000 |',
    '| frontend api | 9001 |',
    '| worker | 9500 |',
    '',
    '## Gateway (9000-9099)',
    '',
    '| Service | Port |',
    '|---|---|',
    '| gateway api | 9010 |',
  ].join('\n');
  const c = checkFiles({ 'docs/ports.md': doc });
  assert.deepEqual(warnings(c), ['out-of-range@docs/ports.md:13', 'out-of-range@docs/ports.md:15']);
  const [billing, admin] = c.findings;
  assert.match(billing.message, /billing api is on 8802, outside APIs \(8700-8799\)/);
  assert.equal(c.textAt(billing.related[0].loc), '87xx');
  assert.match(admin.message, /outside frontend \(3000-3099\)/);
});

test('"all services" owns every entry of the document, and the range holds where compose runs the service', () => {
  const doc = ['# Ports', '', 'All services use ports in the range **9100-9199** (100 ports total).', '', '| Service | Port |', '|---|---|', '| web | 9101 |', '| cache | 6379 |'].join('\n');
  const compose = ['services:', '  web:', '    image: nginx', '    ports:', '      - "8080:80"', ''].join('\n');
  const c = checkFiles({ 'PORTS.md': doc, 'compose.yaml': compose });
  assert.deepEqual(warnings(c).filter((w) => w.startsWith('out-of-range')), ['out-of-range@PORTS.md:8', 'out-of-range@compose.yaml:5']);
});

test('a principle for a class no name shows, outside a port section, in an example or without a range owns nothing', () => {
  const table = ['', '| Service | Port |', '|---|---|', '| orders api | 8802 |', '| cache | 6379 |'];
  const quiet = [
    ['# Ports', '', '- All HTTP services use 3xxx ports', ...table],
    ['# Ports', '', '- All internal APIs use 87xx', ...table],
    ['# Notes', '', 'All APIs use 87xx.', ...table],
    ['# Ports', '', '## Example', '', 'All APIs use 87xx.', '', '## Services', ...table],
    ['# Ports', '', 'All APIs use port 8700 behind the proxy.', ...table],
  ];
  for (const lines of quiet) assert.deepEqual(warnings(checkFiles({ 'docs/notes.md': lines.join('\n') })), [], lines[2] + lines[4]);
});

test('a list item that calls its port reserved names no service: forbidding words reserve it, others only mention it', () => {
  const doc = ['# Ports', '', '| Service | Port |', '|---|---|', '| web | 8080 |', '| api | 8081 |', '', '## Notes', '', '- 8080: Reserved (do NOT use)', '- 8081: Reserved', '- 9000: Reserved for monitoring'].join('\n');
  const c = checkFiles({ 'PORTS.md': doc });
  assert.deepEqual(warnings(c), ['reserved-port@PORTS.md:5']);
  assert.deepEqual(c.allocations.map((a) => `${a.service} ${a.port}`).sort(), ['Reserved for monitoring 9000', 'api 8081', 'web 8080']);
});

test('forbidding titles in Portuguese, Spanish and German reserve the ports listed under them', () => {
  for (const title of ['## Portas ocupadas - NÃO USAR', '## Puertos que NO se pueden usar', '## Ports - nicht verwenden']) {
    const doc = [title, '', '- 5173: Vite', '- 8000: Dashboard', '', '## Services', '', '| Service | Port |', '|---|---|', '| web | 8000 |'].join('\n');
    assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': doc })), ['reserved-port@docs/ports.md:10'], title);
  }
  const plain = ['## Portas do projeto', '', '- web: 8000', '', '## Services', '', '| Service | Port |', '|---|---|', '| web | 8000 |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docs/ports.md': plain })), []);
});

test('a number range inside an identifier (`CVE-2018-12613`, `JIRA-1200-1300`, `DS920+`) declares no range', () => {
  const table = ['| Service | Port |', '|---|---|', '| web | 80 |'];
  for (const heading of ['### CVE-2018-12613', '### Ticket JIRA-1200-1300 notes', '### Synology DS920+']) {
    const doc = [heading, '', ...table].join('\n');
    assert.deepEqual(parseMarkdown(doc, { file: 'labs/README.md' }).ranges, [], heading);
    assert.deepEqual(warnings(checkFiles({ 'labs/README.md': doc })), [], heading);
  }
  assert.deepEqual(parseMarkdown(['### Web (8000-8099)', '', ...table].join('\n'), { file: 'labs/README.md' }).ranges.map((r) => `${r.from}-${r.to}`), ['8000-8099']);
});
