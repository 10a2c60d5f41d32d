// The world model: deployment units, identities, authority and what ties stacks together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, checkFiles } from '../support/memoryWorkspace';
import { ProjectModel } from '../../src/core/project/projectModel';
import { covers, documentHome, identityIn, isolatedFolderOf, isPortDocument } from '../../src/core/project/roles';
import { describeSame, machinesMeet, profilesMeet } from '../../src/core/project/relations';
import { placesOf, sharedFacts } from '../../src/core/rules/model';
import { Checker } from '../../src/core/rules/checker';

const warnings = (c: ReturnType<typeof checkFiles>) => c.findings.filter((f) => f.severity !== 'info').map(brief);

const stack = (services: Record<string, string>) =>
  ['services:', ...Object.entries(services).map(([name, port]) => `  ${name}:\n    image: ${name}\n    ports: ["${port}"]`)].join('\n');

test('independent stacks in sibling folders: one generic name is two services, one port two listeners', () => {
  const c = checkFiles({
    'shop/compose.yaml': stack({ web: '8000:80', api: '9000:9000' }),
    'blog/compose.yaml': stack({ web: '4200:4200', db: '9000:5432' }),
    'chat/docker-compose.yml': stack({ backend: '8000:8000' }),
  });
  assert.deepEqual(warnings(c), []);
});

test('an env port that names no service speaks for the folder\'s app, which may be the compose service beside it', () => {
  const compose = stack({ backend: '8000:8000' });
  for (const env of ['PORT=8000\n', 'API_HOST=0.0.0.0\nAPI_PORT=8000\n']) {
    assert.deepEqual(warnings(checkFiles({ 'shop/docker-compose.yml': compose, 'shop/.env': env })), [], env);
    assert.deepEqual(warnings(checkFiles({ 'shop/docker-compose.yml': compose, 'shop/deploy.env': env })), [], env);
  }
  // A variable that names its service names another one than `backend`: they clash.
  assert.deepEqual(warnings(checkFiles({ 'shop/docker-compose.yml': compose, 'shop/deploy.env': 'BILLING_PORT=8000\n' })), ['port-conflict@shop/docker-compose.yml:4']);
});

test('a base file and its override are one project: their services clash on one host port', () => {
  const c = checkFiles({
    'compose.yaml': stack({ web: '1234:80' }),
    'compose.override.yaml': stack({ api: '1234:8080' }),
  });
  assert.equal(warnings(c).length, 1);
  const f = c.findings[0];
  assert.equal(f.port, 1234);
  assert.deepEqual([f.loc.file, ...f.related.map((r) => r.loc.file)].sort(), ['compose.override.yaml', 'compose.yaml']);
});

test('an override adds ports to a service: no mismatch with the base file', () => {
  const c = checkFiles({
    'compose.yaml': stack({ proxy: '80:80' }),
    'compose.override.yaml': stack({ proxy: '8080:8080' }),
  });
  assert.deepEqual(warnings(c), []);
});

test('variant files are environments of the project: never compared for conflicts', () => {
  const c = checkFiles({
    'docker-compose.yml': stack({ web: '8080:80' }),
    'docker-compose.dev.yml': stack({ tools: '8080:8080' }),
  });
  assert.deepEqual(warnings(c), []);
});

test('files pulled in by include: run in the includer\'s project', () => {
  const c = checkFiles({
    'compose.yaml': ['include:', '  - infra/compose.yaml', stack({ app: '5000:5000' }).replace('services:\n', 'services:\n')].join('\n'),
    'infra/compose.yaml': stack({ metrics: '5000:9090' }),
  });
  assert.deepEqual(warnings(c), ['port-conflict@infra/compose.yaml:4']);
});

test('stacks joining one external network run on one host and clash', () => {
  const external = (name: string, port: string) => [stack({ [name]: port }), 'networks:', '  default:', '    name: edge', '    external: true'].join('\n');
  const c = checkFiles({
    'proxy/docker-compose.yml': external('caddy', '80:80'),
    'wiki/docker-compose.yml': external('wiki', '80:80'),
    'alone/docker-compose.yml': stack({ other: '80:80' }),
  });
  assert.deepEqual(warnings(c), ['port-conflict@wiki/docker-compose.yml:4']);
});

test('compose projects that name a container alike are alternatives: never up together, so they do not clash', () => {
  // Docker runs one container of a name per host: the second project cannot start beside the first.
  const withContainer = (service: string, port: string, container?: string) => [
    'services:',
    `  ${service}:`,
    `    image: ${service}`,
    `    ports: ["${port}"]`,
    '  backend:',
    '    image: app',
    ...(container ? [`    container_name: ${container}`] : []),
    'networks:', '  default:', '    name: edge', '    external: true',
  ].join('\n');
  const files = (container?: string) => ({
    'docker-compose.yml': withContainer('daemon', '9090:9090', container),
    'web/docker-compose.yml': withContainer('prometheus', '9090:9090', container),
  });
  assert.deepEqual(warnings(checkFiles(files())), ['port-conflict@web/docker-compose.yml:4']);
  assert.deepEqual(warnings(checkFiles(files('shop-backend'))), []);
  // A document that lists both describes the first project's daemon: still no clash with the
  // alternative's prometheus; without the shared name, the document ties the stacks and they clash.
  const doc = '# Ports\n\n| Port | Service |\n|---|---|\n| 9090 | daemon |\n| 9091 | prometheus |\n';
  const conflicts = (c: ReturnType<typeof checkFiles>) => warnings(c).filter((w) => w.startsWith('port-conflict'));
  assert.deepEqual(conflicts(checkFiles({ ...files('shop-backend'), 'PORTS.md': doc })), []);
  const noNetwork = (text: string) => text.replace(/\nnetworks:[\s\S]*$/, '');
  const tiedByDoc = { 'docker-compose.yml': noNetwork(files()['docker-compose.yml']), 'web/docker-compose.yml': noNetwork(files()['web/docker-compose.yml']), 'PORTS.md': doc };
  assert.deepEqual(conflicts(checkFiles(tiedByDoc)), ['port-conflict@web/docker-compose.yml:4']);
});

test('services in profiles with none in common never run together', () => {
  const c = checkFiles({
    'compose.yaml': [
      'services:',
      '  llm-cpu: { image: x, profiles: [cpu], ports: ["11434:11434"] }',
      '  llm-gpu: { image: x, profiles: [gpu], ports: ["11434:11434"] }',
      '  ranker: { image: y, profiles: [all, gpu], ports: ["7000:80"] }',
      '  pricer: { image: z, profiles: [all], ports: ["7000:80"] }',
    ].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-conflict@compose.yaml:5']);
});

test('one folder built as two services named for environments (`shop`, `shop-dev`) is one app started one way at a time', () => {
  const c = checkFiles({
    'compose.yaml': [
      'services:',
      '  app: { build: ., container_name: shop, ports: ["7900:7900"] }',
      '  dev: { build: { context: ., dockerfile: Dockerfile.dev }, container_name: shop-dev, ports: ["7900:7900"] }',
      '  api: { build: ./api, ports: ["7901:80"] }',
      '  api-prod: { build: ./api, ports: ["7901:80"] }',
      '  worker: { build: ./api, ports: ["7901:81"] }',
      '  mirror: { build: ./mirror, container_name: shop-prod, ports: ["7900:7900"] }',
    ].join('\n'),
  });
  // The worker is another container of the same build; the mirror, named for production, builds another folder.
  assert.deepEqual(warnings(c), ['port-conflict@compose.yaml:6', 'port-conflict@compose.yaml:7']);
});

test('a container name, an image or network_mode: service: are names of the service', () => {
  const c = checkFiles({
    'vpn/docker-compose.yml': [
      'services:',
      '  tunnel: { image: example/tunnel, ports: ["8080:8080"] }',
      '  torrent: { image: example/torrent-client, network_mode: "service:tunnel" }',
      '  edge: { image: example/proxy-manager:latest, container_name: proxy-manager, ports: ["81:81"] }',
    ].join('\n'),
    'PORTS.md': ['| Service | Port |', '|---|---|', '| torrent | 8080 |', '| proxy-manager | 81 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), []);
});

test('tests/ and examples/ folders are worlds apart: never compared with the rest', () => {
  const c = checkFiles({
    'docker-compose.yml': stack({ mailer: '1080:1080' }),
    'tests/resources/docker-compose.yml': stack({ mailer: '9503:1080', other: '1080:80' }),
    'PORTS.md': ['| Service | Port |', '|---|---|', '| mailer | 1080 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), []);
});

test('a document is reported against the compose file it describes, never the other way round', () => {
  const c = checkFiles({
    'docker-compose.yml': stack({ billing: '8081:8080' }),
    'README.md': ['| Service | Port |', '|---|---|', '| billing | 8090 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-mismatch@README.md:3']);
  assert.match(c.findings[0].message, /billing is 8090 here, but 8081 in docker-compose\.yml:4/);
});

test('a README in a stack\'s folder does not describe a stack elsewhere; a docs/ folder speaks for the root', () => {
  const readme = checkFiles({
    'docker-compose.yml': stack({ billing: '8081:8080' }),
    'tools/README.md': ['| Service | Port |', '|---|---|', '| billing | 9999 |'].join('\n'),
  });
  assert.deepEqual(warnings(readme), []);
  const docs = checkFiles({
    'docker-compose.yml': stack({ billing: '8081:8080' }),
    'docs/ports.md': ['| Service | Port |', '|---|---|', '| billing | 8090 |'].join('\n'),
  });
  assert.deepEqual(warnings(docs), ['port-mismatch@docs/ports.md:3']);
});

test('documents of one rank that tie are reported on neither side', () => {
  const c = checkFiles({
    'a/README.md': ['| Service | Port |', '|---|---|', '| search | 9200 |'].join('\n'),
    'a/NOTES.md': ['| Service | Port |', '|---|---|', '| search | 9300 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), []);
});

test('a port document outranks a summary of it', () => {
  const c = checkFiles({
    'docs/PORT_ALLOCATION.md': ['## Data (8010-8019)', '| Service | Port |', '|---|---|', '| ledger | 8012 |'].join('\n'),
    'docs/SUMMARY.md': ['| Service | Port |', '|---|---|', '| ledger | 8015 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-mismatch@docs/SUMMARY.md:3']);
});

test('a document ties the services it lists: different stacks it lists together clash', () => {
  const c = checkFiles({
    'mail/docker-compose.yml': stack({ postfix: '2525:25' }),
    'relay/docker-compose.yml': stack({ haraka: '2525:25' }),
    'PORTS.md': ['| Service | Port |', '|---|---|', '| postfix | 2525 |', '| haraka | 2526 |'].join('\n'),
  });
  assert.ok(warnings(c).includes('port-conflict@relay/docker-compose.yml:4'), warnings(c).join());
});

test('messages and related places name paths from the check root, related places capped at 20', () => {
  const rows = Array.from({ length: 30 }, (_, i) => `| svc-${i} | 7000 |`);
  const c = checkFiles({ 'docs/ports.md': ['| Service | Port |', '|---|---|', ...rows].join('\n') });
  const last = c.findings.filter((f) => f.rule === 'port-conflict').at(-1)!;
  assert.ok(last.related.length <= 20);
  assert.match(last.message, /docs\/ports\.md:3/);
});

test('roles: documents speak for their folder without docs/, tests and examples are isolated', () => {
  assert.equal(documentHome('docs/apps/x.md'), '');
  assert.equal(documentHome('api/docs/ports.md'), 'api');
  assert.equal(documentHome('api/README.md'), 'api');
  assert.equal(isolatedFolderOf('tests/resources/docker/compose.yml'), 'tests');
  assert.equal(isolatedFolderOf('apps/examples/a/compose.yml'), 'apps/examples');
  assert.equal(isolatedFolderOf('apps/web/compose.yml'), '');
  assert.ok(covers('', 'a/b') && covers('a', 'a/b') && !covers('a/b', 'a') && !covers('ab', 'a/b'));
  assert.equal(identityIn('web', 'compose:shop'), 'web@compose:shop');
  assert.equal(identityIn('grafana', 'compose:shop'), 'grafana');
});

test('roles: a port document declares ranges or says so in its name; summaries and READMEs do not', () => {
  const doc = (file: string, ranges = 0) => ({ ...emptyMarkdown(file), ranges: Array.from({ length: ranges }, () => ({ id: 'r', name: 'r', from: 1, to: 2, scope: '', loc: { file, span: SPAN } })) });
  assert.ok(isPortDocument(doc('docs/PORTS.md')));
  assert.ok(isPortDocument(doc('docs/guide.md', 1)));
  assert.ok(!isPortDocument(doc('docs/PORT_SUMMARY.md')));
  assert.ok(!isPortDocument(doc('README.md')));
  assert.ok(!isPortDocument(doc('docs/support.md')) && !isPortDocument(doc('docs/import-guide.md')));
  assert.ok(isPortDocument(doc('MASTER_PORT_ASSIGNMENTS.md')));
});

test('units: compose files of a folder are one unit, an env file read by env_file joins it', () => {
  const compose = (file: string, envFiles: string[] = [], includes: string[] = []) => ({ ...emptyMarkdown(file), kind: 'compose' as const, compose: { includes, envReaders: envFiles.map((e): [string, string] => [e, 'app']), builds: [] } });
  const files = [compose('app/compose.yaml', ['config/app.env']), compose('app/compose.prod.yaml'), emptyMarkdown('app/README.md')];
  const model = ProjectModel.of(files);
  assert.equal(model.roleOf(files[0]).unit, 'compose:app');
  assert.equal(model.roleOf(files[1]).unit, 'compose:app');
  assert.equal(model.roleOf({ ...emptyMarkdown('config/app.env'), kind: 'env' }).unit, 'compose:app');
  assert.equal(model.roleOf(files[2]).about, 'compose:app');
  assert.equal(model.roleOf({ ...emptyMarkdown('other/.env'), kind: 'env' }).unit, 'env:other');
});

test('relations: machines nest, profiles meet when they share one, documents describe what lies under them', () => {
  assert.ok(machinesMeet('box', 'box/vm') && machinesMeet(undefined, 'pi') && !machinesMeet('box', 'pi') && !machinesMeet('box/a', 'box/b'));
  assert.ok(profilesMeet(undefined, ['gpu']) && profilesMeet(['all', 'gpu'], ['gpu']) && !profilesMeet(['cpu'], ['gpu']));
  const c = checkFiles({
    'svc/compose.yaml': stack({ queue: '5672:5672' }),
    'svc/README.md': ['| Service | Port |', '|---|---|', '| queue | 5672 |'].join('\n'),
    'elsewhere/README.md': ['| Service | Port |', '|---|---|', '| queue | 5673 |'].join('\n'),
  });
  const shared = sharedFacts([], ProjectModel.of(c.model.files()));
  const place = (file: string) => placesOf(c.model.facts(file)!, shared)[0];
  assert.ok(describeSame(place('svc/README.md'), place('svc/compose.yaml')));
  assert.ok(!describeSame(place('elsewhere/README.md'), place('svc/compose.yaml')));
  assert.ok(!describeSame(place('elsewhere/README.md'), place('svc/README.md')));
});

const SPAN = { startOffset: 0, startLine: 1, startColumn: 1, endOffset: 0, endLine: 1, endColumn: 1 };

function emptyMarkdown(file: string) {
  return { file, kind: 'markdown' as const, allocations: [], ranges: [], reserved: [], mentions: [], problems: [], suppressions: [], aliases: [], projects: [], notes: [] };
}

test('a folder of clones: stacks of one repository joining a network clash, the same network name in another clone does not tie', () => {
  const external = (name: string, port: string) => [stack({ [name]: port }), 'networks:', '  default:', '    name: $EDGE_NET', '    external: true'].join('\n');
  const clone = (dir: string) => ({
    [`${dir}/README.md`]: '# Homelab\n',
    [`${dir}/proxy/docker-compose.yml`]: external('caddy', '80:80'),
    [`${dir}/wiki/docker-compose.yml`]: external('wiki', '80:80'),
  });
  const one = checkFiles(clone('a'));
  assert.deepEqual(warnings(one), ['port-conflict@a/wiki/docker-compose.yml:4']);
  const two = checkFiles({ ...clone('a'), ...clone('b') });
  assert.deepEqual(warnings(two), ['port-conflict@a/wiki/docker-compose.yml:4', 'port-conflict@b/wiki/docker-compose.yml:4']);
});

test('a service folder\'s .env belongs to the stack above it', () => {
  const c = checkFiles({
    'shop/docker-compose.yml': stack({ pricing: '3370:3370' }),
    'shop/services/cart/.env': 'PRICING_URL=http://localhost:3370/v1\n',
    'shop/docs/PORTS.md': ['| Service | Port |', '|---|---|', '| pricing | 3397 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-mismatch@shop/docs/PORTS.md:3']);
});

test('any YAML file whose top level is a compose services map is a compose file, whatever its name', () => {
  const c = checkFiles({
    'deploy/stack.yml': stack({ gateway: '8443:443', portal: '8443:8080' }),
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    services:\n      db:\n        image: postgres\n        ports: ["5432:5432"]\n',
    'k8s/app.yaml': 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n',
  });
  assert.deepEqual(warnings(c), ['port-conflict@deploy/stack.yml:7']);
  // A Kubernetes manifest is a source of its own kind, never a compose file.
  assert.deepEqual([...c.model.files()].map((f) => `${f.file}:${f.kind}`), ['deploy/stack.yml:compose', 'k8s/app.yaml:kubernetes']);
  // Also a file indented as a whole; not a map nested under another key.
  const indented = stack({ gateway: '8443:443', portal: '8443:8080' }).split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n');
  assert.deepEqual(warnings(checkFiles({ 'deploy/stack.yml': indented })), ['port-conflict@deploy/stack.yml:7']);
  assert.deepEqual(warnings(checkFiles({ 'deploy/stack.yml': `x-tool:\n${indented}` })), []);
});

test('an env file a compose service reads with env_file is its container\'s environment: no host port', () => {
  const c = checkFiles({
    'compose/dev/gateway.yml': ['services:', '  gateway:', '    image: g', '    env_file: ../../services/gateway/.env.development', '    ports: ["127.0.0.1:3411:3050"]'].join('\n'),
    'compose/dev/infra.yml': stack({ nats: '3405:8222' }),
    'services/gateway/.env.development': 'HTTP_PORT=3405\nNATS_PORT=4222\n',
  });
  // No conflict with nats on 3405: the env file's ports are inside the container. But the process
  // listens on 3405 there while compose sends the host's 3411 to container port 3050.
  assert.deepEqual(warnings(c), ['port-mismatch@services/gateway/.env.development:1']);
  assert.match(c.findings[0].message, /gateway listens on 3405 in its container here, but compose publishes container port 3050 \(compose\/dev\/gateway\.yml:5\)/);
  const env = c.model.facts('services/gateway/.env.development')!;
  const role = ProjectModel.of(c.model.files()).roleOf(env);
  assert.equal(role.inContainer, true);
  assert.equal(role.containerOf, 'gateway');
  const agreeing = checkFiles({
    'compose/dev/gateway.yml': ['services:', '  gateway:', '    image: g', '    env_file: ../../services/gateway/.env.development', '    ports: ["127.0.0.1:3411:3050"]'].join('\n'),
    'services/gateway/.env.development': 'HTTP_PORT=3050\nNATS_PORT=4222\n',
  });
  assert.deepEqual(warnings(agreeing), []);
  // Compose publishing the port another of its variables names on both sides leaves this one unpublished: no mismatch.
  const node = (ports: string) => ({
    'node/docker-compose.yml': ['services:', '  node:', '    image: n', '    env_file: .env', `    ports: ["${ports}"]`].join('\n'),
    'node/example.env': 'P2P_PORT=30302\nHTTP_PORT=8525\n',
  });
  assert.deepEqual(warnings(checkFiles(node('${P2P_PORT}:${P2P_PORT}'))), []);
  assert.deepEqual(warnings(checkFiles(node('${P2P_PORT}:30303'))), ['port-mismatch@node/example.env:2']);
});

test('one problem, one finding: a place writing several ports of a service is reported once', () => {
  const c = checkFiles({
    'docker-compose.yml': stack({ edge: '8080:8080' }),
    'README.md': ['```yaml', 'services:', '  edge:', '    ports: ["80:80", "443:443"]', '```'].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-mismatch@README.md:4']);
});

test('a document listing the container port of what compose publishes speaks of the container side: no mismatch', () => {
  const c = checkFiles({
    'docker-compose.yml': stack({ ledger: '8080:80' }),
    'README.md': ['| Service | Port |', '|---|---|', '| ledger | 80 |'].join('\n'),
    'docs/PORTS.md': ['| Service | Port |', '|---|---|', '| ledger | 8081 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-mismatch@docs/PORTS.md:3']);
});

test('files a document runs together (`docker compose -f a -f b`) are one project, whatever their names', () => {
  const files = {
    'docker-compose.yml': stack({ app: '5000:5000' }),
    'docker-compose.metrics.yml': stack({ exporter: '5000:9100' }),
  };
  assert.deepEqual(warnings(checkFiles(files)), []);
  const readme = 'Run it with:\n\n```sh\ndocker compose -f docker-compose.yml -f docker-compose.metrics.yml up -d\n```\n';
  const c = checkFiles({ ...files, 'README.md': readme });
  assert.equal(warnings(c).length, 1, warnings(c).join());
  assert.equal(c.findings[0].rule, 'port-conflict');
  assert.deepEqual(c.model.facts('README.md')!.composeSets, [['docker-compose.yml', 'docker-compose.metrics.yml']]);
});

test('files COMPOSE_FILE lists (in the folder\'s .env, or set in a document) and a command continued over lines are one project too', () => {
  const files = {
    'ops/docker-compose.yml': stack({ app: '5000:5000' }),
    'ops/docker-compose.monitoring.yml': stack({ exporter: '5000:9100' }),
  };
  const conflicts = (extra: Record<string, string>) => warnings(checkFiles({ ...files, ...extra }));
  assert.deepEqual(conflicts({}), []);
  assert.deepEqual(conflicts({ 'ops/.env': 'COMPOSE_FILE=docker-compose.yml:docker-compose.monitoring.yml\n' }), ['port-conflict@ops/docker-compose.yml:4']);
  assert.deepEqual(conflicts({ 'ops/README.md': '```sh\nexport COMPOSE_FILE=docker-compose.yml:docker-compose.monitoring.yml\n```\n' }), ['port-conflict@ops/docker-compose.yml:4']);
  assert.deepEqual(conflicts({ 'ops/README.md': '```sh\ndocker compose -f docker-compose.yml \\\n  -f docker-compose.monitoring.yml up -d\n```\n' }), ['port-conflict@ops/docker-compose.yml:4']);
  // One file, or one that a variable names, merges nothing.
  assert.deepEqual(conflicts({ 'ops/.env': 'COMPOSE_FILE=docker-compose.monitoring.yml\n' }), []);
  assert.deepEqual(conflicts({ 'ops/.env': 'COMPOSE_FILE=docker-compose.yml:${EXTRA}\n' }), []);
});

test('a Makefile, a script, a justfile or a package.json script that runs two files together makes them one project; a commented command does not', () => {
  const files = {
    'ops/docker-compose.yml': stack({ app: '5000:5000' }),
    'ops/docker-compose.monitoring.yml': stack({ exporter: '5000:9100' }),
  };
  const conflicts = (extra: Record<string, string>) => warnings(checkFiles({ ...files, ...extra }));
  const command = 'docker compose -f docker-compose.yml -f docker-compose.monitoring.yml up -d';
  assert.deepEqual(conflicts({}), []);
  assert.deepEqual(conflicts({ 'ops/Makefile': `.PHONY: up\nup:\n\t${command}\n` }), ['port-conflict@ops/docker-compose.yml:4']);
  assert.deepEqual(conflicts({ 'ops/Makefile': `COMPOSE = docker compose -f docker-compose.yml -f docker-compose.monitoring.yml\nup:\n\t$(COMPOSE) up -d\n` }), ['port-conflict@ops/docker-compose.yml:4']);
  assert.deepEqual(conflicts({ 'ops/justfile': `up:\n    ${command}\n` }), ['port-conflict@ops/docker-compose.yml:4']);
  assert.deepEqual(conflicts({ 'ops/package.json': JSON.stringify({ name: 'ops', scripts: { up: command } }) }), ['port-conflict@ops/docker-compose.yml:4']);
  // A script in a folder of scripts runs from the folder above it.
  assert.deepEqual(conflicts({ 'ops/scripts/up.sh': `#!/bin/sh\nset -e\n${command}\n` }), ['port-conflict@ops/docker-compose.yml:4']);
  assert.deepEqual(conflicts({ 'ops/up.sh': `#!/bin/sh\n${command}\n` }), ['port-conflict@ops/docker-compose.yml:4']);
  // Written out in a comment, or naming files elsewhere, it runs nothing here.
  assert.deepEqual(conflicts({ 'ops/Makefile': `up:\n\t# ${command}\n\tdocker compose up -d\n` }), []);
  assert.deepEqual(conflicts({ 'tools/up.sh': `#!/bin/sh\n${command}\n` }), []);
  const c = checkFiles({ ...files, 'ops/Makefile': `up:\n\t${command}\n` });
  assert.deepEqual(c.model.facts('ops/Makefile')!.composeSets, [['ops/docker-compose.yml', 'ops/docker-compose.monitoring.yml']]);
  assert.equal(c.model.facts('ops/Makefile')!.allocations.length, 0, 'a Makefile allocates nothing');
});

test('incremental: a document that starts running two files together re-checks them as one project', () => {
  const files: Record<string, string> = {
    'docker-compose.yml': stack({ app: '5000:5000' }),
    'docker-compose.metrics.yml': stack({ exporter: '5000:9100' }),
    'README.md': '# Run\n',
  };
  const c = checkFiles(files);
  const checker = new Checker();
  checker.update(c.model.files());
  assert.deepEqual(checker.findings().map(brief), []);
  files['README.md'] = '`docker-compose -f docker-compose.yml --file=docker-compose.metrics.yml up`\n';
  c.model.update('README.md');
  checker.update([c.model.facts('README.md')!]);
  assert.equal(checker.findings().filter((f) => f.rule === 'port-conflict').length, 1);
  files['README.md'] = '# Run\n';
  c.model.update('README.md');
  checker.update([c.model.facts('README.md')!]);
  assert.deepEqual(checker.findings().map(brief), []);
});

test('a suffixed compose file (`docker-compose-chat.yml`) is a stack of its own: described by documents, never clashing with its siblings', () => {
  const withNet = (services: Record<string, string>) => [stack(services), 'networks:', '  default:', '    name: shared', '    external: true'].join('\n');
  const c = checkFiles({
    'node/docker-compose-chat.yml': withNet({ 'chat-web': '8080:80' }),
    'node/docker-compose-wiki.yml': withNet({ wiki: '8080:3000' }),
    'PORTS.md': ['| Service | Port |', '|---|---|', '| chat-web | 8087 |'].join('\n'),
  });
  assert.deepEqual(warnings(c), ['port-mismatch@PORTS.md:3']);
});

test('compose files named otherwise that publish one service each a way (`ledger-ui.yaml`, `ledger-ui-proxy.yaml`) are alternatives, unless named in one command; parts of a setup (`broker.yml`, `orders.yml`) are one project', () => {
  const files = {
    'stacks/ledger-ui.yaml': stack({ 'ledger-ui': '8080:8080', broker: '9092:9092' }),
    'stacks/ledger-ui-proxy.yaml': stack({ nginx: '8080:80', 'ledger-ui': '8082:8080' }),
  };
  assert.deepEqual(warnings(checkFiles(files)), []);
  const together = { ...files, 'stacks/README.md': '```sh\ndocker compose -f ledger-ui.yaml -f ledger-ui-proxy.yaml up\n```\n' };
  assert.deepEqual(warnings(checkFiles(together)), ['port-conflict@stacks/ledger-ui.yaml:4']);
  // Each file one part of the setup, run together by a script: one project, and they clash.
  assert.deepEqual(warnings(checkFiles({ 'ops/broker.yml': stack({ broker: '7181:7181' }), 'ops/orders.yml': stack({ orders: '7181:8080' }) })), ['port-conflict@ops/orders.yml:4']);
  // Named for an environment, it is one of the folder's project's.
  const variant = checkFiles({ 'app/compose.yaml': stack({ ledger: '8080:8080' }), 'app/prod.yml': stack({ ledger: '80:8080' }) });
  assert.deepEqual([...variant.model.files()].map((f) => f.allocations.map((a) => `${f.file}:${a.environment ?? '-'}`)).flat(), ['app/compose.yaml:-', 'app/prod.yml:production']);
});

test('Compose runs compose.yaml over a docker-compose.yml beside it: the older files are stacks of their own, the override still joins the folder', () => {
  const files = {
    'compose.yaml': stack({ grafana: '7800:3000' }),
    'compose.override.yaml': stack({ queue: '7800:7800' }),
    'docker-compose.yml': stack({ chat: '7800:8080' }),
    'docker-compose.yaml': stack({ wiki: '7800:80' }),
  };
  const c = checkFiles(files);
  assert.deepEqual(c.findings.filter((f) => f.rule === 'port-conflict').map((f) => f.loc.file), ['compose.yaml']);
  const model = ProjectModel.of(c.model.files());
  const units = [...c.model.files()].map((f) => `${f.file}=${model.roleOf(f).unit}`).sort();
  assert.deepEqual(units, ['compose.override.yaml=compose:', 'compose.yaml=compose:', 'docker-compose.yaml=compose:#docker-compose.yaml', 'docker-compose.yml=compose:#docker-compose.yml']);
  // Alone, a docker-compose.yml is its folder's project.
  const alone = checkFiles({ 'app/docker-compose.yml': files['docker-compose.yml'], 'app/docker-compose.override.yml': files['compose.override.yaml'] });
  assert.deepEqual(alone.findings.filter((f) => f.rule === 'port-conflict').length, 1);
});

test('registries of two projects are units of their own: their services never clash across the projects', () => {
  const shop = 'version: 1\nservices:\n  billing: { ports: { http: 9090 } }\n';
  const blog = 'version: 1\nservices:\n  metrics: { ports: { http: 9090 } }\n';
  const c = checkFiles({ 'shop/README.md': '# Shop\n', 'shop/ports.yaml': shop, 'blog/README.md': '# Blog\n', 'blog/ports.yaml': blog });
  assert.deepEqual(c.findings.filter((f) => f.rule === 'port-conflict').map(brief), []);
  // One registry file with both: a conflict.
  const both = checkFiles({ 'ports.yaml': 'version: 1\nservices:\n  billing: { ports: { http: 9090 } }\n  metrics: { ports: { http: 9090 } }\n' });
  assert.deepEqual(both.findings.filter((f) => f.rule === 'port-conflict').map(brief), ['port-conflict@ports.yaml:4']);
});

test('a document may call a compose service by its container\'s name: one service', () => {
  const compose = (port: string) => ['services:', '  dashboard:', '    image: shop/dashboard', '    container_name: shop_rl_dashboard', `    ports: ["${port}"]`, '  web:', '    image: nginx', '    container_name: dashboard-web', '    ports: ["80:80"]'].join('\n');
  const doc = ['# Ports', '', '| Container | Port |', '|---|---|', '| shop_rl_dashboard | 8026 |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose('8080:8080'), 'PORTS.md': doc })), ['port-mismatch@PORTS.md:5']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose('8026:8080'), 'PORTS.md': doc })), []);
  // A container named like another service names neither of them.
  const named = compose('8080:8080').replace('container_name: shop_rl_dashboard', 'container_name: web');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': named, 'PORTS.md': doc.replace('| shop_rl_dashboard | 8026 |', '| web | 80 |') })), []);
});

test('a document may call a service its stack publishes by one of its screens (`Grafana UI`, `MinIO Console`): that service', () => {
  const compose = (extra = '') => ['services:', '  grafana:', '    image: grafana/grafana', '    ports: ["3001:3000"]', extra].join('\n');
  const readme = (label: string, port: number) => ['# Stack', '', '## Access', '', `- ${label}: http://localhost:${port}`, ''].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'README.md': readme('Grafana UI', 3000) })), ['port-mismatch@README.md:5']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'README.md': readme('Grafana Web UI', 3001) })), []);
  // A stack that publishes a service of that very name, or a document of another stack, keeps the name as written.
  const both = compose('  grafana-ui:\n    image: shop/grafana-ui\n    ports: ["3000:80"]');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': both, 'README.md': readme('Grafana UI', 3000) })), []);
  assert.deepEqual(warnings(checkFiles({ 'monitoring/docker-compose.yml': compose(), 'shop/README.md': readme('Grafana UI', 3000) })), []);
  // A name of screen words alone names no service of the stack, and a server with no screen of its own has none.
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'README.md': readme('Web UI', 3000) })), []);
  const kafka = 'services:\n  kafka:\n    image: bitnami/kafka\n    ports: ["9092:9092"]\n';
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': kafka, 'README.md': readme('Kafka UI', 8888) })), []);
  // Its other ports the document gives their own labels: labels of the service's ports, not services on them.
  const minio = 'services:\n  minio:\n    image: minio/minio\n    ports: ["9000:9000", "9001:9001"]\n';
  const ports = (first: string) => ['# MinIO', '', '## Ports', '', `- \`9000\`: ${first}`, '- `9001`: MinIO web console', ''].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': minio, 'README.md': ports('S3 API endpoint') })), []);
  // A service the document gives this very port, or one named elsewhere too, is a service of its own.
  const docs = { 'docker-compose.yml': minio, 'README.md': ports('Ledger'), 'docs/ledger.md': '# Ledger\n\n| Service | Port |\n|---|---|\n| Ledger | 9000 |\n' };
  assert.deepEqual(warnings(checkFiles(docs)), ['port-conflict@docker-compose.yml:4']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': minio, 'PORTS.md': ports('Ledger') })), ['port-conflict@docker-compose.yml:4']);
});

test('a document may call a service its stack publishes by its name and a protocol (`Relay HTTP`, `Relay gRPC`): that service\'s port of that role', () => {
  const compose = (extra = '') => ['services:', '  relay:', '    image: acme/relay', '    ports: ["7080:7080", "7081:7081"]', extra].join('\n');
  const doc = (http: number, grpc: number) => ['# Ports', '', '| Service | Port |', '|---|---|', `| Relay HTTP | ${http} |`, `| Relay gRPC | ${grpc} |`, ''].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'PORTS.md': doc(7090, 7081) })), ['port-mismatch@PORTS.md:5']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'PORTS.md': doc(7080, 7081) })), []);
  // A stack that publishes a service of the whole name, or a document of another stack, keeps the name as written.
  const both = compose('  relay-http:\n    image: acme/relay-http\n    ports: ["7090:80"]');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': both, 'PORTS.md': doc(7090, 7081) })), []);
  assert.deepEqual(warnings(checkFiles({ 'relay/docker-compose.yml': compose(), 'shop/PORTS.md': doc(7090, 7081) })), []);
  // Rows of its web ports are the service's ports: one of them that compose publishes agrees.
  const web = ['# Ports', '', '| Service | Port |', '|---|---|', '| Relay HTTP | 7090 |', '| Relay HTTPS | 7081 |', ''].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'PORTS.md': web })), []);
  // `REST` is not one of them: `Kafka REST` is a proxy of its own.
  const kafka = 'services:\n  kafka:\n    image: bitnami/kafka\n    ports: ["9092:9092"]\n';
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': kafka, 'PORTS.md': '# Ports\n\n| Service | Port |\n|---|---|\n| Kafka REST | 8082 |\n' })), []);
});

test('a document may call a service its stack publishes its server (`Relay server`); not a generic name (`Web server` may be nginx)', () => {
  const compose = 'services:\n  relay:\n    image: acme/relay\n    ports: ["7100:7100"]\n  web:\n    image: acme/shop\n    ports: ["3000:3000"]\n';
  const doc = (name: string, port: number) => ['# Stack', '', '| Service | Port |', '|---|---|', `| ${name} | ${port} |`, ''].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('Relay server', 7101) })), ['port-mismatch@README.md:5']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('Relay server', 7100) })), []);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('Web server', 80) })), []);
});

test('a document may leave out the prefix a project gives every service it publishes (`Ledger` for `shop-ledger`)', () => {
  const compose = (second: string) => ['services:', '  shop-ledger:', '    image: acme/books', '    ports: ["7101:7100"]', `  ${second}:`, '    image: acme/maps', '    ports: ["7201:7200"]'].join('\n');
  const doc = ['# Shop', '', '| Module | Port |', '|---|---|', '| Ledger | 7102 |', ''].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose('shop-atlas'), 'README.md': doc })), ['port-mismatch@README.md:5']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose('shop-atlas'), 'README.md': doc.replace('7102', '7101') })), []);
  // Not where a service goes without it.
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose('atlas'), 'README.md': doc })), []);
});

test('a document of ports forwarded from a cluster is compared with itself, not with compose stacks beside it', () => {
  const doc = (forwards: string[]) => [
    '# Port map', '', '## Services (11000-11099)', '', '| Service | External Port | Internal Port |', '|---|---|---|',
    '| Redis | 11079 | 6379 |', '| Gateway | 11080 | 80 |', '| Ledger | 11080 | 80 |', '', '```bash', ...forwards, '```',
  ].join('\n');
  const compose = 'services:\n  redis: { image: redis, ports: ["6379:6379"] }\n  gateway: { build: ., ports: ["8080:80"] }\n';
  const forwarded = ['kubectl port-forward -n prod service/redis 11079:6379 &', 'kubectl port-forward -n prod svc/gateway 11080:80 &'];
  // Inside the document, the conflict stands; against compose, nothing.
  assert.deepEqual(checkFiles({ 'PORT_MAP.md': doc(forwarded), 'docker-compose.yml': compose }).findings.filter((f) => f.severity !== 'info').map(brief), ['port-conflict@PORT_MAP.md:9']);
  // One command is an aside: the document speaks for the compose stack, and the stack's ports are compared.
  assert.deepEqual(checkFiles({ 'PORT_MAP.md': doc(forwarded.slice(0, 1)), 'docker-compose.yml': compose }).findings.filter((f) => f.severity !== 'info').map(brief), [
    'port-mismatch@PORT_MAP.md:7', 'port-mismatch@PORT_MAP.md:8', 'out-of-range@docker-compose.yml:2', 'out-of-range@docker-compose.yml:3',
  ]);
});

test('a document that lists the stack\'s ports and, further down, a few forwarded from a cluster: only the forwarded entries are the cluster\'s', () => {
  const readme = [
    '# Shop', '', '## Services', '', '| Service | Port |', '|---|---|', '| Ledger | 7100 |', '| Billing | 7200 |', '| Atlas | 7300 |', '| Vault | 7400 |', '| Mailer | 7500 |', '',
    '## Monitoring (Helm)', '', '```bash', 'kubectl port-forward -n monitoring svc/grafana 3000:80 &', 'kubectl port-forward -n monitoring svc/prometheus 9090:9090 &', '```', '',
    '- Grafana: http://localhost:3000', '- Prometheus: http://localhost:9090',
  ].join('\n');
  const compose = 'services:\n  ledger: { build: ., ports: ["7105:7105"] }\n  grafana: { image: grafana/grafana, ports: ["3001:3000"] }\n';
  const warnings = (files: Record<string, string>) => checkFiles(files).findings.filter((f) => f.severity !== 'info').map(brief);
  // The table disagrees with the stack; the cluster's Grafana, forwarded to 3000, is not the stack's on 3001.
  assert.deepEqual(warnings({ 'README.md': readme, 'docker-compose.yml': compose }), ['port-mismatch@README.md:7']);
});

test('where no compose project is, a generic name is one service in its folder: a registry and a README there mean one API', () => {
  const registry = 'version: 1\nservices:\n  api:\n    ports: 18080\n';
  const readme = '# App\n\n## Ports\n\n| Service | Port |\n|---|---|\n| api | 8000 |\n';
  assert.deepEqual(checkFiles({ 'ports.yaml': registry, 'README.md': readme }).findings.filter((f) => f.severity !== 'info').map(brief), ['port-mismatch@README.md:7']);
  // Another folder's README speaks of that folder's API.
  assert.deepEqual(checkFiles({ 'tools/ports.yaml': registry, 'web/README.md': readme }).findings.filter((f) => f.severity !== 'info').map(brief), []);
});

test('machines a document names (a table of hosts, headings with LAN addresses) are scopes, and folders named for them are on them', () => {
  const readme = [
    '# Homelab', '', '## Hosts', '', '| Host | Role | IP |', '|---|---|---|', '| **Atlas** | main | 192.168.1.10 |', '| **Beacon** | dns | 192.168.1.11 |', '',
    '## Services', '', '### Atlas', '', '| Service | Port |', '|---|---|', '| Caddy | 80 |', '', '### Beacon', '', '| Service | Port |', '|---|---|', '| Pi-hole | 80 |',
  ].join('\n');
  const services = ['# Services', '', '## Atlas — `192.168.1.10`', '', '- **Caddy**: 80', '', '## Beacon — `192.168.1.11` (home)', '', '- **Pi-hole**: 80'].join('\n');
  const compose = 'services:\n  caddy:\n    image: caddy\n    ports: ["80:80"]\n';
  const warnings = (files: Record<string, string>) => checkFiles(files).findings.filter((f) => f.severity !== 'info').map(brief);
  assert.deepEqual(warnings({ 'README.md': readme, 'SERVICES.md': services, 'atlas/stacks/caddy/docker-compose.yml': compose }), []);
  // Without the machines, the same places clash.
  const plain = readme.replace(/### (Atlas|Beacon)/g, '### $1 services').replace(/\| \*\*(Atlas|Beacon)\*\* \| (main|dns) \| [\d.]+ \|\n/g, '');
  assert.deepEqual(warnings({ 'README.md': plain, 'docker-compose.yml': compose }), ['port-conflict@README.md:20']);
});

test('a document\'s name followed by what the service does (`proxy (API gateway)`) is the service its stack publishes', () => {
  const compose = 'services:\n  proxy:\n    image: nginx\n    ports: ["8080:80"]\n  ledger:\n    image: shop/ledger\n    ports: ["7100:7100"]\n';
  const doc = (...rows: string[]) => ['# Shop', '', '## Ports', '', '| Port | Service |', '|---|---|', ...rows].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('| 8090 | proxy (API gateway) |') })), ['port-mismatch@README.md:7']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('| 8080 | proxy (API gateway) |') })), []);
  // Parentheses that say which one (an environment, an instance, a way in) keep the name apart,
  // and so do two notes on one name: two services.
  for (const rows of [['| 8090 | proxy (backup) |'], ['| 8090 | proxy (replica 2) |'], ['| 8090 | proxy (public edge) |', '| 8091 | proxy (internal admin) |']]) {
    assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc(...rows) })), [], rows.join());
  }
  // Another stack's document keeps the name as written.
  assert.deepEqual(warnings(checkFiles({ 'edge/docker-compose.yml': compose, 'shop/README.md': doc('| 8090 | proxy (API gateway) |') })), []);
  // What the service is, with compose's name for it in the parentheses; not where the document names that service plainly too.
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('| 7105 | Bookkeeping (Ledger) |') })), ['port-mismatch@README.md:7']);
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'README.md': doc('| 7105 | Bookkeeping (Ledger) |', '| 7100 | ledger |') })), []);
});

test('a service\'s env template is the env file compose reads for it: its PORT is the port inside the container', () => {
  const compose = 'services:\n  ledger:\n    build: ./ledger\n    ports: ["9101:8080"]\n    env_file:\n      - ./ledger/.env\n';
  const check = (files: Record<string, string>) => checkFiles({ 'docker-compose.yml': compose, ...files }).findings.filter((f) => f.severity !== 'info');
  // 8080 is what compose publishes to: it agrees.
  assert.deepEqual(check({ 'ledger/.env.example': 'PORT=8080\n' }).map(brief), []);
  const wrong = check({ 'ledger/.env.example': 'PORT=9102\n' });
  assert.deepEqual(wrong.map(brief), ['port-mismatch@ledger/.env.example:1']);
  assert.match(wrong[0].message, /listens on 9102 in its container here, but compose publishes container port 8080/);
  // The user's own copy decides where there is one.
  assert.deepEqual(check({ 'ledger/.env.example': 'PORT=9102\n', 'ledger/.env': 'PORT=8080\n' }).map(brief), []);
});

test('a diagram draws containers with the port they listen on: the container side of a published port clashes with nothing', () => {
  const compose = 'services:\n  exporter-1:\n    image: shop/exporter\n    ports: ["9501:9500"]\n  exporter-2:\n    image: shop/exporter\n    ports: ["9502:9500"]\n';
  const diagram = (label: (n: number) => string) => ['# Metrics', '', '```mermaid', 'flowchart LR', `  A1["${label(1)}"]`, `  A2["${label(2)}"]`, '```'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose, 'ARCHITECTURE.md': diagram((n) => `Exporter ${n} :9500`) })), []);
  // Without compose saying so, two services drawn on one port clash.
  assert.deepEqual(warnings(checkFiles({ 'ARCHITECTURE.md': diagram((n) => `Exporter ${n} :9500`) })), ['port-conflict@ARCHITECTURE.md:6']);
  // A table of a port document lists host ports: there 9500 is no port of either.
  const table = ['# Ports', '', '| Service | Port |', '|---|---|', '| exporter-1 | 9500 |', '| exporter-2 | 9500 |'].join('\n');
  assert.ok(warnings(checkFiles({ 'docker-compose.yml': compose, 'PORTS.md': table })).length > 0);
});

test('two stacks of one repository that publish the same services of their own are deployments of one application, never run together', () => {
  const dev = stack({ 'orders': '7101:7101', 'payments': '7102:7102', 'users': '7103:7103' });
  const swarm = stack({ 'orders-service': '7103:7103', 'payments-service': '7101:7101', 'users-service': '7102:7102' });
  const readme = ['# Shop', '', '## Services', '', '| Service | Port |', '|---|---|', '| Orders | 7103 |', '| Payments | 7101 |', '| Users | 7102 |'].join('\n');
  const files = { 'README.md': readme, 'docker-compose.yml': dev, 'deploy/swarm/stack.yml': swarm };
  assert.ok(!warnings(checkFiles(files)).some((w) => w.startsWith('port-conflict')));
  // Stacks that share one service are parts that a document listing both ties together.
  const parts = { ...files, 'deploy/swarm/stack.yml': stack({ 'orders-service': '7103:7103', 'ledger': '7101:7101', 'atlas': '7102:7102' }) };
  assert.ok(warnings(checkFiles(parts)).some((w) => w.startsWith('port-conflict')));
});

test('a document may call a service by its image, its container or an alias (`Nginx` for `web` on `nginx`): that service, where it alone goes by that name', () => {
  const compose = (extra = '') => ['services:', '  web:', '    image: nginx:1.25', '    ports: ["8000:80"]', '  db:', '    image: postgres:16', '    ports: ["5433:5432"]', extra].join('\n');
  const doc = ['# Site', '', '## Ports', '', '| Server | Port |', '|---|---|', '| Nginx | 8001 |', '| PostgreSQL | 5434 |'].join('\n');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': compose(), 'README.md': doc })), ['port-mismatch@README.md:7', 'port-mismatch@README.md:8']);
  // Two services on nginx: `Nginx` names neither.
  const two = compose('  edge:\n    image: nginx:1.25\n    ports: ["8443:443"]');
  assert.deepEqual(warnings(checkFiles({ 'docker-compose.yml': two, 'README.md': doc })), ['port-mismatch@README.md:8']);
  // Another stack's document keeps the name as written.
  assert.deepEqual(warnings(checkFiles({ 'site/docker-compose.yml': compose(), 'blog/README.md': doc })), []);
});

test('a port table that puts each row on its host names machines: the folders named for them hold what runs on each', () => {
  const readme = ['# Infra', '', '## Ports', '', '| Host | Service | Port |', '|---|---|---|', '| atlas | ledger | 7100 |', '| beacon | vault | 7100 |'].join('\n');
  const files = {
    'README.md': readme,
    'hosts/atlas/docker-compose.yml': stack({ ledger: '7100:7100' }),
    'hosts/beacon/docker-compose.yml': stack({ vault: '7100:7100' }),
  };
  assert.deepEqual(warnings(checkFiles(files)), []);
  // Two services the table puts on one host still clash, and the host's stack is compared with its rows.
  assert.deepEqual(warnings(checkFiles({ ...files, 'README.md': readme.replace('| beacon | vault |', '| atlas | vault |') })), ['port-conflict@README.md:8']);
  assert.deepEqual(warnings(checkFiles({ ...files, 'hosts/atlas/docker-compose.yml': stack({ ledger: '7102:7102' }) })), ['port-mismatch@README.md:7']);
  // A VM, an LXC container or what a row runs on are machines too.
  for (const header of ['VM', 'LXC', 'Runs on']) assert.deepEqual(warnings(checkFiles({ 'README.md': readme.replace('| Host |', `| ${header} |`) })), [], header);
  assert.deepEqual(warnings(checkFiles({ 'README.md': readme.replace('| Host |', '| Team |') })), ['port-conflict@README.md:8']);
});
