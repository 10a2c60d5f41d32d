// What run.ts and its worker threads say to each other.

export interface WorkerJob {
  names: string[];
  seed: number;
  scale: number;
  shared: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'start'; name: string; runs: number }
  | { type: 'done'; name: string; runs: number; ms: number; failure?: string };

/** Bytes of the current input kept for a hang report. */
export const INPUT_BYTES = 256 * 1024;
