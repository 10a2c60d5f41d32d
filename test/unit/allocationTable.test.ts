// The allocation table (src/core/query/allocations.ts) as its three readers show it: `portolan
// list`, the Ports tree's portolan/allocations result and the Markdown export. A registry service
// `gateway` with the alias `api-gateway` and a compose service `api-gateway` on the same port are
// one service to `portolan check` (no conflict), so they are one row to each of the three.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../support/tempDir';
import { checkPath } from '../../src/core/check';
import { exportMarkdown } from '../../src/core/authoring/exportMarkdown';
import { allocations } from '../../src/server/features/allocations';
import { FolderState } from '../../src/server/folderState';
import { DEFAULT_SETTINGS } from '../../src/server/settings';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

const FILES = {
  'ports.yaml': [
    'version: 1',
    'ranges:',
    '  edge: { from: 8000, to: 8009 }',
    'services:',
    '  gateway:',
    '    range: edge',
    '    ports: 8000',
    '    aliases: [api-gateway]',
    '  billing:',
    '    range: edge',
    '    ports: 8001',
    '',
  ].join('\n'),
  'docker-compose.yml': [
    'services:',
    '  api-gateway:',
    '    ports: ["8000:8000"]',
    '  billing:',
    '    ports: ["8001:8001"]',
    '',
  ].join('\n'),
};

function fixture(): string {
  const root = tempDir('portolan-alias-');
  for (const [file, text] of Object.entries(FILES)) fs.writeFileSync(path.join(root, file), text);
  return root;
}

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the checker sees one service: the alias on the registry service\'s port is no conflict', () => {
  assert.deepEqual(checkPath(fixture()).findings, []);
});

test('portolan list: one row for the registry service and its alias, under the registry\'s name', () => {
  const root = fixture();
  assert.equal(cli('list', root), [
    'RANGE           SERVICE  ROLE  PORT  PLACES',
    '8000-8009 edge  gateway        8000  docker-compose.yml:3, ports.yaml:7',
    '8000-8009 edge  billing        8001  docker-compose.yml:5, ports.yaml:11',
    '',
  ].join('\n'));
  const [folder] = JSON.parse(cli('list', root, '--format', 'json')).folders;
  assert.deepEqual(folder.allocations, [
    { range: '8000-8009 edge', service: 'gateway', role: null, port: '8000', places: ['docker-compose.yml:3', 'ports.yaml:7'] },
    { range: '8000-8009 edge', service: 'billing', role: null, port: '8001', places: ['docker-compose.yml:5', 'ports.yaml:11'] },
  ]);
});

test('the Ports tree (portolan/allocations as the server answers it): one allocation for the service and its alias', async () => {
  const root = fixture();
  const folder = new FolderState(`file://${root}`, 'alias', root, {
    openText: () => undefined, openUri: () => undefined, owns: () => true, loadSettings: async () => DEFAULT_SETTINGS,
    checked: () => undefined, progress: () => undefined, report: (where, err) => assert.fail(`${where}: ${err}`), log: { info: () => undefined, warn: () => undefined },
  });
  await folder.start();
  const view = {
    name: folder.name, uri: folder.uri, liveStatus: false, uriOf: (file: string) => folder.uriOf(file), textOf: (file: string) => folder.textOf(file),
    listening: () => assert.fail('live status is off'),
  };
  const result = await allocations(folder.snapshot(), view, {});
  const rows = result.ranges.map((r) => ({
    range: `${r.from}-${r.to} ${r.name} ${r.used}/${r.capacity}`,
    allocations: r.allocations.map((a) => `${a.port} ${a.service}: ${a.places.map((p) => `${p.uri.slice(folder.uri.length + 1)}:${p.range.start.line + 1}`).join(', ')}`),
  }));
  assert.deepEqual(rows, [{
    range: '8000-8009 edge 2/10',
    allocations: ['8000 gateway: docker-compose.yml:3, ports.yaml:7', '8001 billing: docker-compose.yml:5, ports.yaml:11'],
  }]);
  assert.deepEqual(result.outside, []);
  assert.equal(result.problemCount, 0);
});

test('the Markdown export: one row for the service and its alias', () => {
  const md = exportMarkdown(checkPath(fixture()).snapshot.input);
  assert.ok(md.includes([
    '## edge (8000-8009)',
    '',
    '| Service | Port | Role | Places |',
    '|---------|------|------|--------|',
    '| gateway | 8000 | main | docker-compose.yml:3; ports.yaml:7 |',
    '| billing | 8001 | main | docker-compose.yml:5; ports.yaml:11 |',
    '',
  ].join('\n')), md);
  assert.match(md, /: 2 allocations in 1 declared ranges\./);
  assert.doesNotMatch(md, /api-gateway/);
});
