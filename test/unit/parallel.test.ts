// checkPathParallel (files read and parsed on worker threads) against checkPath (one thread): the
// same findings, allocations, skipped files and reasons in the same order, and the same facts,
// on real folders and on a generated one with every kind of source and every reason to skip a
// file; and the same again when workers throw, crash, answer nonsense or cannot start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPath, checkPathParallel, type CheckOptions, type ParallelCheckOptions, type ParallelCheckResult } from '../../src/core/check';
import { DEFAULT_DISCOVER } from '../../src/core/discover';
import { tempDir } from '../support/tempDir';

const REPO = path.resolve(__dirname, '../..');
const WORKER = path.join(REPO, 'src/core/parallel/parseWorker.ts');
const MAX_FILE_BYTES = 64 * 1024;

async function assertSameAsCheckPath(target: string, options: ParallelCheckOptions = {}): Promise<ParallelCheckResult> {
  const expected = checkPath(target, options);
  const actual = await checkPathParallel(target, options);
  assert.deepStrictEqual(actual.findings, expected.findings);
  assert.deepStrictEqual(actual.allocations, expected.allocations);
  assert.deepStrictEqual(actual.skipped, expected.skipped);
  assert.equal(actual.files, expected.files);
  assert.equal(actual.root, expected.root);
  assert.deepStrictEqual(actual.snapshot.files, expected.snapshot.files);
  return actual;
}

function foldersIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
}

/** ~1,500 files: a registry, projects of compose stacks interpolating from the `.env` beside them, env files and Markdown, and files that are skipped. */
function generatedRoot(): string {
  const root = tempDir('portolan-parallel-');
  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  };
  const projects = 50;
  const registry = ['version: 1', 'ranges:', '  platform: 9000-9099', 'services:', '  gateway: { port: 9000, range: platform }', '  auth: { port: 9001, range: platform }', 'projects:'];
  for (let p = 0; p < projects; p++) {
    const base = 10000 + p * 100;
    const dir = `projects/p${p}`;
    registry.push(`  - { name: p${p}, path: ${dir} }`);
    write(`${dir}/docker-compose.yml`, [
      'services:',
      '  web:', '    image: nginx', '    ports:', '      - "${WEB_PORT}:80"',
      '  api:', '    image: api', '    ports:', `      - "\${API_PORT:-${base + 1}}:8080"`, '    environment:', `      AUTH_URL: http://auth:${base + 2}`,
      '  auth:', '    image: auth', '    ports:', `      - "${base + 2}:${base + 2}"`,
      '',
    ].join('\n'));
    write(`${dir}/.env`, `WEB_PORT=${base}\nAPI_PORT=${base + 1}\nAUTH_URL=http://localhost:${base + 2}\n`);
    write(`${dir}/.env.example`, `WEB_PORT=${base}\nAPI_PORT=\n`);
    write(`${dir}/services/web/.env`, `PORT=${base}\n`);
    // Every third project's docs put web on another port: a mismatch each.
    write(`${dir}/docs/PORTS.md`, `# p${p} ports (${base}-${base + 99})\n\n| Service | Port |\n|---|---|\n| web | ${p % 3 === 0 ? base + 50 : base} |\n| api | ${base + 1} |\n| auth | ${base + 2} |\n`);
    write(`${dir}/README.md`, `# p${p}\n\nOpen http://localhost:${base}/ after \`docker compose up\`.\n\n- web: ${base}\n- api: ${base + 1}\n`);
    for (let n = 0; n < 22; n++) write(`${dir}/notes/n${String(n).padStart(2, '0')}.md`, `# Note ${n}\n\nNothing about ports here; see the runbook from 2024-0${(n % 9) + 1}-01.\n`);
    // Two services of one stack on one port: a conflict (stacks of different projects never clash).
    if (p % 10 === 0) write(`${dir}/stacks/shared/docker-compose.yml`, `services:\n  shared-${p}:\n    image: x\n    ports:\n      - "7000:7000"\n  other-${p}:\n    image: y\n    ports:\n      - "7000:7001"\n`);
  }
  write('ports.yaml', `${registry.join('\n')}\n`);
  write('docs/PORTS.md', '# Platform (9000-9099)\n\n| Service | Port |\n|---|---|\n| gateway | 9000 |\n| auth | 9001 |\n');
  // A binary `.env` beside a compose file that interpolates from it: skipped once, its compose file read without it.
  write('projects/p7/stacks/bin/docker-compose.yml', 'services:\n  bin:\n    image: x\n    ports:\n      - "${BIN_PORT:-10777}:80"\n');
  write('projects/p7/stacks/bin/.env', Buffer.from('BIN_PORT=1\u0000\u0001\u0002\n'));
  write('projects/p8/docs/HUGE.md', `# Huge\n\n${'| svc | 10801 |\n'.repeat(MAX_FILE_BYTES / 8)}`);
  fs.symlinkSync(path.join(root, 'projects/p1/README.md'), path.join(root, 'projects/p9/LINKED.md'));
  // A linked `.env` is never read, so the compose file beside it is read without interpolation.
  fs.mkdirSync(path.join(root, 'projects/p10/stacks/linked'), { recursive: true });
  fs.symlinkSync(path.join(root, 'projects/p10/.env'), path.join(root, 'projects/p10/stacks/linked/.env'));
  write('projects/p10/stacks/linked/docker-compose.yml', 'services:\n  linked:\n    image: x\n    ports:\n      - "${WEB_PORT:-11010}:80"\n');
  return root;
}

const GENERATED = generatedRoot();
const OPTIONS: CheckOptions = { discover: { ...DEFAULT_DISCOVER, maxFileBytes: MAX_FILE_BYTES } };

test('every fixture workspace and examples/: the same result as checkPath, in batches of two files', async () => {
  const folders = [...foldersIn(path.join(REPO, 'test/fixtures/workspaces')), path.join(REPO, 'examples')];
  assert.ok(folders.length >= 5);
  for (const folder of folders) {
    const result = await assertSameAsCheckPath(folder, { pool: { minFiles: 0, batchFiles: 2 } });
    assert.deepEqual(result.workerFailures, [], folder);
  }
});

test('a generated folder of ~1,500 files: the same result as checkPath', async () => {
  const result = await assertSameAsCheckPath(GENERATED, { ...OPTIONS, pool: { minFiles: 0 } });
  assert.deepEqual(result.workerFailures, []);
  assert.ok(result.files > 1400, `${result.files} files`);
  assert.ok(result.allocations.some((a) => a.fromVariable === 'WEB_PORT' && a.port === 10000 && a.source === 'compose'));
  assert.ok(result.findings.some((f) => f.rule === 'port-conflict'));
  assert.ok(result.findings.some((f) => f.rule === 'port-mismatch'));
  const reasons = result.skipped.map((s) => `${s.file}: ${s.reason}`);
  assert.ok(reasons.includes('projects/p7/stacks/bin/.env: binary content'), reasons.join('\n'));
  assert.ok(reasons.some((r) => r.startsWith('projects/p8/docs/HUGE.md: larger than')), reasons.join('\n'));
  assert.ok(reasons.includes('projects/p9/LINKED.md: symbolic link (not followed)'), reasons.join('\n'));
  assert.ok(reasons.includes('projects/p10/stacks/linked/.env: symbolic link (not followed)'), reasons.join('\n'));
  assert.equal(reasons.filter((r) => r.startsWith('projects/p7/stacks/bin/.env')).length, 1);
});

test('small batches: a compose file and the `.env` it reads in different batches are read alike, a skipped `.env` reported once', async () => {
  for (const batchFiles of [1, 7]) await assertSameAsCheckPath(GENERATED, { ...OPTIONS, pool: { minFiles: 0, batchFiles } });
});

test('a single file, a small folder and one thread: checked on the main thread, no worker started', async () => {
  const noWorker = path.join(os.tmpdir(), 'portolan-no-such-worker.js');
  await assertSameAsCheckPath(path.join(REPO, 'examples/apps/docker-compose.yml'), { pool: { minFiles: 0, script: noWorker } });
  await assertSameAsCheckPath(path.join(REPO, 'examples'), { pool: { script: noWorker } });
  const result = await assertSameAsCheckPath(GENERATED, { ...OPTIONS, pool: { minFiles: 0, workers: 0, script: noWorker } });
  assert.deepEqual(result.workerFailures, []);
});

/** A worker script that does what `failure` says on the `nth` batch it is sent, and parses the others. */
function failingWorker(nth: number, failure: string): string {
  const dir = tempDir('portolan-worker-');
  const script = path.join(dir, 'worker.cjs');
  fs.writeFileSync(script, [
    "const { parentPort } = require('node:worker_threads');",
    // Wraps the real worker's listener, so the failure comes before the batch is parsed.
    'const on = parentPort.on.bind(parentPort);',
    'let sent = 0;',
    `parentPort.on = (event, listener) => on(event, (batch) => { if (++sent === ${nth}) { ${failure} } listener(batch); });`,
    `const load = require('node:module').createRequire(${JSON.stringify(WORKER)});`,
    "load('tsx/cjs');",
    `load(${JSON.stringify(WORKER)});`,
  ].join('\n'));
  return script;
}

test('a worker that throws, crashes, answers nonsense or cannot start loses no file: its batches are parsed on the main thread, and the reason is given', async () => {
  // A worker is sent its first two batches as it starts, so it always gets to the second.
  const cases = [
    { script: failingWorker(1, "throw new Error('injected failure');"), reason: /injected failure/ },
    { script: failingWorker(2, 'process.exit(7);'), reason: /exited with code 7/ },
    { script: failingWorker(2, "throw 'a string';"), reason: /a string/ },
    { script: failingWorker(1, 'parentPort.postMessage({ nonsense: true }); return;'), reason: /its answer could not be read/ },
    { script: path.join(os.tmpdir(), 'portolan-no-such-worker.js'), reason: /Cannot find module/ },
  ];
  for (const { script, reason } of cases) {
    const result = await assertSameAsCheckPath(GENERATED, { ...OPTIONS, pool: { minFiles: 0, workers: 2, script } });
    assert.ok(result.workerFailures.length > 0, script);
    assert.match(result.workerFailures.join('\n'), reason);
    assert.match(result.workerFailures.join('\n'), /parsed on the main thread/);
  }
});
