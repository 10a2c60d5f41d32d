// A minimal LSP client for the server tests: spawns the server (the TypeScript source through tsx
// by default, or the bundle in dist/) and speaks JSON-RPC to it over stdio or node IPC, or runs it
// in this process over a pair of in-memory streams; it answers the server's requests
// (configuration, registrations) and records what it sends (diagnostics, logs,
// portolan/didChangeAllocations). Waits are event-driven; their timeout only guards a hang.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type Position,
  type ProtocolConnection,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import {
  AllocationsRequest, DidChangeAllocationsNotification, type AllocationsParams, type AllocationsResult, type DidChangeAllocationsParams,
} from '../../src/shared/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const WORKSPACES = path.join(ROOT, 'test/fixtures/workspaces');
const WAIT_GUARD_MS = 30_000;

/**
 * How the server is started: a process (the source through tsx, the bundles in dist/ or, with `{
 * bundle }`, one built elsewhere), or `in-process`: the source in this process, which features'
 * tests use (no process to start; the transports and the shipped bundle have tests of their own).
 */
export type ServerCommand = 'source' | 'dist-stdio' | 'dist-ipc' | 'cli-stdio' | 'in-process' | { bundle: string };

export interface StartOptions {
  /** Absolute folder paths, opened as workspace folders. */
  folders: string[];
  /** The `portolan` section the client answers workspace/configuration with, per folder URI. */
  settings?: (scopeUri: string | undefined) => unknown;
  command?: ServerCommand;
  capabilities?: ClientCapabilities;
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

/** The file URI of an absolute path, as the tests expect the server to publish it. */
export function uriOf(abs: string): string {
  return pathToFileURL(abs).href;
}

/**
 * A throwaway copy of a fixture workspace, for tests that write to disk. The caller removes it
 * once its client has stopped: callers stop the client in `t.after`, which would run after a
 * removal registered here.
 */
export function copyWorkspace(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `portolan-${name}-`));
  try {
    fs.cpSync(path.join(WORKSPACES, name), target, { recursive: true });
  } catch (err) {
    fs.rmSync(target, { recursive: true, force: true });
    throw err;
  }
  return target;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** window/workDoneProgress/create requests and $/progress notifications, in order. */
  readonly progress: Array<{ token: string | number; kind: string; percentage?: number; message?: string; title?: string }> = [];
  /** Every publishDiagnostics, in order. */
  readonly published: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly allocationChanges: string[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private exited = false;

  private constructor(
    private readonly server: ServerEnd,
    readonly connection: ProtocolConnection,
    private readonly options: StartOptions,
  ) {}

  static async start(options: StartOptions): Promise<TestClient> {
    const { server, connection } = options.command === 'in-process' ? await inProcess() : spawned(options.command ?? 'source');
    const client = new TestClient(server, connection, options);
    try {
      client.wire();
      connection.listen();
      const folders: WorkspaceFolder[] = options.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) }));
      client.initializeResult = await client.guarded('the initialize response', connection.sendRequest(InitializeRequest.type, {
        // A server in this process must not watch this process: its watchdog would keep it alive.
        processId: server.inProcess ? null : process.pid,
        rootUri: folders[0]?.uri ?? null,
        workspaceFolders: folders,
        capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
      }));
      await connection.sendNotification(InitializedNotification.type, {});
      return client;
    } catch (err) {
      server.kill();
      throw err;
    }
  }

  private wire(): void {
    const { connection, server } = this;
    server.events.on('stderr', (text: string) => {
      this.stderr += text;
    });
    server.events.once('exit', () => {
      this.exited = true;
      this.poke();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => this.options.settings?.(item.scopeUri) ?? null));
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.poke();
    });
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progress.push({ token: params.token, kind: 'create' });
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string; percentage?: number; message?: string; title?: string } }) => {
      this.progress.push({ token: params.token, ...params.value });
      this.poke();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.poke();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.push(params);
      this.poke();
    });
    connection.onNotification(DidChangeAllocationsNotification.method, (params: DidChangeAllocationsParams) => {
      this.allocationChanges.push(params.uri);
      this.poke();
    });
    // Hangs in tests read better as a failed wait than as a silent closed stream.
    connection.onError(() => undefined);
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** `promise`, or a failure if it has not settled within the guard time (a hung server). */
  guarded<T>(what: string, promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up waiting for ${what}\n${this.stderr}`)), WAIT_GUARD_MS);
    });
    return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
  }

  /** Resolves with the first truthy value of `check`, evaluated now and after each message from the server. */
  waitFor<T>(what: string, check: () => T | undefined | false | null): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        let value: T | undefined | false | null;
        try {
          value = check();
        } catch (err) {
          done();
          reject(err);
          return;
        }
        if (value) {
          done();
          resolve(value);
        } else if (this.exited) {
          done();
          reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`gave up waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics], null, 1)}\nlogs:\n${this.logs.join('\n')}\n${this.stderr}`));
      }, WAIT_GUARD_MS);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** The diagnostics of a file once `accept` takes them (now, or after a later publish). */
  waitForDiagnostics(abs: string, what: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const uri = uriOf(abs);
    return this.waitFor(`diagnostics of ${path.basename(abs)}: ${what}`, () => {
      const list = this.diagnostics.get(uri);
      return list !== undefined && accept(list) ? list : undefined;
    });
  }

  /** Waits for the next portolan/didChangeAllocations for a folder. */
  nextAllocationChange(folder: string): Promise<void> {
    const uri = uriOf(folder);
    const seen = this.allocationChanges.filter((u) => u === uri).length;
    return this.waitFor(`didChangeAllocations for ${path.basename(folder)}`, () => this.allocationChanges.filter((u) => u === uri).length > seen)
      .then(() => undefined);
  }

  async open(abs: string, text = fs.readFileSync(abs, 'utf8'), languageId = 'plaintext'): Promise<string> {
    const uri = uriOf(abs);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(abs: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const uri = uriOf(abs);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async save(abs: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(abs) } });
  }

  async close(abs: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(abs) } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async foldersChanged(added: string[], removed: string[]): Promise<void> {
    const folder = (f: string): WorkspaceFolder => ({ uri: uriOf(f), name: path.basename(f) });
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: added.map(folder), removed: removed.map(folder) } });
  }

  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  hover(abs: string, position: Position): Promise<Hover | null> {
    return this.guarded('a hover', this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(abs) }, position }));
  }

  /** The hover's Markdown, or undefined when there is no hover. */
  async hoverText(abs: string, position: Position): Promise<string | undefined> {
    const hover = await this.hover(abs, position);
    return hover ? (hover.contents as MarkupContent).value : undefined;
  }

  /** Any request by method name (`CodeActionRequest.method`), guarded against a hung server. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.guarded(method, this.connection.sendRequest<R>(method, params));
  }

  allocations(params: AllocationsParams = {}): Promise<AllocationsResult> {
    return this.guarded('portolan/allocations', this.connection.sendRequest<AllocationsResult>(AllocationsRequest.method, params));
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        // The exit notification ends the server's process: in this one, the streams close instead.
        if (!this.server.inProcess) await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // Already gone.
      }
      if (!this.server.inProcess) {
        await Promise.race([
          new Promise<void>((resolve) => (this.exited ? resolve() : this.server.events.once('exit', () => resolve()))),
          new Promise<void>((resolve) => setTimeout(resolve, 5000).unref()),
        ]);
      }
      if (!this.exited) this.server.kill();
    }
    try {
      this.connection.dispose();
    } catch {
      // Disposed already.
    }
  }

  /** The server's exit code once it has exited. */
  exitCode(): Promise<number | null> {
    return new Promise((resolve) => (this.exited ? resolve(this.server.exitCode()) : this.server.events.once('exit', () => resolve(this.server.exitCode()))));
  }
}

/** The server's side as the client sees it: `stderr` (text) and `exit` events, and a way to end it. */
interface ServerEnd {
  events: EventEmitter;
  inProcess: boolean;
  exitCode(): number | null;
  kill(): void;
}

function spawned(command: Exclude<ServerCommand, 'in-process'>): { server: ServerEnd; connection: ProtocolConnection } {
  const { args, ipc } = commandLine(command);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'] });
  const events = new EventEmitter();
  child.stderr!.on('data', (chunk: Buffer) => events.emit('stderr', chunk.toString()));
  child.on('exit', () => events.emit('exit'));
  const connection = ipc
    ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { server: { events, inProcess: false, exitCode: () => child.exitCode, kill: () => child.kill() }, connection };
}

/**
 * The server's source in this process, over two in-memory streams. Its connection is given message
 * readers, not streams: vscode-languageserver ends the process when an input stream it was given closes.
 */
async function inProcess(): Promise<{ server: ServerEnd; connection: ProtocolConnection }> {
  const { startServer } = await import('../../src/server/server');
  const { createConnection } = await import('vscode-languageserver/node');
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer({ connection: serverConnection });
  const events = new EventEmitter();
  const kill = () => {
    serverConnection.dispose();
    toServer.end();
    toClient.end();
    events.emit('exit');
  };
  return { server: { events, inProcess: true, exitCode: () => null, kill }, connection: createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)) };
}

function commandLine(command: Exclude<ServerCommand, 'in-process'>): { args: string[]; ipc: boolean } {
  if (typeof command === 'object') return { args: [command.bundle, '--node-ipc'], ipc: true };
  switch (command) {
    case 'source': return { args: ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), '--stdio'], ipc: false };
    case 'dist-stdio': return { args: [path.join(ROOT, 'dist/server.js'), '--stdio'], ipc: false };
    case 'dist-ipc': return { args: [path.join(ROOT, 'dist/server.js'), '--node-ipc'], ipc: true };
    case 'cli-stdio': return { args: [path.join(ROOT, 'dist/cli.js'), 'lsp', '--stdio'], ipc: false };
  }
}

/** A position (0-based) of the `nth` occurrence of `needle` in a file, plus `offset` characters. */
export function positionOf(abs: string, needle: string, offset = 0, nth = 0): Position {
  const text = fs.readFileSync(abs, 'utf8');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found in ${abs}`);
  }
  at += offset;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
