// Bugs the fuzzers (test/fuzz/) found, each pinned by its shrunk counterexample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts, SourceKind } from '../../src/core/model';
import { parseByKind } from '../../src/core/parsers/dispatch';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { Checker } from '../../src/core/rules/checker';
import { runRules } from '../../src/core/rules/run';
import { LineIndex } from '../../src/core/text/lineIndex';
import { factsProblems } from '../fuzz/properties';
import { tempDir } from '../support/tempDir';

function sound(kind: SourceKind, text: string, file: string): FileFacts {
  const facts = parseByKind(kind, text, { file });
  assert.deepEqual(factsProblems(text, file, kind, facts), []);
  return facts;
}

test('Markdown: a URL on port 0 or above 65535 is no mention and no allocation', () => {
  const text = '- Service | Service | Service\n- --- | --- | ---\n- http://localhost:0 | http://localhost:22 | 0\n\n| Service | Internal URL |\n|---|---|\n| api | http://api:99999/health |\n| web | http://web:0 |\n\nSee http://localhost:0 and http://localhost:8080.\n';
  const facts = sound('markdown', text, 'PORTS.md');
  assert.deepEqual(facts.allocations, []);
  assert.deepEqual(facts.mentions.map((m) => m.port), [22, 8080]);
});

test('Compose: a service named without letters or digits keeps an identity of its own', () => {
  const text = 'services:\n  "/":\n    ports: ["8080:80"]\n  _:\n    ports: ["8081:80"]\n';
  const facts = sound('compose', text, 'docker-compose.yml');
  assert.deepEqual(facts.allocations.map((a) => a.serviceKey), ['"/"', '"_"']);
  // Different services on different ports: not one service written twice (no mismatch).
  assert.deepEqual(runRules([facts]), []);
});

test('A span never ends between the CR and LF of a line break (a YAML error in a CRLF registry)', () => {
  const text = 'services:\r\n  worker:\r\n    image: example/worker\r\n    ports:\r\n   \u0000  - "8080:8080"\r\n';
  const facts = sound('registry', text, 'ports.yaml');
  assert.ok(facts.problems.length > 0);
  const lines = new LineIndex('a\r\nb');
  assert.deepEqual(lines.position(2), { offset: 1, line: 1, column: 2 });
  assert.deepEqual(lines.position(3), { offset: 3, line: 2, column: 1 });
});

test('A registry with a collection as a key prints no process warning', () => {
  const root = tempDir('portolan-warn-');
  fs.writeFileSync(path.join(root, 'ports.yaml'), 'version: 1\nservices:\n  ? [::1]\n  : 8080\n');
  const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/cli.js'), 'check', root], { encoding: 'utf8' });
  assert.doesNotMatch(r.stderr, /Warning|stringified/);
});

/** Replays edits the way the language server feeds the checker and compares with a cold run. */
function replay(steps: Array<[string, string | undefined]>): void {
  const files = new Map<string, string>();
  const index = new WorkspaceIndex({ read: (f) => files.get(f) }, 'root');
  const checker = new Checker();
  const given = new Map<string, FileFacts>();
  steps.forEach(([file, text], step) => {
    if (text === undefined) files.delete(file);
    else files.set(file, text);
    index.update(file);
    const changed = [...index.files()].filter((f) => given.get(f.file) !== f);
    const removed = [...given.keys()].filter((f) => !index.get(f));
    checker.update(changed, removed);
    for (const f of removed) given.delete(f);
    for (const f of changed) given.set(f.file, f);
    const cold = new WorkspaceIndex({ read: (f) => files.get(f) }, 'root');
    for (const f of [...files.keys()].sort()) cold.update(f);
    assert.deepEqual(checker.findings(), runRules(cold.files()), `step ${step}`);
  });
}

test('Checker: the reservation a finding cites does not depend on the order files were indexed in', () => {
  replay([
    ['ports.yaml', 'reserved:\n  - 8070-8099\n'],
    ['apps/web/.ports.yaml', 'reserved:\n  - 8070-8099\nservices:\n  gateway: 8087\n'],
    ['ports.yaml', undefined],
  ]);
});

test('Checker: which port of a clashing published range is reported does not depend on the edit history', () => {
  replay([
    ['apps/web/PORTS.md', '```yaml\nservices:\n  web:\n    image: example/web:latest\n    ports:\n      - 8080-8081:22-23\n\n```\n\n'],
    ['README.md', '# Token Engine (Port 8081)\n\n```bash\nexport PORT=8081\nTOKEN_ENGINE_URL=http://localhost:8081/metrics\nset "GATEWAY_PORT=8080"\n```\n'],
    ['ports.yaml', 'ports:\n  recall-server: 13032\n'],
  ]);
});

test('Checker: a compose file added beside .env.production re-checks the variables it interpolates from it', () => {
  replay([
    ['svc/.env.production', 'METRICS_PORT=1\n'],
    ['apps/web/.ports.yaml', 'services:\n  gateway: 8000\n'],
    ['svc/compose.prod.yaml', 'services:\n  metrics:\n    ports:\n      - "${METRICS_PORT-9100}:9100"\n'],
  ]);
});
