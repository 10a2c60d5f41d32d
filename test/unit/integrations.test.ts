// The CI integrations as a workflow and pre-commit run them: the GitHub Action's check steps
// (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), on examples/, through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { tempDir } from '../support/tempDir';
import { checkPath } from '../../src/core/check';
import { sourceKindOf } from '../../src/core/parsers/dispatch';
import { SOURCE_KINDS } from '../../src/core/sources';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(REPO, 'examples');

interface Step { name?: string; uses?: string; run?: string; env?: Record<string, string> }
interface Action { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } }

/** A step's `run` script under bash, as the runner starts it: `${{ inputs.x }}` in its env, GITHUB_ACTION_PATH at the repository. */
function runStep(action: Action, step: Step, inputs: Record<string, string>, cwd: string) {
  const value = (name: string) => inputs[name] ?? action.inputs[name].default;
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => value(name))]));
  assert.doesNotMatch(step.run!, /\$\{\{/, 'inputs reach the script through env, never spliced into it');
  return spawnSync('bash', ['-euo', 'pipefail', '-c', step.run!], { cwd, encoding: 'utf8', env: { ...process.env, ...env, GITHUB_ACTION_PATH: REPO } });
}

test('action.yml: the SARIF step writes a report of every finding, the annotation step fails the job at fail-on', () => {
  const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;
  const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'the report goes to code scanning');

  const sarif = path.join(tempDir('portolan-action-'), 'report.sarif');
  const written = runStep(action, step('Check (SARIF)'), { 'sarif-file': sarif }, EXAMPLES);
  assert.equal(written.status, 0, written.stderr);
  const log = JSON.parse(fs.readFileSync(sarif, 'utf8'));
  assert.equal(log.runs[0].results.length, checkPath(EXAMPLES).findings.length);

  const annotated = runStep(action, step('Check (annotations)'), {}, EXAMPLES);
  assert.equal(annotated.status, 1, 'examples/ has errors');
  assert.match(annotated.stdout, /^::error file=examples\/ports\.yaml,line=\d+/m);
  assert.equal(runStep(action, step('Check (annotations)'), { 'fail-on': 'never' }, EXAMPLES).status, 0);
  const twoPaths = runStep(action, step('Check (annotations)'), { paths: 'docs workers', 'fail-on': 'never' }, EXAMPLES);
  assert.equal(twoPaths.status, 0, twoPaths.stderr);
  assert.match(twoPaths.stdout, /file=examples\/workers\//);
  assert.match(twoPaths.stdout, /file=examples\/docs\//);
});

test('.pre-commit-hooks.yaml: the hook runs the package\'s bin on the whole repository when a port source changes', () => {
  const [hook] = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string; pass_filenames: boolean }>;
  assert.equal(hook.language, 'node');
  assert.equal(hook.pass_filenames, false);
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const [bin, ...args] = hook.entry.split(' ');
  const files = new RegExp(hook.files);
  const sources = checkPath(EXAMPLES).snapshot.files.map((f) => `examples/${f.file}`);
  assert.ok(sources.length >= 5);
  // A YAML file known by its content (a Kubernetes manifest) does not start it, as the hook says.
  for (const file of sources) if (sourceKindOf(file) !== undefined) assert.match(file, files);
  assert.ok(sources.some((file) => sourceKindOf(file) === undefined), 'examples hold a file known by its content');
  for (const other of ['src/cli.ts', 'package-lock.json', 'docs/diagram.png', '.github/workflows/ci.yml', '.envrc', 'composer.yml', 'docs/ports.yaml.bak']) assert.doesNotMatch(other, files);
  // Every name the table of source kinds gives a kind starts the hook (a glob's `*` as `x`), and so
  // do the files that decide what is read.
  for (const kind of Object.values(SOURCE_KINDS)) {
    for (const name of kind.names) {
      const example = `deploy/${name.replace(/\*/g, 'x')}`;
      if (kind.isNamed(example)) assert.match(example, files);
    }
  }
  for (const decides of ['portolan.config.json', 'svc/.portolanignore', '.gitignore']) assert.match(decides, files);
  const run = spawnSync(process.execPath, [path.join(REPO, manifest.bin[bin]), ...args], { cwd: EXAMPLES, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /files checked: 4 errors/);
});

test('the $portolan problem matcher reads every finding of the text report, coloured or not', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const [matcher] = manifest.contributes.problemMatchers;
  assert.equal(matcher.name, 'portolan');
  const pattern = new RegExp(matcher.pattern.regexp);
  const json = JSON.parse(spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'check', '--format', 'json', '--fail-on', 'never'], { cwd: EXAMPLES, encoding: 'utf8' }).stdout);
  const expected = json.findings.map((f: { file: string; line: number; column: number; severity: string; rule: string; message: string }) => [f.file, f.line, f.column, f.severity, f.rule, f.message]);
  for (const color of ['--no-color', '--color']) {
    const text = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'check', color], { cwd: EXAMPLES, encoding: 'utf8' }).stdout;
    // VS Code takes the escape codes out of a task's output before matching.
    const plain = text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    const matched = plain.split('\n').map((line) => pattern.exec(line)).filter((m) => m !== null).map((m) => {
      const p = matcher.pattern;
      return [m[p.file], Number(m[p.line]), Number(m[p.column]), m[p.severity], m[p.code], m[p.message]];
    });
    assert.deepEqual(matched, expected, color);
  }
});

test('the manifest: walkthrough steps open real commands and ship their media; trace.server is the client\'s', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
  for (const view of manifest.contributes.views.portolan) commands.add(`${view.id}.focus`);
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.equal(walkthrough.steps.length, 3);
  for (const step of walkthrough.steps) {
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command), command);
    assert.ok(fs.existsSync(path.join(REPO, step.media.markdown)), step.media.markdown);
  }
  assert.deepEqual(manifest.contributes.configuration.properties['portolan.trace.server'].enum, ['off', 'messages', 'verbose']);
  // vscode-languageclient reads `<client id>.trace.server`.
  assert.match(fs.readFileSync(path.join(REPO, 'src/vscode/client.ts'), 'utf8'), /new LanguageClient\('portolan',/);
  assert.ok(fs.existsSync(path.join(REPO, manifest.icon)));
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
});
