// Registry authoring in VS Code: the server builds the text (workspace/executeCommand), the client
// shows it. "Create ports.yaml from workspace" and "Export allocations as Markdown" open new
// untitled documents (nothing is written until the user saves); "Find free port…" picks a range,
// asks the server for its next free port and inserts it at the cursor or copies it.
import * as vscode from 'vscode';
import { CreateRegistryCommand, ExportMarkdownCommand, FindFreePortCommand, type CommandDescriptor, type FolderCommandArgs, type RangeNode } from '../shared/protocol';
import type { Ctx } from './ctx';

const AUTHORING_COMMANDS = {
  createRegistry: 'portolan.createRegistryFile',
  exportAllocations: 'portolan.exportAllocations',
  findFreePort: 'portolan.pickFreePort',
} as const;

export interface FreePortArgs {
  /** Skips the range picker: a range name or `8000-8009`. */
  range?: string;
  /** Skips the action picker. */
  action?: 'insert' | 'copy';
  folder?: vscode.Uri;
}

export function registerAuthoringCommands(ctx: Ctx): void {
  const register = (id: string, run: (...args: never[]) => unknown) => ctx.push(vscode.commands.registerCommand(id, run));
  register(AUTHORING_COMMANDS.createRegistry, (folder?: vscode.Uri) => openGenerated(ctx, CreateRegistryCommand, 'yaml', folder));
  register(AUTHORING_COMMANDS.exportAllocations, (folder?: vscode.Uri) => openGenerated(ctx, ExportMarkdownCommand, 'markdown', folder));
  register(AUTHORING_COMMANDS.findFreePort, (args?: FreePortArgs) => findFreePort(ctx, args ?? {}));
}

/** The folder a command works on: the one given, the only one, or the one the user picks. */
async function pickFolder(given?: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (given) return vscode.workspace.getWorkspaceFolder(given);
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Portolan: open a folder first.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder?' });
}

/** Opens the server's text as a new untitled document: reviewed before anything is saved. */
async function openGenerated(ctx: Ctx, command: CommandDescriptor<FolderCommandArgs, string>, language: string, given?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const folder = await pickFolder(given);
  if (!folder) return undefined;
  const content = await ctx.serverCommand(command, { uri: folder.uri.toString() });
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function findFreePort(ctx: Ctx, args: FreePortArgs): Promise<number | undefined> {
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  let range = args.range;
  if (range === undefined) {
    const result = await ctx.allocations(folder.uri);
    const ranges = (result.folders[0]?.ranges ?? []).filter((r) => !r.keptFree);
    if (ranges.length === 0) {
      void vscode.window.showInformationMessage('Portolan: no port ranges are declared here (ports.yaml `ranges:` or headings such as "## Core (8000-8009)").');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(ranges.map(rangeItem), { placeHolder: 'Find the next free port in…', matchOnDescription: true });
    if (!picked) return undefined;
    range = `${picked.range.from}-${picked.range.to}`;
    if (ranges.filter((r) => r.from === picked.range.from && r.to === picked.range.to).length === 1) range = picked.range.name;
  }
  const free = await ctx.serverCommand(FindFreePortCommand, { uri: folder.uri.toString(), range });
  if (!free) {
    void vscode.window.showWarningMessage(`Portolan: no free port in ${range}.`);
    return undefined;
  }
  const port = String(free.port);
  const editor = vscode.window.activeTextEditor;
  let action = args.action;
  if (action === undefined) {
    const choices = [
      ...(editor ? [{ label: `$(insert) Insert ${port} at the cursor`, action: 'insert' as const }] : []),
      { label: `$(copy) Copy ${port}`, action: 'copy' as const },
    ];
    const picked = await vscode.window.showQuickPick(choices, { placeHolder: `${port} is the next free port in ${free.range.name} (${free.range.from}-${free.range.to})` });
    if (!picked) return free.port;
    action = picked.action;
  }
  if (action === 'insert' && editor) {
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, port);
    });
  } else {
    await vscode.env.clipboard.writeText(port);
    vscode.window.setStatusBarMessage(`Copied ${port}`, 2000);
  }
  return free.port;
}

function rangeItem(range: RangeNode): vscode.QuickPickItem & { range: RangeNode } {
  return {
    label: range.name,
    description: `${range.from}-${range.to}${range.scope ? ` · ${range.scope}` : ''}`,
    detail: `${range.used}/${range.capacity} used`,
    range,
  };
}
