// Names and rows of port documents that are written in other ways than `| Service | Port |`: a
// status in the name cell, several services in one cell, notes after a name, headers in Korean and
// Japanese, placeholder sections whose rows say they run, pages that say a service runs alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import { withoutNote } from '../../src/core/parsers/markdown/rowNames';
import { brief, checkFiles } from '../support/memoryWorkspace';

const parse = (text: string) => parseMarkdown(text, { file: 'docs/PORTS.md' });
const places = (text: string) => parse(text).allocations.map((a) => `${a.service}=${a.port}${a.environment ? `/${a.environment}` : ''}${a.occupied ? '!' : ''}`);

test('Korean and Japanese headers for port, service and project', () => {
  assert.deepEqual(places(['| 포트 | 서비스 | 용도 |', '|---|---|---|', '| 7100 | ledger | 웹 UI |'].join('\n')), ['ledger=7100']);
  assert.deepEqual(places(['| サービス | ポート | 説明 |', '|---|---|---|', '| ledger | 7100 | 画面 |'].join('\n')), ['ledger=7100']);
  // A Korean table with no port column reads nothing.
  assert.deepEqual(places(['| 서비스 | 설명 |', '|---|---|', '| ledger | 7100번 사용 |'].join('\n')), []);
});

test('a name cell holding a status: the services are in the Project column, each holding the port', () => {
  const text = [
    '| Port | Service | Project | Purpose |',
    '|---|---|---|---|',
    '| 7300 | **Conflict** | ledger, billing | UI, Studio |',
    '| 7301 | Queue | ledger, billing | broker |',
    '| 7302 | 충돌 | atlas | web |',
  ].join('\n');
  // Row 2 names its service; the projects beside it only use it.
  assert.deepEqual(places(text), ['ledger=7300!', 'billing=7300!', 'Queue=7301', 'atlas=7302!']);
  const c = checkFiles({ 'docs/PORTS.md': text });
  assert.deepEqual(c.findings.map(brief), ['port-conflict@docs/PORTS.md:3']);
});

test('projects named as a port\'s holders say nothing about which port is a project\'s own', () => {
  const text = [
    '## Databases',
    '| Port | Service | Project |', '|---|---|---|', '| 7300 | Conflict | ledger, billing |',
    '## Web',
    '| Port | Service | Project |', '|---|---|---|', '| 7400 | Conflict | ledger, atlas |', '| 7410 | Ledger | ledger |',
  ].join('\n');
  const c = checkFiles({ 'docs/PORTS.md': text });
  assert.deepEqual(c.findings.map(brief).sort(), ['port-conflict@docs/PORTS.md:4', 'port-conflict@docs/PORTS.md:8']);
});

test('a comma list names services only in a column whose header says so', () => {
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| ledger, billing | 7300 |'].join('\n')), ['ledger=7300', 'billing=7300']);
  // A Reason column is a sentence, whatever its commas.
  assert.deepEqual(places(['| Port | Reason |', '|---|---|', '| 7300 | taken by another stack, do not use here |'].join('\n')), ['taken by another stack, do not use here=7300']);
  // A clause, a protocol or lower-case words after the name say what the port is for: the row names one service.
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| ledger, which also serves the billing pages | 7300 |'].join('\n')), ['ledger=7300']);
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Ledger, DNS | 7301 |', '| Ledger, admin UI | 7302 |', '| atlas, Queue dependency | 7303 |', '| Queue, TCP and UDP | 7304 |'].join('\n')),
    ['Ledger=7301', 'Ledger=7302', 'atlas=7303', 'Queue=7304']);
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Ledger, Ledger ML | 7305 |'].join('\n')), ['Ledger=7305', 'Ledger ML=7305']);
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Ledger, Atlas and Queue | 7306 |'].join('\n')), ['Ledger=7306', 'Atlas and Queue=7306']);
});

test('under a heading naming a service the document gives a port, an item on that port says what the service does with it', () => {
  const table = ['| Service | Port |', '|---|---|', '| Ledger API | 7810 |', '| Ledger API | 7811 |', ''];
  const items = ['- **7810**: main endpoint', '- **7811**: internal test endpoint'];
  assert.deepEqual(places([...table, '### 4.1 Ledger API dual ports', ...items].join('\n')), ['Ledger API=7810', 'Ledger API=7811']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': [...table, '### Ledger API 双端口配置', ...items].join('\n') }).findings.map(brief), []);
  // Under a heading naming another service they are services of their own.
  assert.deepEqual(places([...table, '### Atlas', ...items].join('\n')), ['Ledger API=7810', 'Ledger API=7811', 'main endpoint=7810', 'internal test endpoint=7811']);  // So are the lines of a plain block listing one port per line.
  const block = ['```', '7810 - Ledger HTTP API', '7811 - Ledger WebSocket', '7812 - Ledger Admin', '```'];
  assert.deepEqual(places([...table, '### Ledger API Service (7810-7819)', ...block].join('\n')), ['Ledger API=7810', 'Ledger API=7811', 'Ledger Admin=7812']);
  assert.deepEqual(places([...table, '### Atlas (7810-7819)', ...block].join('\n')), ['Ledger API=7810', 'Ledger API=7811', 'Ledger HTTP API=7810', 'Ledger WebSocket=7811', 'Ledger Admin=7812']);
});

test('sections giving each copy of one stack its own ports list instances: each an environment of its own', () => {
  const copy = (heading: string, db: number, api: number, extra = '') =>
    [heading, '', '| Service | Port |', '|---|---|', `| Ledger DB | ${db} |`, `| Ledger API | ${api} |`, extra].join('\n');
  const doc = [copy('## Worktrees', 7000, 7001), copy('### feature-a', 7100, 7101, '| Atlas | 7102 |'), copy('### feature-b', 7200, 7201)].join('\n');
  const envs = parse(doc).allocations.map((a) => a.environment);
  assert.equal(new Set(envs).size, 3);
  assert.ok(envs.every((e) => e?.startsWith('variant:instance-')));
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc }).findings.map(brief), []);
  // One service in common, or one drifted row among agreeing ones, is no pattern.
  const drifted = [copy('## Summary', 7000, 7001), copy('## Details', 7000, 7009)].join('\n');
  assert.deepEqual(parse(drifted).allocations.map((a) => a.environment), [undefined, undefined, undefined, undefined]);
  const oneInCommon = [copy('## Summary', 7000, 7001), '## Atlas', '', '| Service | Port |', '|---|---|', '| Ledger DB | 7300 |', '| Atlas | 7301 |', '| Queue | 7302 |'].join('\n');
  assert.ok(parse(oneInCommon).allocations.every((a) => a.environment === undefined));
});

test('one service on several rows, each with a note after a comma: no clash with itself', () => {
  const text = ['| Port | Service |', '|---|---|', '| 7301 | Ledger, DNS |', '| 7302 | Ledger, web UI |', '| 7303 | Ledger, first-run wizard only |'].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': text }).findings.map(brief), []);
});

test('names joined with / or & pair with as many ports; a note after a name is not part of it', () => {
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| ledger & queue | 7300 / 7301 |', '| AI/ML Pipeline | 7302 |'].join('\n')),
    ['ledger=7300', 'queue=7301', 'AI/ML Pipeline=7302']);
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Auth - CRITICAL PORT | 7303 |', '| Ledger (deprecated) | 7304 |', '| Atlas ✅ | 7305 |', '| North - South | 7306 |'].join('\n')),
    ['Auth=7303', 'Ledger=7304', 'Atlas=7305', 'North South=7306']);
  // A compose profile's service is written with a note that it runs on demand.
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| **Queue** (profile) | 7307 |', '| Mailer (if enabled) | 7308 |'].join('\n')), ['Queue=7307', 'Mailer=7308']);
  assert.equal(withoutNote('Gateway — do not change'), 'Gateway');
  assert.equal(withoutNote('Gateway - Edge'), 'Gateway - Edge');
});

test('in a section of reserved placeholders, a row whose status says it runs holds its port', () => {
  const text = [
    '### Reserved placeholder ports',
    '| Port | Service | Status |',
    '|---|---|---|',
    '| 7500 | Atlas | **Active** |',
    '| 7501 | Ledger | Placeholder |',
    '| 7502 | Queue | Standby |',
  ].join('\n');
  assert.deepEqual(places(text), ['Atlas=7500']);
  assert.deepEqual(parse(text).mentions.map((m) => m.port).sort(), [7501, 7502]);
  // Outside a reserved section every row is an allocation, whatever its status.
  assert.deepEqual(places(text.replace('### Reserved placeholder ports', '### Ports')), ['Atlas=7500', 'Ledger=7501', 'Queue=7502']);
});

test('a page that says a service runs alone on a port says it of every row listing it there', () => {
  const text = [
    '| Port | Service | Project |', '|---|---|---|', '| 7600 | Conflict | cache, builder, board |',
    '',
    '## Resolved port conflicts',
    '- cache: 7600 (standalone)',
    '- builder: 7600 (runs alone)',
  ].join('\n');
  assert.deepEqual(places(text), [
    'cache=7600/variant:standalone-cache!', 'builder=7600/variant:standalone-builder!', 'board=7600!',
    'cache=7600/variant:standalone-cache', 'builder=7600/variant:standalone-builder',
  ]);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': text }).findings.map(brief), []);
  // Without the resolution the three clash.
  assert.equal(checkFiles({ 'docs/PORTS.md': text.split('\n').slice(0, 3).join('\n') }).findings.length, 2);
});

const claimsOf = (text: string) => parse(text).allocations.map((a) => `${a.service}=${a.port}${a.claim ? '?' : ''}${a.role ? `/${a.role}` : ''}`);

test('a list item naming a service and the URL it is reached at claims that port', () => {
  const text = ['## Monitoring', '', '- **Ledger:** http://10.0.0.5:7100 (via the LAN)', '- **Atlas:** http://atlas:7200/metrics', '- Status: `ledgerctl status`'].join('\n');
  assert.deepEqual(claimsOf(text), ['Ledger=7100?', 'Atlas=7200?/metrics']);
  const c = checkFiles({ 'docs/PORTS.md': ['| Service | Port |', '|---|---|', '| Ledger | 7101 |'].join('\n'), 'guide/README.md': text });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@guide/README.md:3']);
  // The label and its URL written as a link, after a dash or an arrow, or with the URL in parentheses.
  const shapes = ['## Access', '', '- [Ledger](http://localhost:7100)', '- Atlas - http://localhost:7200', '- Vault → http://localhost:7300/ui', '- **Flower** (http://localhost:7400/tasks)', '- [docs](./docs/README.md)', '- See the guide - it explains http://localhost:7500'].join('\n');
  assert.deepEqual(claimsOf(shapes), ['Ledger=7100?', 'Atlas=7200?', 'Vault=7300?', 'Flower=7400?']);  // A heading over a paragraph that is one URL labels it; a heading of generic words, or a sentence, does not.
  const headed = ['# Stack', '', '### Ledger UI:', '', 'http://localhost:7100', '', '### Vault', '', '`http://localhost:7200`', '', '## Getting started', '', 'http://localhost:7300', '', '### Atlas', '', 'Open http://localhost:7400 to see it'].join('\n');
  assert.deepEqual(claimsOf(headed), ['Ledger UI=7100?', 'Vault=7200?']);
  const compose = 'services:\n  ledger:\n    image: ledger\n    ports: ["7105:7100"]\n  vault:\n    image: v\n    ports: ["7200:7200"]\n';
  assert.deepEqual(checkFiles({ 'README.md': headed, 'docker-compose.yml': compose }).findings.map(brief), ['port-mismatch@README.md:5']);
  // So does a text fence of one line under the heading, and a heading that says the service is available there.
  const fenced = ['# Stack', '', '## Ledger', '', '```', 'http://localhost:7100', '```', '', '## Vault is available at:', '', '```url', 'http://localhost:7200', '```', '', '## Atlas', '', '```bash', 'http://localhost:7300', '```'].join('\n');
  assert.deepEqual(claimsOf(fenced), ['Ledger=7100?', 'Vault=7200?']);
  // Under a service's heading a console is one of its ways in.
  assert.deepEqual(claimsOf(['# Stack', '', '### Ledger', '', '- Console: http://localhost:7100'].join('\n')), ['Ledger=7100?']);
  // Available ports are still free ones.
  assert.deepEqual(claimsOf(['# Stack', '', '## Available ports', '', '- Ledger: http://localhost:7100'].join('\n')), []);
});

test('URL items that name no service of this setup claim nothing', () => {
  // A public domain, two URLs, a sentence around the URL.
  assert.deepEqual(claimsOf([
    '- Docs: https://docs.example.com:8443',
    '- Mirror: http://localhost:7301 or http://localhost:7302',
    '- Ledger: start it, then open http://localhost:7303',
  ].join('\n')), []);
});

test('a URL column at a public name claims nothing: its port is the front door of a proxy or a tunnel', () => {
  const text = ['| Service | URL |', '|---|---|', '| Ledger | https://box.tail0.ts.net:7400/ |', '| Atlas | http://10.0.0.5:7401 |', '| Queue | http://localhost:7402 |'].join('\n');
  assert.deepEqual(claimsOf(text), ['Atlas=7401?', 'Queue=7402?']);
  assert.deepEqual(parse(text).mentions.map((m) => m.port), [7400]);
});

test('one server\'s pages listed by name are no services; a lone URL with a path is its service\'s', () => {
  assert.deepEqual(claimsOf([
    '- **Console**: http://localhost:7300',
    '- Home: http://localhost:7300/',
    '- Billing: http://localhost:7300/billing',
    '- Audit: http://localhost:7300/audit',
    '- Mill: http://localhost:7400/mill',
  ].join('\n')), ['Console=7300?', 'Home=7300?', 'Mill=7400?']);
});

test('under a service heading, interface labels are the service\'s ports; under the page title too', () => {
  assert.deepEqual(claimsOf(['### Harbor', '- Web UI (HTTP): 7400', '- Direct access: http://nas:7401', '- Retries: 3'].join('\n')),
    ['Harbor=7400/http', 'Harbor=7401?']);
  // (A page with no port-like text at all is skipped before parsing: this one says "ports".)
  assert.deepEqual(claimsOf(['# Harbor', 'Its ports:', '## Deployment', '- Web UI: 7400'].join('\n')), ['Harbor=7400']);
  // A label with no service heading above it names nothing, outside a document or section about ports.
  assert.deepEqual(parseMarkdown(['Its ports:', '## Deployment', '- Web UI: 7400'].join('\n'), { file: 'docs/guide.md' }).allocations, []);
});

test('a property table under a service heading: its Port row claims the service\'s ports', () => {
  const table = ['| | |', '|---|---|', '| **Machine** | Rack 2 |', '| **Port** | 7400 (web), 7401 |', '| **Access** | LAN |'];
  assert.deepEqual(claimsOf(['# Harbor', '## Deployment', ...table].join('\n')), ['Harbor=7400?', 'Harbor=7401?']);
  assert.deepEqual(claimsOf(['### Harbor', '| Property | Value |', '|---|---|', '| Port | 7400 |'].join('\n')), ['Harbor=7400?']);
  // No service heading: a port-allocation page's property table names no service.
  assert.deepEqual(claimsOf(['## Port allocation rules', ...table].join('\n')), []);
  // A two-column table that is not key/value is an ordinary table.
  assert.deepEqual(claimsOf(['### Harbor', '| Service | Port |', '|---|---|', '| web | 7400 |'].join('\n')), ['web=7400']);
  const c = checkFiles({
    'docs/harbor.md': ['# Harbor', '## Deployment', ...table, '', '```yaml', 'services:', '  harbor:', '    image: h', '    ports: ["7500:80"]', '```'].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@docs/harbor.md:6']);
});

test('a property row labelling ports with components the page\'s snippet runs: each is that component\'s claim', () => {
  const page = (row: string) => ['# Beacon', '| | |', '|---|---|', `| **Port** | ${row} |`, '', '## Compose', '```yaml', 'services:',
    '  beacon-core:', '    image: b/core', '    ports: ["7600:7600", "7610:7610"]', '  beacon-relay:', '    image: b/relay', '    ports: ["7611:7611"]', '```'].join('\n');
  const claims = (text: string) => parse(text).allocations.filter((a) => a.claim).map((a) => `${a.service}=${a.port}`);
  // "relay" names the snippet's beacon-relay; "STUN" names no service of the page: the product keeps it.
  assert.deepEqual(claims(page('7600 (core), 7610 (relay), 3478 (STUN)')), ['beacon-core=7600', 'beacon-relay=7610', 'Beacon=3478']);
  const c = checkFiles({ 'docs/beacon.md': page('7600 (core), 7610 (relay), 3478 (STUN)') });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@docs/beacon.md:4']);
  // The row agrees with the snippet: nothing to report.
  assert.deepEqual(checkFiles({ 'docs/beacon.md': page('7600 (core), 7611 (relay)') }).findings.map(brief), []);
  // A label with no snippet on the page names nothing.
  assert.deepEqual(claims(['# Beacon', '| | |', '|---|---|', '| **Port** | 7600 (core), 7610 (relay) |'].join('\n')), ['Beacon=7600', 'Beacon=7610']);
});

test('summary counts are not ports; a name of up to seven words is a name', () => {
  assert.deepEqual(claimsOf(['## Port summary', '- **Conflicts**: 1 (web/edge)', '- Resolved issues: 6', '- **Active Ports**: 5'].join('\n')), []);
  assert.deepEqual(claimsOf(['## Port summary', '- Customer Notification Email Delivery Worker: 7100', '- This line explains why the other services are all still kept: 7101'].join('\n')),
    ['Customer Notification Email Delivery Worker=7100']);
});

test('a Markdown table pasted into a plain fence is read as the table it is', () => {
  const text = ['## Allocations', '```', '| Service | Port |', '|---------|------|', '| ledger  | 7100 |', '| atlas   | 7101 |', '```'].join('\n');
  const f = parse(text);
  assert.deepEqual(claimsOf(text), ['ledger=7100', 'atlas=7101']);
  assert.equal(f.allocations[0].loc.span.startLine, 5);
  assert.equal(text.slice(f.allocations[1].loc.span.startOffset, f.allocations[1].loc.span.endOffset), '7101');
  // In an example it shows something else; without a rule line under the header it is no table.
  assert.deepEqual(claimsOf(['## Example', ...text.split('\n').slice(1)].join('\n')), []);
  assert.deepEqual(claimsOf(['## Allocations', '```', '| Service | Port |', '| ledger  | 7100 |', '```'].join('\n')), []);
});

test('a port glued to a short CJK word is still the cell\'s port', () => {
  assert.deepEqual(claimsOf(['| 服务 | 端口 |', '|---|---|', '| 检索 | 未9200 |', '| 网关 | 端口8000 |'].join('\n')), ['检索=9200', '网关=8000']);
  const f = parse(['| 服务 | 端口 |', '|---|---|', '| 检索 | 未9200 |'].join('\n'));
  assert.equal(f.allocations[0].loc.span.startColumn, '| 检索 | 未'.length + 1);
  // A longer run is a sentence with a number in it.
  assert.deepEqual(claimsOf(['| 服务 | 端口 |', '|---|---|', '| 检索 | 以前使用的是9200 |'].join('\n')), []);
});

test('mermaid labels in sequence, C4 and architecture diagrams name a service and its port', () => {
  const fence = (...lines: string[]) => ['```mermaid', ...lines, '```'].join('\n');
  assert.deepEqual(claimsOf(fence('sequenceDiagram', 'participant GW as Gateway :7100', 'actor U as User', 'GW->>U: 200 OK')), ['Gateway=7100?']);
  assert.deepEqual(claimsOf(fence('C4Container', 'Container(api, "Ledger API :7200", "Go", "Serves 2 routes")', 'ContainerDb(db, "Ledger DB", "Postgres 16")')), ['Ledger API=7200']);
  assert.deepEqual(claimsOf(fence('architecture-beta', 'service db(database)[Ledger DB :7300] in api', 'service web(server)[Web 2]')), ['Ledger DB=7300']);
  const text = fence('sequenceDiagram', 'participant GW as Gateway :7100');
  const loc = parse(text).allocations[0].loc;
  assert.equal(text.slice(loc.span.startOffset, loc.span.endOffset), '7100');
});

test('a sequence diagram\'s participants are claims, and nodes in an overlay or loopback subgraph are not on the host', () => {
  const fence = (...lines: string[]) => ['## Network', '', '```mermaid', ...lines, '```'].join('\n');
  const sequence = fence('sequenceDiagram', 'participant Edge as Edge Nginx (:80)', 'participant App as App Nginx (:80)', 'Edge->>App: GET /');
  assert.deepEqual(parse(sequence).allocations.map((a) => `${a.service} ${a.port} ${a.claim}`), ['Edge Nginx 80 true', 'App Nginx 80 true']);
  assert.deepEqual(checkFiles({ 'docs/net.md': sequence }).findings.map(brief), []);
  const graph = fence('graph TB', 'subgraph Host["Host ports"]', '  Proxy["Nginx<br/>:80"]', 'end', 'subgraph Swarm["Swarm Overlay Networks"]', '  subgraph Apps["apps"]', '    Pico["Pico<br/>:80"]', '  end', 'end', 'subgraph Box["Internal (localhost only)"]', '  Fpm["PHP-FPM<br/>:9000"]', 'end');
  const f = parse(graph);
  assert.deepEqual(f.allocations.map((a) => `${a.service} ${a.port}`), ['Nginx 80']);
  assert.deepEqual(f.mentions.map((m) => m.port), [80, 9000]);
});

test('a Category column that repeats: each row\'s service is the short name in its Purpose cell', () => {
  const text = ['| Category | Port | Purpose |', '|---|---|---|', '| Monitoring | 7100 | Gauge |', '| Monitoring | 7101 | Metrics Store |', '| Storage | 7200 | Stores the audit log of every request |'].join('\n');
  assert.deepEqual(claimsOf(text), ['Gauge=7100', 'Metrics Store=7101', 'Storage=7200']);
  // A category named once is the row's own name; a Service column is never replaced.
  assert.deepEqual(claimsOf(['| Category | Port | Purpose |', '|---|---|---|', '| Ledger | 7100 | Gauge |'].join('\n')), ['Ledger=7100']);
  assert.deepEqual(claimsOf(['| Service | Port | Purpose |', '|---|---|---|', '| api | 7100 | Gauge |', '| api | 7101 | Admin |'].join('\n')), ['api=7100', 'api=7101']);
});

test('a placeholder row whose status says running holds its port for something unnamed', () => {
  const text = ['| Port | Service | Status |', '|---|---|---|', '| 7100 | reserved port | running |', '| 7101 | (reserved) | planned |', '| 7102 | 预留 | 运行中 |'].join('\n');
  assert.deepEqual(places(text), ['reserved port=7100!', '预留=7102!']);
  const c = checkFiles({ 'docs/PORTS.md': [text, '| 7100 | ledger | running |'].join('\n') });
  assert.deepEqual(c.findings.map(brief), ['port-conflict@docs/PORTS.md:6']);
});

test('an app listed under both a frontend and a backend heading is two parts: the frontend port is not a mismatch with the backend one', () => {
  const table = (rows: string[]) => ['| App | Port |', '|---|---|', ...rows.map((r) => `| ${r} |`)];
  const doc = ['# Ports', '', '## Frontend ports', '', ...table(['Learn | 45009', 'Atlas | 5173']), '', '## Backend ports', '', ...table(['Learn | 6002', 'Billing | 7000'])].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port, a.role]), [['Learn', 45009, 'frontend'], ['Atlas', 5173, undefined], ['Learn', 6002, undefined], ['Billing', 7000, undefined]]);
  const compose = 'services:\n  learn:\n    ports: ["6002:6002"]\n';
  assert.deepEqual(checkFiles({ 'docs/ports.md': doc, 'docker-compose.yml': compose }).findings.map(brief), []);
  // Listed under one tier only, the same name with two ports is still one service written two ways.
  const once = ['# Ports', '', '## Frontend ports', '', ...table(['Learn | 45009']), '', '## All ports', '', ...table(['Learn | 6002'])].join('\n');
  assert.deepEqual(checkFiles({ 'docs/ports.md': once, 'docker-compose.yml': compose }).findings.map(brief), ['port-mismatch@docs/ports.md:7']);
});

test('a project row listing several ports lists its services\' ports: the project is not one more service on each', () => {
  const doc = [
    '# Port map', '',
    '| Port | Service | Project |', '|---|---|---|', '| 3000 | Agent dashboard | orchestrator |', '| 4001 | Model proxy | orchestrator |', '| 3306 | MySQL | photos |', '',
    '## Ports by project', '',
    '| Project | Ports | Details |', '|---|---|---|', '| orchestrator | 3000, 4001 | dashboard, proxy |', '| shop | 5300-5399 | web, api |', '| edge | 8000-8002, 8443 | gateways |',
  ].join('\n');
  const facts = parseMarkdown(doc, { file: 'PORTS.md' });
  assert.deepEqual(facts.allocations.filter((a) => !a.claim).map((a) => [a.service, a.port]), [['Agent dashboard', 3000], ['Model proxy', 4001], ['MySQL', 3306]]);
  assert.deepEqual(facts.ranges.map((r) => [r.name, r.from, r.to]), [['shop', 5300, 5399], ['edge', 8000, 8002]]);
  assert.deepEqual(checkFiles({ 'PORTS.md': doc }).findings.map(brief), []);
});

test('a numbered heading names its service without its number', () => {
  const doc = ['# Ports', '', '| Port | Service |', '|---|---|', '| 8026 | RL Dashboard |', '', '## Dashboards', '', '### 3. RL Dashboard (Flask - port 8026)', '', '### 2.1 Billing (port 8030)'].join('\n');
  const facts = parseMarkdown(doc, { file: 'docs/ports.md' });
  assert.deepEqual(facts.allocations.map((a) => [a.service, a.port]), [['RL Dashboard', 8026], ['RL Dashboard', 8026], ['Billing', 8030]]);
  assert.deepEqual(checkFiles({ 'docs/ports.md': doc }).findings.map(brief), []);
});

test('a name qualified by an interface (`Keycloak (HTTPS)`) is that service with a role, by an environment that service there; other qualifiers stay in the name', () => {
  const doc = ['| Service | Port |', '|---|---|', '| Keycloak (HTTPS) | 8443 |', '| Tempo (OTLP gRPC) | 4317 |', '| Gateway (Proxy HTTPS) | 9443 |', '| Postgres (staging) | 5433 |'].join('\n');
  assert.deepEqual(parse(doc).allocations.map((a) => [a.service, a.role, a.environment]), [['Keycloak', 'https', undefined], ['Tempo', 'grpc', undefined], ['Gateway', 'https', undefined], ['Postgres', undefined, 'staging']]);
  // Other qualifiers stay part of the name.
  assert.deepEqual(parse(['| Service | Port |', '|---|---|', '| Redis (cache) | 6380 |'].join('\n')).allocations.map((a) => a.service), ['Redis (cache)']);
  // A last word naming an environment qualifies the name too; a hyphenated name is written as it is called.
  const words = ['| Service | Port |', '|---|---|', '| Learn frontend dev | 3008 |', '| shop-dev | 3010 |', '| Vite dev server | 5173 |'].join('\n');
  assert.deepEqual(parse(words).allocations.map((a) => [a.service, a.environment]), [['Learn frontend', 'development'], ['shop-dev', undefined], ['Vite dev server', undefined]]);
  // The compose file's clash of the two services on 8443 is reported once, not again at each row.
  const compose = 'services:\n  keycloak:\n    image: keycloak\n    ports: ["8443:8443"]\n  gateway:\n    image: gateway\n    ports: ["8443:8443"]\n';
  const rows = ['| Service | Port |', '|---|---|', '| Keycloak (HTTPS) | 8443 |', '| Gateway (Proxy HTTPS) | 8443 |'].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': rows, 'docker-compose.yml': compose }).findings.map(brief), ['port-conflict@docker-compose.yml:7']);
});

test('group rows: a bold name with blank cells heads the rows of its service\'s endpoints, or of services of their own', () => {
  const text = [
    '| Service | Port | Notes |',
    '|---|---|---|',
    '| **Billing Engine** | | |',
    '| Engine API | 8080 | REST |',
    '| Engine Metrics | 9100 | Prometheus |',
    '| **Ledger Engine** | | |',
    '| Engine API | 8081 | REST |',
    '| Ledger Admin | 8082 | console |',
    '| **Databases** | | |',
    '| Postgres | 5432 | main |',
  ].join('\n');
  const roles = parse(text).allocations.map((a) => `${a.service}${a.role ? `/${a.role}` : ''}=${a.port}`);
  assert.deepEqual(roles, ['Billing Engine API=8080', 'Billing Engine/metrics=9100', 'Ledger Engine API=8081', 'Ledger Engine/admin=8082', 'Postgres=5432']);
  // Two groups' `Engine API` rows are two services, and the env block below the table states the
  // same ports under the groups' names: nothing to report.
  const doc = `${text}\n\n\`\`\`bash\nBILLING_ENGINE_PORT=8080\nBILLING_ENGINE_METRICS_PORT=9100\n\`\`\`\n`;
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc }).findings.filter((f) => f.severity !== 'info').map(brief), []);
  // A bold row naming an environment divides the table; it is no group.
  const byEnvironment = ['| Service | Port |', '|---|---|', '| **Production** | |', '| API | 8080 |'].join('\n');
  assert.deepEqual(places(byEnvironment), ['API=8080']);
  // Without a group row above them, the same rows are one service on two ports.
  const flat = text.split('\n').filter((line) => !line.includes('**')).join('\n');
  assert.deepEqual(places(flat), ['Engine API=8080', 'Engine Metrics=9100', 'Engine API=8081', 'Ledger Admin=8082', 'Postgres=5432']);
});

test('a Project column beside the Service column groups the services: generic parts are the project\'s', () => {
  const text = [
    '| Port | Project | Service |',
    '|---|---|---|',
    '| 7100 | shop | Frontend |',
    '| 7101 | shop | API |',
    '| 7102 | **shop** | Metrics |',
    '| 7200 | blog | Frontend |',
    '| 7300 | blog | ledger-sync |',
  ].join('\n');
  assert.deepEqual(parse(text).allocations.map((a) => `${a.service}${a.role ? `/${a.role}` : ''}=${a.port}`), [
    'shop Frontend=7100', 'shop API=7101', 'shop/metrics=7102', 'blog Frontend=7200', 'ledger-sync=7300',
  ]);
  // A table of ranges still names each range by its project.
  const ranges = parse(['| Project | Port Range | Services |', '|---|---|---|', '| shop | 7100-7199 | web, api |'].join('\n'));
  assert.deepEqual(ranges.ranges.map((r) => `${r.name}=${r.from}-${r.to}`), ['shop=7100-7199']);
});

test('headers in Portuguese, Spanish and Russian for port, service, container, range and notes', () => {
  assert.deepEqual(places(['| Porta host | Serviço | Porta container | Notas |', '|---|---|---|---|', '| **7100** | ledger | 3000 | app |'].join('\n')), ['ledger=7100']);
  assert.deepEqual(places(['| Servicio | Puerto | Descripción |', '|---|---|---|', '| ledger | 7100 | API |'].join('\n')), ['ledger=7100']);
  assert.deepEqual(places(['| Сервис | Порт | Описание |', '|---|---|---|', '| ledger | 7100 | API |'].join('\n')), ['ledger=7100']);
  // A Contenedor column names each row; the Servicio beside it only says what it is.
  assert.deepEqual(places(['| Contenedor | Servicio | Puerto(s) |', '|---|---|---|', '| ledger-db | Base de datos | 5432 |'].join('\n')), ['ledger-db=5432']);
  // A range column in Spanish, with examples beside it: the examples hold no port.
  assert.deepEqual(places(['| Rango de Puertos | Propósito | Ejemplo |', '|---|---|---|', '| 2000–2999 | Monitoreo | Grafana, Prometheus |'].join('\n')), []);
});

test('a URL at a placeholder for the server (`https://<IP>/admin`) on 443: the front door of a proxy, not the service\'s port', () => {
  const text = ['| Service | URL | Port |', '|---|---|---|', '| Shop | `https://<IP>` | 443 |', '| Shop Admin | `https://<IP>/admin` | 443 |', '| Cockpit | `https://<IP>:9090` | 9090 |'].join('\n');
  assert.deepEqual(places(text), ['Cockpit=9090']);
  assert.deepEqual(parse(text).mentions.map((m) => m.port), [443, 443]);
});

test('a Proto column says how, not who: the column beside it names the rows', () => {
  assert.deepEqual(places(['| Port | Proto | Bound by | Notes |', '|---|---|---|---|', '| 7080 | TCP | Node HTTP | JSON-RPC |', '| 4001 | UDP | Node gossip | libp2p |'].join('\n')), ['Node HTTP=7080', 'Node gossip=4001']);
});

test('a service joined with `+` to interface words (`Proxy + Dashboard`) is one service; two services joined so stay two, and on one port the first is the service', () => {
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Ledger Proxy + Dashboard | 4001 |'].join('\n')), ['Ledger Proxy=4001']);
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| api + worker | 4002, 4003 |'].join('\n')), ['api=4002', 'worker=4003']);
  // On one port, the first name is the service and the rest what it runs with.
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Postgres + pgvector | 5434 |'].join('\n')), ['Postgres=5434']);
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| api / worker | 4002 |'].join('\n')), []);
});

test('a row whose status says its service is gone holds no port; a deprecated one still does', () => {
  const text = [
    '| Service | Port | Status |',
    '|---|---|---|',
    '| atlas | 7600 | active |',
    '| ledger | 7600 | Removed in v2 |',
    '| queue | 7601 | 已移除 |',
    '| relay | 7602 | deprecated |',
    '| mailer | 7603 | not removed |',
  ].join('\n');
  assert.deepEqual(places(text), ['atlas=7600', 'relay=7602', 'mailer=7603']);
  assert.deepEqual(parse(text).mentions.map((m) => m.port).sort(), [7600, 7601]);
  const c = checkFiles({ 'docs/PORTS.md': [text, '| courier | 7602 | active |'].join('\n') });
  assert.deepEqual(c.findings.map(brief), ['port-conflict@docs/PORTS.md:8']);
});

test('a port published for a service by another (`9696 (via Tunnel)`) is one listener of both; a protocol after "via" names no one', () => {
  const doc = (note: string) => [
    '| Service | Ports | Description |',
    '|---|---|---|',
    `| Indexer | 7696 ${note} | search |`,
    '| Tunnel | 7388, 7696 | VPN client |',
  ].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('(via Tunnel)') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('(through tunnel)') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('(via HTTPS)') }).findings.map(brief), ['port-conflict@docs/PORTS.md:4']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('') }).findings.map(brief), ['port-conflict@docs/PORTS.md:4']);
  // In a list item too.
  const list = ['## Ports', '', '- Indexer: 7696 (via Tunnel)', '- Tunnel: 7696'].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': list }).findings.map(brief), []);
});

test('a list item summing up ports the page gives other services (`- **Platform**: 7100, 7200`) is a summary, not a service on each', () => {
  const table = ['### Platform services', '', '| Service | Port |', '|---|---|', '| Ledger | 7100 |', '| Billing | 7200 |', ''];
  const summary = (item: string) => [...table, '## Strategy', '', item].join('\n');
  assert.deepEqual(places(summary('- **Platform**: 7100, 7200')), ['Ledger=7100', 'Billing=7200']);
  assert.deepEqual(places(summary('- ✅ **Allowed**: 7100 (main), 7200 (test)')), ['Ledger=7100', 'Billing=7200']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': summary('- **Platform**: 7100, 7200') }).findings.map(brief), []);
  // One port the page gives no one else: a service of its own, which clashes on the shared one.
  assert.deepEqual(places(summary('- **Gateway**: 7100, 7300')), ['Ledger=7100', 'Billing=7200', 'Gateway=7100', 'Gateway=7300']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': summary('- **Gateway**: 7100, 7300') }).findings.map(brief), ['port-conflict@docs/PORTS.md:10']);
  // An item of one port is a service's place, whoever else the page puts there.
  assert.deepEqual(places(summary('- **Gateway**: 7100')), ['Ledger=7100', 'Billing=7200', 'Gateway=7100']);
});

test('"Reserved ranges (never reuse)" hands its ranges out and forbids none; "never use" forbids', () => {
  const doc = (title: string) => [`**${title}:**`, '- `7000–7099` — Web applications', '- `7400–7499` — Databases', '', '| Name | App Port |', '|---|---|', '| Ledger | 7058 |'].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('Reserved ranges (never reuse)') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('Reserved ranges (never use)') }).findings.map(brief), ['reserved-port@docs/PORTS.md:7']);
});

test('a column of port numbers names no row, whatever its header says (`Preview Server`)', () => {
  const text = ['| Repo | App Port | Preview Server | Preview Store |', '|---|---|---|---|', '| Ledger | 7057 | 7011 | 9002 |', '| Atlas | 7059 | 7012 | 9003 |'].join('\n');
  assert.deepEqual(places(text), ['Ledger=7057', 'Atlas=7059']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': text }).findings.map(brief), []);
});

test('a table with a column of solutions (or of the ports used instead) lists troubles and their fixes: its ports are only mentioned', () => {
  const trouble = ['### Common conflicts', '', '| Port | Common User | Solution |', '|---|---|---|', '| 7800 | Django dev server | Move Django to 7880 |', '| 7805/7806 | Other model servers | Stop them |'].join('\n');
  assert.deepEqual(places(trouble), []);
  assert.deepEqual(parse(trouble).mentions.map((m) => m.port).sort(), [7800, 7805, 7806]);
  const doc = ['| Service | Port |', '|---|---|', '| Ledger | 7800 |', '', trouble].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc }).findings.map(brief), []);
  // A column of the ports taken in their place is the same: the other holders are someone else's.
  const remapped = ['## Machine notes', '', '| Port conflict | Occupied by | We use instead |', '|---|---|---|', '| 7800 (HTTP) | `shop-wp` (WordPress) | **7805** (gateway) |'].join('\n');
  assert.deepEqual(places(remapped), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': ['| Service | Port |', '|---|---|', '| gateway | 7800 |', '', remapped].join('\n') }).findings.map(brief), []);
  // Without the Solution column, the same rows are holders of those ports.
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc.replace(' Solution |', ' Notes |') }).findings.map(brief), ['port-conflict@docs/PORTS.md:9']);
});

test('a table giving each service its database on one port is the database server they share; with a port per row it is the apps\'', () => {
  const shared = ['| Service | Database | Port | Status |', '|---|---|---|---|', '| Ledger | ledger_db | 7306 | ok |', '| Billing | billing_db | 7306 | ok |', '| Atlas | atlas_db | 7306 | ok |'].join('\n');
  assert.deepEqual(places(shared), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': shared }).findings.map(brief), []);
  const apps = shared.replace('| Billing | billing_db | 7306 |', '| Billing | billing_db | 7307 |');
  assert.deepEqual(places(apps), ['Ledger=7306', 'Billing=7307', 'Atlas=7306']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': apps }).findings.map(brief), ['port-conflict@docs/PORTS.md:5']);
});

test('a list titled as settings (`**Default Settings**:`) holds values, not ports, even in a section about ports; one that says ports does', () => {
  const doc = (title: string) => ['# Ports', '', '### Instant endpoint', '', `**${title}**:`, '- Warmth: 65', '- Humour: 65'].join('\n');
  assert.deepEqual(places(doc('Default Settings')), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc('Default Settings') }).findings.map(brief), []);
  assert.deepEqual(places(doc('Default ports')), ['Warmth=65', 'Humour=65']);
});

test('a heading naming a kind of service in the plural with a port (`### Web UIs (Port 8080)`) is a group, not a service on it', () => {
  const doc = (heading: string) => ['# Ports', '', `### ${heading}`, '', 'Notes.', '', '| Service | Port |', '|---|---|', '| api | 8080 |'].join('\n');
  assert.deepEqual(places(doc('Web UIs (Port 8080)')), ['api=8080']);
  assert.deepEqual(places(doc('Databases (port 8080)')), ['api=8080']);
  assert.deepEqual(places(doc('Grafana (Port 8080)')), ['Grafana=8080', 'api=8080']);
});

test('a table of labs (`| Lab | Port |`) under a service\'s heading gives that service in each lab, each lab apart from the others', () => {
  const labs = ['### PostgreSQL', '', '| Lab | Port | Status |', '|---|---|---|', '| ledger_lab | 5432 | ok |', '| atlas_lab | 5432 | ok |', '| queue_lab | 5433 | ok |'].join('\n');
  const f = parse(labs);
  assert.deepEqual(f.allocations.map((a) => `${a.service}=${a.port}`), ['PostgreSQL=5432', 'PostgreSQL=5432', 'PostgreSQL=5433']);
  assert.equal(new Set(f.allocations.map((a) => a.environment)).size, 3);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': labs }).findings.map(brief), []);
  // Under no service's heading a lab's row names no service; a Service column beside it does, in its lab.
  assert.deepEqual(places(labs.replace('### PostgreSQL', '### Port conflicts')), []);
  const web = ['| Lab | Service | Port |', '|---|---|---|', '| ledger_lab | Ledger UI | 8080 |', '| atlas_lab | Atlas UI | 8080 |'].join('\n');
  assert.deepEqual(places(web).map((p) => p.split('/')[0]), ['Ledger UI=8080', 'Atlas UI=8080']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': web }).findings.map(brief), []);
  // So are the modes a setup runs in, one at a time.
  const modes = (header: string) => ['## Ledger proxy', '', `| ${header} | Compose files | Proxy ports |`, '|---|---|---|', '| Plain | `compose.yml` | 80 |', '| TLS | `compose.yml` + `compose.tls.yml` | 80, 443 |'].join('\n');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': modes('Mode') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': modes('Name') }).findings.map(brief), ['port-conflict@docs/PORTS.md:6']);
});

test('a step heading (`## Run`, `## Access the app`) names no service; under the page title alone, `API:` and `Web:` items name the project\'s parts', () => {
  const readme = (heading: string, api: number) => ['# Shop', '', `## ${heading}`, '', `- API: http://localhost:${api}`, '- Web: http://localhost:3000', ''].join('\n');
  const claims = (text: string) => parseMarkdown(text, { file: 'README.md' }).allocations.map((a) => `${a.service}=${a.port}${a.claim ? '?' : ''}`);
  for (const heading of ['Run', 'Running locally', 'Access the app', 'Deploy', '访问地址', '접속 주소', 'アクセス', 'Accesos', 'Zugriff']) assert.deepEqual(claims(readme(heading, 8000)), ['API=8000?', 'Web=3000?'], heading);
  const compose = 'services:\n  api:\n    image: a\n    ports: ["8000:8000"]\n  web:\n    image: w\n    ports: ["3000:3000"]\n';
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': readme('Run', 8000) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': readme('Run', 8001) }).findings.map(brief), ['port-mismatch@README.md:5']);
  // Under a service's own heading the labels are its interfaces.
  assert.deepEqual(claims(['# Shop', '', '### Lighthouse', '', '- API: http://localhost:9001', ''].join('\n')), ['Lighthouse=9001?']);
  // A label that is no name for a part (`Web UI`, `Dashboard`) is the title's interface still.
  assert.deepEqual(claims(['# Lighthouse', '', '## Run', '', '- Web UI: http://localhost:9000', ''].join('\n')), ['Lighthouse=9000?']);
  // Right below the title, with no section between, the same.
  assert.deepEqual(claims(['# Web', '', '- Web: http://localhost:3000', '- API: http://localhost:8000', ''].join('\n')), ['Web=3000?', 'API=8000?']);
  assert.deepEqual(claims(['# Lighthouse', '', '- Web UI: http://localhost:9000', ''].join('\n')), ['Lighthouse=9000?']);
});

test('a name with `Service` after it is the service without it: "Ledger Service" in a table is compose\'s `ledger`, and `ledger-svc` is "Ledger"', () => {
  const compose = (name: string) => `services:\n  ${name}:\n    image: l\n    ports: ["7100:7100"]\n`;
  const table = (name: string, port: number) => ['| Service | Port |', '|---|---|', `| ${name} | ${port} |`].join('\n');
  assert.deepEqual(checkFiles({ 'compose.yaml': compose('ledger'), 'README.md': table('Ledger Service', 7101) }).findings.map(brief), ['port-mismatch@README.md:3']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose('ledger-svc'), 'README.md': table('Ledger', 7101) }).findings.map(brief), ['port-mismatch@README.md:3']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose('ledger'), 'README.md': table('Ledger Service', 7100) }).findings.map(brief), []);
  // "Service" alone names nothing of the kind.
  assert.deepEqual(checkFiles({ 'compose.yaml': compose('ledger'), 'README.md': table('Service', 7101) }).findings.map(brief), []);
});

test('`- Port: 7001` (`- 포트: 7001`, `- **Puerto**: 7001`) under a service\'s heading is that service\'s port, a claim compared with compose', () => {
  const compose = 'services:\n  shop:\n    image: s\n    ports: ["7000:7000"]\n';
  const readme = (item: string) => ['# Stack', '', '### 2. shop', '', item, ''].join('\n');
  for (const item of ['- Port: 7001', '- 포트: 7001', '- **Puerto**: 7001']) {
    assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': readme(item) }).findings.map(brief), ['port-mismatch@README.md:5'], item);
  }
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': readme('- Port: 7000') }).findings.map(brief), []);
  // Several ports are all the service's: one that compose publishes agrees; notes after them give roles.
  const several = (item: string) => parseMarkdown(readme(item), { file: 'README.md' }).allocations.map((a) => `${a.service}=${a.port}:${a.role}`);
  assert.deepEqual(several('- **Ports**: 7001 (HTTP API), 7002 (gRPC)'), ['shop=7001:http', 'shop=7002:grpc']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': readme('- Ports: 7001, 7002') }).findings.map(brief), ['port-mismatch@README.md:5']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': readme('- Ports: 7000, 7002') }).findings.map(brief), []);
  // Ranges, or none of the words for port: not this.
  assert.deepEqual(several('- Ports: 7001-7003, 7004'), []);
  // Under the page title alone, or in an item about something else (a client's settings), whose port it is is not said.
  const settings = ['# Ledger', '', '## Configuration', '', '1. **Download client:**', '   - Host: 192.168.1.50', '   - Port: 8080', '', '- Port: 7001', ''].join('\n');
  assert.deepEqual(parseMarkdown(settings, { file: 'README.md' }).allocations, []);
});

test('lines of `label: URL` without bullets, two or more after at most a title line, are read as the list they are', () => {
  const compose = 'services:\n  frontend:\n    image: f\n    ports: ["3000:3000"]\n  ledger:\n    image: l\n    ports: ["8001:8001"]\n';
  const readme = (lines: string[]) => ['# Shop', '', '## Run', '', ...lines, ''].join('\n');
  const findings = (lines: string[]) => checkFiles({ 'compose.yaml': compose, 'README.md': readme(lines) }).findings.map(brief);
  assert.deepEqual(findings(['Open:', 'Frontend: http://localhost:3000', 'Ledger: http://localhost:8002']), ['port-mismatch@README.md:7']);
  assert.deepEqual(findings(['Frontend: http://localhost:3000', 'Ledger: http://localhost:8001']), []);
  // A sentence around a URL, or one such line alone, is prose: its port is mentioned.
  assert.deepEqual(findings(['Ledger answers at http://localhost:8002 once started.', 'Then: http://localhost:8002']), []);
  assert.deepEqual(findings(['Ledger: http://localhost:8002']), []);
});

test('list items that say the port in words, or put an icon before the name, name the service and its port', () => {
  const text = [
    '## Services', '',
    '- 🛒 **Ledger Service** (7100) - keeps the books',
    '- **Atlas** on port 7200',
    '- Vault — port 7300',
    '- Beacon runs on port 7400 (gRPC)',
    '- Flower listens on port 7500.',
    // A step, a state, a refused port and a sentence name nobody.
    '- Listen on port 7600',
    '- Previously on port 7601',
    '- ❌ **Queue** (7602)',
    '- The broker is reachable on port 7603 from the LAN',
  ].join('\n');
  assert.deepEqual(places(text), ['Ledger Service=7100', 'Atlas=7200', 'Vault=7300', 'Beacon=7400', 'Flower=7500']);
  // With an article before the name, `is on` or an arrow.
  assert.deepEqual(places(['## Services', '', '- The ledger runs on port 7700', '- Atlas is on port 7701', '- Vault → port 7702'].join('\n')), ['ledger=7700', 'Atlas=7701', 'Vault=7702']);
  // Outside a section about ports too: the word port says what the number is.
  assert.deepEqual(places(['# Shop', '', 'Start it with `make up`.', '', '- Ledger on port 7100'].join('\n')), ['Ledger=7100']);
  const compose = 'services:\n  ledger:\n    image: shop/ledger\n    ports: ["7105:7105"]\n';
  assert.deepEqual(checkFiles({ 'README.md': text, 'docker-compose.yml': compose }).findings.map(brief), ['port-mismatch@README.md:3']);
});

test('a line that titles a list with ports or services makes the list about ports under any heading', () => {
  const list = (title: string) => ['# Setup', '', 'Start it with `make up`.', '', title, '- **ledger** - `:7100`', '- Atlas - 7200', ''].join('\n');
  const inReadme = (text: string) => parseMarkdown(text, { file: 'README.md' }).allocations.map((a) => `${a.service}=${a.port}`);
  assert.deepEqual(inReadme(list('Exposed ports:')), ['ledger=7100', 'Atlas=7200']);
  assert.deepEqual(inReadme(list('Services from `compose.dev.yml`:')), ['ledger=7100', 'Atlas=7200']);
  // A title of another kind, or a sentence, leaves the items to say it themselves.
  assert.deepEqual(inReadme(list('Team members:')), []);
  assert.deepEqual(inReadme(list('When everything is up, which takes a while on the first run, these ports are used:')), []);
});

test('a port cell with a path after it (`3002 (/jobs)`) is a page on that port: where its row is reached, not a second listener', () => {
  const text = ['## Ports', '', '| Service | Port |', '|---|---|', '| web | 7300 |', '| Job dashboard | 7300 (/jobs) |'].join('\n');
  assert.deepEqual(claimsOf(text), ['web=7300', 'Job dashboard=7300?']);
  assert.deepEqual(checkFiles({ 'README.md': text }).findings.map(brief), []);
  // So is a note that names a page among other words, full width or not.
  assert.deepEqual(claimsOf(text.replace('7300 (/jobs)', '7300（the app\'s `/jobs`）')), ['web=7300', 'Job dashboard=7300?']);
  // A note that is no path leaves the row a listener of its own.
  assert.deepEqual(checkFiles({ 'README.md': text.replace('(/jobs)', '(jobs)') }).findings.map(brief), ['port-conflict@README.md:6']);
});

test('a plain block of URLs, each under a comment naming what it reaches, reads as a list of `label: URL` items', () => {
  const text = ['# App', '', '```', '# Ledger', 'http://localhost:7100/', '', '# Atlas admin:', 'http://localhost:7200', '# not followed by a URL', '```'].join('\n');
  assert.deepEqual(claimsOf(text), ['Ledger=7100?', 'Atlas admin=7200?']);
  // In a shell block the comment is a step's, and what follows it a command.
  assert.deepEqual(claimsOf(text.replace('```\n#', '```bash\n#')), []);
  const compose = 'services:\n  ledger:\n    image: shop/ledger\n    ports: ["7105:7100"]\n';
  assert.deepEqual(checkFiles({ 'README.md': text, 'docker-compose.yml': compose }).findings.map(brief), ['port-mismatch@README.md:5']);
});

test('an item with the URL first and the label after it, or a label over a link that shows its URL, claims the port', () => {
  const text = ['## Links', '', '* http://localhost:7100 - Ledger (internal hostname: ledger)', '* Atlas [http://localhost:7200](http://localhost:7200)', '* http://localhost:7300 vault', '* http://localhost:7400 to see the app'].join('\n');
  assert.deepEqual(claimsOf(text), ['Ledger=7100?', 'Atlas=7200?', 'vault=7300?']);
  // A note in parentheses after the link says how to use the page.
  const noted = ['## Links', '', '- **Atlas**: [http://localhost:7200](http://localhost:7200) (default login `admin`)', '- [Vault](http://localhost:7300) (read-only)'].join('\n');
  assert.deepEqual(claimsOf(noted), ['Atlas=7200?', 'Vault=7300?']);
});

test('a mapping written out in words (`8056 (host) -> 8055 (container)`) is the host port with the container port behind it', () => {
  const text = ['## Ports', '', '- ledger: `7105` (host) -> `7100` (container)'].join('\n');
  assert.deepEqual(parse(text).allocations.map((a) => `${a.service}=${a.port}:${a.containerPort}`), ['ledger=7105:7100']);
  const compose = 'services:\n  ledger:\n    image: shop/ledger\n    ports: ["7106:7100"]\n';
  assert.deepEqual(checkFiles({ 'README.md': text, 'docker-compose.yml': compose }).findings.map(brief), ['port-mismatch@README.md:3']);
});

test('a column saying who may reach a port (`Access`) names no row; a Firewall heading is about ports', () => {
  const table = ['| Port | Protocol | Purpose | Access |', '|---|---|---|---|', '| 7100 | HTTP | Admin UI | Public (forwarded) |', '| 7200 | SMTP | Inbound | Public (forwarded) |'].join('\n');
  assert.deepEqual(places(table), []);
  const firewall = ['# Media', '', '## Firewall', '', '- ledger: 7100/udp', ''].join('\n');
  assert.deepEqual(parseMarkdown(firewall, { file: 'README.md' }).allocations.map((a) => `${a.service}=${a.port}/${a.protocol}`), ['ledger=7100/udp']);
  // So is a heading of port mappings written as one word.
  for (const heading of ['Portmapping', 'Port-Mappings', 'Portmap']) {
    assert.deepEqual(parseMarkdown(firewall.replace('Firewall', heading), { file: 'README.md' }).allocations.map((a) => `${a.service}=${a.port}`), ['ledger=7100'], heading);
  }
});

test('a file, a place in a file or a command is where a port is written or how it is started, never who holds it', () => {
  // An index of where the port is mentioned names no service.
  const index = ['## References', '', '| File | Line | Port |', '|---|---|---|', '| docs/README.md | 21 | 7100 (dev) |', '| docs/setup.md | 9 | 7100 |'].join('\n');
  assert.deepEqual(places(index), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': index }).findings.map(brief), []);
  // A Configuration or Command column beside the port is no name column.
  const configured = ['| Port | Purpose | Configuration | npm Command |', '|---|---|---|---|', '| 7100 | Dev server | `web.config.js:30` | `npm run dev` |', '| 7200 | API | `server/index.js` | `cd server && node index.js` |'].join('\n');
  assert.deepEqual(places(configured), []);
  // Names that only look like files are names.
  assert.deepEqual(places(['| Service | Port |', '|---|---|', '| Next.js | 7300 |', '| Socket.IO | 7400 |', '| web.config.js | 7500 |'].join('\n')), ['Next.js=7300', 'Socket.IO=7400']);
});

test('a Variable column names the variables that set the row\'s port: an env block setting them speaks of the row\'s service', () => {
  const doc = [
    '# Ports', '', '## Production', '',
    '| Service | Port | Variable |', '|---|---|---|', '| Web UI | 7100 | `PANEL_PORT` |', '| Api | 7200 | `LEDGER_API_PORT` or `PORT` |', '',
    '```bash', 'PANEL_PORT=7100', 'LEDGER_API_PORT=7200', '```',
  ].join('\n');
  assert.deepEqual(parse(doc).allocations.filter((a) => a.names).map((a) => `${a.service}:${a.names!.join('/')}`), ['Web UI:panel', 'Api:ledger']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc }).findings.map(brief), []);
  // Without the column, the block's variables name services of their own on the rows' ports.
  const plain = doc.replace(' Variable |', '').replace('|---|---|---|', '|---|---|').replace(' `PANEL_PORT` |', '').replace(' `LEDGER_API_PORT` or `PORT` |', '');
  assert.ok(checkFiles({ 'docs/PORTS.md': plain }).findings.some((f) => f.rule === 'port-conflict'));
});

test('French environment headings and host and container port headers', () => {
  const doc = ['# Ports', '', '### Développement', '', '| Service | Port Conteneur | Port Hôte |', '|---|---|---|', '| Api | 7100 | 7105 |', '', '### Production', '', '| Service | Port Conteneur | Port Hôte |', '|---|---|---|', '| Api | 7100 | 7200 |'].join('\n');
  assert.deepEqual(parse(doc).allocations.map((a) => `${a.service}=${a.port}:${a.containerPort}/${a.environment}`), ['Api=7105:7100/development', 'Api=7200:7100/production']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc }).findings.map(brief), []);
});

test('two services a document gives one port inside their containers (`Internal Port`) share no host port', () => {
  const doc = ['# Ports', '', '| Service | Internal Port |', '|---|---|', '| Cat DB | 5432 |', '| Dog DB | 5432 |'].join('\n');
  assert.deepEqual(parse(doc).allocations.map((a) => `${a.service}=${a.port}${a.containerSide ? ' inside' : ''}`), ['Cat DB=5432 inside', 'Dog DB=5432 inside']);
  assert.deepEqual(checkFiles({ 'PORTS.md': doc }).findings.map(brief), []);
  // Host ports in the same shape clash.
  assert.deepEqual(checkFiles({ 'PORTS.md': doc.replace('Internal Port', 'Host Port') }).findings.map(brief), ['port-conflict@PORTS.md:6']);
});

test('full-width parentheses and commas after a port (`8011（HTTP）`, `3001、3002`) read as their ASCII forms', () => {
  const doc = ['## 端口', '', '| 服务 | 端口 |', '|---|---|', '| ledger | 7101（HTTP） |', '| atlas | 7201、7202 |', '', '- vault：7301（后端）'].join('\n');
  const found = parse(doc).allocations;
  assert.deepEqual(found.map((a) => `${a.service}=${a.port}${a.role ? `/${a.role}` : ''}`), ['ledger=7101/http', 'atlas=7201', 'atlas=7202', 'vault=7301']);
  // The offsets are the source's.
  assert.deepEqual(found.map((a) => doc.slice(a.loc.span.startOffset, a.loc.span.endOffset)), ['7101', '7201', '7202', '7301']);
});

test('the word for port around a list item\'s name (`Grafana port:`, `api 端口：`, `Puerto de api:`) is not part of the name', () => {
  const items = ['## Ports', '', '- Ledger port: 7100', '- atlas 端口：7200', '- vault 포트: 7300', '- Puerto de beacon: 7400', '- relay-Port: 7500', '- Default port: 7600', '- External/host port: 7700', '- HTTP port: 7800'].join('\n');
  assert.deepEqual(places(items), ['Ledger=7100', 'atlas=7200', 'vault=7300', 'beacon=7400', 'relay=7500']);
});
