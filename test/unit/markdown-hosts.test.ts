import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import type { FileFacts, Location } from '../../src/core/model';
import { FolderModel } from '../../src/core/project/folderModel';
import { brief, checkFiles } from '../support/memoryWorkspace';

function parse(text: string, file = 'docs/HOMELAB.md'): FileFacts & { at: (loc: Location) => string } {
  const facts = parseMarkdown(text, { file });
  return { ...facts, at: (loc) => text.slice(loc.span.startOffset, loc.span.endOffset) };
}

/** `service=port@host`, with `-` for no host. */
function hosts(f: ReturnType<typeof parse>): string[] {
  return f.allocations.map((a) => `${a.service}=${a.port}@${a.host ?? '-'}`);
}

function table(...rows: string[]): string[] {
  return ['', '| Service | Port |', '|---|---|', ...rows.map((r) => `| ${r.replace(' = ', ' | ')} |`), ''];
}

test('a heading naming a machine puts everything under it on that machine; an inner one nests', () => {
  const f = parse([
    '## Cobalt Server', ...table('wiki = 8090'),
    '### Docker VM', ...table('ledger = 9200'),
    '```yaml', 'tally:', '  ports: ["9300:9300"]', '```',
    '## 🍓 Raspberry Pi 3B', ...table('sensor hub = 1883'),
    '## Node #3 (10.1.2.3)', ...table('scraper = 9100'),
    '## Proxmox', ...table('backup agent = 8007'),
  ].join('\n'));
  assert.deepEqual(hosts(f), [
    'wiki=8090@cobalt-server', 'ledger=9200@cobalt-server/docker-vm', 'tally=9300@cobalt-server/docker-vm',
    'sensor hub=1883@raspberry-pi-3b', 'scraper=9100@node-3', 'backup agent=8007@proxmox',
  ]);
});

test('range, environment, generic and software headings name no machine', () => {
  const f = parse([
    '## Edge (8000-8009)', ...table('edge = 8001'),
    '## Production Server', ...table('shop = 8443'),
    '## Internal Ports Reference', ...table('queue = 5672'),
    '## Server configuration', ...table('cache = 6379'),
    '## Services', ...table('search = 9201'),
    '## Server', ...table('blob = 9000'),
    '### Web Server', ...table('site = 8088'),
    '### Node Exporter', ...table('exporter = 9101'),
    '### Node 18', ...table('bundler = 5173'),
    '### Pi-hole', ...table('dns admin = 8053'),
  ].join('\n'));
  assert.deepEqual(f.allocations.filter((a) => a.host !== undefined).map((a) => `${a.service}@${a.host}`), []);
  assert.equal(f.allocations.length, 10);
  assert.equal(f.allocations[1].environment, 'production');
  assert.deepEqual(f.ranges.map((r) => r.name), ['Edge']);
});

test('a key/value line or property row naming the machine puts the rest of its section on it', () => {
  const f = parse([
    '## Media', ...table('early = 7001'),
    '**Machine**: quartz', '', ...table('reader = 7002'),
    '```bash', 'PORT=7003', '```',
    '## Downloads',
    '| **Machine** | 🖥️ Granite Server |', '|---|---|', '| **IP** | 10.0.0.9 |', ...table('fetcher = 7004'),
    '## Archive', '| Property | Value |', '|---|---|', '| Machine | flint |', ...table('vault = 7008'),
    '## Sync', '- **Host**: box-b', '- **Disk**: 2 TB', ...table('mirror = 7005'),
    '## Paper', 'Server: slate', ...table('scanner = 7006'),
    '## Database', '- **Host**: localhost', '- **Port**: 5432', ...table('pg = 5432'),
    '## Tools', '| Layer | Technology |', '|---|---|', '| Server | Express |', ...table('lint = 7007'),
  ].join('\n'));
  assert.deepEqual(hosts(f), [
    'early=7001@-', 'reader=7002@quartz', 'Media=7003@quartz', 'fetcher=7004@granite-server', 'vault=7008@flint', 'mirror=7005@box-b', 'scanner=7006@slate',
    'Database=5432@-', 'pg=5432@-', 'lint=7007@-',
  ]);
});

test('a key/value line nests in the machine its heading names, and does not replace it', () => {
  const f = parse([
    '**Machine**: rack', '',
    '## Cobalt Server', '**Host**: elsewhere', '', ...table('wiki = 8090'),
    '### Games', '**VM**: arcade', '', ...table('lobby = 27000'),
  ].join('\n'));
  assert.deepEqual(hosts(f), ['wiki=8090@rack/cobalt-server', 'lobby=27000@rack/cobalt-server/arcade']);
});

test('a service qualified with the VM it runs in is on that VM; ordinary qualifiers are not hosts', () => {
  const f = parse([
    '## Cobalt Server', ...table('Score daemon (arcade VM) = 27100', 'Relay (TLS) = 8883', 'Ollama (CPU) = 11434', 'Gateway (gRPC) = 50051'),
    '## Ports', ...table('Panel (docker VM, behind proxy) = 8443', 'Signal (LXC 105) = 7443', 'Frontend (Node 20) = 3000'),
    '- Score daemon (on arcade VM): 27101',
  ].join('\n'));
  assert.deepEqual(hosts(f), [
    // An interface qualifier (TLS, gRPC) is a role of the service, not part of its name (see roleQualifier.ts).
    'Score daemon (arcade VM)=27100@cobalt-server/arcade-vm', 'Relay=8883@cobalt-server', 'Ollama (CPU)=11434@cobalt-server',
    'Gateway=50051@cobalt-server', 'Panel (docker VM, behind proxy)=8443@docker-vm', 'Signal (LXC 105)=7443@lxc-105',
    'Frontend (Node 20)=3000@-', 'Score daemon (on arcade VM)=27101@arcade-vm',
  ]);
});

test('a container-side section mentions its ports instead of allocating them', () => {
  const f = parse([
    '## Internal (Docker / not published)', ...table('broker = 5672'),
    '## Container ports', '- cache: 6379',
    // The compose snippet's host and container sides are both mentions.
    '## Unpublished', '```yaml', 'indexer:', '  ports: ["7700:7700"]', '```',
    '## Docker-internal services', ...table('worker = 8010'),
    '## Internal (container network)', ...table('metrics = 9091'),
    '## Internal Ports Reference', ...table('queue = 5673'),
    '## Internal Services', ...table('vault = 8200'),
    '## Host and container ports', ...table('proxy = 8081'),
    '## Container port mapping', ...table('site = 8082'),
    // A Kubernetes cluster's own addresses.
    '## Kubernetes (in-cluster service ports, all ClusterIP)', ...table('logs = 3100'),
    '## ClusterIP services', ...table('traces = 3100'),
    '## Kubernetes NodePorts', ...table('portal = 30080'),
  ].join('\n'));
  assert.deepEqual(hosts(f), ['queue=5673@-', 'vault=8200@-', 'proxy=8081@-', 'site=8082@-', 'portal=30080@-']);
  assert.deepEqual(f.mentions.map((m) => `${m.port}:${f.at(m.loc)}`), [
    '5672:5672', '6379:6379', '7700:7700', '7700:7700', '8010:8010', '9091:9091', '3100:3100', '3100:3100',
  ]);
});

test('a Stack cell with an arrow gives the port to the proxy on its left; a plain name is another name', () => {
  const f = parse([
    '| Service | Port | Stack |', '|---|---|---|',
    '| Homepage | 8080 | nginx → homepage |',
    '| Dashboard | 8081 | **caddy** -> dash |',
    '| Files | 8082 | traefik => files |',
    '| Torrent UI | 8112 | torrentd |',
    '| Notes | 8200 | - |',
    '| nginx | 80 | nginx |',
  ].join('\n'));
  assert.deepEqual(f.allocations.map((a) => [a.service, a.port, a.names]), [
    ['nginx', 8080, ['homepage']], ['caddy', 8081, ['dashboard']], ['traefik', 8082, ['files']],
    ['Torrent UI', 8112, ['torrentd']], ['Notes', 8200, undefined], ['nginx', 80, undefined],
  ]);
});

test('stack and proxy columns are never the name or port column', () => {
  const f = parse([
    '| Project stack | Port | Service |', '|---|---|---|', '| arr | 8989 | Series Finder |', '',
    '| Via | Port | Thing |', '|---|---|---|', '| swag | 8096 | Jelly |', '',
    '| Service | Proxied by | Port |', '|---|---|---|', '| Photos | edge-proxy -> photos | 2342 |', '',
    '| Behind | Service | Port |', '|---|---|---|', '| gate | Books | 5299 |', '',
    '| Compose Stack | Port | Thing |', '|---|---|---|', '| media | 8686 | Music |',
  ].join('\n'));
  assert.deepEqual(f.allocations.map((a) => [a.service, a.port, a.names]), [
    ['Series Finder', 8989, ['arr']], ['Jelly', 8096, ['swag']], ['edge-proxy', 2342, ['photos']], ['Books', 5299, ['gate']],
    ['Music', 8686, ['media']],
  ]);
});

test('long runs of blanks in a Stack cell or a key/value line are read in linear time', () => {
  const blanks = ' '.repeat(200_000);
  const text = [
    '## Ports', `Host:${blanks}x`, `**Machine**${blanks}: y`, '',
    '| Service | Port | Stack |', '|---|---|---|', `| a | 80 | x${blanks}y |`, `| b | 81 | ${'-> '.repeat(50_000)}z |`,
  ].join('\n');
  const started = performance.now();
  const f = parse(text);
  assert.ok(performance.now() - started < 2_000);
  assert.deepEqual(f.allocations.map((a) => [a.service, a.port]), [['a', 80], ['b', 81]]);
});

test('a page that names one machine and no machine heading has every place on it, its compose snippet too', () => {
  const page = parse([
    '# Ledger', '## Deployment', '| | |', '|---|---|', '| **Machine** | 🖥️ Basalt Server |', '| **Port** | 9300 |',
    '## Docker Compose', '```yaml', 'services:', '  ledger:', '    ports: ["9300:9300"]', '```',
  ].join('\n'));
  // The Port row under the page title claims Ledger's port; the snippet allocates it.
  assert.deepEqual(hosts(page), ['Ledger=9300@basalt-server', 'ledger=9300@basalt-server']);
  const two = parse(['## A', '**Machine**: alpha', ...table('one = 7001'), '## B', '**Machine**: beta', ...table('two = 7002'), '## C', ...table('three = 7003')].join('\n'));
  assert.deepEqual(hosts(two), ['one=7001@alpha', 'two=7002@beta', 'three=7003@-']);
});

test('a section in a VM or an LXC is on that guest, nested in the machine above it', () => {
  const f = parse([
    '## Node #4 (Harbor) - Management Hub',
    '### Current Allocations (12 Services in LXC)', ...table('edge proxy = 443'),
    '### Dedicated Audit Manager VM Ports', ...table('audit dashboard = 443'),
  ].join('\n'));
  assert.deepEqual(hosts(f), ['edge proxy=443@node-4/lxc', 'audit dashboard=443@node-4/dedicated-audit-manager-vm']);
});

test('a heading written as a key and its machine (`### Host: alpha`) puts its section on that machine; a connection setting does not', () => {
  const f = parse([
    '## Host: alpha', ...table('grafana = 10060'),
    '## Machine: media-box', ...table('jellyfin = 8096'),
    '## Server: db.internal.lan', ...table('postgres = 5432'),
    '## Host: localhost', ...table('cache = 6379'),
  ].join('\n'));
  assert.deepEqual(hosts(f), ['grafana=10060@alpha', 'jellyfin=8096@media-box', 'postgres=5432@-', 'cache=6379@-']);
});

test('a heading that is one word with a digit (`### ubt-01`) is that machine where a folder of compose files bears its name', () => {
  const table = (...rows: string[]) => ['', '| Service | Host Port | Internal Port |', '|---|---|---|', ...rows, ''];
  const readme = ['# Infrastructure', '', '## Deployments', '', '### ubt-01', ...table('| grafana | 10060 | 3000 |'), '### ubt-02', ...table('| firefly | 10060 | 8080 |', '| notes | 10070 | 80 |')].join('\n');
  const compose = (service: string, ports: string) => `services:\n  ${service}:\n    image: ${service}\n    ports: ["${ports}"]\n`;
  const hosts = {
    'docker-compose/ubt-01/docker-compose.yml': compose('grafana', '10060:3000'),
    'docker-compose/ubt-02/docker-compose.yml': compose('notes', '10071:80'),
  };
  // Two machines: no clash between them; the stack on ubt-02 still disagrees with its row.
  assert.deepEqual(checkFiles({ 'README.md': readme, ...hosts }).findings.map(brief), ['port-mismatch@README.md:16']);
  // Without a folder of that name the heading is a section like any other.
  assert.deepEqual(checkFiles({ 'README.md': readme }).findings.map(brief), ['port-conflict@README.md:15']);
  // On one machine two services still clash, and a word without a digit names no machine.
  assert.deepEqual(checkFiles({ 'README.md': readme.replace('| notes | 10070 | 80 |', '| notes | 10070 | 80 |\n| ledger | 10060 | 80 |'), ...hosts }).findings.map(brief).sort(), ['port-conflict@README.md:17', 'port-mismatch@README.md:16']);
  const named = readme.replace(/ubt-0/g, 'host');
  assert.deepEqual(checkFiles({ 'README.md': named, 'docker-compose/hostb/docker-compose.yml': compose('notes', '10070:80') }).findings.map(brief), ['port-conflict@README.md:15']);
  // Edited in: the folder arriving later makes the heading a machine, as a cold check does.
  const files: Record<string, string> = { 'README.md': readme, ...hosts };
  const live = new FolderModel({ read: (f) => files[f], rootName: 'root' });
  live.update('README.md');
  assert.deepEqual(live.findings().map(brief), ['port-conflict@README.md:15']);
  for (const file of Object.keys(hosts)) live.update(file);
  assert.deepEqual(live.findings().map(brief), ['port-mismatch@README.md:16']);
});
