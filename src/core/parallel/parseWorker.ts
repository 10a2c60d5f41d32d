// A parse worker thread (started by pool.ts): parses each batch it is sent and sends the facts back.
import { parentPort } from 'node:worker_threads';
import { parseBatch, type ParseBatch } from './batch';
import { toWire } from './wire';

parentPort!.on('message', (batch: ParseBatch) => {
  const wire = toWire(parseBatch(batch));
  parentPort!.postMessage(wire, [wire.data.buffer]);
});
