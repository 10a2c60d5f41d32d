// Patterns from real port documents (reduced to a few lines each) where a careful reviewer finds
// no problem, or exactly the one listed. Every false alarm here once fired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPath } from '../../src/core/check';

const ROOT = path.resolve(__dirname, '../fixtures/realworld');

const EXPECTED: Record<string, string[]> = {
  'usage-column-roles': [],
  'purpose-column-zh': [],
  'component-names-under-product-heading': [],
  'placeholder-names': [],
  'identity-postgres': [],
  'short-name-bullet': [],
  'category-service-column': [],
  'env-prefix-environments': [],
  'db-port-client': [],
  'compose-variants': [],
  'compose-first-port-is-main': [],
  'nested-bullet-ranges': [],
  'mermaid-newline-labels': [],
  'next-available-ports': [],
  'foreign-ports-yaml': [],
  'vs-service-indexed': [],
  'japanese-headers': ['port-conflict@PORTS.md:4'],
};

test('every real-world case has an expectation', () => {
  assert.deepEqual(fs.readdirSync(ROOT).sort(), Object.keys(EXPECTED).sort());
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`real-world pattern: ${name}`, () => {
    const result = checkPath(path.join(ROOT, name));
    const found = result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.loc.file}:${f.loc.span.startLine}`);
    assert.deepEqual(found, expected);
  });
}

test('a row named vs-service is a service, not a "versus" line', () => {
  const result = checkPath(path.join(ROOT, 'vs-service-indexed'));
  assert.ok(result.allocations.some((a) => a.service === 'vs-service' && a.port === 50081));
});

test('a foreign ports.yaml is read by its own shape: its flat `ports:` map, without schema problems', () => {
  const result = checkPath(path.join(ROOT, 'foreign-ports-yaml'));
  assert.deepEqual(result.skipped, []);
  assert.deepEqual(result.allocations.map((a) => a.port), [13032, 16380]);
});
