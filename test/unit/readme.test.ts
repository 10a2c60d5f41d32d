// The README's CLI, configuration and CI sections, held to what the code does: every command in
// them runs here, and every file they show is read by what reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../src/core/config/projectConfig';

const REPO = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** The text of a `## `/`### ` section, up to the next heading of its level or above. */
function section(heading: string): string {
  const start = README.indexOf(`${heading}\n`);
  assert.ok(start >= 0, heading);
  const level = heading.indexOf(' ');
  const rest = README.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The fenced blocks of a language in a piece of the README. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
}

test('README, CLI: every example command runs on examples/ and is answered (exit 0 or 1, never a usage error)', () => {
  const examples = section('## CLI').split('Examples (run on `examples/`')[1];
  const commands = blocks(examples, 'sh')[0].trim().split('\n');
  assert.ok(commands.length >= 3);
  for (const command of commands) {
    const [bin, ...args] = command.split(/\s+/);
    assert.equal(bin, 'portolan');
    const run = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), ...args], { cwd: path.join(REPO, 'examples'), encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `${command}: ${run.status} ${run.stderr}`);
    assert.notEqual(run.stdout.trim(), '', command);
  }
  // The synopsis names every option the CLI's own help does.
  const synopsis = blocks(section('## CLI'), 'sh')[0];
  for (const command of ['check', 'list']) {
    const help = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), command, '--help'], { encoding: 'utf8' }).stdout;
    for (const [option] of help.matchAll(/--[a-z-]+/g)) if (option !== '--help') assert.ok(synopsis.includes(option), `${command} ${option}`);
  }
});

test('README, configuration file: the example is a valid configuration', () => {
  const [example] = blocks(section('### Configuration file'), 'json');
  const problems: string[] = [];
  const config = parseConfig(example, problems);
  assert.deepEqual(problems, []);
  assert.equal(config.rules['unregistered-port'], 'off');
});

test('README, in CI: the workflow uses this action with its inputs, the pre-commit entry names this hook, the task names this matcher', () => {
  const ci = section('### In CI');
  const [workflow, precommit] = blocks(ci, 'yaml').map((text) => parse(text));
  const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
  const repository = MANIFEST.repository.url.replace(/\.git$/, '');
  const step = workflow.jobs.portolan.steps.find((s: { uses: string }) => s.uses.startsWith(`${new URL(repository).pathname.slice(1)}@`));
  assert.ok(step, 'the workflow uses this repository as its action');
  for (const input of Object.keys(step.with)) assert.ok(input in action.inputs, input);
  assert.equal(workflow.permissions['security-events'], 'write');
  for (const input of Object.keys(action.inputs)) assert.ok(ci.includes(`\`${input}\``), `input ${input} is documented`);

  const [hook] = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>;
  assert.equal(precommit.repos[0].repo, repository);
  assert.equal(precommit.repos[0].hooks[0].id, hook.id);

  const task = JSON.parse(blocks(ci, 'json')[0]);
  assert.equal(task.problemMatcher, `$${MANIFEST.contributes.problemMatchers[0].name}`);
});
