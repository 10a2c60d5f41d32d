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

test('a published range wider than the ports filed one by one meets every port inside it, edit after edit', () => {
  // The ranges in the base file, the ports that meet them in its override: edits of the override alone.
  const base = ['services:', '  pbx:', '    image: x', '    ports: ["10000-20000:10000-20000/udp"]', '  relay:', '    image: z', '    ports: ["49152-65535:49152-65535/udp"]'].join('\n');
  const override = (sfu: string, media: string) => ['services:', '  sfu:', '    image: y', `    ports: ["${sfu}"]`, '  media:', '    image: w', `    ports: ["${media}"]`].join('\n');
  const files: Record<string, string> = { 'compose.yaml': base, 'compose.override.yaml': override('15000:15000/udp', '40000-41000:40000-41000/udp') };
  const index = new WorkspaceIndex({ read: (f) => files[f] });
  for (const f of Object.keys(files)) index.update(f);
  const checker = new Checker();
  checker.update(index.files());
  const clashes = () => checker.findings().filter((f) => f.rule === 'port-conflict').map((f) => `${f.service}@${f.port}`);
  // The override comes first in document order: its services hold the ports, the base's ranges clash there.
  assert.deepEqual(clashes(), ['pbx@15000']);
  // A TCP port on that number clashes with nothing; a range inside the relay's does.
  for (const [sfu, media, expected] of [
    ['15000:15000', '40000-41000:40000-41000/udp', []],
    ['15000:15000/udp', '50000-60000:50000-60000/udp', ['pbx@15000', 'relay@50000']],
    ['21000:21000/udp', '50000-60000:50000-60000/udp', ['relay@50000']],
    ['21000:21000/udp', '40000-41000:40000-41000/udp', []],
  ] as const) {
    files['compose.override.yaml'] = override(sfu, media);
    index.update('compose.override.yaml');
    checker.update([index.get('compose.override.yaml')!]);
    assert.deepEqual(clashes(), expected, `${sfu} ${media}`);
    assert.deepEqual(checker.findings(), runRules(index.files()));
  }
});

test('a .env port variable the compose files beside it leave alone, where they publish others through variables, is no listener', () => {
  const compose = (web: string) => ['services:', '  proxy:', '    image: nginx', '    ports: ["80:80"]', '  chat:', '    image: c', `    ports: ["${web}:8065"]`].join('\n');
  const files: Record<string, string> = { '.env': 'CHAT_PORT=8065\nMAIL_PORT=80\n', 'docker-compose.yml': compose('${CHAT_PORT}') };
  const index = new WorkspaceIndex({ read: (f) => files[f] });
  for (const f of Object.keys(files)) index.update(f);
  const checker = new Checker();
  checker.update(index.files());
  const clashes = () => checker.findings().filter((f) => f.rule === 'port-conflict').map((f) => `${f.service}@${f.port}`);
  assert.deepEqual(clashes(), []);
  // Where no compose file there publishes through a variable, the .env says what runs on the host.
  files['docker-compose.yml'] = compose('8065');
  index.update('docker-compose.yml');
  checker.update([index.get('docker-compose.yml')!]);
  assert.deepEqual(clashes(), ['proxy@80']);
  assert.deepEqual(checker.findings(), runRules(index.files()));
  files['docker-compose.yml'] = compose('${CHAT_PORT}');
  index.update('docker-compose.yml');
  checker.update([index.get('docker-compose.yml')!]);
  assert.deepEqual(clashes(), []);
  assert.deepEqual(checker.findings(), runRules(index.files()));
});
