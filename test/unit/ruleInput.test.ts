// The rule input kept version after version (RuleInputBuilder): the same as a fresh build after
// every edit, with the unchanged files' places kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { buildRuleInput, RuleInputBuilder, type RuleInput } from '../../src/core/rules/model';

const REGISTRY = 'version: 1\nservices:\n  gateway:\n    ports: 8000\n    aliases: [api-gateway]\n';

function workspace(): { files: Record<string, string>; index: WorkspaceIndex } {
  const files: Record<string, string> = {
    'ports.yaml': REGISTRY,
    'docker-compose.yml': 'services:\n  api-gateway:\n    ports: ["8000:80"]\n  edge-proxy:\n    ports: ["8001:80"]\n',
    'svc/.env': 'SERVICE_NAME=billing\nPORT=8002\n',
    'docs/PORTS.md': '| Service | Port |\n|---|---|\n| Billing | 8002 |\n| Edge Proxy | 8001 |\n',
  };
  const index = new WorkspaceIndex({ read: (f) => files[f] }, 'root');
  for (const file of Object.keys(files)) index.update(file);
  return { files, index };
}

/** What the rules read of the input, in its order. */
function shape(input: RuleInput) {
  return {
    places: input.places.map((p) => [p.loc.file, p.loc.span.startOffset, p.identity, p.scope, p.port]),
    ranges: [...input.ranges.keys()],
    reserved: input.reserved.map((r) => [r.from, r.to, r.loc.file]),
    files: input.files.map((f) => f.file),
  };
}

function placesOfFile(input: RuleInput, file: string) {
  return input.places.filter((p) => p.loc.file === file);
}

test('after an edit: the same input as a fresh build, and only the edited file\'s places are new', () => {
  const { files, index } = workspace();
  const builder = new RuleInputBuilder();
  const before = builder.build(index.files());
  assert.deepEqual(shape(before), shape(buildRuleInput(index.files())));

  files['svc/.env'] = 'SERVICE_NAME=billing\nPORT=8003\n';
  index.update('svc/.env');
  const after = builder.build(index.files());
  assert.deepEqual(shape(after), shape(buildRuleInput(index.files())));
  assert.deepEqual(placesOfFile(after, 'svc/.env').map((p) => p.port), [8003]);
  for (const file of ['ports.yaml', 'docker-compose.yml', 'docs/PORTS.md']) {
    const kept = placesOfFile(after, file);
    assert.ok(kept.length > 0, file);
    kept.forEach((p, i) => assert.equal(p, placesOfFile(before, file)[i], `${file}: place ${i} kept`));
  }
});

test('an edit to aliases re-reads every file\'s identities', () => {
  const { files, index } = workspace();
  const builder = new RuleInputBuilder();
  const identity = (input: RuleInput, service: string) =>
    input.places.find((p) => p.loc.file === 'docker-compose.yml' && p.serviceKey === service)?.identity;
  assert.equal(identity(builder.build(index.files()), 'api-gateway'), 'gateway');

  files['ports.yaml'] = REGISTRY.replace('api-gateway', 'edge-proxy');
  index.update('ports.yaml');
  const after = builder.build(index.files());
  assert.deepEqual(shape(after), shape(buildRuleInput(index.files())));
  assert.equal(identity(after, 'api-gateway'), 'api-gateway');
  assert.equal(identity(after, 'edge-proxy'), 'gateway');
});

test('a removed file leaves the input', () => {
  const { files, index } = workspace();
  const builder = new RuleInputBuilder();
  builder.build(index.files());
  delete files['docs/PORTS.md'];
  index.update('docs/PORTS.md');
  const after = builder.build(index.files());
  assert.deepEqual(shape(after), shape(buildRuleInput(index.files())));
  assert.equal(placesOfFile(after, 'docs/PORTS.md').length, 0);
});
