// dist/server.js, which the extension and `portolan lsp` start: the language server's bundle
// (src/server/main.ts), through V8's code cache.
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';

loadWithCodeCache(path.join(__dirname, 'server.bundle.js'));
