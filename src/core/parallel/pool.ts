// Parses batches of files on worker threads and on the main thread at once. V8 compiles hot code
// once per thread, and that compiling is much of a cold check's work: the batches come sorted by
// kind, workers take them from the front and the main thread from the back, so each thread runs
// few parsers and little is compiled twice.
//
// A worker that fails (throws, crashes, cannot start) loses nothing: the batches it had are parsed
// on the main thread, and why is reported.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseBatch, type ParseBatch, type ParsedFile } from './batch';
import { fromWire, type Wire } from './wire';

export interface PoolOptions {
  /** Worker threads beside the main thread, which parses too. */
  workers: number;
  /** Below this many files everything is parsed on the main thread, as checkPath does. */
  minFiles: number;
  /** Small enough that the threads finish close together. */
  batchFiles: number;
  /** The worker's entry: parseWorker.js beside the bundle, or parseWorker.ts under tsx. */
  script: string;
}

export const DEFAULT_POOL: PoolOptions = {
  // One worker does not pay: on two cores the second is already busy compiling and collecting
  // garbage for the main thread, and a worker starts, loads and compiles the parsers again. The
  // CLI on 10,000 files, measured with the facts' memory halved: one worker made it 3% faster in
  // wall time for a second more CPU time and 45 MB more memory.
  workers: os.availableParallelism() >= 3 ? Math.min(os.availableParallelism(), 4) - 1 : 0,
  // Below this, starting workers costs more than they save (measured only on two cores, with one
  // worker: 1,000 to 5,000 files 7-20% slower).
  minFiles: 8000,
  batchFiles: 200,
  script: path.join(__dirname, __filename.endsWith('.ts') ? 'parseWorker.ts' : 'parseWorker.js'),
};

/** Batches queued per worker, so a worker never waits for the main thread to send the next one. */
const IN_FLIGHT = 2;

export interface PoolResult {
  /** The files of each batch, by batch. */
  parsed: ParsedFile[][];
  /** Why workers failed, for the log. */
  failures: string[];
}

export async function parseInThreads(batches: ParseBatch[], options: PoolOptions): Promise<PoolResult> {
  const parsed: ParsedFile[][] = new Array(batches.length);
  const failures: string[] = [];
  // Batches not taken yet: [front, back).
  let front = 0;
  let back = batches.length;
  const runWorker = () => new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker(options.script);
    } catch (err) {
      failures.push(`a parse worker could not start (${messageOf(err)})`);
      resolve();
      return;
    }
    const sent: number[] = [];
    let failed = false;
    const give = () => {
      while (sent.length < IN_FLIGHT && front < back) {
        sent.push(front);
        worker.postMessage(batches[front++]);
      }
      if (sent.length === 0) void worker.terminate();
    };
    const fail = (why: string) => {
      const files = sent.reduce((n, i) => n + batches[i].files.length, 0);
      if (files > 0) failures.push(`a parse worker failed (${why}); its ${files} files, from ${batches[sent[0]].files[0]}, were parsed on the main thread`);
      sent.length = 0;
      failed = true;
      void worker.terminate();
    };
    worker.on('message', (wire: Wire) => {
      if (failed) return;
      try {
        parsed[sent[0]] = fromWire(wire) as ParsedFile[];
      } catch (err) {
        fail(`its answer could not be read: ${messageOf(err)}`);
        return;
      }
      sent.shift();
      give();
    });
    worker.on('error', (err) => fail(messageOf(err)));
    worker.on('messageerror', (err) => fail(messageOf(err)));
    worker.on('exit', (code) => {
      fail(`exited with code ${code}`);
      resolve();
    });
    give();
  });
  const workers = Promise.all(Array.from({ length: options.workers }, runWorker));
  while (front < back) {
    const i = --back;
    parsed[i] = parseBatch(batches[i]);
    // Lets the workers' results in, and sends them their next batches.
    await new Promise(setImmediate);
  }
  await workers;
  for (let i = 0; i < batches.length; i++) parsed[i] ??= parseBatch(batches[i]);
  return { parsed, failures };
}

function startWorker(script: string): Worker {
  if (!script.endsWith('.ts')) return new Worker(script);
  // Under tsx (tests, scripts) the worker is TypeScript: it loads tsx, from beside the script, first.
  const load = `const load = require('node:module').createRequire(${JSON.stringify(script)}); load('tsx/cjs'); load(${JSON.stringify(script)});`;
  return new Worker(load, { eval: true });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
