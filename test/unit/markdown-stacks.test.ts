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

test('a plain-text table in a fence with no language: a header with name and port columns over rows', () => {
  const text = [
    '## Assignments',
    '```',
    'SERVICE            PORT    STATUS',
    '──────────────────────────────────',
    'ledger-api         8100    ✅ ready (moved from 8000)',
    'report builder     8101    ✅ ready',
    'spare              8102    reserved',
    '```',
  ].join('\n');
  const f = parse(text);
  assert.deepEqual(places(text), ['ledger-api=8100', 'report builder=8101']);
  assert.equal(text.slice(f.allocations[0].loc.span.startOffset, f.allocations[0].loc.span.endOffset), '8100');
  // A shell session is not a table, and a bash fence is settings.
  assert.deepEqual(places(['```', '$ ss -ltn', 'State   Recv-Q  Local Address:Port', 'LISTEN  0       0.0.0.0:8100', '```'].join('\n')), []);
});

test('a fence that is a flat map of names to ports, in a section about ports, is its allocation; a history comment only mentions', () => {
  const block = (lang: string, lines: string[]) => ['```' + lang, ...lines, '```'];
  const map = ['# Blue cluster', 'Ledger: 31100', 'Atlas UI (web): 31101', 'Queue: 31250  # legacy, moving to 31102', ''];
  const text = ['### Core services (31100-31199)', '', ...block('yaml', map)].join('\n');
  assert.deepEqual(places(text), ['Ledger=31100', 'Atlas UI (web)=31101']);
  assert.deepEqual(parse(text).mentions.map((m) => m.port).sort(), [31250]);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': text.replace('  # legacy, moving to 31102', '') }).findings.map(brief), ['out-of-range@docs/PORTS.md:7']);
  assert.deepEqual(places(['## Port map', '', ...block('', ['Ledger: 31100', 'Atlas: 31101'])].join('\n')), ['Ledger=31100', 'Atlas=31101']);
  // Settings are not a port map: a key about ports, a count, nested keys, or a section not about ports.
  assert.deepEqual(places(['## Ports', '', ...block('yaml', ['port: 31100', 'metricsPort: 31101'])].join('\n')), []);
  assert.deepEqual(places(['## Ports', '', ...block('yaml', ['Ledger: 31100', 'replicas: 3'])].join('\n')), []);
  assert.deepEqual(places(['## Ports', '', ...block('yaml', ['Ledger: 31100', 'Atlas:', '  web: 31101'])].join('\n')), []);
  assert.deepEqual(places(['## Tuning', '', ...block('yaml', ['Ledger: 31100', 'Atlas: 31101'])].join('\n')), []);
});

test('lines of a plain block that lead with a range declare ranges, as list items do, in a section about ports', () => {
  const block = ['```', '7180-7189 - Ledger', '7190-7199 - Atlas', '7150-7209 - Reports', '```'];
  const text = ['### Later services (7180-7999)', '', ...block].join('\n');
  assert.deepEqual(parse(text).ranges.map((r) => `${r.name}=${r.from}-${r.to}`), ['Later services=7180-7999', 'Ledger=7180-7189', 'Atlas=7190-7199', 'Reports=7150-7209']);
  assert.deepEqual(checkFiles({ 'docs/PORTS.md': text }).findings.map(brief), ['out-of-range@docs/PORTS.md:6']);
  // Outside a section about ports a line such as `2019-2021 - Lead` is a date.
  assert.deepEqual(parse(['### Career', '', ...block].join('\n')).ranges, []);
});

test('a port-per-line list in a plain fence; an "occupied" list holds ports without saying which port a service of the project has', () => {
  const text = ['```', 'OCCUPIED PORTS:', '22    - SSH', '9200  - Search Engine (other stack)', '8080  - Admin UI', '```'].join('\n');
  const f = parse(text);
  assert.deepEqual(places(text), ['SSH=22', 'Search Engine (other stack)=9200', 'Admin UI=8080']);
  assert.ok(f.allocations.every((a) => a.occupied));
  const c = checkFiles({
    'docs/PORTS.md': [text, '', '| Service | Port |', '|---|---|', '| gateway | 8090 |'].join('\n'),
    'docker-compose.yml': ['services:', '  search-engine:', '    image: s', '    ports: ["7200:9200"]', '  gateway:', '    image: g', '    ports: ["8080:8080"]'].join('\n'),
  });
  // The project's search engine is on 7200: the occupant on 9200 is not its port. The gateway
  // publishes 8080, which the Admin UI holds: a conflict the page lists both for; its own row says 8090.
  assert.deepEqual(c.findings.map(brief).sort(), ['port-conflict@docs/PORTS.md:5', 'port-mismatch@docs/PORTS.md:10']);
});

test('a variable set for one command in a document (`export X_PORT=8080 && ./run`) is a one-off run, compared with nothing', () => {
  const doc = ['## Run it alone', '```sh', 'export ADS_PORT=8080 && ./gradlew run', 'LEDGER_PORT=4000 npm start', '```'].join('\n');
  const f = parse(doc);
  assert.ok(f.allocations.every((a) => a.environment?.startsWith('variant:one-off-')), JSON.stringify(f.allocations.map((a) => a.environment)));
  const c = checkFiles({ '.env': 'ADS_PORT=9555\n', 'README.md': doc, 'docs/PORTS.md': '| Service | Port |\n|---|---|\n| ledger | 4100 |\n' });
  assert.deepEqual(c.findings.map(brief), []);
});

test('numbered lines in a fence that is not about ports are no port list', () => {
  assert.deepEqual(places(['## Steps', '```', '10 - install the tools', '20 - run the migrations', '```'].join('\n')), []);
  assert.deepEqual(places(['## Steps', '```', 'Ports in use:', '8025 - mail catcher', '9000 - object store', '```'].join('\n')), ['mail catcher=8025', 'object store=9000']);
});

test('compose files a command names together, from the folder the page speaks for; variables and single files are no set', () => {
  const f = parseMarkdown([
    '```sh', 'docker compose -f docker-compose.yml -f compose/monitoring.yml up -d', 'docker compose -f "$FILE" -f docker-compose.yml up', '```',
    'Or `docker-compose --file=docker-compose.yml down`.',
  ].join('\n'), { file: 'ops/docs/RUN.md' });
  assert.deepEqual(f.composeSets, [['ops/docker-compose.yml', 'ops/compose/monitoring.yml']]);
});

test('a section that runs the app on the machine itself (`npm run dev` under "Running locally") is an environment of its own, never compared with compose', () => {
  const compose = 'services:\n  frontend:\n    image: f\n    ports: ["3000:80"]\n';
  const readme = (heading: string, command: string) => [
    '# Shop', '', '## Running with Docker', '', '```bash', 'docker compose up -d', '```', '', '- Frontend: http://localhost:3000', '',
    `## ${heading}`, '', '```bash', 'cd frontend', command, '```', '', '- Frontend: http://localhost:5173', '',
  ].join('\n');
  const findings = (text: string) => checkFiles({ 'compose.yaml': compose, 'README.md': text }).findings.map(brief);
  for (const heading of ['Running locally', 'Option 2: Local (everything)', 'Without Docker']) assert.deepEqual(findings(readme(heading, 'npm run dev')), [], heading);
  // Started with Docker after all, or under a heading that says nothing of where it runs: compared.
  assert.deepEqual(findings(readme('Running locally', 'docker compose up')), ['port-mismatch@README.md:18']);
  assert.deepEqual(findings(readme('Running locally', 'docker compose up -d frontend')), ['port-mismatch@README.md:18']);
  // Compose starts only the database the app run on the machine uses: the app is still the machine's, the database the stack's.
  const withDb = 'services:\n  frontend:\n    image: f\n    ports: ["3000:80"]\n  ledger-db:\n    image: db\n    ports: ["7432:5432"]\n';
  const manual = readme('Manual setup', 'docker compose up -d ledger-db && npm run dev').replace('- Frontend: http://localhost:5173', '- Frontend: http://localhost:5173\n- Ledger DB: http://localhost:7433');
  assert.deepEqual(checkFiles({ 'compose.yaml': withDb, 'README.md': manual }).findings.map(brief), ['port-mismatch@README.md:19']);
  assert.deepEqual(findings(readme('Frontend', 'npm run dev')), ['port-mismatch@README.md:18']);
  // A heading that names the way of running (`(local run)`) says it without a command; "Running locally" does not.
  const table = (heading: string) => ['# Shop', '', `## ${heading}`, '', '| Service | HTTP Port |', '|---|---|', '| frontend | 5173 |', ''].join('\n');
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': table('Services (local run)') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': table('Running locally') }).findings.map(brief), ['port-mismatch@README.md:7']);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'README.md': table('Services (local run)').replace('| frontend | 5173 |', '| frontend | 5173 |\n\n```bash\ndocker compose up\n```') }).findings.map(brief), ['port-mismatch@README.md:7']);
  // A development section beside a sibling that runs it with Docker runs it on the machine.
  const urls = (dev: string, docker: string) => ['# Shop', '', `## URLs - ${dev}`, '', '- Frontend: http://localhost:5173', '', `## URLs - ${docker}`, '', '- Frontend: http://localhost:3000', ''].join('\n');
  assert.deepEqual(findings(urls('Development Environment', 'Docker')), []);
  assert.deepEqual(findings(urls('Development Environment', 'Staging')), ['port-mismatch@README.md:5']);
  assert.deepEqual(findings(urls('Development (Docker)', 'Docker Compose')), ['port-mismatch@README.md:5']);
  assert.deepEqual(findings(urls('Development Tools', 'Docker')), ['port-mismatch@README.md:5']);
});

test('a compose snippet that replaces or resets what the compose file says (`ports: !override`) is an override the reader may write: its ports are mentioned', () => {
  const compose = 'services:\n  mailer:\n    image: m\n    ports: ["25:25", "80:80"]\n';
  const doc = (tag: string) => ['# Remapping ports', '', '```yaml', 'services:', '  mailer:', `    ports: ${tag}`, '      - "2525:25"', '      - "8080:80"', '```', ''].join('\n');
  const f = parseMarkdown(doc('!override'), { file: 'docs/ports.md' });
  assert.deepEqual([f.allocations.length, f.mentions.map((m) => m.port).sort((a, b) => a - b)], [0, [25, 80, 2525, 8080]]);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/ports.md': doc('!override') }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/ports.md': doc('!reset []') }).findings.map(brief), []);
  // Without the tag, the snippet is the setup the page describes, and it is compared.
  assert.deepEqual(checkFiles({ 'compose.yaml': compose, 'docs/ports.md': doc('') }).findings.map(brief).length > 0, true);
});
