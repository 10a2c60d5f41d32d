// The Portolan language server: wires the LSP connection to the workspace folders (one core
// index each), the open documents, diagnostics, hover, the `portolan/allocations` request, and the
// actions on ports: quick fixes, rename, references, definition, workspace symbols, completion in
// ports.yaml and the registry commands.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, InitializeParams, InitializeResult, WorkspaceFolder } from 'vscode-languageserver/node';
import {
  AllocationsRequest, DidChangeAllocationsNotification, type AllocationsResult, type DidChangeAllocationsParams,
} from '../shared/protocol';
import { sourceKindOf } from '../core/parsers/dispatch';
import { DiagnosticsPublisher } from './diagnostics';
import { OpenDocuments } from './documents';
import { FeatureAdapter, requestCancelled } from './features/adapter';
import { allocations } from './features/allocations';
import { codeActions } from './features/codeActions';
import { commandArgs, runCommand, SERVER_COMMANDS } from './features/commands';
import { registryCompletions } from './features/completion';
import { definition } from './features/definition';
import { hover } from './features/hover';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { firstSymbols, workspaceSymbols } from './features/symbols';
import { FolderState, type FolderHost } from './folderState';
import { Folders } from './folders';
import { ErrorReporter } from './guard';
import { LiveStatus } from './liveStatus';
import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, LSPErrorCodes, ProposedFeatures, ResponseError,
  TextDocumentSyncKind, WatchKind,
} from './lsp';
import { onRequest, sendNotification } from './portolanMethods';
import { normalizeSettings, type Settings } from './settings';
import { fsPathOf, normalizeFolderUri, relativeTo } from './uris';
import { applyFileEvents, WATCH_GLOB } from './watchedFiles';
import { scanProgress } from './indexProgress';

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
  workDoneProgress: boolean;
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
  private readonly live = new LiveStatus();
  private readonly host: FolderHost;
  private support: ClientSupport = {
    configuration: false, watchedFilesRegistration: false, configurationRegistration: false, relatedInformation: false, workspaceFolders: false, workDoneProgress: false,
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
      progress: (title, total) => (this.support.workDoneProgress ? scanProgress(connection, title, total, (err) => this.errors.report('showing progress', err)) : undefined),
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

    const features = new FeatureAdapter(this.folders, errors, this.live);
    connection.onHover(features.onDocument('hover', null, hover, { enabled: (settings) => settings.hover.enabled }));
    connection.onCodeAction(features.onDocument('codeAction', [], codeActions));
    connection.onPrepareRename(features.onDocument('prepareRename', null, prepareRename));
    connection.onRenameRequest(features.onDocument('rename', null, rename));
    connection.onReferences(features.onDocument('references', null, references));
    connection.onDefinition(features.onDocument('definition', null, definition));
    // Editors ask on every word typed in Markdown and YAML: only a registry is worth a re-check.
    connection.onCompletion(features.onDocument('completion', null, registryCompletions, { only: (file) => sourceKindOf(file) === 'registry' }));
    connection.onWorkspaceSymbol(features.onFolders('workspaceSymbol', [], {
      targets: () => this.folders.all(), feature: workspaceSymbols, combine: firstSymbols, cancelled: () => [],
    }));
    connection.onExecuteCommand(features.onFolders('executeCommand', null as unknown, {
      targets: (params) => this.commandFolder(commandArgs(params).uri), feature: runCommand, combine: ([answer]) => answer, cancelled: requestCancelled,
    }));
    onRequest(connection, AllocationsRequest, features.onFolders('allocations', { folders: [] } as AllocationsResult | ResponseError<void>, {
      targets: (params) => this.allocationFolders(params?.uri), feature: allocations, combine: (folders) => ({ folders }), cancelled: requestCancelled,
    }));

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
      workDoneProgress: !!caps.window?.workDoneProgress,
    };
    this.pushedSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const rootUri = params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : undefined);
    this.initialFolders = params.workspaceFolders
      ?? (rootUri ? [{ uri: rootUri, name: path.basename(fsPathOf(rootUri) ?? rootUri) }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        renameProvider: { prepareProvider: true },
        referencesProvider: true,
        definitionProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: [':', ' '] },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'portolan', version: VERSION },
    };
  }

  private initialized(): void {
    const { connection } = this;
    connection.console.info(`Portolan language server ${VERSION} started`);
    if (this.support.watchedFilesRegistration) {
      // A deleted or created folder is reported as one event for the folder, which the name glob
      // misses; the files of a created one may never be reported at all.
      const watchers = [{ globPattern: WATCH_GLOB }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }];
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

  /** The folder a command names (a folder or a file URI), else the first folder. */
  private commandFolder(uri: unknown): FolderState[] | ResponseError<void> {
    const folder = typeof uri === 'string' ? this.folders.find(uri) : this.folders.all()[0];
    if (folder) return [folder];
    return new ResponseError<void>(LSPErrorCodes.RequestFailed, uri ? `${uri} is not in a workspace folder` : 'no workspace folder is open');
  }

  /** The folder the allocations request names, or every folder when it names none. */
  private allocationFolders(uri: string | undefined): FolderState[] {
    if (uri === undefined) return this.folders.all();
    const folder = this.folders.find(uri);
    return folder ? [folder] : [];
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
    this.publisher.publish(folder.uri, folder.findingsByFile, (file) => folder.uriOf(file));
    this.notifyAllocations({ uri: folder.uri });
  }

  private notifyAllocations(params: DidChangeAllocationsParams): void {
    sendNotification(this.connection, DidChangeAllocationsNotification, params)
      .catch((err: unknown) => this.errors.report('sending didChangeAllocations', err));
  }
}
