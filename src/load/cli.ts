#!/usr/bin/env node
// dist/cli.js, the package's bin: the CLI's bundle (src/cli.ts), through V8's code cache.
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';

loadWithCodeCache(path.join(__dirname, 'cli.bundle.js'));
