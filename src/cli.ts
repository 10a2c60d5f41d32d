// `portolan check` for CI and `portolan list` for people: the same engine the extension runs.
import * as fs from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { checkPathParallel, type CheckResult, type ParallelCheckResult } from './core/check';
import { DEFAULT_DISCOVER } from './core/discover';
import { folderConfig } from './core/config/folderConfig';
import { HELP, parseArgs, usageOf, UsageError, type CliArgs } from './cli/args';
import { formatJson, formatSarif, formatText } from './cli/report';
import { formatGithub } from './cli/github';
import { formatList, formatListJson } from './cli/list';
import { repositoryPaths } from './core/config/repositoryRoot';
import { colorsFor } from './cli/colors';

declare const PORTOLAN_VERSION: string;

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`portolan: ${err.message}\n\n${usageOf(argv)}\n`);
      return 2;
    }
    throw err;
  }
  if (args.command === 'help') {
    process.stdout.write(`${HELP[args.helpFor ?? 'main']}\n`);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${PORTOLAN_VERSION}\n`);
    return 0;
  }
  if (args.command === 'lsp') {
    // The language server is its own bundle beside this one (dist/server.js), which starts it and
    // runs until the client exits; the transport comes from argv (--stdio, --node-ipc, ...). Not
    // bundled here: `check` and `list` need none of it, and it was a third of what every run loaded.
    createRequire(__filename)(path.join(__dirname, 'server.js'));
    return 0;
  }
  for (const p of args.paths) {
    if (!fs.existsSync(p)) {
      process.stderr.write(`portolan: cannot read ${p}: no such file or folder\n`);
      return 2;
    }
  }
  const results: ParallelCheckResult[] = [];
  for (const p of args.paths) {
    const isFile = fs.statSync(p).isFile();
    // A file named on the command line is read whatever the excludes say; its folder's configuration still sets the rules.
    const problems: string[] = [];
    const { config, filter } = folderConfig(isFile ? path.dirname(p) : p, problems, { exclude: args.exclude });
    for (const problem of new Set(problems)) process.stderr.write(`portolan: ${problem}\n`);
    const discover = { ...DEFAULT_DISCOVER, filter, ...(args.maxFileSize === undefined ? {} : { maxFileBytes: args.maxFileSize }) };
    results.push(await checkPathParallel(p, { discover, rules: config.rules }));
  }
  for (const r of results) {
    for (const s of r.skipped) process.stderr.write(`portolan: skipped ${path.join(r.root, s.file)}: ${s.reason}\n`);
    for (const failure of r.workerFailures) process.stderr.write(`portolan: ${failure}\n`);
  }
  if (args.command === 'list') {
    await writeOut(args.format === 'json' ? formatListJson(results) : [results.map(formatList).join('\n\n')]);
    return 0;
  }
  await writeOut(render(args, results));
  return exitCode(args, results);
}

function render(args: CliArgs, results: CheckResult[]): Iterable<string> {
  switch (args.format) {
    case 'json': return formatJson(results);
    case 'sarif': return [formatSarif(results, PORTOLAN_VERSION)];
    case 'github': {
      const paths = new Map(results.map((r) => [r, repositoryPaths(r.root)]));
      return [formatGithub(results, (r, file) => paths.get(r)!.pathOf(file))];
    }
    case 'text': {
      const label = (r: CheckResult, file: string) => (results.length > 1 || args.paths[0] !== '.' ? path.join(r.root, file) : file);
      return [formatText(results, label, colorsFor(process.stdout, process.env, args.color))];
    }
  }
}

/**
 * Writes a report in pieces of about 64 KB, waiting while the reader is behind, so it is never
 * held whole. A reader that stops early (`| head`) closes the pipe: the rest is dropped quietly.
 */
async function writeOut(pieces: Iterable<string>): Promise<void> {
  const out = process.stdout;
  let closed = false;
  out.on('error', (err: NodeJS.ErrnoException) => {
    closed = true;
    if (err.code === 'EPIPE') return;
    process.stderr.write(`portolan: cannot write the report: ${err.message}\n`);
    process.exitCode = 2;
  });
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < 1 << 16) continue;
    if (closed) return;
    if (!out.write(pending)) await once(out, 'drain').catch(() => undefined);
    pending = '';
  }
  if (!closed) out.write(`${pending}\n`);
}

function exitCode(args: CliArgs, results: CheckResult[]): number {
  if (args.failOn === 'never') return 0;
  const levels = args.failOn === 'warning' ? ['error', 'warning'] : ['error'];
  return results.some((r) => r.findings.some((f) => levels.includes(f.severity))) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // A failed write of the report has set its own exit code already.
    process.exitCode ??= code;
  },
  (err: unknown) => {
    process.stderr.write(`portolan: internal error: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 2;
  },
);
