// The VS Code entry point: starts the Portolan language server (dist/server.js) and wires the
// Ports tree, the status bar item and the commands to it. Activation only creates objects: the
// server starts in the background and `api.ready` resolves once it is running.
import * as vscode from 'vscode';
import type { AllocationsResult } from './shared/protocol';
import { Ctx } from './vscode/ctx';
import { registerAuthoringCommands } from './vscode/authoring';
import { registerCommands } from './vscode/commands';
import { LiveRefresh } from './vscode/liveRefresh';
import { PortsStatusBar, type StatusSnapshot } from './vscode/statusBar';
import { PortsTreeProvider, toTreeItem, VIEW_ID } from './vscode/tree';
import type { TreeNode } from './vscode/treeModel';

/** A tree item with its children, for tests that assert the whole tree at once. */
export interface TreeSnapshot {
  item: vscode.TreeItem;
  children: TreeSnapshot[];
}

/** What `activate` returns: `vscode.extensions.getExtension('portolan.portolan').exports`. */
export interface PortolanApi {
  /** Resolves when the language server is running (rejects if it could not start). */
  ready: Promise<void>;
  /** The server's allocation table, for one workspace folder or every folder. */
  getAllocations(uri?: vscode.Uri | string): Promise<AllocationsResult>;
  /** The Ports view's items under `element` (an item this returned, or its id), or its roots. */
  getTreeItems(element?: vscode.TreeItem | string): Promise<vscode.TreeItem[]>;
  /** The whole Ports tree, every level expanded. */
  getTree(): Promise<TreeSnapshot[]>;
  /** Reloads the tree from the server, as the refresh action does. */
  refreshTree(): void;
  /** The status bar item's text, tooltip and counts, recounted now. */
  getStatus(): StatusSnapshot;
  /** Live status: whether it is on (setting and trust) and polling (the view is visible). */
  getLiveStatus(): { enabled: boolean; polling: boolean };
  /** Asks the server again which ports listen now, as the interval does. */
  pollLive(): Promise<void>;
}

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): PortolanApi {
  ctx = new Ctx(context);
  context.subscriptions.push(ctx);

  const tree = new PortsTreeProvider(ctx);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });
  const status = new PortsStatusBar();
  const live = new LiveRefresh(tree, view);
  ctx.push(tree, view, status, live);
  registerCommands(ctx, tree, view);
  registerAuthoringCommands(ctx);

  const ready = ctx.start().then(() => undefined);
  ready.catch(() => {
    void vscode.window.showErrorMessage('Portolan: the language server did not start. See the Portolan output for details.', 'Show Output')
      .then((choice) => choice && ctx?.output.show());
  });

  const children = async (element?: vscode.TreeItem | string): Promise<TreeNode[]> => {
    if (element === undefined) return tree.getChildren();
    const id = typeof element === 'string' ? element : element.id;
    const node = id === undefined ? undefined : await tree.find(id);
    return node ? tree.getChildren(node) : [];
  };
  const snapshot = async (nodes: TreeNode[]): Promise<TreeSnapshot[]> =>
    Promise.all(nodes.map(async (n) => ({ item: toTreeItem(n), children: await snapshot(await tree.getChildren(n)) })));
  const current = ctx;

  return {
    ready,
    getAllocations: (uri) => current.allocations(uri),
    getTreeItems: async (element) => (await children(element)).map(toTreeItem),
    getTree: async () => snapshot(await tree.getChildren()),
    refreshTree: () => tree.refresh(),
    getStatus: () => status.update(),
    getLiveStatus: () => ({ enabled: live.enabled, polling: live.polling }),
    pollLive: () => tree.pollLive(),
  };
}

export function deactivate(): Promise<void> | undefined {
  return ctx?.stop();
}
