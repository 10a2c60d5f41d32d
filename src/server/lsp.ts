// vscode-languageserver's values, taken from the CommonJS module as it is (`import = require`).
// An ES import of it in each of the server's modules made esbuild copy the module's exports into a
// new object of getters for each one as the server starts (see src/vscode/languageClient.ts).
// Types are imported from the library directly: they cost nothing at run time.
import languageServer = require('vscode-languageserver/node');

export import CodeActionKind = languageServer.CodeActionKind;
export import CompletionItemKind = languageServer.CompletionItemKind;
export import createConnection = languageServer.createConnection;
export import DiagnosticSeverity = languageServer.DiagnosticSeverity;
export import DidChangeConfigurationNotification = languageServer.DidChangeConfigurationNotification;
export import DidChangeWatchedFilesNotification = languageServer.DidChangeWatchedFilesNotification;
export import FileChangeType = languageServer.FileChangeType;
export import LSPErrorCodes = languageServer.LSPErrorCodes;
export import MarkupKind = languageServer.MarkupKind;
export import ProposedFeatures = languageServer.ProposedFeatures;
export import ResponseError = languageServer.ResponseError;
export import SymbolKind = languageServer.SymbolKind;
export import TextDocuments = languageServer.TextDocuments;
export import TextDocumentSyncKind = languageServer.TextDocumentSyncKind;
export import WatchKind = languageServer.WatchKind;
