// What a server feature is: a function of one folder's snapshot (its facts and findings at one
// version), a read-only view of what else it needs from the folder, the request's params and its
// cancellation token. The adapter (adapter.ts) finds the folder, waits for it, applies its pending
// changes and takes the snapshot, so a feature never waits, never changes the folder and never
// sees it change under it; a test calls one on a snapshot of an in-memory FolderModel.
import type { CancellationToken } from 'vscode-languageserver/node';
import type { FolderSnapshot } from '../../core/project/folderModel';
import type { Listening } from '../liveStatus';

/** What a feature reads of its folder besides the snapshot: names, the editor's URIs and text, the machine. */
export interface FolderView {
  readonly name: string;
  /** The folder URI as the client spelled it, without a trailing slash. */
  readonly uri: string;
  /** Whether the folder's settings allow looking for listening sockets (off in untrusted workspaces). */
  readonly liveStatus: boolean;
  /** The URI of a folder-relative file: the open document's when the client has it open. */
  uriOf(file: string): string;
  /** A file's current text (the open document's, else the disk's): what edits are planned on. */
  textOf(file: string): string | undefined;
  /** Which of the ports are listening on this machine now (the server's one LiveStatus). */
  listening(ports: Iterable<number>): Promise<Listening>;
}

/** A request's params on one document, with the document's '/'-separated path in its folder. */
export type InDocument<P> = P & { readonly file: string };

export type Feature<P, R> = (snapshot: FolderSnapshot, folder: FolderView, params: P, token: CancellationToken) => R | Promise<R>;
