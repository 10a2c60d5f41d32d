// The incremental checker must always agree with a check from scratch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { Checker } from '../../src/core/rules/checker';
import { runRules } from '../../src/core/rules/run';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ports = [8000, 8001, 8002, 8003, 8010, 8080, 9000];
const names = ['gateway', 'billing', 'ledger', 'search', 'worker'];

function render(pick: () => number, file: string): string {
  const port = () => ports[Math.floor(pick() * ports.length)];
  const name = () => names[Math.floor(pick() * names.length)];
  if (file.endsWith('.md')) {
    const rows = Array.from({ length: 4 }, () => `| ${name()} | ${port()} |`);
    return ['## Core (8000-8009)', '| Service | Port |', '|---|---|', ...rows, '', '```mermaid', `graph LR`, `  A[${name()} :${port()}]`, '```'].join('\n');
  }
  if (file.endsWith('.env')) return `${name().toUpperCase()}_PORT=${port()}\nPORT=${port()}\n`;
  return ['services:', ...Array.from({ length: 3 }, () => `  ${name()}:\n    ports: ["${port()}:80"]`)].join('\n');
}

test('1,000 random edits: incremental findings equal a cold check after every edit', () => {
  const pick = seeded(42);
  const files: Record<string, string> = {
    'ports.yaml': 'version: 1\nreserved:\n  - port: 8080\n    reason: tools\nservices:\n  gateway:\n    ports: 8000\n    aliases: [api-gateway]\n',
    'docs/a.md': '', 'docs/b.md': '', 'apps/docker-compose.yml': '', 'apps/.env': '', 'svc/docker-compose.yml': '',
  };
  for (const f of Object.keys(files)) if (f !== 'ports.yaml') files[f] = render(pick, f);
  const index = new WorkspaceIndex({ read: (f) => files[f] }, 'root');
  for (const f of Object.keys(files)) index.update(f);
  const checker = new Checker();
  checker.update(index.files());
  const editable = Object.keys(files).filter((f) => f !== 'ports.yaml');
  let nonEmpty = 0;
  for (let i = 0; i < 1000; i++) {
    const file = editable[Math.floor(pick() * editable.length)];
    const removed = pick() < 0.05;
    if (removed) {
      delete files[file];
      index.remove(file);
      checker.update([], [file]);
    } else {
      files[file] = render(pick, file);
      index.update(file);
      // A changed .env re-reads the compose file beside it: both are handed over.
      checker.update([index.get(file)!, ...[...index.files()].filter((f) => f.kind === 'compose')]);
    }
    const cold = runRules(index.files());
    assert.deepEqual(checker.findings(), cold, `edit ${i} (${file})`);
    if (cold.length > 0) nonEmpty++;
  }
  assert.ok(nonEmpty > 500, `most states have findings (${nonEmpty})`);
});

test('editing the registry re-reads aliases and reservations everywhere', () => {
  const files: Record<string, string> = {
    'ports.yaml': 'version: 1\nservices:\n  gateway:\n    ports: 8000\n',
    'docs/a.md': '## Ports\n| Service | Port |\n|---|---|\n| edge-proxy | 8000 |\n| worker | 8080 |\n',
  };
  const index = new WorkspaceIndex({ read: (f) => files[f] });
  for (const f of Object.keys(files)) index.update(f);
  const checker = new Checker();
  checker.update(index.files());
  assert.deepEqual(checker.findings().map((f) => f.rule), ['port-conflict']);
  files['ports.yaml'] = 'version: 1\nreserved:\n  - port: 8080\nservices:\n  gateway:\n    ports: 8000\n    aliases: [edge-proxy]\n';
  index.update('ports.yaml');
  checker.update([index.get('ports.yaml')!]);
  assert.deepEqual(checker.findings().map((f) => f.rule), ['reserved-port']);
  assert.deepEqual(checker.findings(), runRules(index.files()));
});
