// The files the server asks the client to watch on disk, and what a change to one means.
import { FileChangeType } from './lsp';
import type { FileEvent } from 'vscode-languageserver/node';
import { mayBeSource } from '../core/parsers/dispatch';
import { SOURCE_GLOBS } from '../core/sources';
import { CONFIG_FILE_NAME } from '../core/config/projectConfig';
import { IGNORE_FILE_NAMES } from '../core/config/ignoreFiles';
import { baseOf } from '../core/syntax/paths';
import type { Folders } from './folders';

/** Files that decide what a folder reads and how it is checked. */
const PROJECT_FILES = new Set<string>([CONFIG_FILE_NAME, ...IGNORE_FILE_NAMES]);

/** Every file that may be a port source, and the configuration and ignore files. */
export const WATCH_GLOB = `**/{${[...SOURCE_GLOBS, ...PROJECT_FILES].join(',')}}`;

/** Marks the changed files of each folder for re-reading; a deleted folder drops the files under it, a created one has its sources read. */
export function applyFileEvents(folders: Folders, changes: FileEvent[]): void {
  for (const change of changes) {
    const located = folders.locate(change.uri);
    if (!located) continue;
    const { folder, file } = located;
    if (PROJECT_FILES.has(baseOf(file))) {
      void folder.projectFilesChanged();
      continue;
    }
    if (change.type === FileChangeType.Deleted) folder.removedFolder(file, 0);
    if (mayBeSource(file)) folder.changed(file, 0);
    else if (change.type === FileChangeType.Created) folder.created(file, 0);
  }
}
