// package.json scripts: the fixtures in test/fixtures/scripts, and inline manifests for what a
// fixture cannot show on its own (escapes, a byte order mark, broken JSON).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts } from '../../src/core/model';
import { parseByKind } from '../../src/core/parsers/dispatch';
import { readPackageManifest } from '../../src/core/parsers/scripts/packageManifest';
import { portsInCommandLine } from '../../src/core/parsers/scripts/commandPorts';

const FIXTURES = join(__dirname, '..', 'fixtures', 'scripts');

function parse(text: string, file = 'apps/web/package.json', folderName = 'web'): FileFacts {
  return parseByKind('package', text, { file, folderName });
}

function manifest(scripts: Record<string, string>, name?: string): string {
  return JSON.stringify({ ...(name === undefined ? {} : { name }), scripts }, null, 2);
}

/** `service role port environment "written" line` for each allocation. */
function allocations(text: string, facts: FileFacts): string[] {
  return facts.allocations.map((a) => [
    a.service, a.role ?? '-', a.port, a.environment?.replace(/-\d+$/, '') ?? '-',
    JSON.stringify(text.slice(a.loc.span.startOffset, a.loc.span.endOffset)), a.loc.span.startLine,
  ].join(' '));
}

/** The ports a command line starts servers on (as `port` or `port/role`), then its mentions. */
function ports(line: string): { listens: string[]; mentions: number[] } {
  const found = portsInCommandLine(line);
  return {
    listens: found.filter((p) => p.kind === 'listens').map((p) => (p.role ? `${p.port}/${p.role}` : String(p.port))),
    mentions: found.filter((p) => p.kind === 'mention').map((p) => p.port),
  };
}

test('a package\'s scripts: each server\'s port is the package\'s, by its name without the npm scope', () => {
  const text = readFileSync(join(FIXTURES, 'storefront/package.json'), 'utf8');
  const facts = parse(text, 'storefront/package.json', 'storefront');
  assert.equal(facts.kind, 'package');
  assert.deepEqual(allocations(text, facts), [
    'storefront - 5173 - "5173" 5',
    'storefront preview 4173 - "4173" 6',
    'storefront storybook 6006 - "6006" 7',
    'storefront - 3000 - "3000" 8',
    'storefront - 3001 - "3001" 9',
    'storefront - 5174 - "5174" 10',
    'storefront - 4100 - "4100" 10',
    // A test script may start the app on a port of its own: an environment nothing else meets.
    'storefront - 4200 variant:test-script "4200" 11',
  ]);
  // Each script is a place of its own; the commands concurrently runs are one place.
  const groups = facts.allocations.map((a) => a.group);
  assert.equal(new Set(groups).size, 7);
  assert.deepEqual(facts.allocations.filter((a) => a.port === 5174 || a.port === 4100).map((a) => a.indexInGroup), [0, 1]);
  assert.ok(facts.allocations.every((a) => a.buildContext === 'storefront' && !a.claim && a.source === 'package'));
  assert.deepEqual(facts.problems, []);
});

test('what is not a server\'s port: another program\'s flag, a test runner\'s PORT, placeholders, port 0, another folder', () => {
  const text = readFileSync(join(FIXTURES, 'quiet/package.json'), 'utf8');
  const facts = parse(text, 'quiet/package.json', 'quiet');
  assert.deepEqual(facts.allocations, []);
  // Ports written there are still mentions (hover, references, free ports), never findings.
  assert.deepEqual(facts.mentions.map((m) => m.port), [3010, 8081, 4000, 4000, 5176, 3020]);
  assert.deepEqual(facts.problems, []);
});

test('the service: the name without its scope, else the folder; none leaves only mentions', () => {
  const scripts = { dev: 'next dev -p 3000' };
  assert.equal(parse(manifest(scripts, '@acme/api')).allocations[0].service, 'api');
  assert.equal(parse(manifest(scripts, 'billing')).allocations[0].service, 'billing');
  assert.equal(parse(manifest(scripts, '')).allocations[0].service, 'web');
  assert.equal(parse(manifest(scripts)).allocations[0].service, 'web');
  const nameless = parseByKind('package', manifest(scripts), { file: 'package.json' });
  assert.deepEqual([nameless.allocations.length, nameless.mentions.length], [0, 1]);
});

test('the tools whose flag or PORT is a listening port, and how they are launched', () => {
  assert.deepEqual(ports('vite --port 5173').listens, ['5173']);
  assert.deepEqual(ports('vite --host 0.0.0.0 --port=5173 --strictPort').listens, ['5173']);
  assert.deepEqual(ports('vite ./site --port 5173').listens, ['5173']);
  assert.deepEqual(ports('vite preview --port 4173').listens, ['4173/preview']);
  assert.deepEqual(ports('next dev -p 3000').listens, ['3000']);
  assert.deepEqual(ports('PORT=3005 next start').listens, ['3005']);
  assert.deepEqual(ports('next start -p 3000 --hostname 0.0.0.0').listens, ['3000']);
  assert.deepEqual(ports('nuxi dev --port 3002').listens, ['3002']);
  assert.deepEqual(ports('astro dev --port 4321').listens, ['4321']);
  assert.deepEqual(ports('astro preview --port 4322').listens, ['4322/preview']);
  assert.deepEqual(ports('webpack-dev-server --mode development --port 8085').listens, ['8085']);
  assert.deepEqual(ports('webpack serve --port 8086').listens, ['8086']);
  assert.deepEqual(ports('PORT=3003 react-scripts start').listens, ['3003']);
  assert.deepEqual(ports('http-server ./public -p 8087 -c-1').listens, ['8087']);
  assert.deepEqual(ports('serve -s build -l 5000').listens, ['5000']);
  assert.deepEqual(ports('serve -l tcp://0.0.0.0:5001').listens, ['5001']);
  assert.deepEqual(ports('live-server --port=8088 dist').listens, ['8088']);
  assert.deepEqual(ports('storybook dev -p 6006 --no-open').listens, ['6006/storybook']);
  assert.deepEqual(ports('start-storybook -p 6007').listens, ['6007/storybook']);
  assert.deepEqual(ports('ng serve --port 4200').listens, ['4200']);
  assert.deepEqual(ports('vue-cli-service serve --port 8089').listens, ['8089']);
  assert.deepEqual(ports('PORT=4001 nodemon --watch src src/index.js').listens, ['4001']);
  assert.deepEqual(ports('PORT=4002 node -r dotenv/config server.js').listens, ['4002']);
  assert.deepEqual(ports('PORT=4003 ts-node src/main.ts').listens, ['4003']);
  // Launchers and variables before the program.
  assert.deepEqual(ports('npx vite --port 5180').listens, ['5180']);
  assert.deepEqual(ports('npx -y -p vite vite --port 5181').listens, ['5181']);
  assert.deepEqual(ports('pnpm exec vite --port 5182').listens, ['5182']);
  assert.deepEqual(ports('pnpm dlx http-server -p 5183').listens, ['5183']);
  assert.deepEqual(ports('yarn vite --port 5184').listens, ['5184']);
  assert.deepEqual(ports('bunx vite --port 5185').listens, ['5185']);
  assert.deepEqual(ports('./node_modules/.bin/vite --port 5186').listens, ['5186']);
  assert.deepEqual(ports('cross-env NODE_ENV=development PORT=4004 react-scripts start').listens, ['4004']);
  assert.deepEqual(ports('env PORT=4005 node server.js').listens, ['4005']);
  assert.deepEqual(ports('set PORT=4006 && react-scripts start').listens, ['4006']);
  assert.deepEqual(ports('export PORT=4007; node server.js').listens, ['4007']);
  assert.deepEqual(ports('NODE_OPTIONS=\'--max-old-space-size=4096\' next dev -p 3009').listens, ['3009']);
  // A flag wins over PORT, as the tools decide.
  assert.deepEqual(ports('PORT=3000 next dev -p 3001').listens, ['3001']);
  // Separators, redirections and background jobs.
  assert.deepEqual(ports('tsc -w & vite --port 5187 2>&1 | tee log; echo done').listens, ['5187']);
  assert.deepEqual(ports('npm run build && PORT=4008 node dist/index.js > out.log').listens, ['4008']);
});

test('what a command line says about no server: another program, a subcommand that serves nothing, a prompt', () => {
  assert.deepEqual(ports('json-server --port 3010 db.json'), { listens: [], mentions: [3010] });
  assert.deepEqual(ports('cross-env PORT=8081 mocha --exit'), { listens: [], mentions: [8081] });
  assert.deepEqual(ports('vite build --port 5176'), { listens: [], mentions: [5176] });
  assert.deepEqual(ports('next lint -p 3000').listens, []);
  assert.deepEqual(ports('react-scripts test --port 3000').listens, []);
  assert.deepEqual(ports('PORT=4000 node').listens, []);
  assert.deepEqual(ports('PORT=4000 node --test').listens, []);
  assert.deepEqual(ports('node server.js --port 4000'), { listens: [], mentions: [4000] });
  assert.deepEqual(ports('vite --port $PORT'), { listens: [], mentions: [] });
  assert.deepEqual(ports('vite --port "${PORT:-5173}"'), { listens: [], mentions: [] });
  assert.deepEqual(ports('http-server -p 0'), { listens: [], mentions: [] });
  assert.deepEqual(ports('cd packages/admin && vite --port 5175'), { listens: [], mentions: [] });
  assert.deepEqual(ports('pnpm --filter admin dev --port 5177').listens, []);
  assert.deepEqual(ports('npx -p 3030 cowsay').listens, []);
  // Another folder's project: its port is that folder's package's.
  assert.deepEqual(ports('vite apps/admin --port 5188'), { listens: [], mentions: [5188] });
  assert.deepEqual(ports('vite --config packages/site/vite.config.ts --port 5189').listens, []);
  assert.deepEqual(ports('astro dev --root=../site --port 4321').listens, []);
  assert.deepEqual(ports('vite -c ./vite.config.ts --port 5192').listens, ['5192']);
  assert.deepEqual(ports('echo "vite --port 5178"').listens, []);
  assert.deepEqual(ports('# vite --port 5179').listens, []);
  // Vite does not read PORT.
  assert.deepEqual(ports('PORT=4009 node server.js | PORT=4010 vite'), { listens: ['4009'], mentions: [4010] });
  assert.deepEqual(ports('wait-on http://localhost:3020 && echo up'), { listens: [], mentions: [3020] });
});

test('a monorepo\'s root (`workspaces`) starts its packages\' servers: their ports are only mentions there', () => {
  const text = JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'], scripts: { 'dev:web': 'PORT=3000 node apps/web/server.js' } });
  const facts = parse(text, 'package.json', 'acme');
  assert.deepEqual([facts.allocations, facts.mentions.map((m) => m.port)], [[], [3000]]);
});

test('JSON escapes: a port is located inside the string exactly, or left out when an escape writes its digits', () => {
  const text = '{"name":"web","scripts":{"dev":"vite --host \\"0.0.0.0\\" --port \\"5173\\"","odd":"vite --port 51\\u00373","tab":"vite\\t--port 5190"}}';
  const facts = parse(text);
  assert.deepEqual(allocations(text, facts), ['web - 5173 - "5173" 1', 'web - 5190 - "5190" 1']);
  assert.deepEqual(readPackageManifest(text)!.scripts.map((s) => s.command.value), ['vite --host "0.0.0.0" --port "5173"', 'vite --port 5173', 'vite\t--port 5190']);
});

test('a byte order mark, CRLF line endings, a name written twice: as npm reads them', () => {
  const text = '\uFEFF{\r\n  "name": "old",\r\n  "scripts": { "dev": "vite --port 5173", "dev": "vite --port 5174" },\r\n  "name": "@x/new"\r\n}\r\n';
  assert.deepEqual(allocations(text, parse(text)), ['new - 5174 - "5174" 3']);
});

test('broken JSON, other shapes and huge scripts give no facts and never throw', () => {
  const broken = parse('{ "name": "web", "scripts": { "dev": "vite --port 5173", }');
  assert.deepEqual([broken.allocations.length, broken.notes], [0, ['not valid JSON: its scripts were not read']]);
  for (const text of ['[]', '"scripts"', '{"scripts": ["vite --port 1"]}', '{"scripts": {"dev": 5173}}', '{"scripts": null}', '', 'null']) {
    assert.deepEqual(parse(text).allocations, [], text);
  }
  const nested = JSON.stringify({ config: { scripts: { dev: 'vite --port 5173' } }, scripts: { dev: 'vite --port 5191' } });
  assert.deepEqual(parse(nested).allocations.map((a) => a.port), [5191]);
  const long = manifest({ dev: `vite --port 5173 ${'x'.repeat(20_000)}` });
  assert.deepEqual(parse(long).allocations, []);
});

test('a server\'s port out of 1-65535 is invalid-port; another program\'s is nothing', () => {
  const facts = parse(manifest({ start: 'next start -p 70000', mock: 'json-server --port 70001' }));
  assert.deepEqual(facts.problems.map((p) => [p.rule, p.port, p.message]), [['invalid-port', 70000, '-p 70000 is not a valid port; ports are 1-65535']]);
  assert.deepEqual(facts.mentions, []);
});
