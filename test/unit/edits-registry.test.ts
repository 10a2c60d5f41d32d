// Adding a service to ports.yaml (src/core/edits/registryEdit.ts): one insertion where the
// `yaml` document says `services` ends, in the file's indentation and line endings; every other
// byte (comments, key order, quoting, flow maps, blank lines) is kept. Whole files compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyEdits } from '../../src/core/edits/textEdit';
import { planAddService, type NewService } from '../../src/core/edits/registryEdit';
import { parseRegistry } from '../../src/core/parsers/registry/registry';

function added(text: string, service: NewService): string {
  const plan = planAddService(text, 'ports.yaml', service);
  assert.ok('edits' in plan, 'error' in plan ? plan.error : '');
  assert.equal(plan.edits.length, 1);
  assert.equal(plan.edits[0].start, plan.edits[0].end, 'an insertion, nothing replaced');
  const after = applyEdits(text, plan.edits);
  assert.deepEqual(parseRegistry(after, { file: 'ports.yaml' }).problems, [], after);
  return after;
}

const REGISTRY = [
  '# Registry: comments, order and quoting must survive',
  'version: 1',
  '',
  'ranges:',
  '  core: { from: 8000, to: 8009, description: "Core" }   # flow map, quoted',
  "  apps: '8080-8089'",
  '',
  'services:',
  '    gateway:            # four-space indentation here',
  '        range: core',
  '        ports: { http: 8000 }',
  '    ledger: 8081',
  '    # settlement moves here later',
  '',
  'projects:',
  '  web: { range: 10000-10999, path: apps/web }',
  '',
].join('\n');

test('after the last service, in the file\'s own indentation, before the comments and blank line that close the section', () => {
  const after = added(REGISTRY, { name: 'fraud-detector', port: 8083, range: 'apps' });
  assert.equal(after, REGISTRY.replace(
    '    # settlement moves here later\n',
    '    fraud-detector:\n        range: apps\n        ports: 8083\n    # settlement moves here later\n',
  ));
  assert.deepEqual(parse(after).services['fraud-detector'], { range: 'apps', ports: 8083 });
  // Key order of the document is unchanged.
  assert.deepEqual(Object.keys(parse(after)), ['version', 'ranges', 'services', 'projects']);
});

test('CRLF files get CRLF lines; a role is written as a ports map; names that need quotes are quoted', () => {
  const crlf = 'version: 1\r\nservices:\r\n  api:\r\n    ports: 8000\r\n';
  assert.equal(added(crlf, { name: 'metrics', port: 9090, role: 'metrics' }), `${crlf}  metrics:\r\n    ports: { metrics: 9090 }\r\n`);
  const quoted = added('services:\n  api: 8000\n', { name: 'true', port: 8001 });
  assert.equal(quoted, 'services:\n  api: 8000\n  "true":\n    ports: 8001\n');
});

test('the last service ends the file without a line ending', () => {
  assert.equal(added('services:\n  api: 8000', { name: 'web', port: 3000 }), 'services:\n  api: 8000\n  web:\n    ports: 3000');
});

test('an empty services section, a flow services map, no services section at all', () => {
  assert.equal(added('version: 1\nservices:\nprojects: {}\n', { name: 'web', port: 3000 }), 'version: 1\nservices:\n  web:\n    ports: 3000\nprojects: {}\n');
  assert.equal(added('ranges: { front: 3000-3099 }\nservices: { api: 8000 }\n', { name: 'web', port: 3000, range: 'front' }), 'ranges: { front: 3000-3099 }\nservices: { api: 8000, web: { range: front, ports: 3000 } }\n');
  assert.equal(added('services: {}\n', { name: 'web', port: 3000 }), 'services: { web: { ports: 3000 } }\n');
  assert.equal(added('# only a comment', { name: 'web', port: 3000 }), '# only a comment\nservices:\n  web:\n    ports: 3000\n');
  assert.equal(added('', { name: 'web', port: 3000 }), 'services:\n  web:\n    ports: 3000\n');
});

test('refuses a service that is already there (any spelling) and a file with YAML errors', () => {
  assert.match((planAddService(REGISTRY, 'ports.yaml', { name: 'Ledger', port: 1 }) as { error: string }).error, /already in ports\.yaml/);
  assert.match((planAddService('services: [\n', 'ports.yaml', { name: 'a', port: 1 }) as { error: string }).error, /YAML errors/);
});
