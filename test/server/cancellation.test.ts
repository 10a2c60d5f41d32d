// Every request provider honours its cancellation token: a request cancelled while its folder is
// still being indexed answers the provider's empty value (or RequestCancelled) instead of doing the
// work, over a real LSP connection. The folder is big enough that indexing outlasts the
// `$/cancelRequest` sent right after each request; the same requests uncancelled get real answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  LSPErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { AllocationsRequest } from '../../src/shared/protocol';
import { tempDir } from '../support/tempDir';
import { TestClient } from './harness';

const FILES = 3000;

function bigFolder(): string {
  const root = tempDir('portolan-cancel-');
  fs.writeFileSync(path.join(root, 'ports.yaml'), 'version: 1\nranges:\n  web: { from: 8080, to: 8089 }\nservices:\n  gateway:\n    range: web\n    ports: 8080\n');
  // Disagrees with the registry: a mismatch, so a quick fix is on offer.
  fs.writeFileSync(path.join(root, '.env'), 'GATEWAY_PORT=8081\n');
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, `svc/s${Math.floor(i / 100)}/n${i}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), `services:\n  svc-${i}:\n    image: x\n    ports:\n      - "${10000 + i}:80"\n`);
  }
  return root;
}

test('requests cancelled while the folder is indexed answer their empty value', async () => {
  const root = bigFolder();
  const env = path.join(root, '.env');
  const registry = path.join(root, 'ports.yaml');
  const client = await TestClient.start({ folders: [root], settings: () => ({ debounceMs: 10, liveStatus: false }) });
  try {
    const envUri = await client.open(env);
    const registryUri = await client.open(registry, undefined, 'yaml');
    const atPort = { line: 0, character: 14 };
    const requests: Array<[string, () => [unknown, unknown], (answer: unknown) => boolean]> = [
      ['hover', () => [HoverRequest.type, { textDocument: { uri: envUri }, position: atPort }], (a) => a === null],
      ['references', () => [ReferencesRequest.type, { textDocument: { uri: envUri }, position: atPort, context: { includeDeclaration: true } }], (a) => a === null],
      ['definition', () => [DefinitionRequest.type, { textDocument: { uri: envUri }, position: atPort }], (a) => a === null],
      ['prepareRename', () => [PrepareRenameRequest.type, { textDocument: { uri: envUri }, position: atPort }], (a) => a === null],
      ['rename', () => [RenameRequest.type, { textDocument: { uri: envUri }, position: atPort, newName: '8082' }], (a) => a === null],
      ['codeAction', () => [CodeActionRequest.type, { textDocument: { uri: envUri }, range: { start: atPort, end: atPort }, context: { diagnostics: [] } }], (a) => Array.isArray(a) && a.length === 0],
      ['completion', () => [CompletionRequest.type, { textDocument: { uri: registryUri }, position: { line: 5, character: 14 } }], (a) => a === null],
      ['workspaceSymbol', () => [WorkspaceSymbolRequest.type, { query: 'gateway' }], (a) => Array.isArray(a) && a.length === 0],
      ['allocations', () => [AllocationsRequest.method, {}], (a) => a instanceof ResponseError && a.code === LSPErrorCodes.RequestCancelled],
    ];
    const send = (make: () => [unknown, unknown], cancel: boolean): Promise<unknown> => {
      const source = new CancellationTokenSource();
      const [type, params] = make();
      const answer = (client.connection.sendRequest as (t: unknown, p: unknown, token: unknown) => Promise<unknown>)(type, params, source.token)
        .catch((err: unknown) => err);
      if (cancel) source.cancel();
      return answer;
    };
    // All sent (and cancelled) before the first indexing slice ends.
    const cancelled = await Promise.all(requests.map(([, make]) => send(make, true)));
    requests.forEach(([name, , isEmpty], i) => assert.ok(isEmpty(cancelled[i]), `${name} cancelled: got ${JSON.stringify(cancelled[i])}`));

    // Uncancelled, the same requests do their work (so the empty answers above were the cancellation's).
    const answered = await Promise.all(requests.map(([, make]) => send(make, false)));
    const worked = requests.filter(([, , isEmpty], i) => !isEmpty(answered[i])).map(([name]) => name);
    assert.deepEqual(worked, requests.map(([name]) => name));
  } finally {
    await client.stop();
  }
});
