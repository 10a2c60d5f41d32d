// The registry's fast path (block reader tree + coreValue + TreeLocator) against the reading
// through yaml's document: whenever the fast path answers, its facts must be the same, to the
// character of every span. Checked on every registry the repository holds, the benchmark's, the
// seeds' when they are beside the repository, and the cases where the two readings could part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../bench/generate';
import { parseRegistry, parseRegistryFromTree, parseRegistryWithYaml } from '../../src/core/parsers/registry/registry';

const REPO = path.resolve(__dirname, '../..');
const SEEDS = path.resolve(REPO, '../shared/seeds');
const ctx = { file: 'ports.yaml' };

/** 'fast' when the fast path answered (and agreed with yaml), 'yaml' when it left the file to yaml. */
function differential(text: string): 'fast' | 'yaml' {
  const fast = parseRegistryFromTree(text, ctx);
  const reference = parseRegistryWithYaml(text, ctx);
  assert.deepEqual(parseRegistry(text, ctx), reference);
  if (fast === undefined) return 'yaml';
  assert.deepEqual(fast, reference);
  return 'fast';
}

function registriesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /ports\.ya?ml$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

test('registry fast path: the same facts as yaml for every registry in the repository and the seeds', () => {
  const files = [...registriesUnder(path.join(REPO, 'test/fixtures')), ...registriesUnder(path.join(REPO, 'examples')), ...registriesUnder(SEEDS)];
  assert.ok(files.length >= 9, `found ${files.length} registries`);
  const fast = files.filter((file) => differential(fs.readFileSync(file, 'utf8')) === 'fast');
  // A clean registry in block style is the common case: the fast path must answer for it.
  for (const clean of ['test/fixtures/workspaces/platform/ports.yaml', 'test/fixtures/vscode-workspace/ports.yaml']) {
    assert.ok(fast.includes(path.join(REPO, clean)), `${clean} went to yaml`);
  }
});

test('registry fast path: answers for the benchmark\'s registries, with the facts yaml gives', () => {
  for (const size of [100, 1000, 10000]) {
    const text = buildWorkspace(size).files.get('ports.yaml')!;
    assert.equal(differential(text), 'fast', `the ${size}-file workspace's registry`);
  }
});

test('registry fast path: plain scalars the core schema reads as other numbers, or values it cannot be sure of, go to yaml', () => {
  const base = 'version: 1\nranges:\n  core: { from: 8000, to: 8049 }\nservices:\n  api:\n    range: core\n    ports: 8001\n';
  const declined = [
    `${base}    description: 1.5\n`,
    `${base}    description: 1e3\n`,
    `${base}    description: .inf\n`,
    `${base}    description: 0o17\n`,
    `${base}    description: 0x1F\n`,
    `${base}  web: &p 8002\n  www: *p\n`,
    `${base}  api: 8009\n`,
    `${base}  "8003": 1\n  8003: 2\n`,
    `${base}  true: 8004\n`,
    `${base}  <<: 8005\n`,
    `${base}  __proto__: 8006\n`,
    `${base}    description: ~\n`,
    `${base}  web:\n    ports: 0x1F90\n`,
    `${base}  web:\n    range: nowhere\n    ports: 8007\n`,
    'version: 1\nservices:\n  api: 8001\n---\nversion: 1\n',
    'version: 1\nservices:\n  api: { range: core, ports: { http: 8001 } }\n',
    'name: something else\nports: [1, 2]\n',
    '',
  ];
  for (const text of declined) {
    assert.equal(parseRegistryFromTree(text, ctx), undefined, JSON.stringify(text));
    differential(text);
  }
});

test('registry fast path: quoting, signs, leading zeros, booleans, comments, flow maps and block scalars read as yaml reads them', () => {
  const answered = [
    'version: 1\nservices:\n  "api": 8001\n  \'web\': +8002\n  db: 05432\n',
    'version: 1\nranges:\n  core: "8000-8049"   # trailing comment\nservices:\n  api:\n    range: core\n    ports: { http: 8001, grpc: 50051 }\n',
    'version: 1\nservices:\n  api:\n    ports: 8001\n    description: |\n      a block scalar is a value; no fact is placed on it\n',
    'version: 1\nreserved:\n  - 22\n  - port: 8080\n    reason: proxy\n  - ports: 8090-8099\n    reason: Null and void\n    kept_free: True\n',
    '---\n# the registry\nversion: 1\nservices:\n  api:\n    ports: 8001\n    aliases: [API Gateway, "gw"]\n    description: "it\'s: fine"\n',
    'version: 1\nservices:\n  8080-svc: 8080\n  9000: 9001\n',
  ];
  for (const text of answered) assert.equal(differential(text), 'fast', JSON.stringify(text));
});
