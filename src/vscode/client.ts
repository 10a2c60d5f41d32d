// The language client: runs the bundled server (dist/server.js) in a Node process over IPC.
// File watching is left to the server: it registers workspace/didChangeWatchedFiles itself for
// the files it indexes, so the client sets no synchronize.fileEvents.
import * as vscode from 'vscode';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from './languageClient';
import { untrustedConfiguration } from './untrusted';

export function createClient(extension: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = extension.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    diagnosticCollectionName: 'portolan',
    markdown: { isTrusted: false, supportHtml: false },
    middleware: {
      workspace: {
        // Live status probes this machine's ports: off in an untrusted workspace, whatever the settings say.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (vscode.workspace.isTrusted || !Array.isArray(result)) return result;
          return untrustedConfiguration(params.items, result);
        },
      },
    },
  };
  return new LanguageClient('portolan', 'Portolan', serverOptions, clientOptions);
}
