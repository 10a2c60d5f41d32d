// Turns features (feature.ts) into the connection's request handlers, so the server registers each
// in one line. Every handler does the same before the feature runs: find the folder, wait until it
// is indexed, give up if the client cancelled meanwhile, apply the pending edits, take the
// snapshot; and every one answers its fallback when it throws (logged once by the ErrorReporter).
import type { CancellationToken, TextDocumentIdentifier } from 'vscode-languageserver/node';
import type { FolderState } from '../folderState';
import type { Folders } from '../folders';
import type { ErrorReporter } from '../guard';
import type { LiveStatus } from '../liveStatus';
import { LSPErrorCodes, ResponseError } from '../lsp';
import type { Settings } from '../settings';
import type { Feature, FolderView, InDocument } from './feature';

interface DocumentOptions {
  /** The documents the feature answers on, asked before waiting for the folder: no wait and no re-check for the others. */
  only?(file: string): boolean;
  /** Whether the folder's settings turn the feature on, asked once the folder is ready (its settings are loaded then). */
  enabled?(settings: Settings): boolean;
}

/** A request about whole folders rather than a document. */
interface FolderRequest<P, F, R> {
  /** The folders it is about, in the order their answers are combined; or why there is none. */
  targets(params: P): readonly FolderState[] | ResponseError<void>;
  feature: Feature<P, F>;
  combine(answers: F[]): R;
  /** The answer when the client cancelled before every folder was answered. */
  cancelled(): R;
}

/** What a request the client cancelled answers, when its feature has no empty value to give. */
export function requestCancelled(): ResponseError<void> {
  return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'cancelled');
}

export class FeatureAdapter {
  constructor(
    private readonly folders: Folders,
    private readonly errors: ErrorReporter,
    private readonly live: LiveStatus,
  ) {}

  /** A handler for a request on one document, answered from its folder; `fallback` outside any folder. */
  onDocument<P extends { textDocument: TextDocumentIdentifier }, R>(name: string, fallback: R, feature: Feature<InDocument<P>, R>, options: DocumentOptions = {}) {
    return this.errors.guard(name, fallback, async (params: P, token: CancellationToken): Promise<R> => {
      const located = this.folders.locate(params.textDocument.uri);
      if (!located || (options.only && !options.only(located.file))) return fallback;
      const { folder, file } = located;
      await folder.ready;
      if (token.isCancellationRequested || (options.enabled && !options.enabled(folder.settings))) return fallback;
      folder.flush();
      return feature(folder.snapshot(), this.view(folder), { ...params, file }, token);
    });
  }

  /** A handler for a request about folders: each answered from its own snapshot, once all are ready. */
  onFolders<P, F, R>(name: string, fallback: R, request: FolderRequest<P, F, R>) {
    return this.errors.guard(name, fallback, async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      const targets = request.targets(params);
      if (targets instanceof ResponseError) return targets;
      await Promise.all(targets.map((f) => f.ready));
      const answers: F[] = [];
      for (const folder of targets) {
        // A feature may wait (for the live status): the client may cancel between two folders.
        if (token.isCancellationRequested) return request.cancelled();
        folder.flush();
        answers.push(await request.feature(folder.snapshot(), this.view(folder), params, token));
      }
      return request.combine(answers);
    });
  }

  /** What the features see of a folder: its settings as of this request, and no way to change it. */
  private view(folder: FolderState): FolderView {
    return {
      name: folder.name,
      uri: folder.uri,
      liveStatus: folder.settings.liveStatus,
      uriOf: (file) => folder.uriOf(file),
      textOf: (file) => folder.textOf(file),
      listening: (ports) => this.live.listening(ports),
    };
  }
}
