// `npm run fuzz`: every fuzz property (test/fuzz/properties.ts), 100,000+ cases in all, spread over
// worker threads. A case that throws or breaks an invariant fails the run with its shrunk
// counterexample and the seed and path that replay it; a case that runs longer than --hang-ms
// (default 15 s) is a hang: its worker is terminated and the input it was working on is reported.
//
//   npm run fuzz                         # random seed (printed), full size
//   npm run fuzz -- --seed 42            # replay a run
//   npm run fuzz -- --only parse:compose --scale 0.1 --jobs 1
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { PROPERTIES } from './properties';
import { INPUT_BYTES, type WorkerJob, type WorkerMessage } from './messages';

interface Options {
  seed: number;
  scale: number;
  jobs: number;
  only?: string;
  hangMs: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { seed: Date.now() % 2 ** 31, scale: 1, jobs: Math.max(1, Math.min(4, os.availableParallelism())), hangMs: 15_000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--scale') options.scale = Number(value());
    else if (flag === '--jobs') options.jobs = Math.max(1, Number(value()));
    else if (flag === '--only') options.only = value();
    else if (flag === '--hang-ms') options.hangMs = Number(value());
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

interface Result {
  name: string;
  runs: number;
  ms: number;
  failure?: string;
}

/** Splits the properties over `jobs` lists with about the same number of cases each. */
function plan(names: string[], jobs: number): string[][] {
  const lists = Array.from({ length: Math.min(jobs, names.length) }, () => ({ names: [] as string[], runs: 0 }));
  const byRuns = [...names].sort((a, b) => runsOf(b) - runsOf(a));
  for (const name of byRuns) {
    const least = lists.reduce((a, b) => (b.runs < a.runs ? b : a));
    least.names.push(name);
    least.runs += runsOf(name);
  }
  return lists.map((l) => l.names);
}

function runsOf(name: string): number {
  return PROPERTIES.find((p) => p.name === name)!.runs;
}

const TSX = require.resolve('tsx/cjs');
const WORKER = path.join(__dirname, 'worker.ts');

/** Runs one list of properties in a worker; a hang ends the worker and the rest of its list runs in a new one. */
async function runList(names: string[], options: Options, results: Result[]): Promise<void> {
  let pending = [...names];
  while (pending.length > 0) {
    const shared = new SharedArrayBuffer(8 + INPUT_BYTES);
    const header = new Int32Array(shared, 0, 2);
    const job: WorkerJob = { names: pending, seed: options.seed, scale: options.scale, shared };
    const worker = new Worker(`require(${JSON.stringify(TSX)}); require(${JSON.stringify(WORKER)});`, { eval: true, workerData: job });
    let current: { name: string; started: number } | undefined;
    await new Promise<void>((resolve) => {
      let lastCount = -1;
      let lastChange = performance.now();
      const watchdog = setInterval(() => {
        const count = Atomics.load(header, 0);
        if (count !== lastCount) {
          lastCount = count;
          lastChange = performance.now();
          return;
        }
        if (current && performance.now() - lastChange > options.hangMs) {
          const length = Atomics.load(header, 1);
          const input = new TextDecoder().decode(new Uint8Array(shared, 8, length).slice());
          const file = path.join(os.tmpdir(), `portolan-fuzz-hang-${current.name.replace(/\W/g, '_')}-${options.seed}.txt`);
          fs.writeFileSync(file, input);
          results.push({ name: current.name, runs: 0, ms: performance.now() - current.started, failure: `hang: no case finished for ${options.hangMs} ms; input (${input.length} chars) saved to ${file}:\n${JSON.stringify(input.slice(0, 2000))}` });
          pending = pending.filter((n) => n !== current!.name);
          current = undefined;
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve());
        }
      }, 250);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'start') {
          current = { name: message.name, started: performance.now() };
          process.stdout.write(`  ${message.name}: ${message.runs} cases...\n`);
        } else {
          results.push({ name: message.name, runs: message.runs, ms: message.ms, failure: message.failure });
          pending = pending.filter((n) => n !== message.name);
          current = undefined;
          process.stdout.write(`  ${message.name}: ${message.failure ? 'FAILED' : 'ok'} (${message.runs} cases, ${(message.ms / 1000).toFixed(1)} s)\n`);
        }
      });
      worker.on('error', (err) => {
        if (current) {
          results.push({ name: current.name, runs: 0, ms: performance.now() - current.started, failure: `worker crashed: ${err.stack ?? err}` });
          pending = pending.filter((n) => n !== current!.name);
        } else {
          pending = [];
          results.push({ name: '(worker)', runs: 0, ms: 0, failure: `worker crashed: ${err.stack ?? err}` });
        }
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        resolve();
      });
    });
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const names = PROPERTIES.map((p) => p.name).filter((n) => !options.only || n.includes(options.only));
  if (names.length === 0) throw new Error(`no property matches ${options.only}`);
  const total = names.reduce((n, name) => n + Math.max(1, Math.round(runsOf(name) * options.scale)), 0);
  process.stdout.write(`portolan fuzz: ${names.length} properties, ${total} cases, seed ${options.seed}, ${options.jobs} worker(s)\n`);
  const started = performance.now();
  const results: Result[] = [];
  await Promise.all(plan(names, options.jobs).map((list) => runList(list, options, results)));
  const seconds = (performance.now() - started) / 1000;
  const failures = results.filter((r) => r.failure);
  const ran = results.reduce((n, r) => n + r.runs, 0);
  process.stdout.write('\n');
  for (const r of [...results].sort((a, b) => a.name.localeCompare(b.name))) {
    process.stdout.write(`${r.failure ? 'FAIL' : 'ok  '} ${r.name.padEnd(24)} ${String(r.runs).padStart(7)} cases ${(r.ms / 1000).toFixed(1).padStart(6)} s\n`);
  }
  for (const f of failures) process.stdout.write(`\n--- ${f.name}\n${f.failure}\n`);
  process.stdout.write(`\n${ran} cases in ${seconds.toFixed(1)} s (seed ${options.seed}): ${results.length - failures.length} passed, ${failures.length} failed\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
