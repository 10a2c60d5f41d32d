// Portolan's own request and notification (src/shared/protocol.ts) on the server's connection:
// registered and sent by method name, since the descriptors carry no object of the protocol
// library; the params and results they declare are checked here.
import type { CancellationToken, Connection, HandlerResult } from 'vscode-languageserver/node';
import type { NotificationDescriptor, RequestDescriptor } from '../shared/protocol';

/** Answers a request; its params are as a client sent them, which may be none. */
export function onRequest<P, R>(
  connection: Connection,
  request: RequestDescriptor<P, R>,
  handler: (params: NoInfer<P> | undefined, token: CancellationToken) => HandlerResult<NoInfer<R>, void>,
): void {
  // A request sent with no params reaches a handler registered by name with the token alone.
  connection.onRequest(request.method, (...args: unknown[]) => {
    const token = args[args.length - 1] as CancellationToken;
    return handler(args.length > 1 ? (args[0] as P) : undefined, token);
  });
}

export function sendNotification<P>(connection: Connection, notification: NotificationDescriptor<P>, params: NoInfer<P>): Promise<void> {
  return connection.sendNotification(notification.method, params);
}
