// Diagnostics over a real LSP connection: the fixture's findings on start, then as the user types
// (unsaved text overrides the disk, in the typed file and in the files that depend on it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, WORKSPACES, uriOf } from './harness';

const PLATFORM = path.join(WORKSPACES, 'platform');
const DOC = path.join(PLATFORM, 'docs/architecture.md');
const REGISTRY = path.join(PLATFORM, 'ports.yaml');
const FAST = () => ({ debounceMs: 10 });

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

/** The mermaid label `Reporting Engine :8087` disagrees with the table and the registry (8088). */
const MERMAID_MISMATCH: Diagnostic = {
  range: range(15, 42, 46),
  severity: DiagnosticSeverity.Warning,
  source: 'portolan',
  code: 'port-mismatch',
  codeDescription: { href: 'https://github.com/portolan/portolan#port-mismatch' },
  message: 'Reporting Engine is 8087 here, but 8088 in docs/architecture.md:9 and 1 more place',
  relatedInformation: [
    { location: { uri: uriOf(DOC), range: range(8, 21, 25) }, message: 'Reporting Engine: 8088' },
    { location: { uri: uriOf(REGISTRY), range: range(20, 11, 15) }, message: 'reporting-engine: 8088' },
  ],
};

test('on start: indexes the folder from disk and publishes the exact diagnostics', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: FAST });
  t.after(() => client.stop());
  const diagnostics = await client.waitForDiagnostics(DOC, 'the mermaid mismatch', (d) => d.length > 0);
  assert.deepEqual(diagnostics, [MERMAID_MISMATCH]);
  await client.waitFor('didChangeAllocations', () => client.allocationChanges.includes(uriOf(PLATFORM)));
  // Only the file with a finding was published: clean files get nothing (not even []).
  assert.deepEqual(client.published.map((p) => p.uri), [uriOf(DOC)]);
  assert.ok(client.logs.some((l) => l.includes('[platform] indexed 4 of 4 port source files')), client.logs.join('\n'));
  // Watchers and configuration changes are registered dynamically.
  const watcher = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.deepEqual(watcher?.registerOptions, {
    watchers: [
      { globPattern: '**/{*.yaml,*.yml,.env,.env.*,*.env,env.example,env.sample,env.template,env.dist,*.md,*.markdown,*.mdx,package.json,Procfile,Procfile.*,Dockerfile,Dockerfile.*,Dockerfile-*,Dockerfile_*,*.Dockerfile,dockerfile,dockerfile.*,dockerfile-*,dockerfile_*,*.dockerfile,devcontainer.json,.devcontainer.json,Makefile,makefile,GNUmakefile,*.mk,justfile,Justfile,.justfile,*.sh,*.bash,portolan.config.json,.gitignore,.portolanignore}' },
      // Creating or deleting a folder is one event for the folder: creations (1) and deletions (4) of any path are watched.
      { globPattern: '**/*', kind: 1 | 4 },
    ],
  });
  assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  assert.deepEqual(client.initializeResult.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  assert.equal(client.initializeResult.capabilities.hoverProvider, true);
});

test('typing: fixing the mismatch clears it, a new conflicting row appears, closing reverts to disk', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: FAST });
  t.after(() => client.stop());
  await client.waitForDiagnostics(DOC, 'the mermaid mismatch', (d) => d.length === 1);
  await client.open(DOC, undefined, 'markdown');

  // Incremental edit: `:8087` becomes `:8088`, as in the table and the registry.
  await client.change(DOC, [{ range: range(15, 42, 46), text: '8088' }]);
  await client.waitForDiagnostics(DOC, 'cleared', (d) => d.length === 0);

  // A new table row puts Billing on token-engine's 8001.
  await client.change(DOC, [{ range: range(9, 0, 0), text: '| Billing | 8001 | Bills |\n' }]);
  const conflict = await client.waitForDiagnostics(DOC, 'a conflict', (d) => d.length > 0);
  assert.equal(conflict.length, 1);
  assert.deepEqual({ ...conflict[0], relatedInformation: undefined }, {
    range: range(9, 12, 16),
    severity: DiagnosticSeverity.Error,
    source: 'portolan',
    code: 'port-conflict',
    codeDescription: { href: 'https://github.com/portolan/portolan#port-conflict' },
    message: 'Port 8001 is taken by both Billing and token-engine (docker-compose.yml:9)',
    relatedInformation: undefined,
  });
  const related = conflict[0].relatedInformation!.map((r) => `${path.basename(new URL(r.location.uri).pathname)}:${r.location.range.start.line + 1}`);
  // The graph's `Token Engine :8001` moved down a line with the new row. The `.env` variable
  // compose publishes the port through is that compose place, not a place of its own.
  assert.deepEqual(related, ['docker-compose.yml:9', 'architecture.md:8', 'architecture.md:16', 'ports.yaml:18']);

  // Closing drops the unsaved text: the file on disk (with its mismatch) is back.
  await client.close(DOC);
  const back = await client.waitForDiagnostics(DOC, 'the disk version again', (d) => d.length === 1 && d[0].code === 'port-mismatch');
  assert.deepEqual(back, [MERMAID_MISMATCH]);
});

test('typing in the registry re-checks the Markdown that depends on it', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: FAST });
  t.after(() => client.stop());
  await client.waitForDiagnostics(DOC, 'the mermaid mismatch', (d) => d.length === 1);
  await client.open(REGISTRY, undefined, 'yaml');
  // The registry now says 8087: the graph agrees with it, the table row does not.
  await client.change(REGISTRY, [{ range: range(20, 11, 15), text: '8087' }]);
  const moved = await client.waitForDiagnostics(DOC, 'the mismatch on the table row', (d) => d.length === 1 && d[0].range.start.line === 8);
  assert.equal(moved[0].code, 'port-mismatch');
  assert.equal(moved[0].message, 'Reporting Engine is 8088 here, but 8087 in docs/architecture.md:16 and 1 more place');
  assert.deepEqual(moved[0].relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line]), [[uriOf(DOC), 15], [uriOf(REGISTRY), 20]]);
  assert.deepEqual(moved[0].range, range(8, 21, 25));
  // Saving keeps the buffer's verdict (the file on disk is untouched by the test: the save only re-checks).
  await client.save(REGISTRY);
  await client.close(REGISTRY);
  await client.waitForDiagnostics(DOC, 'the disk version again', (d) => d.length === 1 && d[0].range.start.line === 15);
});

test('rule settings: severities are remapped, "off" silences a rule', async (t) => {
  let settings: Record<string, unknown> = { debounceMs: 10, rules: { 'port-mismatch': 'error' } };
  const client = await TestClient.start({ folders: [PLATFORM], settings: () => settings });
  t.after(() => client.stop());
  const raised = await client.waitForDiagnostics(DOC, 'the mismatch as an error', (d) => d.length === 1);
  assert.equal(raised[0].severity, DiagnosticSeverity.Error);

  settings = { debounceMs: 10, rules: { 'port-mismatch': 'off' } };
  await client.configurationChanged();
  await client.waitForDiagnostics(DOC, 'cleared by "off"', (d) => d.length === 0);

  settings = { debounceMs: 10, rules: { 'port-mismatch': 'info' }, files: { exclude: [] } };
  await client.configurationChanged();
  const info = await client.waitForDiagnostics(DOC, 'back as information', (d) => d.length === 1);
  assert.equal(info[0].severity, DiagnosticSeverity.Information);

  // Excluding the docs folder leaves the registry and compose, which agree.
  settings = { debounceMs: 10, files: { exclude: ['docs'] } };
  await client.configurationChanged();
  await client.waitForDiagnostics(DOC, 'cleared by files.exclude', (d) => d.length === 0);
  const result = await client.allocations({});
  const files = result.folders[0].ranges.flatMap((r) => r.allocations).flatMap((a) => a.places).map((p) => p.uri);
  assert.ok(!files.some((u) => u.includes('/docs/')), files.join('\n'));
});
