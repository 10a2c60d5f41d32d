// The extension's commands. Tree actions get the clicked node as their argument.
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { toRange, VIEW_ID, type PortsTreeProvider } from './tree';
import type { TreeLocation, TreeNode } from './treeModel';

const COMMANDS = {
  refresh: 'portolan.refresh',
  collapseAll: 'portolan.collapseAll',
  copyPort: 'portolan.copyPort',
  reveal: 'portolan.reveal',
  showProblems: 'portolan.showProblems',
  restartServer: 'portolan.restartServer',
} as const;

export function registerCommands(ctx: Ctx, tree: PortsTreeProvider, view: vscode.TreeView<TreeNode>): void {
  const register = (id: string, run: (...args: never[]) => unknown) => ctx.push(vscode.commands.registerCommand(id, run));

  register(COMMANDS.refresh, () => tree.refresh());

  // VS Code registers workbench.actions.treeView.<view>.collapseAll for every tree view (it shows
  // its own button only with showCollapseAll); our title action and command run it.
  register(COMMANDS.collapseAll, () => vscode.commands.executeCommand(`workbench.actions.treeView.${VIEW_ID}.collapseAll`));

  /** A command's target: the clicked node, a TreeItem or id from the API, or the selection. */
  const resolve = async (arg?: TreeNode | vscode.TreeItem | string): Promise<TreeNode | undefined> => {
    if (arg === undefined) return view.selection[0];
    if (typeof arg === 'string') return tree.find(arg);
    if ('kind' in arg && 'children' in arg) return arg;
    return arg.id === undefined ? undefined : tree.find(arg.id);
  };

  register(COMMANDS.copyPort, async (arg?: TreeNode | vscode.TreeItem | string) => {
    const target = await resolve(arg);
    if (!target?.portText) return;
    await vscode.env.clipboard.writeText(target.portText);
    vscode.window.setStatusBarMessage(`Copied ${target.portText}`, 2000);
  });

  register(COMMANDS.reveal, async (arg?: TreeNode | vscode.TreeItem | string) => {
    const target = await resolve(arg);
    if (!target?.location) return;
    await revealLocation(target.location);
  });

  // VS Code has no command or API that sets the Problems panel's filter text (1.100 has only
  // problems.action.focusFilter and problems.action.clearFilterText), so this opens the panel;
  // typing "portolan" in its filter narrows it to port problems (the filter matches the source).
  register(COMMANDS.showProblems, async () => {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  register(COMMANDS.restartServer, async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting Portolan server' }, () => ctx.restart());
  });
}

async function revealLocation(location: TreeLocation): Promise<vscode.TextEditor> {
  const range = toRange(location.range);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
