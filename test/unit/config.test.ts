// The repository's configuration file, the ignore files and the globs: what a folder's check reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../support/tempDir';
import { globFilter } from '../../src/core/config/globFilter';
import { IgnoreFiles } from '../../src/core/config/ignoreFiles';
import { parseConfig } from '../../src/core/config/projectConfig';
import { folderConfig } from '../../src/core/config/folderConfig';
import { DEFAULT_DISCOVER, discover } from '../../src/core/discover';
import { RULES } from '../../src/core/rules/catalog';

function tree(files: Record<string, string>): string {
  const root = tempDir('portolan-config-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('globFilter: globs relative to the folder; bare names match at any depth; folders exclude their files', () => {
  const files = ['ports.yaml', 'docs/a.md', 'docs/archive/old.md', 'svc/api/.env', 'svc/api/compose.yaml', 'legacy/README.md'];
  const pick = (include: string[], exclude: string[]) => {
    const filter = globFilter(include, exclude);
    return files.filter((file) => filter.reads(file));
  };
  assert.deepEqual(pick([], []), files);
  assert.deepEqual(pick([], ['docs/archive']), files.filter((f) => !f.startsWith('docs/archive/')));
  assert.deepEqual(pick([], ['docs/archive/**']), files.filter((f) => !f.startsWith('docs/archive/')));
  assert.deepEqual(pick([], ['legacy', '*.env', '.env']), ['ports.yaml', 'docs/a.md', 'docs/archive/old.md', 'svc/api/compose.yaml']);
  assert.deepEqual(pick(['docs'], ['**/archive/**']), ['docs/a.md']);
  assert.deepEqual(pick(['ports.yaml', 'svc/**'], []), ['ports.yaml', 'svc/api/.env', 'svc/api/compose.yaml']);
  assert.deepEqual(pick(['./docs/'], []), ['docs/a.md', 'docs/archive/old.md']);
});

test('parseConfig: rules, globs and ignoreFiles; what is wrong is named and left at its default', () => {
  const problems: string[] = [];
  const config = parseConfig(JSON.stringify({ rules: { 'port-conflict': 'warning', 'out-of-range': 'off' }, exclude: ['legacy'], ignoreFiles: false }), problems);
  assert.deepEqual(config, { rules: { 'port-conflict': 'warning', 'out-of-range': 'off' }, exclude: ['legacy'], include: [], ignoreFiles: false, kinds: ['registry', 'compose', 'env', 'markdown', 'package', 'procfile', 'dockerfile', 'devcontainer', 'commands'] });
  assert.deepEqual(problems, []);

  const wrong: string[] = [];
  const fallback = parseConfig(JSON.stringify({ rules: { 'port-conflict': 'loud', 'no-such-rule': 'error' }, exclude: 'legacy', extra: 1, kinds: ['yaml'] }), wrong);
  assert.deepEqual(fallback, { rules: {}, exclude: [], include: [], ignoreFiles: true, kinds: ['registry', 'compose', 'env', 'markdown', 'package', 'procfile', 'dockerfile', 'devcontainer', 'commands'] });
  assert.equal(wrong.length, 5);
  assert.match(wrong.join('\n'), /"kinds" must be a list of registry, compose, env, markdown, package, procfile, dockerfile, devcontainer, commands/);
  assert.match(wrong.join('\n'), /unknown key "extra"/);
  assert.match(wrong.join('\n'), /rules\.port-conflict: ignoring "loud"/);
  assert.match(wrong.join('\n'), /rules\.no-such-rule: unknown rule/);
  assert.match(wrong.join('\n'), /"exclude" must be a list of globs/);

  const broken: string[] = [];
  assert.deepEqual(parseConfig('{ "rules": ', broken).rules, {});
  assert.match(broken[0], /not valid JSON/);
});

test('IgnoreFiles: patterns relative to their folder, deeper files and later patterns win, nothing comes back from under an ignored folder', () => {
  const root = tree({
    '.gitignore': 'generated/\n*.local.md\n.env\n',
    '.portolanignore': '!keep.local.md\n',
    'svc/.gitignore': '!.env\ndrafts\n',
  });
  const ignores = new IgnoreFiles(root);
  assert.equal(ignores.ignores('generated', true), true);
  assert.equal(ignores.ignores('generated/compose.yaml', false), true);
  assert.equal(ignores.ignores('docs/notes.local.md', false), true);
  assert.equal(ignores.ignores('docs/keep.local.md', false), false, '.portolanignore brings back what .gitignore ignores');
  assert.equal(ignores.ignores('.env', false), true);
  assert.equal(ignores.ignores('svc/.env', false), false, 'a deeper ignore file overrides a shallower one');
  assert.equal(ignores.ignores('svc/drafts/compose.yaml', false), true);
  assert.equal(ignores.ignores('drafts/compose.yaml', false), false, 'svc/.gitignore applies under svc/ only');
  assert.equal(ignores.ignores('ports.yaml', false), false);
});

test('IgnoreFiles: a folder whose entries a walk listed reads only the ignore files it holds', () => {
  const files: Record<string, string> = { '/r/.gitignore': 'tmp/\n', '/r/svc/.portolanignore': 'drafts\n' };
  const asked: string[] = [];
  const ignores = new IgnoreFiles('/r', (file) => {
    asked.push(file);
    return files[file];
  });
  ignores.listed('', [{ name: '.gitignore' }, { name: 'svc' }, { name: 'web' }]);
  ignores.listed('svc', [{ name: '.portolanignore' }, { name: 'drafts' }]);
  ignores.listed('web', [{ name: 'compose.yaml' }]);
  assert.equal(ignores.ignores('tmp/compose.yaml', false), true);
  assert.equal(ignores.ignores('svc/drafts', true), true);
  assert.equal(ignores.ignores('web/compose.yaml', false), false);
  assert.deepEqual(asked.sort(), ['/r/.gitignore', '/r/svc/.portolanignore'], 'nothing asked of the folders that hold no ignore file');
  // A folder no walk listed is asked about both names.
  assert.equal(ignores.ignores('api/compose.yaml', false), false);
  assert.deepEqual(asked.filter((f) => f.startsWith('/r/api/')).sort(), ['/r/api/.gitignore', '/r/api/.portolanignore']);
});

test('folderConfig + discover: the nearest configuration above the checked folder, its globs and the ignore files from the repository root', () => {
  const root = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'tmp/\n',
    'portolan.config.json': JSON.stringify({ exclude: ['services/legacy', '*.draft.md'], rules: { 'port-mismatch': 'error' } }),
    'services/api/compose.yaml': 'services: {}\n',
    'services/legacy/compose.yaml': 'services: {}\n',
    'services/tmp/compose.yaml': 'services: {}\n',
    'services/tmp2/compose.yaml': 'services: {}\n',
    'services/PORTS.draft.md': '# x\n',
    'services/PORTS.md': '# x\n',
  });
  const problems: string[] = [];
  const services = folderConfig(path.join(root, 'services'), problems);
  assert.deepEqual(problems, []);
  assert.equal(services.file, path.join(root, 'portolan.config.json'));
  assert.deepEqual(services.config.rules, { 'port-mismatch': 'error' });
  const found = discover(path.join(root, 'services'), { ...DEFAULT_DISCOVER, filter: services.filter }).files;
  assert.deepEqual(found, ['PORTS.md', 'api/compose.yaml', 'tmp2/compose.yaml']);

  const withExclude = folderConfig(path.join(root, 'services'), [], { exclude: ['api'] });
  assert.deepEqual(discover(path.join(root, 'services'), { ...DEFAULT_DISCOVER, filter: withExclude.filter }).files, ['PORTS.md', 'tmp2/compose.yaml']);

  // A folder git ignores, named for checking, is checked whole.
  const ignoredFolder = folderConfig(path.join(root, 'services/tmp'), []);
  assert.deepEqual(discover(path.join(root, 'services/tmp'), { ...DEFAULT_DISCOVER, filter: ignoredFolder.filter }).files, ['compose.yaml']);

  fs.writeFileSync(path.join(root, 'portolan.config.json'), JSON.stringify({ ignoreFiles: false }));
  const noIgnore = folderConfig(root, []);
  assert.ok(discover(root, { ...DEFAULT_DISCOVER, filter: noIgnore.filter }).files.includes('services/tmp/compose.yaml'));
});

test('kinds: a configuration that reads no documents leaves Markdown out, and YAML of any name stays a possible compose file', () => {
  const root = tree({
    'portolan.config.json': JSON.stringify({ kinds: ['registry', 'compose', 'env'] }),
    'PORTS.md': '# x\n', 'ports.yaml': 'version: 1\n', 'deploy/stack.yml': 'services: {}\n', 'api/.env': 'PORT=1\n', 'docker-compose.yml': 'services: {}\n',
    'web/package.json': '{}\n', 'web/Procfile': 'web: x\n',
  });
  const files = (dir: string) => discover(dir, { ...DEFAULT_DISCOVER, filter: folderConfig(dir, []).filter }).files;
  assert.deepEqual(files(root), ['api/.env', 'deploy/stack.yml', 'docker-compose.yml', 'ports.yaml']);
  fs.writeFileSync(path.join(root, 'portolan.config.json'), JSON.stringify({ kinds: ['markdown'] }));
  assert.deepEqual(files(root), ['PORTS.md']);
});

test('folderConfig: outside a repository and without a configuration file, the folder reads everything', () => {
  const root = tree({ 'a/compose.yaml': 'services: {}\n', 'README.md': '# x\n' });
  const config = folderConfig(path.join(root, 'a'), []);
  assert.equal(config.file, undefined);
  assert.deepEqual(discover(path.join(root, 'a'), { ...DEFAULT_DISCOVER, filter: config.filter }).files, ['compose.yaml']);
});

test('the configuration file\'s JSON Schema (contributed for completion) names every rule, with its default severity', () => {
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/portolan.config.schema.json'), 'utf8'));
  const rules = schema.properties.rules.properties as Record<string, { enum: string[]; description: string }>;
  assert.deepEqual(Object.keys(rules), RULES.map((r) => r.id));
  for (const rule of RULES) {
    assert.deepEqual(rules[rule.id].enum, ['error', 'warning', 'info', 'off']);
    assert.equal(rules[rule.id].description, `${rule.summary} (default: ${rule.severity})`);
  }
  assert.deepEqual(Object.keys(schema.properties).filter((k) => k !== '$schema').sort(), Object.keys(parseConfig('{}')).sort());
  assert.deepEqual(schema.properties.kinds.items.enum, parseConfig('{}').kinds, 'every kind of source, in the table\'s order');
  assert.deepEqual(schema.properties.kinds.default, parseConfig('{}').kinds);
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: 'portolan.config.json', url: './resources/portolan.config.schema.json' }]);
});
