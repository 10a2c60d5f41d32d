// The server's workspace/executeCommand commands: registry authoring and free ports. They answer
// with text and numbers and write nothing, so any editor can show the result its own way. Each is
// handled through its descriptor (src/shared/protocol.ts), which types its argument and result.
import { createRegistryText } from '../core/authoring/createRegistry';
import { exportMarkdown } from '../core/authoring/exportMarkdown';
import { nextFreePort } from '../core/edits/freePort';
import { rangesOf } from '../core/query/lookup';
import { isRegistry } from '../core/rules/unregisteredPort';
import { serviceKey } from '../core/syntax/names';
import { parseRange } from '../core/syntax/ports';
import {
  CreateRegistryCommand, ExportMarkdownCommand, FindFreePortCommand, type CommandDescriptor, type FreePortResult,
} from '../shared/protocol';
import type { FolderState } from './folderState';
import { LSPErrorCodes, ResponseError } from './lsp';

/** A command's argument as a client sent it: any field may be missing or of another type. */
type Sent<A> = { readonly [K in keyof A]?: unknown };

interface CommandHandler {
  readonly command: string;
  run(folder: FolderState, args: object): unknown;
}

/** A command's handler, typed by its descriptor: the result it must give, the fields it may read. */
function handle<A, R>(command: CommandDescriptor<A, R>, run: (folder: FolderState, args: Sent<A>) => NoInfer<R> | ResponseError<void>): CommandHandler {
  return { command: command.command, run: (folder, args) => run(folder, args as Sent<A>) };
}

const HANDLERS: readonly CommandHandler[] = [
  handle(CreateRegistryCommand, (folder) => createRegistry(folder)),
  handle(ExportMarkdownCommand, (folder) => exportAllocations(folder)),
  handle(FindFreePortCommand, (folder, args) => (typeof args.range === 'string'
    ? findFreePort(folder, args.range)
    : new ResponseError<void>(LSPErrorCodes.RequestFailed, 'findFreePort needs a range: a range name or "8000-8009"'))),
];

/** The commands the server announces (executeCommandProvider): the ones it handles. */
export const SERVER_COMMANDS = HANDLERS.map((h) => h.command);

/** Runs a command in a folder (indexed and up to date) with its first argument, as sent ({} for none). */
export function runCommand(command: string, folder: FolderState, args: object): unknown {
  const handler = HANDLERS.find((h) => h.command === command);
  return handler ? handler.run(folder, args) : new ResponseError<void>(LSPErrorCodes.RequestFailed, `unknown command ${command}`);
}

function createRegistry(folder: FolderState): string {
  const input = folder.ruleInput();
  const existing = input.files.filter(isRegistry).map((f) => f.file).sort();
  return createRegistryText(input, { existing });
}

function exportAllocations(folder: FolderState): string {
  return exportMarkdown(folder.ruleInput(), { title: `Port allocations: ${folder.name}` });
}

function findFreePort(folder: FolderState, range: string): FreePortResult | null {
  const input = folder.ruleInput();
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
