import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import { parseCompose } from '../../src/core/parsers/compose';
import type { FileFacts, Location } from '../../src/core/model';
import { brief, checkFiles } from '../support/memoryWorkspace';

function parse(text: string, file = 'docs/PORTS.md'): FileFacts & { at: (loc: Location) => string } {
  const facts = parseMarkdown(text, { file });
  return { ...facts, at: (loc) => text.slice(loc.span.startOffset, loc.span.endOffset) };
}

function allocs(f: ReturnType<typeof parse>) {
  return f.allocations.map((a) => ({ service: a.service, role: a.role, port: a.port, claim: a.claim, text: f.at(a.loc), line: a.loc.span.startLine }));
}

test('a service table: one allocation per port cell, roles from the headers, exact columns', () => {
  const f = parse([
    '# Ports',
    '',
    '| Service | HTTP Port | gRPC Port | WebSocket | Status |',
    '|---|---|---|---|---|',
    '| **Gateway** | **8080** | - | - | ok |',
    '| Token Engine | `8081` | 50051 | - | ok |',
    '| Notifier | 8089 | — | 8090 | ok |',
  ].join('\n'));
  assert.deepEqual(allocs(f), [
    { service: 'Gateway', role: 'http', port: 8080, claim: false, text: '8080', line: 5 },
    { service: 'Token Engine', role: 'http', port: 8081, claim: false, text: '8081', line: 6 },
    { service: 'Token Engine', role: 'grpc', port: 50051, claim: false, text: '50051', line: 6 },
    { service: 'Notifier', role: 'http', port: 8089, claim: false, text: '8089', line: 7 },
    { service: 'Notifier', role: 'ws', port: 8090, claim: false, text: '8090', line: 7 },
  ]);
  assert.equal(f.allocations[0].loc.span.startColumn, '| **Gateway** | **'.length + 1);
});

test('port column first, URL cells are claims with the path role, host port beats container port', () => {
  const f = parse([
    '| Port | Service | Endpoint |',
    '|------|---------|----------|',
    '| 9100 | exporter | `http://localhost:9100/metrics` |',
    '',
    '| Service | Host Port | Container Port |',
    '|---|---|---|',
    '| api | 18080 | 8080 |',
  ].join('\n'));
  assert.deepEqual(allocs(f), [
    { service: 'exporter', role: 'metrics', port: 9100, claim: true, text: '9100', line: 3 },
    { service: 'exporter', role: undefined, port: 9100, claim: false, text: '9100', line: 3 },
    { service: 'api', role: undefined, port: 18080, claim: false, text: '18080', line: 7 },
  ]);
});

test('a NodePort column is the host side, and a plain Port column beside it the port inside', () => {
  const table = (api: string) => [
    '| Service | Port | NodePort | Description |',
    '|---|---|---|---|',
    '| **Web** | 80 | 30080 | UI |',
    `| **Ledger** | 8080 | ${api} | REST |`,
    '| **Store A** | 5432 | - | database |',
    '| **Store B** | 5432 | - | database |',
    '',
    '- **Ledger**: http://NODE_IP:30081',
  ].join('\n');
  const f = parse(table('30081'));
  assert.deepEqual(f.allocations.filter((a) => !a.claim).map((a) => `${a.service}=${a.port}:${a.containerPort}`), ['Web=30080:80', 'Ledger=30081:8080']);
  // Rows without a node port publish nothing on the nodes: two databases on 5432 inside the cluster never clash.
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': table('30081') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': table('30080') }).findings.map(brief), ['port-conflict@docs/PORTS.md:4', 'port-mismatch@docs/PORTS.md:8']);
  // A port column with a role of its own beside a host column is another port, not the inside.
  const roles = parse(['| Service | Host Port | gRPC Port |', '|---|---|---|', '| ledger | 18080 | 50051 |'].join('\n'));
  assert.deepEqual(roles.allocations.map((a) => `${a.service}=${a.port}:${a.containerPort}`), ['ledger=18080:undefined']);
});

test('beside port columns, a column named for a role alone (`Metrics`, `Admin`) that holds only port numbers gives that role\'s ports, as a table of scrape jobs does', () => {
  const table = (metrics: string) => parse(['| Service | gRPC | HTTP | Metrics | Notes |', '|---|---|---|---|---|', `| ledger | 50051 | 8080 | ${metrics} | 42 |`].join('\n'));
  assert.deepEqual(table('9101').allocations.map((a) => `${a.port}:${a.role}`), ['50051:grpc', '8080:http', '9101:metrics']);
  // Words in it, or no other port column, say something else.
  assert.deepEqual(table('on by default').allocations.map((a) => a.port), [50051, 8080]);
  assert.deepEqual(parse(['| Service | Metrics |', '|---|---|', '| ledger | 9101 |'].join('\n')).allocations, []);
  // A table of what Prometheus scrapes gives each row's metrics endpoint.
  const scrape = parse(['| Container | Scrape Job | Port | Type |', '|---|---|---|---|', '| ledger | `ledger` | 9115 | side-car |'].join('\n'));
  assert.deepEqual(scrape.allocations.map((a) => `${a.service}:${a.port}:${a.role}`), ['ledger:9115:metrics']);
  const compose = 'services:\n  ledger:\n    image: l\n    environment:\n      METRICS_PORT: 9101\n    ports: ["8080:8080", "9101:9101"]\n';
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/PORTS.md': ['| Service | HTTP | Metrics |', '|---|---|---|', '| ledger | 8080 | 9102 |'].join('\n') }).findings.map(brief), ['port-mismatch@docs/PORTS.md:3']);
});

test('a NodePort or K8s Port column and a URL on its port are a cluster\'s, never compared with compose; beside a Docker Port column, Dev Port is the machine\'s own', () => {
  const compose = 'services:\n  till:\n    image: t\n    ports: ["8080:8080"]\n';
  const nodePorts = ['| Service | Internal | NodePort | URL |', '|---|---|---|---|', '| **Till** | 8080 | 30002 | http://localhost:30002 |', '| **Vault** | 8200 | 30002 | http://localhost:30002 |'].join('\n');
  // The two rows on one node port still clash; compose's 8080 is no node port.
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/PORTS.md': nodePorts }).findings.map(brief), ['port-conflict@docs/PORTS.md:4']);
  const platforms = (docker: number) => ['| Service | Dev Port | Docker Port | K8s Port |', '|---|---|---|---|', `| Till | 7001 | ${docker} | 80 |`].join('\n');
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/PORTS.md': platforms(8080) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/PORTS.md': platforms(8081) }).findings.map(brief), ['port-mismatch@docs/PORTS.md:3']);
  assert.deepEqual(parse(platforms(8080)).allocations.map((a) => `${a.port}@${a.environment}`), ['7001@variant:local-run', '8080@undefined', '80@variant:kubernetes']);
  // Without a Docker column, Dev Port is the development environment's, as before.
  assert.deepEqual(parse(['| Service | Dev Port | Prod Port |', '|---|---|---|', '| Till | 7001 | 80 |'].join('\n')).allocations.map((a) => `${a.port}@${a.environment}`), ['7001@development', '80@production']);
});

test('a Host or Exposed column that says a row\'s port is not published (`-`, `no`) makes it a port inside the container, named only', () => {
  const hosts = ['| Service | Host | Port |', '|---|---|---|', '| till-worker | - | 7000 |', '| till-beat | - | 7000 |', '| till-ui | localhost | 7000 |'].join('\n');
  assert.deepEqual(parse(hosts).allocations.map((a) => `${a.service}=${a.port}`), ['till-ui=7000']);
  assert.deepEqual(checkFiles({ 'README.md': hosts }).findings.map(brief), []);
  const exposed = (answer: string) => ['| Service | Exposed | Port |', '|---|---|---|', `| till-worker | ${answer} | 7000 |`, '| till-ui | yes | 7000 |'].join('\n');
  assert.deepEqual(checkFiles({ 'README.md': exposed('no') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'README.md': exposed('yes') }).findings.map(brief), ['port-conflict@README.md:4']);
});

test('a Host (Machine, Node) column puts each row on its machine: one port on two machines is no conflict, on one it is', () => {
  const hosts = ['| Host | Service | Port |', '|---|---|---|', '| nas | ledger | 8096 |', '| pi | vault | 8096 |', '| nas | till | 8096 |', '| localhost | scribe | 9000 |'].join('\n');
  assert.deepEqual(parse(hosts).allocations.map((a) => `${a.service}@${a.host}`), ['ledger@nas', 'vault@pi', 'till@nas', 'scribe@undefined']);
  assert.deepEqual(checkFiles({ 'PORTS.md': hosts }).findings.map(brief), ['port-conflict@PORTS.md:5']);
  // A machine's name on the network or its address puts the row there too; the loopback is this machine.
  const devices = (a: string, b: string) => ['| Device | Host | Port |', '|---|---|---|', `| Plug | ${a} | 80 |`, `| Bridge | ${b} | 80 |`].join('\n');
  assert.deepEqual(parse(devices('plug.lan', '192.168.1.21')).allocations.map((a) => a.host), ['plug-lan', '192-168-1-21']);
  assert.deepEqual(checkFiles({ 'README.md': devices('plug.lan', 'bridge.lan') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'README.md': devices('192.168.1.20', '192.168.1.21') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'README.md': devices('plug.lan', 'plug.lan') }).findings.map(brief), ['port-conflict@README.md:4']);
  assert.deepEqual(checkFiles({ 'README.md': devices('127.0.0.1', 'localhost') }).findings.map(brief), ['port-conflict@README.md:4']);
});

test('a Type or Protocol cell that names a scheme (HTTPS, gRPC) is the role of the row\'s port where the table lists its service on several schemes; TCP or a category is none; UDP alone is the transport', () => {
  const doc = (scheme: string) => ['| Port | Service | Type |', '|---|---|---|', `| 8081 | Ledger | ${scheme} |`, '| 8082 | Ledger | HTTP |'].join('\n');
  assert.deepEqual(parse(doc('HTTPS')).allocations.map((a) => `${a.port}:${a.role}`), ['8081:https', '8082:http']);
  assert.deepEqual(parse(doc('TCP')).allocations.map((a) => `${a.port}:${a.role}`), ['8081:undefined', '8082:undefined']);
  // A service's one row on one scheme (`Router | gRPC`) is its main port, compared with compose's.
  const one = ['| Service | Port | Protocol |', '|---|---|---|', '| Router | 41010 | gRPC |'].join('\n');
  assert.deepEqual(parse(one).allocations.map((a) => `${a.port}:${a.role}`), ['41010:undefined']);
  assert.deepEqual(checkFiles({ 'README.md': one, 'compose.yaml': 'services:\n  router:\n    image: r\n    ports: ["41020:41000"]\n' }).findings.map(brief), ['port-mismatch@README.md:3']);
  const env = 'LEDGER_HTTPS_PORT=8002\nLEDGER_HTTP_PORT=8082\n';
  assert.deepEqual(checkFiles({ 'README.md': doc('HTTPS'), '.env': env }).findings.map(brief), ['port-mismatch@README.md:3']);
  assert.deepEqual(checkFiles({ 'README.md': doc('HTTPS'), '.env': env.replace('8002', '8081') }).findings.map(brief), []);  // A Protocol cell of UDP alone makes the row's port a UDP socket: no clash with a TCP port of that number.
  const transports = (a: string, b: string) => ['| Service | Port | Protocol |', '|---|---|---|', `| Quake | 27960 | ${a} |`, `| Relay | 27960 | ${b} |`].join('\n');
  assert.deepEqual(parse(transports('UDP', 'TCP')).allocations.map((a) => `${a.port}/${a.protocol}`), ['27960/udp', '27960/tcp']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': transports('UDP', 'TCP') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': transports('UDP', 'UDP') }).findings.map(brief), ['port-conflict@docs/PORTS.md:4']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': transports('TCP + UDP', 'TCP') }).findings.map(brief), ['port-conflict@docs/PORTS.md:4']);
});

test('a Path column of folders says where each service is kept and the table is read; a Path column of routes makes it a routing table', () => {
  const doc = (a: string, b: string) => ['| Service | Path | Port |', '|---|---|---|', `| Ledger | ${a} | \`3000\` |`, `| Vault | ${b} | \`3000\` |`].join('\n');
  assert.deepEqual(checkFiles({ 'README.md': doc('[source](ledger/)', '[source](vault/)') }).findings.map(brief), ['port-conflict@README.md:4']);
  assert.deepEqual(checkFiles({ 'README.md': doc('/ledger', '/vault') }).findings.map(brief), []);
});

test('a list item of candidate ports (`- **Alternative Options**: 8041, 8042`, `- 备选端口: 8041`) names no service: mentions', () => {
  for (const label of ['**Alternative Options**', 'Candidates', 'Fallbacks', '备选端口']) {
    const f = parse(['### Ports', `- **Editor**: 8040`, `- ${label}: 8041, 8042`, ''].join('\n'));
    assert.deepEqual(f.allocations.map((a) => `${a.service}=${a.port}`), ['Editor=8040'], label);
    assert.deepEqual(f.mentions.map((m) => m.port), [8041, 8042], label);
  }
});

test('a mermaid label that opens with the server it runs names the service on its next line when that is a compose-style name', () => {
  const graph = ['```mermaid', 'flowchart TB', '  A[(PostgreSQL<br/>orders-db<br/>:5510)]', '  B[(Redis<br/>Cache<br/>:6379)]', '  C[Ledger API<br/>ledger-api<br/>:7100]', '```'].join('\n');
  assert.deepEqual(parse(graph).allocations.map((a) => `${a.service}=${a.port}`), ['orders-db=5510', 'Redis=6379', 'Ledger API=7100']);
  // So the diagram and the table agree on who holds 5510.
  const table = ['| Service | Host Port | Container Port |', '|---|---|---|', '| Orders DB | 5510 | 5432 |'].join('\n');
  assert.deepEqual(checkFiles({ 'README.md': `${graph}\n\n${table}\n` }).findings.map(brief), []);
});

test('a cell as `docker ps` prints ports (`0.0.0.0:7307->7306/tcp, :::7307->7306/tcp`) gives the host port with the container port behind it', () => {
  const table = (cell: string) => ['| Name | Ports |', '|---|---|', `| ledger-db | ${cell} |`].join('\n');
  const f = parse(table('0.0.0.0:7307->7306/tcp, :::7307->7306/tcp'));
  assert.deepEqual(f.allocations.map((a) => `${a.service}=${a.port}:${a.containerPort}`), ['ledger-db=7307:7306', 'ledger-db=7307:7306']);
  const compose = 'services:\n  ledger-db:\n    image: db\n    ports: ["7308:7306"]\n';
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': table('0.0.0.0:7307->7306/tcp') }).findings.map(brief), ['port-mismatch@README.md:3']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': table('0.0.0.0:7308->7306/tcp') }).findings.map(brief), []);
});

test('a row crossed out (`~~Search~~` or `~~9103~~`) holds nothing: its port is mentioned', () => {
  const f = parse(['| Service | Port |', '|---|---|', '| ~~Search~~ | 9103 |', '| Ledger | ~~9104~~ |', '| Vault | 9105 |', '| ~~Archive~~ Vault | 9106 |'].join('\n'));
  assert.deepEqual(f.allocations.map((a) => `${a.service}=${a.port}`), ['Vault=9105', 'Archive Vault=9106']);
  assert.deepEqual(f.mentions.map((m) => m.port), [9103]);
});

test('non-English headers (服务 / 端口) and two services in one row', () => {
  const f = parse(['| 服务 | 端口 |', '|---|---|', '| 网关 | 8000 |', '| n8n / Redis | 5678 / 6379 |'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}`), ['网关=8000', 'n8n=5678', 'Redis=6379']);
});

test('heading ranges own the tables under them; en dash, open-ended and wildcard notations', () => {
  const f = parse([
    '## Core Services (8000-8009)',
    '| Service | Port |', '|---|---|', '| a | 8001 |',
    '## Web `3000–3099`',
    '| Service | Port |', '|---|---|', '| web | 3005 |',
    '## Batch (12000+)',
    '## Frontends (300xx)',
    '| Service | Port |', '|---|---|', '| f1 | 30001 |',
  ].join('\n'));
  assert.deepEqual(f.ranges.map((r) => [r.name, r.from, r.to]), [
    ['Core Services', 8000, 8009], ['Web', 3000, 3099], ['Batch', 12000, 65535], ['Frontends', 30000, 30099],
  ]);
  const owner = (service: string) => f.ranges.find((r) => r.id === f.allocations.find((a) => a.service === service)!.ownerRange)!.name;
  assert.equal(owner('a'), 'Core Services');
  assert.equal(owner('web'), 'Web');
  assert.equal(owner('f1'), 'Frontends');
});

test('a range heading with range headings under it opens a project sub-scope', () => {
  const f = parse([
    '## ALPHA (16000-16999)', '### App Tier (16000-16099)', '| Port | Service |', '|---|---|', '| 16432 | PostgreSQL |',
    '## BETA (26000-26999)', '### Infra (26400-26499)', '| Port | Service |', '|---|---|', '| 26432 | PostgreSQL |',
  ].join('\n'));
  assert.deepEqual(f.allocations.map((a) => [a.service, a.scope]), [['PostgreSQL', 'alpha'], ['PostgreSQL', 'beta']]);
  const tier = f.ranges.find((r) => r.name === 'App Tier')!;
  assert.equal(f.ranges.find((r) => r.id === tier.parent)!.name, 'ALPHA');
});

test('reserved sections: "never use" reserves, "future expansion" is kept free, "in use" allocates', () => {
  const f = parse([
    '## Reserved System Ports (NEVER USE)', '| Port Range | Reserved For |', '|---|---|', '| 0-1023 | System |', '| 5432 | PostgreSQL default |',
    '## Reserved Ports (8070-8099)', '', 'Ports 8070-8099 are reserved for future expansion.',
    '## Reserved Ports (In Use)', '| Service | Port |', '|---|---|', '| vault | 8200 |',
  ].join('\n'));
  assert.deepEqual(f.reserved.map((r) => [r.from, r.to, r.reason]), [[0, 1023, 'System'], [5432, 5432, 'PostgreSQL default']]);
  assert.deepEqual(f.ranges.map((r) => [r.name, r.keptFree]), [['Reserved Ports', true]]);
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}`), ['vault=8200']);
});

test('a heading read once is read alike in every document, and the paragraph under a plain "Reserved" decides per document', () => {
  const forbidding = ['## Reserved', '', 'Never use these ports.', '', '| Port | Reason |', '|---|---|', '| 8443 | vpn |'].join('\n');
  const keeping = ['## Reserved', '', 'Kept free for future growth.', '', '| Port | Reason |', '|---|---|', '| 8443 | vpn |'].join('\n');
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(parse(forbidding).reserved.map((r) => [r.from, r.reason]), [[8443, 'vpn']]);
    assert.deepEqual(parse(keeping).reserved, []);
  }
});

test('a section that names the env file its values are from is that file\'s: an environment of its own; the base .env and templates are not', () => {
  const f = parse([
    '## Production (.env.production)', '- **Web**: 8081',
    '## Local development - Docker (`.env.local`)', '- **Web**: 7357',
    '## Staging (staging.env)', '- **Web**: 8082',
    '## Default environment (.env)', '- **Web**: 9128',
    '## Production', '- **Web**: 80',
    '## Values in .env.dist', '- **Web**: 9128',
  ].join('\n'));
  assert.deepEqual(f.allocations.map((a) => [a.port, a.environment]), [
    [8081, 'variant:env-file-.env.production'], [7357, 'variant:env-file-.env.local'], [8082, 'variant:env-file-staging.env'],
    [9128, undefined], [80, 'production'], [9128, undefined],
  ]);
});

test('a section that counts things lists numbers, not ports, even in a document about services', () => {
  const doc = (title: string) => parse([
    '# Backend services', '', `## ${title}`, '', '- Gateway: 8080', '- Orders API', '  - Order endpoints: 8', '  - Refund endpoints: 8',
  ].join('\n'));
  assert.deepEqual(allocs(doc('Gateway')).map((a) => `${a.service}=${a.port}`), ['Gateway=8080', 'Order endpoints=8', 'Refund endpoints=8']);
  for (const title of ['Endpoint statistics', 'Route counts', 'Totals', '接口统计']) {
    assert.deepEqual(allocs(doc(title)), [], title);
  }
  // A deeper heading about ports speaks of ports again.
  const deeper = parse(['# Services', '', '## Stats', '', '### Ports', '', '- Gateway: 8080'].join('\n'));
  assert.deepEqual(allocs(deeper).map((a) => `${a.service}=${a.port}`), ['Gateway=8080']);
});

test('a checklist lists steps to verify, not allocations: its ports are mentioned', () => {
  const doc = (title: string) => parse(['# Ports', '', `## ${title}`, '', '- [ ] Ledger (8001)', '- [x] Gateway (8002)'].join('\n'));
  assert.deepEqual(allocs(doc('Services')).map((a) => `${a.service}=${a.port}`), ['Ledger=8001', 'Gateway=8002']);
  for (const title of ['Pre-deploy checklist', 'Checklists']) {
    const f = doc(title);
    assert.deepEqual(allocs(f), [], title);
    assert.deepEqual(f.mentions.map((m) => m.port), [8001, 8002], title);
  }
});

test('a range heading that names an environment owns that environment\'s column only; Chinese, Japanese and Korean environment words count', () => {
  const doc = (title: string, dev: string, prod: string) => parse([
    `## ${title}`, '', `| Service | ${dev} | ${prod} |`, '|---|---|---|', '| Ledger | 5001 | 7001 |',
  ].join('\n'));
  for (const [title, dev, prod] of [['Local development ports (5001-5999)', 'Dev Port', 'Prod Port'], ['本地开发端口 (5001-5999)', '开发端口', '生产端口']]) {
    const f = doc(title, dev, prod);
    assert.deepEqual(f.allocations.map((a) => [a.port, a.environment, a.ownerRange !== undefined]), [[5001, 'development', true], [7001, 'production', false]], title);
  }
  // A range heading that names no environment owns every column, as before.
  const plain = doc('Ledger ports (5001-7999)', 'Dev Port', 'Prod Port');
  assert.deepEqual(plain.allocations.map((a) => a.ownerRange !== undefined), [true, true]);
});

test('environment sections mark their allocations', () => {
  const f = parse(['## Development Ports', '| Service | Port |', '|---|---|', '| web | 3000 |', '## Production Ports', '| Service | Port |', '|---|---|', '| web | 80 |'].join('\n'));
  assert.deepEqual(f.allocations.map((a) => [a.port, a.environment]), [[3000, 'development'], [80, 'production']]);
});

test('mermaid node labels allocate; the label names the service, ranges in labels are kept', () => {
  const f = parse(['```mermaid', 'graph TD', '    Gw[Gateway :8080] --> Rep[Reporting Engine :8087]', '    Gw --> DB[(PostgreSQL :5432)]', '    P[Proxy :10008-10009]', '```'].join('\n'));
  assert.deepEqual(f.allocations.map((a) => [a.service, a.port, a.endPort, f.at(a.loc)]), [
    ['Gateway', 8080, undefined, '8080'], ['Reporting Engine', 8087, undefined, '8087'], ['PostgreSQL', 5432, undefined, '5432'], ['Proxy', 10008, 10009, '10008-10009'],
  ]);
  assert.equal(f.allocations[1].loc.span.startLine, 3);
});

test('a table set as copies of its columns side by side (`| Name | Port | Name | Port |`) pairs each name with the port beside it', () => {
  const table = ['| Service | Port | Service | Port |', '|---|---|---|---|', '| alpha | 7100 | beta | 7200 |', '| gamma | 7300 | delta | 7101 |'].join('\n');
  assert.deepEqual(parse(table).allocations.map((a) => `${a.service}=${a.port}@${a.loc.span.startLine}:${a.loc.span.startColumn}`), ['alpha=7100@3:11', 'gamma=7300@4:11', 'beta=7200@3:25', 'delta=7101@4:26']);
  assert.deepEqual(checkFiles({ 'PORTS.md': table }).findings.map(brief), []);
});

test('a row named for a kind of server (`| Database | PostgreSQL | 5432 |` under Component, Technology) is the server its Technology cell names', () => {
  const table = ['| Component | Technology | Port |', '|---|---|---|', '| Database | PostgreSQL 16 | 7432 |', '| Cache | Redis | 7379 |', '| Frontend | React | 7300 |'].join('\n');
  assert.deepEqual(parse(table).allocations.map((a) => `${a.service}=${a.port}`), ['PostgreSQL=7432', 'Redis=7379', 'Frontend=7300']);
  const compose = 'services:\n  db:\n    image: postgres:16\n    ports: ["7433:5432"]\n';
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'README.md': table }).findings.filter((f) => f.severity !== 'info').map(brief), ['port-mismatch@README.md:3']);
});

test('an Image column beside the name column names no row: services may run one image', () => {
  const table = ['| Container | Image | Ports |', '|---|---|---|', '| indexer | acme/indexer:2.0.0 | 9871 |', '| worker | acme/indexer:2.0.0 | 9880 |'].join('\n');
  assert.deepEqual(parse(table).allocations.map((a) => `${a.service}=${a.port}`), ['indexer=9871', 'worker=9880']);
  const compose = 'services:\n  indexer:\n    image: acme/indexer:2.0.0\n    ports: ["9870:9870"]\n';
  assert.deepEqual(checkFiles({ 'docker-compose.yml': compose, 'README.md': table }).findings.filter((f) => f.severity !== 'info').map(brief), ['port-mismatch@README.md:3']);
});

test('a mermaid node that writes an address on a port and points at a node drawn on it dials that node: it holds nothing', () => {
  const graph = (...lines: string[]) => ['```mermaid', 'graph TD', ...lines, '```'].join('\n');
  const ports = (text: string) => {
    const f = parse(text);
    return { held: f.allocations.map((a) => `${a.service}=${a.port}`), mentioned: f.mentions.map((m) => m.port) };
  };
  assert.deepEqual(ports(graph('  A["Your Browser<br/>localhost:7300"] --> B["Ledger<br/>Port 7300:7300"]')), { held: ['Ledger=7300'], mentioned: [7300] });
  // Arrows written apart from the labels, with text, or backwards.
  assert.deepEqual(ports(graph('  C[Client<br/>127.0.0.1:7400]', '  D[Atlas :7400]', '  C -- calls --> D')).held, ['Atlas=7400']);
  assert.deepEqual(ports(graph('  D[Atlas :7400] <-- C[Client<br/>127.0.0.1:7400]')).held, ['Atlas=7400']);
  // A port written without an address, a link without a direction, or another port than the target's: each node holds its own.
  assert.deepEqual(ports(graph('  P[Proxy :80] --> W[web :80]')).held, ['Proxy=80', 'web=80']);
  assert.deepEqual(ports(graph('  A[Dev<br/>localhost:7500] --- B[Atlas :7500]')).held, ['Dev=7500', 'Atlas=7500']);
  assert.deepEqual(ports(graph('  A[Ledger<br/>localhost:7600] --> B[Atlas :7601]')).held, ['Ledger=7600', 'Atlas=7601']);
  assert.deepEqual(checkFiles({ 'docs/arch.md': graph('  A["Browser<br/>localhost:7300"] --> B["Ledger<br/>Port 7300"]') }).findings.map(brief), []);
});

test('shell fences: owner from the heading, Windows set, URLs as claims; commands allocate nothing', () => {
  const f = parse([
    '### Settlement Engine (Rust - Port 8087)', '```bash', 'cd services/settlement-engine', 'set HTTP_PORT=8087', 'REPORTING_ENGINE_URL=http://localhost:8088',
    'netstat -ano | findstr "8080 8081"', '```',
  ].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}/${a.role ?? '-'}=${a.port}${a.claim ? ' claim' : ''}@${a.line}`), [
    'Settlement Engine/-=8087@1', 'Settlement Engine/http=8087@4', 'reporting-engine/-=8088 claim@5',
  ]);
});

test('a heading that only says "environment variables" or "settings", in any language, names no service of a block (`APP_PORT` there is nobody\'s)', () => {
  for (const heading of ['### Environment variables (.env)', '### 환경 변수 (.env)', '### 环境变量', '### 環境変数の設定', '### Umgebungsvariablen', '### Variables de entorno']) {
    const f = parse([heading, '```bash', 'DB_PORT=4578', 'APP_PORT=8754', '```'].join('\n'));
    assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}`), ['db=4578'], heading);
  }
});

test('a bold label over a block of settings names its service; a label of generic words names a part of the heading\'s', () => {
  const text = [
    '### billing-suite', '',
    '**Ledger:**', '```bash', 'PORT=7100', '```', '',
    '**Backend API:**', '```bash', 'PORT=7200', 'WS_PORT=7201', '```', '',
    '**Production:**', '```bash', 'PORT=7300', '```',
  ].join('\n');
  assert.deepEqual(allocs(parse(text)).map((a) => `${a.service}/${a.role ?? '-'}=${a.port}`), [
    'Ledger/-=7100', 'billing-suite Backend API/-=7200', 'billing-suite Backend API/ws=7201', 'billing-suite/-=7300',
  ]);
  // A table naming the same services, the websocket by its interface alone: each is written twice, no clash.
  const table = ['# Ports', '', '| Port | Service |', '|---|---|', '| 7100 | Ledger |', '| 7200 | Backend API |', '| 7201 | WebSocket |', ''].join('\n');
  const doc = `${table}\n${text.split('\n').slice(0, 12).join('\n')}\n`;
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': doc }).findings.filter((f) => f.severity !== 'info').map(brief), []);
  // A row named by an interface is no endpoint of a place of another role.
  const other = doc.replace('| 7201 | WebSocket |', '| 7201 | Metrics |');
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': other }).findings.filter((f) => f.severity !== 'info').map(brief), ['port-conflict@docs/PORTS.md:19']);
});

test('named URLs in a code block are claims with the path role', () => {
  const f = parse(['## Monitoring', '```bash', 'Token Engine:       http://localhost:8081/metrics', 'curl http://localhost:9999/health', '```'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}/${a.role}=${a.port}`), ['Token Engine/metrics=8081']);
  assert.deepEqual(f.mentions.map((m) => m.port), [9999]);
});

test('a compose snippet in a yaml fence allocates at whole-file positions', () => {
  const text = ['# Compose', '', '```yaml', 'compliance-monitor:', '  ports: ["8017:8017"]', '```'].join('\n');
  const f = parse(text);
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}@${a.line}:${a.text}`), ['compliance-monitor=8017@5:8017']);
  assert.equal(f.allocations[0].source, 'markdown');
});

test('port list items allocate; prose and history do not', () => {
  const f = parse([
    '## Ports',
    '- **3000**: Grafana',
    '- Prometheus: 9090',
    '- Settlement Engine: Port 8087 (HTTP), 50056 (gRPC)',
    '1. **compliance-monitor (8017)**: Real-time monitoring',
    '1. **ml-ensemble vs business-api**: ml-ensemble moved from 8014 → 8021',
    '2. **Grafana vs Mission Control (3000)**',
    '- Separated by incrementing ports: 5432, 5433, 5434',
    '- Only Gateway port 8080 should be publicly accessible',
    '- **HTTP Services**: 8080-8099 (20 ports available)',
  ].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}/${a.role ?? '-'}=${a.port}:${a.text}`), [
    'Grafana/-=3000:3000', 'Prometheus/-=9090:9090', 'Settlement Engine/http=8087:8087', 'Settlement Engine/grpc=50056:50056', 'compliance-monitor/-=8017:8017',
  ]);
  assert.deepEqual(f.ranges.map((r) => [r.name, r.from, r.to]), [['HTTP Services', 8080, 8099]]);
});

test('a block the paragraph before calls an example, and a section on what to do when a port is taken, allocate nothing', () => {
  const env = (intro: string) => parse(['## Ports', '', intro, '', '```bash', 'LEDGER_PORT=7700', '```'].join('\n'));
  assert.deepEqual(allocs(env('Every port comes from `.env.example`. Example:')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('To move it, e.g. in staging:')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('例如：')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('Or use another port:')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('Alternative Ports in `docker-compose.yml` eintragen:')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('**方案2：使用其他端口**')).map((a) => a.port), []);
  // What a fix replaces (`**FROM:**`, "Change this line:") is no port in use; what it writes instead (`**TO:**`) is.
  assert.deepEqual(allocs(env('**FROM:**')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('Change this line:')).map((a) => a.port), []);
  assert.deepEqual(allocs(env('**TO:**')).map((a) => a.port), [7700]);
  // A file name is no example; a colon that does not end the paragraph introduces nothing.
  assert.deepEqual(allocs(env('Copy `.env.example` to `.env` and set:')).map((a) => a.port), [7700]);
  assert.deepEqual(allocs(env('For example the ledger. It reads:')).map((a) => a.port), [7700]);
  const taken = (heading: string) => parse([heading, '', '```bash', 'LEDGER_PORT=7701', '```'].join('\n'));
  assert.deepEqual(allocs(taken('## Troubleshooting')).map((a) => a.port), []);
  assert.deepEqual(allocs(taken('### If port 7700 is already in use')).map((a) => a.port), []);
  assert.deepEqual(allocs(taken('### 포트 7700이 이미 사용 중인 경우')).map((a) => a.port), []);
  assert.deepEqual(allocs(taken('### 如果 7700 也被占用了')).map((a) => a.port), []);
  assert.deepEqual(allocs(taken('## Port-Konflikte lösen')).map((a) => a.port), []);
  assert.deepEqual(allocs(taken('## Ledger settings')).map((a) => a.port), [7701]);
});

test('a section named for a file, and the word for port, name no service', () => {
  // A bare PORT= belongs to the service the heading names; a file is none.
  const block = ['```bash', 'PORT=7702', 'LEDGER_PORT=7703', '```'].join('\n');
  assert.deepEqual(allocs(parse(['### .env (production)', '', block].join('\n'))).map((a) => a.service), ['ledger']);
  assert.deepEqual(allocs(parse(['### docker-compose.yml', '', block].join('\n'))).map((a) => a.service), ['ledger']);
  assert.deepEqual(allocs(parse(['### Atlas', '', block].join('\n'))).map((a) => a.service), ['Atlas', 'ledger']);
  assert.deepEqual(allocs(parse(['### Next.js', '', block].join('\n'))).map((a) => a.service), ['Next.js', 'ledger']);
  assert.deepEqual(allocs(parse(['## 포트', '', '- 포트: 7703', '- 端口：7704', '- 원장: 7705'].join('\n'))).map((a) => `${a.service}=${a.port}`), ['원장=7705']);
});

test('invalid ports in structured places are problems at the number', () => {
  const f = parse(['| Service | Port |', '|---|---|', '| bad | 99999 |', '| zero | 0 |'].join('\n'));
  assert.deepEqual(f.problems.map((p) => [p.rule, p.port, f.at(p.loc)]), [['invalid-port', 99999, '99999'], ['invalid-port', 0, '0']]);
  assert.equal(f.allocations.length, 0);
});

test('a compose example in a document may write placeholders for ports; a compose file may not', () => {
  const compose = 'services:\n  app:\n    image: app\n    ports:\n      - "81XX:8080"\n      - "<port>:9000"\n      - "新端口:3000"\n      - "70000:80"\n    expose:\n      - "80:80"\n';
  const f = parse(['## Adding an app', '', '```yaml', compose, '```'].join('\n'));
  // A number out of range, or a mapping where only a port goes, is still a mistake; the placeholders are not.
  assert.deepEqual(f.problems.map((p) => [p.rule, f.at(p.loc)]), [['invalid-port', '70000'], ['invalid-port', '80:80']]);
  const file = parseCompose(compose, { file: 'docker-compose.yml' });
  assert.deepEqual(file.problems.map((p) => p.rule), ['invalid-port', 'invalid-port', 'invalid-port', 'invalid-port', 'invalid-port']);
  // The same in an env block: a placeholder is not a mistake, a number out of range is.
  const env = parse(['```bash', 'CACHE_HOST=cache-xxxxx.example.net', 'CACHE_PORT=xxxxx', 'QUEUE_PORT=<port>', 'API_PORT=99999', '```'].join('\n'));
  assert.deepEqual(env.problems.map((p) => [p.rule, env.at(p.loc)]), [['invalid-port', '99999']]);
});

test('emoji and mojibake headings, CRLF line endings and no trailing newline keep exact spans', () => {
  const text = '## üéØ ‚úÖ Core (8000-8009)\r\n\r\n| Service | Port |\r\n|---|---|\r\n| api | 8001 |';
  const f = parse(text);
  assert.deepEqual(f.ranges.map((r) => [r.name, r.from]), [['Core', 8000]]);
  assert.equal(f.at(f.allocations[0].loc), '8001');
  assert.deepEqual([f.allocations[0].loc.span.startLine, f.allocations[0].loc.span.startColumn], [5, 9]);
});

test('a document with nothing port-like is skipped before parsing; the word for port in other languages is port-like', () => {
  const f = parse('# Notes\n\nNothing here but 42 words.\n');
  assert.equal(f.allocations.length + f.mentions.length + f.ranges.length, 0);
  for (const heading of ['Puertos', 'Portas', 'Porte', 'Порты']) {
    assert.deepEqual(parse(`# Servicios\n\n## ${heading}\n\n- Pasarela: 8222\n- Flota: 8082\n`).allocations.map((a) => a.port), [8222, 8082], heading);
  }
  // Not inside another word ("importe", "soporte").
  assert.equal(parse('# Notas\n\nEl importe y el soporte: 8222.\n').allocations.length, 0);
});

test('suppression comments are read', () => {
  const f = parse('<!-- portolan-ignore port-conflict -->\n| Service | Port |\n|---|---|\n| a | 1 |\n');
  assert.deepEqual(f.suppressions, [{ line: 2, rules: ['port-conflict'] }]);
});

test('`- Gateway - 8222` in a section about ports: a name and its port; not a year, a small number, or outside such a section', () => {
  const items = ['- Gateway - 8222', '- Orders — 8081', '- Release - 2019', '- Step 2 - 10'];
  assert.deepEqual(parse(['## Ports', '', ...items].join('\n')).allocations.map((a) => `${a.service}=${a.port}`), ['Gateway=8222', 'Orders=8081']);
  assert.deepEqual(parseMarkdown(['## Releases', '', ...items, '', 'Ports are in the table below.'].join('\n'), { file: 'docs/releases.md' }).allocations, []);
});

test('outside a section about ports, only items that say so are ports', () => {
  const items = ['## 1.0.0 / 2015-03-26', '- run keywords(1)', '- Grafana: 3000', '- Gateway: Port 8080', '- **Ledger (8003)**: the books', '- **Redis**: 6379'].join('\n');
  assert.deepEqual(allocs(parse(items, 'docs/CHANGELOG.md')).map((a) => `${a.service}=${a.port}`), ['Gateway=8080', 'Ledger=8003']);
  // A document named for ports is about ports throughout.
  assert.deepEqual(allocs(parse(items, 'docs/PORTS.md')).map((a) => `${a.service}=${a.port}`), ['Grafana=3000', 'Gateway=8080', 'Ledger=8003', 'Redis=6379']);
});

test('items nested under an item that names a service, labelled by a setting (`Local Env`, `Docker Inside`), mention its ports: no service, no range', () => {
  const doc = (label: string) => ['## Ports:', '* Ledger:', `  * ${label}: 7100-7150`, '  * Docker Inside: 8080-8081', '* Atlas:', `  * ${label}: 7101-7151`, '  * Docker Inside: 8080-8081'].join('\n');
  const f = parse(doc('Local Env'));
  assert.deepEqual([allocs(f).length, f.ranges.length, f.mentions.map((m) => m.port)], [0, 0, [7100, 8080, 7101, 8080]]);
  assert.deepEqual(checkFiles({ 'README.md': doc('Local Env') }).findings.map(brief), []);
  // A label that names something else is still read as it was.
  assert.deepEqual(parse(doc('Reserved block')).ranges.map((r) => `${r.from}-${r.to}`), ['7100-7150', '7101-7151']);
});

test('a list item that ends by saying its service is on the way out (`(deprecated)`, `— legacy`) holds no port', () => {
  const doc = (note: string) => ['# Stores', '', '## Ports', '', `- Ledger cache on port 7379 ${note}`, '- Atlas cache on port 7379', ''].join('\n');
  for (const note of ['(deprecated)', '(legacy, replaced by Atlas)', '— obsolete']) {
    assert.deepEqual(checkFiles({ 'README.md': doc(note) }).findings.map(brief), [], note);
    assert.deepEqual(parse(doc(note)).mentions.map((m) => m.port), [7379], note);
  }
  // A note that only mentions the word keeps the port.
  assert.deepEqual(checkFiles({ 'README.md': doc('(LRU, not deprecated)') }).findings.map(brief), ['port-conflict@README.md:6']);
});

test('a settings list is not a port list, in a section about ports or not', () => {
  const settings = ['- **Retries**: 3', '- **Timeout**: 30', '- **Max connections**: 100', '- **Pool size**: 100', '- Batch size: 100', '- Concurrency: 100', '- PUID: 1000', '- ChainID: 8453', '- Network ID: 1337'];
  const f = parse(['## Configuration', ...settings, '', '## Ports', ...settings, '- **Gateway**: 8080', '- Admin: 8081', '- MS SQL: 1433'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}`), ['Gateway=8080', 'Admin=8081', 'MS SQL=1433']);
});

test('the port-like prefilter lets through identifiers, ranges and URLs, not words that contain "port" or dates', () => {
  // Each document's only port signal is one the prefilter must see.
  const env = parse(['```bash', 'export DB_PORT=5432', '```'].join('\n'));
  assert.deepEqual(allocs(env).map((a) => a.port), [5432]);
  const range = parse(['## Edge (9100-9199)', '', '| Service | Number |', '|---|---|', '| edge | 9100 |'].join('\n'));
  assert.deepEqual(range.ranges.map((r) => [r.from, r.to]), [[9100, 9199]]);
  const url = parse(['```env', 'API_URL=http://localhost:8080', '```'].join('\n'));
  assert.deepEqual(url.mentions.map((m) => m.port), [8080]);
  // "Support", "report", "import" and a date are not ports: nothing is read from such a document.
  const prose = parse(['# Support report', '', '- **Imported**: 2024-01-15', '- **Retries**: 3'].join('\n'));
  assert.deepEqual([prose.allocations, prose.ranges, prose.mentions], [[], [], []]);
});

test('a row reached by a host name on 80 or 443 gives that port to the proxy in front, not to the service', () => {
  const doc = [
    '## External access (ingress)',
    '',
    '| Target | URL | Port |',
    '|---|---|---|',
    '| Grafana | `https://grafana.<LB_IP>.example.net` | 443 |',
    '| Prometheus | https://prom.example.net/graph | 443 |',
    '| Shop | https://shop.example.net:8443 | 8443 |',
    '| Wiki | http://localhost | 80 |',
  ].join('\n');
  const f = parse(doc);
  assert.deepEqual(allocs(f).filter((a) => !a.claim).map((a) => [a.service, a.port]), [['Shop', 8443], ['Wiki', 80]]);
  // A port in a URL at a public name is the front door's, mentioned only.
  assert.deepEqual(f.mentions.map((m) => f.at(m.loc)), ['443', '443', '8443']);
});

test('lines of `name : port` and nothing else, in a document about ports, are a list written without bullets', () => {
  const lines = 'shop backend : 3011\nshop db: 5433\nadmin :8081\n';
  assert.deepEqual(allocs(parse(lines, 'deploy/PORTS.md')).map((a) => [a.service, a.port, a.line]), [['shop backend', 3011, 1], ['shop db', 5433, 2], ['admin', 8081, 3]]);
  assert.deepEqual(allocs(parse(`## Port map\n\n${lines}`, 'docs/notes.md')).map((a) => a.port), [3011, 5433, 8081]);
  // Not about ports (the name says REPORT, not PORTS), one line alone, or a line of prose among them: nothing.
  assert.deepEqual(parse(lines, 'docs/REPORT.md').allocations, []);
  assert.deepEqual(parse('shop db: 5433\n', 'PORTS.md').allocations, []);
  assert.deepEqual(parse('The shop runs two parts.\nshop backend : 3011\nshop db: 5433\n', 'PORTS.md').allocations, []);
});

test('a section of proxy ports lists the ports a proxy listens on for the services it fronts, not theirs', () => {
  const table = ['| Service | Tab URL |', '|---|---|', '| Grafana | `http://192.168.1.20:8085` |', '| Portainer | `http://192.168.1.20:8084` |'];
  assert.deepEqual(parse(['## Dashboard proxy ports (iframe embedding)', '', ...table].join('\n')).allocations, []);
  assert.deepEqual(allocs(parse(['## Dashboards', '', ...table].join('\n'))).map((a) => [a.service, a.port]), [['Grafana', 8085], ['Portainer', 8084]]);
});

test('an IP column binds each row\'s ports on its address; a public-domain column makes a routing table', () => {
  const byIp = ['| Container | IP | Port |', '|---|---|---|', '| vision | 172.20.0.30 | 8000 |', '| codegen | `172.20.0.50` | 8000 |', '| gateway | — | 9000 |'].join('\n');
  assert.deepEqual(parse(byIp).allocations.map((a) => [a.service, a.hostIp]), [['vision', '172.20.0.30'], ['codegen', '172.20.0.50'], ['gateway', undefined]]);
  const routes = ['| # | Public Domain | Service | Port |', '|---|---|---|---|', '| 1 | `shop.example.org` | shop | 3000 |', '| 2 | `blog.example.org` | blog | 3000 |'].join('\n');
  assert.deepEqual(parse(routes).allocations, []);
});

test('a lone Internal Port column is the host port, unless another column says how the service is reached from outside', () => {
  const rows = ['| shop | 8000 | via the proxy |', '| blog | 80 | via the proxy |'];
  const outside = parse(['| App | Internal Port | External Access |', '|---|---|---|', ...rows].join('\n'));
  assert.deepEqual(outside.allocations, []);
  const alone = parse(['| App | Internal Port | Notes |', '|---|---|---|', ...rows].join('\n'));
  assert.deepEqual(allocs(alone).map((a) => [a.service, a.port]), [['shop', 8000], ['blog', 80]]);
});

test('external and internal port columns and project names in other European languages', () => {
  const ports = parse(['| Service | Externer Port | Interner Port |', '|---|---|---|', '| vectors | 38000 | 8000 |', '| queue | 36379 | 6379 |'].join('\n'));
  assert.deepEqual(allocs(ports).map((a) => [a.service, a.port]), [['vectors', 38000], ['queue', 36379]]);
  const projects = parse(['| Projekt | Ports |', '|---|---|', '| search | 8080, 8000 |'].join('\n'));
  assert.deepEqual(projects.allocations, []);
});

test('a list item that is an address (`name:port`) and a Docker network section mention their ports', () => {
  const items = ['- `vectors:8000`', '- queue:6379'];
  const f = parse(['## Ports', '', ...items, '- search: 9200'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => [a.service, a.port]), [['search', 9200]]);
  assert.deepEqual(f.mentions.map((m) => m.port), [8000, 6379]);
  const network = parse(['## Docker network (internal communication)', '', '- vectors: 8000', '- queue: 6379'].join('\n'));
  assert.deepEqual(network.allocations, []);
});

test('a place in a file is no service (`- **Line**: 147`); an Old Port column is history', () => {
  const items = parse(['## Ports', '', '### Metrics handler (`routes.go`)', '- **File**: `api/routes.go`', '- **Line**: 147', '- **Landing Page**: 3000'].join('\n'));
  assert.deepEqual(allocs(items).map((a) => `${a.service}=${a.port}`), ['Landing Page=3000']);
  const table = parse(['| Service | Old Port | New Port |', '|---|---|---|', '| Gateway | 80 | 32100 |', '| Grafana | 3001 | 32110 |'].join('\n'));
  assert.deepEqual(allocs(table).map((a) => `${a.service}=${a.port}`), ['Gateway=32100', 'Grafana=32110']);
  // The same in other languages: original / before the change, against new / after it.
  for (const [old, now] of [['原端口', '新端口'], ['变更前端口', '变更后端口'], ['変更前ポート', '変更後ポート'], ['기존 포트', '새 포트'], ['변경 전 포트', '변경 후 포트'], ['Port vorher', 'Port nachher'], ['Старый порт', 'Новый порт']]) {
    const moved = parse([`| Service | ${old} | ${now} |`, '|---|---|---|', '| Gateway | 80 | 32100 |'].join('\n'));
    assert.deepEqual(allocs(moved).map((a) => `${a.service}=${a.port}`), ['Gateway=32100'], old);
  }
});

test('a step whose verb comes last (`- [ ] 브라우저 접속 확인 (8754)`, check the browser connects) names no service', () => {
  const f = parse(['## Ports', '', '| Service | Port |', '|---|---|', '| webapp | 8754 |', '', '## After deploying', '',
    '- [ ] 브라우저 접속 확인 (8754)', '- [x] 接続確認 (8754)', '- 访问测试 (8754)', '- [x] Prometheus: 9090', '- [ ] Grafana (3000)'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}`), ['webapp=8754', 'Prometheus=9090', 'Grafana=3000']);
});

test('a list titled as history or an example (`**OLD:**`, `Before:`) only mentions its ports', () => {
  const f = parse(['## URLs', '', '**OLD:**', '- Backend API: `http://localhost:3001`', '', '**NEW:**', '- Backend API: `http://localhost:8001`', '', 'Before:', '- Frontend: 5173'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}`), ['Backend API=8001']);
  assert.ok([3001, 5173].every((port) => f.mentions.some((m) => m.port === port)));
});

test('list items: a name with its port in parentheses and a description after a dash, a done mark before the name', () => {
  const f = parse([
    '## Services', '',
    '1. ✅ **risk-engine** (port 8003) - Emergency stop and risk limits',
    '2. risk-report (port 8004) — daily reports',
    '3. [x] billing: 8005',
    '4. ❌ legacy-gateway (port 8006) - removed',
    '5. audit (port 8007) - 8008 spare',
  ].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service}=${a.port}@${a.text}`), ['risk-engine=8003@8003', 'risk-report=8004@8004', 'billing=8005@8005']);
});

test('a column that says when, why or in which role a port is used does not name the rows; another column may', () => {
  const when = parse(['## Optional ports', '', '| Port Type | Host Port | Notes | When to Enable |', '|---|---|---|---|', '| REST | 1317 | legacy | Legacy clients |'].join('\n'));
  assert.deepEqual(allocs(when), []);
  const role = parse(['## Ports', '', '| Port | Role | Bound by |', '|---|---|---|', '| 8798 | Server | hub |'].join('\n'));
  assert.deepEqual(allocs(role).map((a) => `${a.service} ${a.port}`), ['hub 8798']);
  // Purpose, role, protocol and bind address, in Chinese: nothing names the row.
  const described = parse(['## 端口', '', '| 端口 | 用途 | 角色 | 协议 | 绑定地址建议 |', '|---|---|---|---|---|', '| 8798 | 主服务 | Server | HTTP | 0.0.0.0 |'].join('\n'));
  assert.deepEqual(allocs(described), []);
});

test("a document's env block that names services by their variables names the admin and the API by theirs too; a client setting names none", () => {
  const doc = (block: string[]) => ['# Deploy', '', '## For operators', '', '```env', ...block, '```'].join('\n');
  const listed = parse(doc(['STORE_PORT=3141', 'ADMIN_PORT=3211', 'API_PORT=7532']));
  assert.deepEqual(allocs(listed).map((a) => `${a.service} ${a.role ?? '-'} ${a.port}`), ['store - 3141', 'admin - 3211', 'api - 7532']);
  // `DB_PORT` beside `DB_HOST` is where the app connects: `ADMIN_PORT` stays the section's service's admin port.
  const client = parse(['# Deploy', '', '## Billing', '', '```env', 'DB_HOST=db', 'DB_PORT=5432', 'ADMIN_PORT=3211', '```'].join('\n'));
  assert.deepEqual(allocs(client).filter((a) => !a.claim).map((a) => `${a.service} ${a.role ?? '-'} ${a.port}`), ['Billing admin 3211']);
});

test('"None" in any language holds no port, and a Known conflicts or Verdict column names no row', () => {
  for (const none of ['None', 'Aucun', 'Keine', 'Ninguno', 'Nenhum', '无', 'なし']) {
    assert.deepEqual(allocs(parse(['## Ports', '', '| Service | Port |', '|---|---|', `| ${none} | 3141 |`].join('\n'))), [], none);
  }
  assert.deepEqual(allocs(parse(['## Check', '', '| Port | Conflits connus | Verdict |', '|---|---|---|', '| 3141 | Redis | ✓ Safe |'].join('\n'))), []);
});

test('a block introduced by a question that offers other ports ("Prefer the usual ports? No problem:") is an alternative', () => {
  const doc = (intro: string) => ['# Deploy', '', '## Ports', '', intro, '', '```env', 'STORE_PORT=3000', '```'].join('\n');
  assert.deepEqual(allocs(parse(doc('Vous préférez une configuration classique ? Aucun problème :'))), []);
  assert.deepEqual(allocs(parse(doc('Prefer the usual ports? Sure:'))), []);
  assert.deepEqual(allocs(parse(doc('Set these in your environment:'))).map((a) => `${a.service} ${a.port}`), ['store 3000']);
});

test('the word for port in Portuguese or Spanish names no service of its own: it is the heading\'s, as a claim; a legacy section in those languages is history', () => {
  assert.deepEqual(allocs(parse(['## Banco', '', '- **Porta**: `5433`', '- **Puerto**: 5434'].join('\n'))).map((a) => `${a.service}=${a.port}${a.claim ? '?' : ''}`), ['Banco=5433?', 'Banco=5434?']);
  assert.deepEqual(allocs(parse(['Notes', '', '- **Porta**: `5433`'].join('\n'))), []);
  const legacy = parse(['## Servicos', '', '### Banco antigo (LEGADO)', '', '- **postgres**: 5432', '', '### Banco atual', '', '- **postgres**: 5433'].join('\n'));
  assert.deepEqual(allocs(legacy).map((a) => `${a.service} ${a.port}`), ['postgres 5433']);
});

test('columns headed by a role and its port pattern (`web 30NN`, `api 80xx`) hold ports; a Product column names the rows', () => {
  const f = parse(['## Allocation', '', '| NN | Product | web 30NN | api 80NN | Status |', '|---|---|---|---|---|', '| 01 | ledger | 3001 | 8001 | live |', '| 02 | atlas | 3002 | — | |'].join('\n'));
  assert.deepEqual(allocs(f).map((a) => `${a.service} ${a.port}`), ['ledger 3001', 'ledger 8001', 'atlas 3002']);
  // Under such a header, what is no port (a version) is nothing.
  assert.deepEqual(allocs(parse(['## Runtimes', '', '| Product | python 3x |', '|---|---|', '| ledger | 3.11 |'].join('\n'))), []);
});

test('a port in italics is read as the port, marks blanked; a lone mark is a footnote, not emphasis', () => {
  const f = parse([
    '# Ports',
    '',
    '| Service | Port |',
    '|---|---|',
    '| ledger | *7101* |',
    '| billing | _7102_ |',
    '| audit | 7103* |',
    '| vault | *7104 |',
    '',
    '- notifier: *7105*',
  ].join('\n'));
  assert.deepEqual(allocs(f).map(({ service, port, text, line }) => ({ service, port, text, line })), [
    { service: 'ledger', port: 7101, text: '7101', line: 5 },
    { service: 'billing', port: 7102, text: '7102', line: 6 },
    { service: 'notifier', port: 7105, text: '7105', line: 10 },
  ]);
});

test('a name whose parentheses say a dev server runs it (`Web (Vite)`) is the app run on the machine, compared with no compose container', () => {
  const doc = (name: string, heading = '# Services') => [heading, '', '| Service | Port |', '|---|---|', `| **${name}** | 5173 |`, '| API | 8000 |'].join('\n');
  assert.deepEqual(parse(doc('Web (Vite)')).allocations.map((a) => `${a.service} ${a.port}@${a.environment}`), ['Web 5173@variant:local-run', 'API 8000@undefined']);
  assert.deepEqual(parse(doc('Web (dev server)', '## UI Testing')).allocations.map((a) => `${a.service} ${a.port}@${a.environment}`)[0], 'Web (dev server) 5173@variant:local-run');
  // A section that runs containers says the dev server runs in one (`Development (Docker)`), a
  // production section where it runs; a stack word that is no dev server says nothing of it.
  assert.deepEqual(parse(doc('Web (Vite)', '# Development (Docker)')).allocations.map((a) => a.environment)[0], 'development');
  assert.deepEqual(parse(doc('Web (Vite)', '# Production')).allocations.map((a) => a.environment)[0], 'production');
  assert.deepEqual(parse(doc('Web (React)')).allocations.map((a) => a.environment)[0], undefined);
  const compose = 'services:\n  web:\n    build: .\n    ports: ["80:80"]\n  api:\n    build: ./api\n    ports: ["8000:8000"]\n';
  assert.deepEqual(checkFiles({ 'AGENTS.md': doc('Web (Vite)'), 'docker-compose.yml': compose }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'AGENTS.md': doc('Web (React)'), 'docker-compose.yml': compose }).findings.map(brief), ['port-mismatch@AGENTS.md:5']);
});

test('a paragraph line that labels a port (`**Port:** 3005` under a service heading) is read as its list item would be', () => {
  const doc = (bullet: string) => [
    '# Homelab', '', '## Stacks', '',
    '#### Uptime Kuma', `${bullet}**Path:** \`stacks/kuma/\`  `, `${bullet}**Port:** 3005`, '',
    '#### portainer', `${bullet}Port: \`13331:9443\``, '',
    '## Notes', '', `${bullet}The default port: 8080 is what the image listens on.`,
  ].join('\n');
  const read = (text: string) => parse(text, 'README.md').allocations.map((a) => `${a.service} ${a.port} ${a.claim} ${a.loc.span.startLine}`);
  assert.deepEqual(read(doc('')), ['Uptime Kuma 3005 true 7', 'portainer 13331 true 10']);
  assert.deepEqual(read(doc('')), read(doc('- ')));
  // The lines around it stay a paragraph: its URLs are mentioned, once.
  const mixed = parse(['#### Ledger', 'Runs at http://localhost:7100  ', '**Port:** 7100', 'Docs at http://localhost:7101'].join('\n'), 'README.md');
  assert.deepEqual(mixed.allocations.map((a) => `${a.service} ${a.port}`), ['Ledger 7100']);
  assert.deepEqual(mixed.mentions.map((m) => `${m.port}@${m.loc.span.startLine}`), ['7100@2', '7101@4']);
});

test('list items: `Name on URL` and ports written with their colon (`Name [:4533]`) in any section; a step or a name and a value are not', () => {
  const items = (...lines: string[]) => parse(['# Media stack', '', ...lines].join('\n'), 'README.md').allocations.map((a) => `${a.service} ${a.port}${a.claim ? ' claim' : ''}`);
  assert.deepEqual(items('- Navidrome [:4533]', '- Jellyfin (:8096, :8920)', '- Lidarr :8686'), ['Navidrome 4533', 'Jellyfin 8096', 'Jellyfin 8920', 'Lidarr 8686']);
  assert.deepEqual(items('- Main server on http://localhost:8000', '- The MCP service runs at http://localhost:3001 (workflow commands)').map((s) => s.replace(' claim', '')), ['Main server 8000', 'MCP service 3001']);
  // A step, a bare number after a name outside a section about ports, an address without a blank.
  assert.deepEqual(items('- Available at http://localhost:4553', '- Listening on http://localhost:4554', '- Navidrome: 4555', '- Navidrome (4556)', '- navidrome:4557'), []);
});

test('`Name - :8222` stays the dashed form, read in a section about ports only, not ports written with their colon', () => {
  const items = (heading: string) => parse([heading, '', '- Gateway - :8222'].join('\n'), 'README.md').allocations.map((a) => `${a.service} ${a.port}`);
  assert.deepEqual(items('# Setup'), []);
  assert.deepEqual(items('# Ports'), ['Gateway 8222']);
});

test('a cell of ports separated by blanks alone (`80 443`) holds each; a lone digit after a port is no second port', () => {
  const f = parse(['| Service | Ports |', '|---|---|', '| proxy | 80 443 |', '| store | 5001  8098 (admin) |', '| ledger | 7100 2 |'].join('\n'));
  assert.deepEqual(allocs(f).map(({ service, port, text }) => `${service} ${port} ${text}`), ['proxy 80 80', 'proxy 443 443', 'store 5001 5001', 'store 8098 8098']);
});

test('after a cell\'s first port, a word may name the next (`9000 / console 9001`, `7077 / gRPC 7078`); words before the first make no port', () => {
  const f = parse(['| Service | Ports |', '|---|---|', '| store | 9000 / console 9001 |', '| ledger | 7077 / gRPC 7078 |', '| atlas | see 7100 below |', '| vault | 7200 or later |'].join('\n'));
  assert.deepEqual(allocs(f).map(({ service, port, role, text }) => `${service} ${port} ${role ?? '-'} ${text}`), ['store 9000 - 9000', 'store 9001 - 9001', 'ledger 7077 - 7077', 'ledger 7078 grpc 7078']);
});

test('a `Default Port` column lists the port each app ships with: its rows claim their apps\' ports and never clash with each other', () => {
  const doc = (header: string) => ['# Apps', '', `| Service | ${header} | Notes |`, '|---|---|---|', '| alpha | 3000 | |', '| beta | 3000 | Conflicts with alpha |'].join('\n');
  const warnings = (files: Record<string, string>) => checkFiles(files).findings.filter((f) => f.severity !== 'info').map(brief);
  assert.deepEqual(parse(doc('Default Port(s)'), 'PORTS.md').allocations.map((a) => `${a.service} ${a.port} ${a.claim}`), ['alpha 3000 true', 'beta 3000 true']);
  assert.deepEqual(warnings({ 'PORTS.md': doc('Default Port(s)') }), []);
  // The app's own stack still disagrees with its row.
  assert.deepEqual(warnings({ 'PORTS.md': doc('Default Port(s)'), 'alpha/compose.yaml': 'services:\n  alpha:\n    image: alpha\n    ports: ["3001:3001"]\n' }), ['port-mismatch@PORTS.md:5']);
  // A plain Port column allocates: two services on one port clash.
  assert.deepEqual(warnings({ 'PORTS.md': doc('Port') }), ['port-conflict@PORTS.md:6']);
  // The table's other port columns are defaults too.
  const more = ['| Service | Default Port | Additional Ports |', '|---|---|---|', '| alpha | 3000 | 3100 |', '| beta | 3001 | 3100 |'].join('\n');
  assert.deepEqual(warnings({ 'PORTS.md': more }), []);
  // So are the ports of a section on what a tool supports, whatever its columns say.
  const games = (heading: string) => ['# Panel', '', `## ${heading}`, '', '| Game | Ports Used | Notes |', '|---|---|---|', '| alpha | 3000 | |', '| beta | 3000 | Default |'].join('\n');
  assert.deepEqual(warnings({ 'README.md': games('Supported games') }), []);
  assert.deepEqual(warnings({ 'README.md': games('Game servers') }), ['port-conflict@README.md:8']);
});

test('a `Stack` column names the rows where no other column does; beside a Service column it says which stack each service runs in', () => {
  const rows = ['|---|---|---|', '| jellyfin | 8097 | Media server |', '| sonarr | 8989 | TV |'];
  assert.deepEqual(allocs(parse(['| Stack | Port | Description |', ...rows].join('\n'), 'README.md')).map(({ service, port }) => `${service} ${port}`), ['jellyfin 8097', 'sonarr 8989']);
  // Via and Behind name a proxy, never the row.
  assert.deepEqual(allocs(parse(['| Via | Port | Description |', ...rows].join('\n'), 'README.md')), []);
  const named = parse(['| Service | Port | Stack |', '|---|---|---|', '| jellyfin | 8097 | media |'].join('\n'), 'README.md');
  assert.deepEqual(allocs(named).map(({ service, port }) => `${service} ${port}`), ['jellyfin 8097']);
});

test('a list item labelled with an environment alone gives each noted service its port there (`- **Staging:** 9002 (frontend)`)', () => {
  const items = (...lines: string[]) => parse(['# App', '', '## Ports', '', ...lines].join('\n'), 'README.md').allocations.map((a) => `${a.service} ${a.port}@${a.environment}`);
  assert.deepEqual(items('- **Development:** 9000 (frontend), 9001 (backend)', '- **Staging:** 9002 (frontend), 9003 (backend)'),
    ['frontend 9000@development', 'backend 9001@development', 'frontend 9002@staging', 'backend 9003@staging']);
  // Notes that name an interface, or a value without one, leave the label the name it always was.
  assert.deepEqual(items('- **Staging:** 9002 (HTTP), 9003 (gRPC)'), ['Staging 9002@undefined', 'Staging 9003@undefined']);
  assert.deepEqual(items('- **Staging:** 9002 (frontend), 9003'), ['Staging 9002@undefined', 'Staging 9003@undefined']);
});
