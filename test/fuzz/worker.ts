// One fuzz worker (a worker thread started by run.ts): runs the properties it is given and reports
// each one's result. Before every case it writes the input into shared memory, so that when a case
// hangs the runner can terminate the thread and still say which input did it.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { PROPERTIES, tracker } from './properties';
import { loadSeeds } from './seeds';
import { INPUT_BYTES, type WorkerJob, type WorkerMessage } from './messages';

const job = workerData as WorkerJob;
const header = new Int32Array(job.shared, 0, 2);
const bytes = new Uint8Array(job.shared, 8, INPUT_BYTES);
const encoder = new TextEncoder();

tracker.note = (_property, input) => {
  const { written } = encoder.encodeInto(input.length > INPUT_BYTES / 3 ? input.slice(0, INPUT_BYTES / 3) : input, bytes);
  Atomics.store(header, 1, written ?? 0);
  Atomics.add(header, 0, 1);
};

const seeds = loadSeeds({ shared: true });
for (const name of job.names) {
  const property = PROPERTIES.find((p) => p.name === name)!;
  const runs = Math.max(1, Math.round(property.runs * job.scale));
  parentPort!.postMessage({ type: 'start', name, runs } satisfies WorkerMessage);
  const started = performance.now();
  const details = fc.check(property.make(seeds), { seed: job.seed, numRuns: runs });
  const ms = performance.now() - started;
  let failure: string | undefined;
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    failure = [
      `seed ${details.seed}, path "${details.counterexamplePath}" (after ${details.numRuns} cases, shrunk ${details.numShrinks} times)`,
      `counterexample: ${fc.stringify(details.counterexample)}`,
      `error: ${error}`,
    ].join('\n');
  }
  parentPort!.postMessage({ type: 'done', name, runs: details.failed ? details.numRuns : runs, ms, failure } satisfies WorkerMessage);
}
