// The extension's context: it owns every disposable the extension creates and the language
// client's lifecycle (start, stop, restart), and relays the server's notifications through events
// that outlive a restart, so the tree and the status bar subscribe once.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient } from './languageClient';
import {
  AllocationsRequest, DidChangeAllocationsNotification, type AllocationsParams, type AllocationsResult, type CommandDescriptor, type DidChangeAllocationsParams,
} from '../shared/protocol';
import { createClient } from './client';
import { executeCommand, onNotification, sendRequest } from './portolanMethods';

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[] = [];
  /** Disposables tied to one client instance (its notification handlers). */
  private clientDisposables: vscode.Disposable[] = [];
  private current: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly allocationsChanged = new vscode.EventEmitter<DidChangeAllocationsParams>();
  private readonly clientRestarted = new vscode.EventEmitter<void>();

  /** The server says the allocations of a folder (or every folder) changed. */
  readonly onDidChangeAllocations = this.allocationsChanged.event;
  /** A new client is running (after start or restart): anything cached from the old one is stale. */
  readonly onDidStartClient = this.clientRestarted.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Portolan', { log: true });
    this.push(this.output, this.allocationsChanged, this.clientRestarted);
  }

  push(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  get client(): LanguageClient | undefined {
    return this.current;
  }

  /** Starts the client once; later calls return the same promise until it is stopped. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.startClient().catch((err: unknown) => {
      this.starting = undefined;
      this.output.error(`Portolan server failed to start: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    });
    return this.starting;
  }

  private async startClient(): Promise<LanguageClient> {
    const client = createClient(this.extension, this.output);
    this.clientDisposables.push(
      onNotification(client, DidChangeAllocationsNotification, (params) => this.allocationsChanged.fire(params)),
      // Trust changes what the client lets the server do (live status): the server pulls its settings again.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch(() => undefined);
      }),
    );
    this.current = client;
    const t0 = Date.now();
    await client.start();
    this.output.info(`Portolan server started in ${Date.now() - t0} ms`);
    this.clientRestarted.fire();
    return client;
  }

  async stop(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    this.starting = undefined;
    for (const d of this.clientDisposables.splice(0)) d.dispose();
    if (client) {
      try {
        await client.stop(2000);
      } catch (err) {
        this.output.warn(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  async restart(): Promise<void> {
    this.output.info('Restarting the Portolan server');
    await this.stop();
    await this.start();
  }

  /** The server's allocation table for one folder, or every folder; with `live`, which ports listen now. */
  async allocations(uri?: vscode.Uri | string, options: { live?: boolean } = {}): Promise<AllocationsResult> {
    const client = await this.start();
    const params: AllocationsParams = { ...(uri === undefined ? {} : { uri: uri.toString() }), ...(options.live ? { live: true } : {}) };
    return sendRequest(client, AllocationsRequest, params);
  }

  /** Runs one of the server's workspace/executeCommand commands (src/shared/protocol.ts). */
  async serverCommand<A, R>(command: CommandDescriptor<A, R>, args: NoInfer<A>): Promise<R> {
    return executeCommand(await this.start(), command, args);
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (err) {
        this.output?.warn(`dispose: ${String(err)}`);
      }
    }
  }
}
