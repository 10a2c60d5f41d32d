import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseByKind } from '../../src/core/parsers/dispatch';
import { parseRegistry } from '../../src/core/parsers/registry/registry';
import { parseMarkdown } from '../../src/core/parsers/markdown/parseMarkdown';
import { intern } from '../../src/core/text/intern';
import { memoByText } from '../../src/core/text/memo';

test('facts with interned strings are the same facts: fields, suppressed rules and alias lists', () => {
  const registry = 'services:\n  api:\n    ports: 8001\n    aliases: [The API, api-gw]\n# portolan-ignore port-conflict out-of-range\n  web: 8002\n';
  const doc = '## Core (8000-8009)\n\n<!-- portolan-ignore port-mismatch -->\n| Service | Port |\n|---|---|\n| Settlement Engine | 8003 |\n';
  assert.deepEqual(parseByKind('registry', registry, { file: 'ports.yaml' }), parseRegistry(registry, { file: 'ports.yaml' }));
  const facts = parseByKind('markdown', doc, { file: 'PORTS.md' });
  assert.deepEqual(facts, parseMarkdown(doc, { file: 'PORTS.md' }));
  assert.equal(facts.allocations[0].service, 'Settlement Engine');
  assert.ok(facts.suppressions.length > 0 && facts.suppressions.every((s) => s.rules.every((r) => typeof r === 'string')));
});

test('memoByText computes once per spelling, on the interned copy, and a cached answer is the same answer', () => {
  const seen: string[] = [];
  const upper = memoByText((text) => {
    seen.push(text);
    return text.toUpperCase();
  });
  const file = 'PORT=1\nAPI_GATEWAY_PORT=8080\nAPI_GATEWAY_PORT=8081\n';
  const first = file.slice(file.indexOf('API'), file.indexOf('=8080'));
  const second = file.slice(file.lastIndexOf('API'), file.indexOf('=8081'));
  assert.equal(upper(first), 'API_GATEWAY_PORT');
  assert.equal(upper(second), 'API_GATEWAY_PORT');
  assert.equal(upper('other'), 'OTHER');
  assert.deepEqual(seen, ['API_GATEWAY_PORT', 'other']);
  assert.equal(seen[0], intern(first));
});
