// The registry's JSON Schema (dist/ports.schema.json, written by `npm run build` from the zod
// schema): it agrees with the parser on valid and invalid registries, package.json contributes it
// for ports.yaml through yamlValidation, and the packaged extension ships it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { registryJsonSchema } from '../../src/core/parsers/registry/registryJsonSchema';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = path.join(ROOT, 'dist/ports.schema.json');

// ajv comes with the dev tools (dclint, vsce); it is only the test's judge of the schema.
function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
}

test('the build writes the schema generated from the zod schema', () => {
  assert.deepEqual(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')), registryJsonSchema());
  const schema = registryJsonSchema() as { $schema: string; title: string; properties: Record<string, { description?: string }> };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(Object.keys(schema.properties), ['version', 'ranges', 'reserved', 'services', 'projects']);
  assert.ok(Object.values(schema.properties).every((p) => p.description));
});

test('valid registries pass; unknown keys, bad ports and wrong shapes fail, as the parser says', () => {
  const validate = validator();
  const valid = [
    fs.readFileSync(path.join(ROOT, 'test/fixtures/vscode-workspace/ports.yaml'), 'utf8'),
    fs.readFileSync(path.join(ROOT, 'test/fixtures/workspaces/actions/ports.yaml'), 'utf8'),
    // The README's example.
    /```yaml\n(version: 1[\s\S]*?)```/.exec(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))![1],
    'services:\n',
    '',
  ];
  for (const text of valid) assert.ok(validate(parse(text) ?? {}), `${text}\n${JSON.stringify(validate.errors)}`);
  const invalid = [
    fs.readFileSync(path.join(ROOT, 'examples/ports.yaml'), 'utf8'),   // services.search.owner
    'version: 2\n',
    'services:\n  api:\n    ports: 99999\n',
    'services:\n  api:\n    enviroment: prod\n',
    'ranges:\n  core: { from: 8000, to: 8009, colour: red }\n',
    'reserved:\n  - port: 0\n',
    'services:\n  api:\n    protocol: quic\n',
  ];
  for (const text of invalid) assert.ok(!validate(parse(text)), text);
});

test('package.json contributes the schema for every registry file name; the VSIX ships it', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const [contribution] = pkg.contributes.yamlValidation;
  assert.equal(contribution.url, './dist/ports.schema.json');
  for (const name of ['ports.yaml', '.ports.yaml', 'ports.yml', '.ports.yml']) assert.ok(contribution.fileMatch.includes(name), name);
  const listed = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  assert.ok(listed.stdout.split('\n').includes('dist/ports.schema.json'), listed.stdout);
});
