// Load: a branch switch that changes 5,000 files at once, indexing that never blocks the event
// loop for the whole folder, and 1,000 rapid edits to one open document. Each ends in the state a
// cold `checkPath` of the same folder gives. Timing is the benchmark's business (bench/); these
// tests assert structure only: events coalesced, requests served while indexing, results equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { checkPath } from '../../src/core/check';
import { toRange } from '../../src/server/convert';
import { FolderState, type FolderHost } from '../../src/server/folderState';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { tempDir } from '../support/tempDir';
import { TestClient, uriOf } from './harness';

const FILES = Number(process.env.LOAD_FILES ?? 5000);

/** A file of the synthetic monorepo: env, compose and Markdown, with clashes and mismatches among them. */
function repoFile(i: number, branch: 'main' | 'feature'): [string, string] {
  const port = 10000 + (branch === 'main' ? i : (i * 7) % FILES);
  const dir = `services/s${Math.floor(i / 100)}/n${i}`;
  // Every tenth file also names the gateway, which the branch moves (mismatches).
  const gateway = i % 10 === 0 ? (branch === 'main' ? 8000 : 8000 + (i % 3)) : undefined;
  switch (i % 3) {
    case 0: return [`${dir}/.env`, `SERVICE_NAME=svc-${i}\nPORT=${port}\n${gateway ? `GATEWAY_URL=http://localhost:${gateway}\n` : ''}`];
    case 1: return [`${dir}/docker-compose.yml`, `services:\n  svc-${i}:\n    image: x\n    ports:\n      - "${port}:80"\n      - "${20000 + (i % 500)}:81"\n`];
    default: return [`${dir}/PORTS.md`, `## Ports\n\n| Service | Port |\n|---|---|\n| svc-${i} | ${port} |\n${gateway ? `| gateway | ${gateway} |\n` : ''}`];
  }
}

function tempFolder(prefix: string): string {
  return tempDir(`portolan-load-${prefix}-`);
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

interface Shown {
  uri: string;
  range: Diagnostic['range'];
  code: unknown;
  message: string;
}

/** What a cold check of the folder says, as the diagnostics the server should have published. */
function coldDiagnostics(root: string): Shown[] {
  return sortShown(checkPath(root).findings.map((f) => ({ uri: uriOf(path.join(root, f.loc.file)), range: toRange(f.loc.span), code: f.rule, message: f.message })));
}

function publishedDiagnostics(client: TestClient, root: string): Shown[] {
  const prefix = uriOf(root) + '/';
  const out: Shown[] = [];
  for (const [uri, list] of client.diagnostics) {
    if (!uri.startsWith(prefix)) continue;
    for (const d of list) out.push({ uri, range: d.range, code: d.code, message: String(d.message).split('\n')[0] });
  }
  return sortShown(out);
}

function sortShown(list: Shown[]): Shown[] {
  const key = (s: Shown) => JSON.stringify([s.uri, s.range.start.line, s.range.start.character, s.code, s.message]);
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

test('a branch switch changing 5,000 files: one batch of events, one re-check, the result of a cold index', { timeout: 180_000 }, async () => {
  const root = tempFolder('branch');
  for (let i = 0; i < FILES; i++) write(root, ...repoFile(i, 'main'));
  const client = await TestClient.start({ folders: [root] });
  try {
    await client.waitFor('the first index', () => client.logs.some((l) => new RegExp(`indexed \\d+ of ${FILES}`).test(l)));
    await client.allocations();
    assert.deepEqual(publishedDiagnostics(client, root), coldDiagnostics(root), 'after the first index');
    // The switch: every file rewritten, a tenth deleted, 500 new ones.
    const events: Array<{ uri: string; type: FileChangeType }> = [];
    for (let i = 0; i < FILES; i++) {
      const [file, text] = repoFile(i, 'feature');
      if (i % 10 === 9) {
        fs.rmSync(path.join(root, file));
        events.push({ uri: uriOf(path.join(root, file)), type: FileChangeType.Deleted });
      } else {
        write(root, file, text);
        events.push({ uri: uriOf(path.join(root, file)), type: FileChangeType.Changed });
      }
    }
    for (let i = 0; i < 500; i++) {
      const file = `added/a${i}/.env`;
      write(root, file, `GATEWAY_PORT=${8000 + (i % 3)}\n`);
      events.push({ uri: uriOf(path.join(root, file)), type: FileChangeType.Created });
    }
    const before = client.allocationChanges.length;
    await client.filesChanged(events);
    await client.nextAllocationChange(root);
    // Answered once the batch is applied; nothing else is pending.
    await client.allocations();
    assert.equal(client.allocationChanges.length - before, 1, 'the 5,500 events are applied in one re-check');
    assert.deepEqual(publishedDiagnostics(client, root), coldDiagnostics(root), 'after the branch switch');
  } finally {
    await client.stop();
  }
});

test('indexing 5,000 files yields to the event loop: another folder\'s hover is answered before the big folder is indexed', { timeout: 180_000 }, async () => {
  const small = tempFolder('small');
  write(small, '.env', 'GATEWAY_PORT=8080\n');
  const big = tempFolder('big');
  for (let i = 0; i < FILES; i++) write(big, ...repoFile(i, 'main'));
  const client = await TestClient.start({ folders: [small, big] });
  try {
    await client.waitFor('the small folder checked', () => client.allocationChanges.includes(uriOf(small)));
    const hover = await client.hoverText(path.join(small, '.env'), { line: 0, character: 14 });
    const bigIndexed = () => client.logs.some((l) => l.includes(`[${path.basename(big)}] indexed`));
    assert.equal(bigIndexed(), false, 'the hover was answered while the big folder was still being indexed');
    assert.match(hover ?? '', /8080/);
    await client.waitFor('the big folder indexed', bigIndexed);
  } finally {
    await client.stop();
  }
});

test('a folder scan runs in slices: timers fire while 5,000 files are indexed (event-loop delay logged, not asserted)', async (t) => {
  const root = tempFolder('slices');
  for (let i = 0; i < FILES; i++) write(root, ...repoFile(i, 'main'));
  const host: FolderHost = {
    openText: () => undefined,
    openUri: () => undefined,
    owns: () => true,
    loadSettings: async () => DEFAULT_SETTINGS,
    checked: () => undefined,
    progress: () => undefined,
    report: (where, err) => assert.fail(`${where}: ${String(err)}`),
    log: { info: () => undefined, warn: () => undefined },
  };
  const folder = new FolderState(uriOf(root), 'slices', root, host);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 1);
  delay.enable();
  try {
    await folder.start();
  } finally {
    delay.disable();
    clearInterval(ticker);
  }
  assert.ok(ticks > 2, `the interval ran ${ticks} times during the scan`);
  assert.equal(folder.snapshot().files.length, FILES);
  t.diagnostic(`event-loop delay while indexing ${FILES} files: max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
  const cold = checkPath(root);
  assert.deepEqual(folder.findings.map((f) => JSON.stringify(f)).sort(), cold.findings.map((f) => JSON.stringify(f)).sort());
});

test('1,000 rapid edits to one open document: the diagnostics afterwards equal a cold check', { timeout: 120_000 }, async () => {
  const root = tempFolder('edits');
  write(root, 'ports.yaml', 'version: 1\nservices:\n  gateway: 8000\n  billing: 8001\n');
  write(root, 'docker-compose.yml', 'services:\n  billing:\n    image: x\n    ports: ["8001:80"]\n');
  const doc = path.join(root, 'docs/PORTS.md');
  let text = '## Ports\n\n| Service | Port |\n|---|---|\n| gateway | 8000 |\n| billing | 8001 |\n';
  write(root, 'docs/PORTS.md', text);
  const client = await TestClient.start({ folders: [root] });
  try {
    await client.open(doc, text, 'markdown');
    await client.waitFor('the first check', () => client.allocationChanges.includes(uriOf(root)));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const offsetToPosition = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    for (let i = 0; i < 1000; i++) {
      // Retype a port, or add or delete a row, anywhere in the table.
      const numbers = [...text.matchAll(/\d{4,5}/g)];
      const choice = random(10);
      let start: number;
      let end: number;
      let insert: string;
      if (choice < 7 && numbers.length > 0) {
        const m = numbers[random(numbers.length)];
        start = m.index!;
        end = start + m[0].length;
        insert = String(8000 + random(5));
      } else if (choice < 9) {
        start = end = text.length;
        insert = `| svc-${random(6)} | ${8000 + random(5)} |\n`;
      } else {
        const lines = text.split('\n');
        const line = 4 + random(Math.max(1, lines.length - 5));
        start = lines.slice(0, line).join('\n').length + 1;
        end = Math.min(text.length, start + (lines[line]?.length ?? 0) + 1);
        insert = '';
      }
      const range = { start: offsetToPosition(start), end: offsetToPosition(end) };
      text = text.slice(0, start) + insert + text.slice(end);
      void client.change(doc, [{ range, text: insert }]);
    }
    // The cold check reads the disk: the document's final text goes there.
    write(root, 'docs/PORTS.md', text);
    const expected = coldDiagnostics(root);
    await client.waitFor('diagnostics equal to a cold check', () => JSON.stringify(publishedDiagnostics(client, root)) === JSON.stringify(expected));
    await client.allocations();
    assert.deepEqual(publishedDiagnostics(client, root), expected);
    assert.ok(expected.length > 0, 'the final text has findings');
  } finally {
    await client.stop();
  }
});
