#!/usr/bin/env node
// dist/cli.js, the package's bin: the CLI's bundle (src/cli.ts), through V8's code cache.
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { loadWithCodeCache } from './codeCache';

// A check is over in about a second, most of it spent in code that is still cold. V8's default
// budget sends a function to the optimizing compiler after little feedback, and in a run this
// short much of that work (and the deoptimizations that follow) is wasted: with a budget 4.4 times
// the default, `portolan check` of the bench's 1,000 files took 598 ms instead of 762 (medians of
// 12 interleaved runs), and of its 10,000 files no longer. Set before the bundle is compiled, so
// the code cache's tag (which covers V8's flags) is that of the flags it runs with. The language
// server runs for hours: it keeps V8's defaults.
if (process.argv[2] !== 'lsp') v8.setFlagsFromString('--interrupt-budget=300000');

loadWithCodeCache(path.join(__dirname, 'cli.bundle.js'));
