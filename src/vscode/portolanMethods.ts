// Portolan's own request, notification and commands (src/shared/protocol.ts) on the VS Code
// client: sent and handled by name, as at the server's end (src/server/portolanMethods.ts); the
// params and results their descriptors declare are checked here.
import type * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from './languageClient';
import type { CommandDescriptor, NotificationDescriptor, RequestDescriptor } from '../shared/protocol';

export function sendRequest<P, R>(client: LanguageClient, request: RequestDescriptor<P, R>, params: NoInfer<P>): Promise<R> {
  return client.sendRequest<R>(request.method, params);
}

export function onNotification<P>(client: LanguageClient, notification: NotificationDescriptor<P>, handler: (params: NoInfer<P>) => void): vscode.Disposable {
  return client.onNotification(notification.method, handler);
}

/** Runs one of the server's workspace/executeCommand commands with its one argument. */
export function executeCommand<A, R>(client: LanguageClient, command: CommandDescriptor<A, R>, args: NoInfer<A>): Promise<R> {
  return client.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: [args] }) as Promise<R>;
}
