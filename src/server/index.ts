// The language server's public entry: `startServer()` runs it (dist/server.js, `portolan lsp`).
export { startServer, type ServerOptions } from './server';
