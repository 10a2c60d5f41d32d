import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseByKind } from '../../src/core/parsers/dispatch';
import { parseRegistry } from '../../src/core/parsers/registry';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';

test('facts with interned strings are the same facts: fields, suppressed rules and alias lists', () => {
  const registry = 'services:\n  api:\n    ports: 8001\n    aliases: [The API, api-gw]\n# portolan-ignore port-conflict out-of-range\n  web: 8002\n';
  const doc = '## Core (8000-8009)\n\n<!-- portolan-ignore port-mismatch -->\n| Service | Port |\n|---|---|\n| Settlement Engine | 8003 |\n';
  assert.deepEqual(parseByKind('registry', registry, { file: 'ports.yaml' }), parseRegistry(registry, { file: 'ports.yaml' }));
  const facts = parseByKind('markdown', doc, { file: 'PORTS.md' });
  assert.deepEqual(facts, parseMarkdown(doc, { file: 'PORTS.md' }));
  assert.equal(facts.allocations[0].service, 'Settlement Engine');
  assert.ok(facts.suppressions.length > 0 && facts.suppressions.every((s) => s.rules.every((r) => typeof r === 'string')));
});
