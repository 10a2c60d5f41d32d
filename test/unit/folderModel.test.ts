// FolderModel: one folder's facts and findings, updated one file at a time, as the CLI, the server
// and the bench hold them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FolderModel } from '../../src/core/project/folderModel';
import { brief, checkFiles } from '../support/memoryWorkspace';

const compose = (port: string) => `services:\n  ledger:\n    ports: ["${port}:80"]\n`;
const doc = (port: number) => `| Service | Port |\n|---|---|\n| ledger | ${port} |\n`;

function modelOf(files: Record<string, string>): FolderModel {
  const model = new FolderModel({ read: (f) => files[f], rootName: 'root' });
  for (const file of Object.keys(files)) model.update(file);
  return model;
}

test('an update returns the files whose facts changed; an .env also re-reads the compose files beside it', () => {
  const files: Record<string, string> = {
    'docker-compose.yml': compose('${LEDGER_PORT}'), '.env': 'LEDGER_PORT=7100\n', 'docs/PORTS.md': doc(7100), 'api/docker-compose.yml': compose('7200'),
  };
  const model = modelOf(files);
  assert.deepEqual(model.findings(), []);
  files['.env'] = 'LEDGER_PORT=7101\n';
  assert.deepEqual(model.update('.env'), ['.env', 'docker-compose.yml']);
  // The compose port follows the variable: the document now disagrees with it.
  assert.deepEqual(model.findings().map(brief), ['port-mismatch@docs/PORTS.md:3']);
  assert.deepEqual(model.update('docs/PORTS.md', doc(7101)), ['docs/PORTS.md']);
  assert.deepEqual(model.findings(), []);
  // Not a port source, and a YAML file that is no compose file: nothing changed, nothing kept.
  assert.deepEqual(model.update('src/main.ts', 'const port = 7100;'), []);
  assert.deepEqual(model.update('config.yml', 'logging: { level: info }\n'), []);
  assert.equal(model.facts('config.yml'), undefined);
});

test('a removed .env: the compose files beside it change with it, and the findings equal a cold check', () => {
  const files: Record<string, string> = { 'docker-compose.yml': compose('${LEDGER_PORT:-7300}'), '.env': 'LEDGER_PORT=7100\n', 'docs/PORTS.md': doc(7100) };
  const model = modelOf(files);
  assert.deepEqual(model.findings(), []);
  delete files['.env'];
  assert.deepEqual(model.remove('.env'), ['.env', 'docker-compose.yml']);
  assert.deepEqual(model.remove('.env'), []);
  const cold = checkFiles(files);
  assert.deepEqual(model.findings().map(brief), cold.findings.map(brief));
  assert.deepEqual(model.findings().map(brief), ['port-mismatch@docs/PORTS.md:3']);
});

test('a snapshot is the folder at one version: later edits do not change it', () => {
  const files: Record<string, string> = { 'docker-compose.yml': compose('7100'), 'docs/PORTS.md': doc(7100) };
  const model = modelOf(files);
  const before = model.snapshot();
  assert.equal(model.snapshot(), before, 'taken once per version');
  model.update('docs/PORTS.md', doc(7105));
  const after = model.snapshot();
  assert.notEqual(after, before);
  assert.deepEqual(before.findings, []);
  assert.equal(before.findingsByFile.size, 0);
  assert.equal(before.facts('docs/PORTS.md')!.allocations[0].port, 7100);
  assert.deepEqual(before.input.places.map((p) => p.port), [7100, 7100]);
  assert.deepEqual(after.findings.map(brief), ['port-mismatch@docs/PORTS.md:3']);
  assert.deepEqual([...after.findingsByFile.keys()], ['docs/PORTS.md']);
  assert.deepEqual(after.files.map((f) => f.file), ['docker-compose.yml', 'docs/PORTS.md']);
});

test('new rule settings apply to every file at the next check', () => {
  const files = { 'docker-compose.yml': compose('7100'), 'docs/PORTS.md': doc(7105) };
  const model = modelOf(files);
  assert.deepEqual(model.findings().map((f) => f.severity), ['warning']);
  const before = model.snapshot();
  model.setRules({ 'port-mismatch': 'error' });
  assert.deepEqual(model.findings().map((f) => f.severity), ['error']);
  // Same facts, other findings: a snapshot taken before the new rules is not handed out again.
  assert.deepEqual(before.findings.map((f) => f.severity), ['warning']);
  assert.deepEqual(model.snapshot().findings.map((f) => f.severity), ['error']);
  model.setRules({ 'port-mismatch': 'off' });
  assert.deepEqual(model.findings(), []);
  assert.deepEqual(model.snapshot().findings, []);
});

test('a block a document names: editing the document or the env file updates the finding as a cold check would', () => {
  const blocks = (range: string) => `## Port blocks\n\n| Range | Team |\n|---|---|\n| ${range} | Core — Ledger |\n`;
  const files: Record<string, string> = { 'docs/PORTS.md': blocks('4100-4199'), 'ops/.env': 'LEDGER_PORT=4300\n' };
  const model = modelOf(files);
  const cold = () => checkFiles(files).findings.map(brief);
  assert.deepEqual(model.findings().map(brief), ['out-of-range@ops/.env:1']);
  files['docs/PORTS.md'] = blocks('4300-4399');
  model.update('docs/PORTS.md');
  assert.deepEqual(model.findings().map(brief), cold());
  assert.deepEqual(cold(), []);
  files['ops/.env'] = 'LEDGER_PORT=4500\n';
  model.update('ops/.env');
  assert.deepEqual(model.findings().map(brief), ['out-of-range@ops/.env:1']);
  assert.deepEqual(model.findings().map(brief), cold());
});

test('a document that comes to name a machine puts the folder named for it on that machine, as a cold check does', () => {
  const web = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
  const dns = 'services:\n  pihole:\n    image: pihole\n    ports: ["80:80"]\n';
  const files: Record<string, string> = { 'atlas/docker-compose.yml': web, 'beacon/docker-compose.yml': dns, 'README.md': '# Lab\n\n## Ports\n\n- web: 80\n- pihole: 80\n' };
  const model = modelOf(files);
  assert.deepEqual(model.findings().map(brief), checkFiles(files).findings.map(brief));
  assert.notDeepEqual(model.findings(), []);
  files['README.md'] = '# Lab\n\n## Atlas — 192.168.1.10\n\n- web: 80\n\n## Beacon — 192.168.1.11\n\n- pihole: 80\n';
  model.update('README.md');
  assert.deepEqual(model.findings(), []);
  assert.deepEqual(checkFiles(files).findings, []);
});

test('without a .env, compose interpolates a ${VAR} with no default from the template beside it; a default wins, a .env wins over both, and editing the template re-reads the compose file', () => {
  const files: Record<string, string> = {
    'docker-compose.yml': `services:\n  ledger:\n    ports: ["\${LEDGER_PORT}:80", "\${VAULT_PORT:-7300}:81"]\n`,
    '.env.example': 'LEDGER_PORT=7100\nVAULT_PORT=7400\n',
  };
  const model = modelOf(files);
  assert.deepEqual(model.facts('docker-compose.yml')!.allocations.map((a) => a.port), [7100, 7300]);
  files['.env.example'] = 'LEDGER_PORT=7101\n';
  assert.deepEqual(model.update('.env.example'), ['.env.example', 'docker-compose.yml']);
  assert.deepEqual(model.facts('docker-compose.yml')!.allocations.map((a) => a.port), [7101, 7300]);
  files['.env'] = 'LEDGER_PORT=7102\nVAULT_PORT=7402\n';
  model.update('.env');
  assert.deepEqual(model.facts('docker-compose.yml')!.allocations.map((a) => a.port), [7102, 7402]);
  // A cold check reads them alike, and the template's own claim agrees with the compose port it gives.
  delete files['.env'];
  assert.deepEqual(checkFiles(files).allocations.filter((a) => a.source === 'compose').map((a) => a.port), [7101, 7300]);
  assert.deepEqual(checkFiles({ ...files, 'README.md': doc(7101) }).findings.map(brief), []);
  assert.deepEqual(checkFiles({ ...files, 'README.md': doc(7105) }).findings.map(brief), ['port-mismatch@README.md:3']);
  // A placeholder the user fills in (`<your-port>`, `changeme`) says nothing: no port, and no invalid-port.
  for (const placeholder of ['<your-port>', 'changeme', '${PORT}']) {
    const c = checkFiles({ ...files, '.env.example': `LEDGER_PORT=${placeholder}\n` });
    assert.deepEqual(c.findings.map(brief), [], placeholder);
    assert.deepEqual(c.allocations.filter((a) => a.source === 'compose' && !a.claim).map((a) => a.port), [7300], placeholder);
  }
  // Templates named the other way round, or a stub, are read alike.
  for (const name of ['example.env', 'sample.env', '.env.stub']) {
    const c = checkFiles({ 'docker-compose.yml': files['docker-compose.yml'], [name]: 'LEDGER_PORT=7103\n' });
    assert.deepEqual(c.allocations.filter((a) => a.source === 'compose').map((a) => a.port), [7103, 7300], name);
  }
});
