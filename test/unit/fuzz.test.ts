// A small fixed-seed slice of the fuzzers (test/fuzz/): the same properties `npm run fuzz` runs
// 100,000+ times, a few thousand cases here so every `npm run test:fast` exercises them.
import { test } from 'node:test';
import fc from 'fast-check';
import { PROPERTIES } from '../fuzz/properties';
import { loadSeeds } from '../fuzz/seeds';

const SEED = 20250611;
const SCALE = 0.02;
const seeds = loadSeeds();

for (const property of PROPERTIES) {
  const numRuns = Math.max(100, Math.round(property.runs * SCALE));
  test(`fuzz ${property.name} (${numRuns} cases, seed ${SEED})`, { timeout: 120_000 }, () => {
    fc.assert(property.make(seeds), { seed: SEED, numRuns, endOnFailure: false });
  });
}
