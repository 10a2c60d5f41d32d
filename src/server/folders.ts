// The workspace folders the server knows, each its own scope with its own index. A file belongs
// to the innermost folder that contains it, so nested folders don't index a file twice.
import type { FolderState } from './folderState';
import { fsPathOf, normalizeFolderUri, relativeTo } from './uris';

export interface Located {
  folder: FolderState;
  /** '/'-separated path relative to the folder. */
  file: string;
}

export class Folders {
  private readonly byUri = new Map<string, FolderState>();

  all(): FolderState[] {
    return [...this.byUri.values()];
  }

  get(uri: string): FolderState | undefined {
    return this.byUri.get(normalizeFolderUri(uri));
  }

  add(folder: FolderState): void {
    this.byUri.set(folder.uri, folder);
  }

  remove(uri: string): FolderState | undefined {
    const key = normalizeFolderUri(uri);
    const folder = this.byUri.get(key);
    this.byUri.delete(key);
    return folder;
  }

  /** The folder a document URI belongs to and its path there. */
  locate(uri: string): Located | undefined {
    const abs = fsPathOf(uri);
    return abs === undefined ? undefined : this.locatePath(abs);
  }

  locatePath(abs: string): Located | undefined {
    let best: Located | undefined;
    for (const folder of this.byUri.values()) {
      const file = relativeTo(folder.fsPath, abs);
      if (file !== undefined && (!best || folder.fsPath.length > best.folder.fsPath.length)) best = { folder, file };
    }
    return best;
  }

  /** A folder by its URI, or the folder that contains the URI. */
  find(uri: string): FolderState | undefined {
    const exact = this.get(uri);
    if (exact) return exact;
    const abs = fsPathOf(uri);
    if (abs === undefined) return undefined;
    return this.all().find((f) => f.fsPath === abs) ?? this.locatePath(abs)?.folder;
  }
}
