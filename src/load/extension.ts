// dist/extension.js, what VS Code loads (package.json's main): the extension's bundle
// (src/extension.ts), through V8's code cache.
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';

export = loadWithCodeCache(path.join(__dirname, 'extension.bundle.js')).exports;
