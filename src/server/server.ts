// The Portolan language server: wires the LSP connection to the workspace folders (one core
// index each), the open documents, diagnostics, hover and the `portolan/allocations` request.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  WatchKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { ALLOCATIONS_METHOD, DID_CHANGE_ALLOCATIONS_METHOD } from '../shared/methods';
import type { AllocationsParams, AllocationsResult, DidChangeAllocationsParams } from '../shared/protocol';
import { folderAllocations } from './allocationsTree';
import { DiagnosticsPublisher } from './diagnostics';
import { OpenDocuments } from './documents';
import { FolderState, type FolderHost } from './folderState';
import { Folders } from './folders';
import { ErrorReporter } from './guard';
import { hoverAt } from './hover';
import { normalizeSettings, type Settings } from './settings';
import { fsPathOf, normalizeFolderUri, relativeTo } from './uris';
import { applyFileEvents, WATCH_GLOB } from './watchedFiles';

declare const PORTOLAN_VERSION: string | undefined;
const VERSION = typeof PORTOLAN_VERSION === 'string' ? PORTOLAN_VERSION : 'dev';

export interface ServerOptions {
  /** A connection made by the caller (tests, other transports); by default one is made from argv. */
  connection?: Connection;
}

interface ClientSupport {
  configuration: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
  relatedInformation: boolean;
  workspaceFolders: boolean;
}

/**
 * Starts the server on `--stdio`, `--node-ipc`, `--socket=N` or `--pipe=NAME` (read from argv by
 * vscode-languageserver), or on the given connection.
 */
export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all);
  const server = new PortolanServer(connection);
  if (!options.connection) {
    process.on('uncaughtException', (err) => server.errors.report('server', err));
    process.on('unhandledRejection', (err) => server.errors.report('server', err));
  }
  server.listen();
  return connection;
}

class PortolanServer {
  readonly errors: ErrorReporter;
  private readonly open = new OpenDocuments();
  private readonly folders = new Folders();
  private readonly publisher: DiagnosticsPublisher;
  private readonly host: FolderHost;
  private support: ClientSupport = {
    configuration: false, watchedFilesRegistration: false, configurationRegistration: false, relatedInformation: false, workspaceFolders: false,
  };
  private initialFolders: WorkspaceFolder[] = [];
  /** Settings sent by a client that cannot be asked for them (initializationOptions, pushed configuration). */
  private pushedSettings: unknown;

  constructor(private readonly connection: Connection) {
    this.errors = new ErrorReporter((message) => connection.console.error(message));
    this.publisher = new DiagnosticsPublisher(
      (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }).catch((err: unknown) => this.errors.report('publishing diagnostics', err)),
      () => ({ relatedInformation: this.support.relatedInformation }),
    );
    this.host = {
      openText: (abs) => this.open.textAt(abs),
      openUri: (abs) => this.open.uriAt(abs),
      owns: (folder, abs) => this.folders.locatePath(abs)?.folder === folder,
      loadSettings: (folder) => this.loadSettings(folder),
      checked: (folder) => this.checked(folder),
      report: (where, err) => this.errors.report(where, err),
      log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m) },
    };
  }

  listen(): void {
    const { connection, errors } = this;
    connection.onInitialize(errors.guard('initialize', { capabilities: {} }, (params: InitializeParams) => this.initialize(params)));
    connection.onInitialized(errors.guard('initialized', undefined, () => this.initialized()));
    connection.onDidChangeConfiguration(errors.guard('didChangeConfiguration', undefined, (params) => {
      const pushed = (params.settings as { portolan?: unknown } | null | undefined)?.portolan;
      if (pushed !== undefined) this.pushedSettings = pushed;
      for (const folder of this.folders.all()) void folder.refreshSettings();
    }));
    connection.onDidChangeWatchedFiles(errors.guard('didChangeWatchedFiles', undefined, (params) => applyFileEvents(this.folders, params.changes)));

    const documents = this.open.documents;
    documents.onDidOpen(errors.guard('didOpen', undefined, (e) => this.documentChanged(e.document.uri, 0)));
    documents.onDidChangeContent(errors.guard('didChange', undefined, (e) => this.documentChanged(e.document.uri)));
    documents.onDidSave(errors.guard('didSave', undefined, (e) => this.documentChanged(e.document.uri, 0)));
    // Closing drops the unsaved text: the file is read from disk again.
    documents.onDidClose(errors.guard('didClose', undefined, (e) => this.documentChanged(e.document.uri, 0)));
    documents.listen(connection);

    connection.onHover(errors.guard('hover', null, async (params, token) => {
      const located = this.folders.locate(params.textDocument.uri);
      if (!located) return null;
      const { folder, file } = located;
      await folder.ready;
      if (token.isCancellationRequested || !folder.settings.hover.enabled) return null;
      folder.flush();
      return hoverAt(folder, file, params.position, token);
    }));

    connection.onRequest(ALLOCATIONS_METHOD, errors.guard(
      'allocations',
      { folders: [] } as AllocationsResult | ResponseError<void>,
      async (params: AllocationsParams | undefined, token) => {
        const uri = params?.uri;
        const targets = uri === undefined ? this.folders.all() : [this.folders.find(uri)].filter((f): f is FolderState => f !== undefined);
        await Promise.all(targets.map((f) => f.ready));
        const result: AllocationsResult = { folders: [] };
        for (const folder of targets) {
          if (token.isCancellationRequested) return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'cancelled');
          folder.flush();
          result.folders.push(folderAllocations(folder));
        }
        return result;
      },
    ));

    connection.onShutdown(errors.guard('shutdown', undefined, () => {
      for (const folder of this.folders.all()) folder.dispose();
    }));
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.support = {
      configuration: !!caps.workspace?.configuration,
      watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationRegistration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      relatedInformation: !!caps.textDocument?.publishDiagnostics?.relatedInformation,
      workspaceFolders: !!caps.workspace?.workspaceFolders,
    };
    this.pushedSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const rootUri = params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : undefined);
    this.initialFolders = params.workspaceFolders
      ?? (rootUri ? [{ uri: rootUri, name: path.basename(fsPathOf(rootUri) ?? rootUri) }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'portolan', version: VERSION },
    };
  }

  private initialized(): void {
    const { connection } = this;
    connection.console.info(`Portolan language server ${VERSION} started`);
    if (this.support.watchedFilesRegistration) {
      // A deleted folder is reported as one event for the folder, which the name glob misses.
      const watchers = [{ globPattern: WATCH_GLOB }, { globPattern: '**/*', kind: WatchKind.Delete }];
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch((err: unknown) => this.errors.report('registering file watchers', err));
    }
    if (this.support.configurationRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'portolan' })
        .catch((err: unknown) => this.errors.report('registering for configuration changes', err));
    }
    if (this.support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(this.errors.guard('didChangeWorkspaceFolders', undefined, (e) => {
        for (const removed of e.removed) this.removeFolder(removed.uri);
        for (const added of e.added) this.addFolder(added);
      }));
    }
    for (const folder of this.initialFolders) this.addFolder(folder);
  }

  private addFolder(workspaceFolder: WorkspaceFolder): void {
    const fsPath = fsPathOf(workspaceFolder.uri);
    if (fsPath === undefined) {
      this.connection.console.warn(`[${workspaceFolder.name}] not a local folder (${workspaceFolder.uri}): not checked`);
      return;
    }
    const uri = normalizeFolderUri(workspaceFolder.uri);
    if (this.folders.get(uri)) return;
    const folder = new FolderState(uri, workspaceFolder.name, fsPath, this.host);
    this.folders.add(folder);
    void folder.start();
    this.rescanFoldersAround(folder);
  }

  private removeFolder(uri: string): void {
    const folder = this.folders.remove(uri);
    if (!folder) return;
    folder.dispose();
    this.publisher.clear(folder.uri);
    this.notifyAllocations({ uri: folder.uri });
    this.rescanFoldersAround(folder);
  }

  /** A folder nested in another (or holding others) changes which files the others own. */
  private rescanFoldersAround(changed: FolderState): void {
    for (const other of this.folders.all()) {
      if (other === changed) continue;
      if (relativeTo(other.fsPath, changed.fsPath) !== undefined) void other.rescan();
    }
  }

  private documentChanged(uri: string, delayMs?: number): void {
    const located = this.folders.locate(uri);
    if (!located) return;
    located.folder.changed(located.file, delayMs ?? located.folder.settings.debounceMs);
  }

  private async loadSettings(folder: FolderState): Promise<Settings> {
    let raw = this.pushedSettings;
    if (this.support.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'portolan' });
      } catch (err) {
        this.errors.report('reading settings', err);
      }
    }
    const problems: string[] = [];
    const settings = normalizeSettings(raw, problems);
    for (const p of problems) this.connection.console.warn(`[${folder.name}] ${p}`);
    return settings;
  }

  private checked(folder: FolderState): void {
    this.publisher.publish(folder.uri, folder.findings, (file) => folder.uriOf(file));
    this.notifyAllocations({ uri: folder.uri });
  }

  private notifyAllocations(params: DidChangeAllocationsParams): void {
    // By method name: protocol.ts's typed objects come from the client's copy of the protocol package.
    this.connection.sendNotification(DID_CHANGE_ALLOCATIONS_METHOD, params)
      .catch((err: unknown) => this.errors.report('sending didChangeAllocations', err));
  }
}
