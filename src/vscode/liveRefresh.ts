// Live status in the Ports view: when `portolan.liveStatus` is on and the workspace is trusted,
// the tree asks the server which allocated ports listen now, and asks again on an interval only
// while the view is visible (the refresh action asks on demand).
import * as vscode from 'vscode';
import type { PortsTreeProvider } from './tree';
import type { TreeNode } from './treeModel';

const LIVE_INTERVAL_MS = 5000;

export class LiveRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly tree: PortsTreeProvider, private readonly view: vscode.TreeView<TreeNode>, private readonly intervalMs = LIVE_INTERVAL_MS) {
    this.disposables.push(
      view.onDidChangeVisibility(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('portolan.liveStatus')) this.update();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    );
    this.update();
  }

  /** The setting, and never in an untrusted workspace. */
  get enabled(): boolean {
    return vscode.workspace.isTrusted && vscode.workspace.getConfiguration('portolan').get<boolean>('liveStatus', true);
  }

  /** Whether the interval is running (the view is visible and live status is on). */
  get polling(): boolean {
    return this.timer !== undefined;
  }

  update(): void {
    const enabled = this.enabled;
    if (this.tree.live !== enabled) {
      this.tree.live = enabled;
      this.tree.refresh();
    }
    const run = enabled && this.view.visible;
    if (run && !this.timer) this.timer = setInterval(() => void this.tree.pollLive(), this.intervalMs);
    if (!run && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
