// The server's workspace/executeCommand commands: registry authoring and free ports. They answer
// with text and numbers and write nothing, so any editor can show the result its own way. Each is
// handled through its descriptor (src/shared/protocol.ts), which types its argument and result.
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import { createRegistryText } from '../../core/authoring/createRegistry';
import { exportMarkdown } from '../../core/authoring/exportMarkdown';
import { nextFreePort } from '../../core/edits/freePort';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { rangesOf } from '../../core/query/lookup';
import { isRegistry } from '../../core/rules/unregisteredPort';
import { serviceKey } from '../../core/syntax/names';
import { parseRange } from '../../core/syntax/ports';
import {
  CreateRegistryCommand, ExportMarkdownCommand, FindFreePortCommand, type CommandDescriptor, type FolderCommandArgs, type FreePortResult,
} from '../../shared/protocol';
import { LSPErrorCodes, ResponseError } from '../lsp';
import type { FolderView } from './feature';

/** A command's argument as a client sent it: any field may be missing or of another type. */
type Sent<A> = { readonly [K in keyof A]?: unknown };

interface CommandHandler {
  readonly command: string;
  run(snapshot: FolderSnapshot, folder: FolderView, args: object): unknown;
}

/** A command's handler, typed by its descriptor: the result it must give, the fields it may read. */
function handle<A, R>(command: CommandDescriptor<A, R>, run: (snapshot: FolderSnapshot, folder: FolderView, args: Sent<A>) => NoInfer<R> | ResponseError<void>): CommandHandler {
  return { command: command.command, run: (snapshot, folder, args) => run(snapshot, folder, args as Sent<A>) };
}

const HANDLERS: readonly CommandHandler[] = [
  handle(CreateRegistryCommand, (snapshot) => createRegistry(snapshot)),
  handle(ExportMarkdownCommand, (snapshot, folder) => exportAllocations(snapshot, folder)),
  handle(FindFreePortCommand, (snapshot, _folder, args) => (typeof args.range === 'string'
    ? findFreePort(snapshot, args.range)
    : new ResponseError<void>(LSPErrorCodes.RequestFailed, 'findFreePort needs a range: a range name or "8000-8009"'))),
];

/** The commands the server announces (executeCommandProvider): the ones it handles. */
export const SERVER_COMMANDS = HANDLERS.map((h) => h.command);

/** A command's first argument, as sent ({} for none): every command names its folder by `uri`. */
export function commandArgs(params: ExecuteCommandParams): Sent<FolderCommandArgs> {
  return (params.arguments?.[0] ?? {}) as Sent<FolderCommandArgs>;
}

/** Runs a command in the folder its argument names (the adapter found it). */
export function runCommand(snapshot: FolderSnapshot, folder: FolderView, params: ExecuteCommandParams): unknown {
  const handler = HANDLERS.find((h) => h.command === params.command);
  return handler ? handler.run(snapshot, folder, commandArgs(params)) : new ResponseError<void>(LSPErrorCodes.RequestFailed, `unknown command ${params.command}`);
}

function createRegistry(snapshot: FolderSnapshot): string {
  const input = snapshot.input;
  const existing = input.files.filter(isRegistry).map((f) => f.file).sort();
  return createRegistryText(input, { existing });
}

function exportAllocations(snapshot: FolderSnapshot, folder: FolderView): string {
  return exportMarkdown(snapshot.input, { title: `Port allocations: ${folder.name}` });
}

function findFreePort(snapshot: FolderSnapshot, range: string): FreePortResult | null {
  const input = snapshot.input;
  const wanted = range.trim();
  const ranges = rangesOf(input).filter((r) => !r.keptFree);
  const names = (r: (typeof ranges)[number]) => [r.name, ...r.decls.map((d) => d.name)];
  const byName = ranges.find((r) => r.name === wanted)
    ?? ranges.find((r) => names(r).some((n) => serviceKey(n) === serviceKey(wanted)))
    ?? ranges.find((r) => `${r.from}-${r.to}` === wanted.replace(/\s+/g, ''));
  const written = byName ?? (() => {
    const parsed = parseRange(wanted);
    return parsed && { name: `${parsed.from}-${parsed.to}`, ...parsed, scope: '' };
  })();
  if (!written) return null;
  const port = nextFreePort(input, written);
  return port === undefined ? null : { port, range: { name: written.name, from: written.from, to: written.to, scope: written.scope } };
}
