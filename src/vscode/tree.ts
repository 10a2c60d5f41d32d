// The "Ports" view: ranges → allocations → the places each is written, from the server's
// portolan/allocations request. It reloads when the server sends portolan/didChangeAllocations.
import * as vscode from 'vscode';
import type { AllocationsResult } from '../shared/protocol';
import type { Ctx } from './ctx';
import { buildTree, problemLine, type Severity, type TreeNode } from './treeModel';

export const VIEW_ID = 'portolan.ports';

const PROBLEM_ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

const KIND_ICON: Partial<Record<TreeNode['kind'], vscode.ThemeIcon>> = {
  folder: new vscode.ThemeIcon('root-folder'),
  range: new vscode.ThemeIcon('symbol-numeric'),
  outside: new vscode.ThemeIcon('symbol-misc'),
  'reserved-group': new vscode.ThemeIcon('lock'),
  'unclaimed-group': new vscode.ThemeIcon('radio-tower'),
  allocation: new vscode.ThemeIcon('plug'),
  reserved: new vscode.ThemeIcon('circle-slash'),
  unclaimed: new vscode.ThemeIcon('radio-tower', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

const LISTENING_ICON = new vscode.ThemeIcon('radio-tower', new vscode.ThemeColor('testing.iconPassed'));

/** After a failed load: retry after 0.5, 1 and 2 s, then wait for the server's next change. */
const MAX_LOAD_RETRIES = 3;
const RETRY_BASE_MS = 500;

const KEPT_FREE_ICON = new vscode.ThemeIcon('circle-large-outline');

export class PortsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNode[]> | undefined;
  private readonly parents = new Map<string, TreeNode>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** Ask the server which ports listen now (set by LiveRefresh from the setting and workspace trust). */
  live = false;
  /** The listening ports of the last load, to skip redrawing when a poll finds nothing new. */
  private liveSignature = '';
  /** Failed loads in a row (reset by a successful one), to give up retrying rather than spin. */
  private failedLoads = 0;

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      ctx.onDidChangeAllocations(() => this.refreshSoon()),
      ctx.onDidStartClient(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  /** Drops what was loaded and asks VS Code to read the tree again. */
  refresh(): void {
    this.failedLoads = 0;
    this.reload();
  }

  private reload(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** Coalesces the server's bursts of change notifications (one per file on a branch switch). */
  private refreshSoon(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.refresh(), 150);
  }

  /** The nodes under `element`, or the roots; loads from the server when nothing is cached. */
  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (element) return element.children;
    this.roots ??= this.load();
    return this.roots;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return this.parents.get(element.id);
  }

  /** Finds a node of the current tree by id (what the test API's getTreeItems is given). */
  async find(id: string): Promise<TreeNode | undefined> {
    const walk = (nodes: TreeNode[]): TreeNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const found = walk(n.children);
        if (found) return found;
      }
      return undefined;
    };
    return walk(await this.getChildren());
  }

  /** Asks again which ports listen now; redraws only when that changed. */
  async pollLive(): Promise<void> {
    if (!this.live || !this.roots) return;
    let result: AllocationsResult;
    try {
      result = await this.ctx.allocations(undefined, { live: true });
    } catch {
      return;
    }
    if (!this.live || liveSignature(result) === this.liveSignature) return;
    this.roots = Promise.resolve(this.build(result));
    this.changed.fire(undefined);
  }

  private async load(): Promise<TreeNode[]> {
    let result: AllocationsResult;
    try {
      result = await this.ctx.allocations(undefined, { live: this.live });
    } catch (err) {
      this.ctx.output.error(`portolan/allocations failed: ${err instanceof Error ? err.message : String(err)}`);
      // An empty tree is shown meanwhile; cached, it would stay empty until the next change on disk.
      this.retryAfterFailure();
      return [];
    }
    this.failedLoads = 0;
    return this.build(result);
  }

  /** Loads again after a failed load, a few times with growing waits, then waits for the next change. */
  private retryAfterFailure(): void {
    if (this.failedLoads >= MAX_LOAD_RETRIES) return;
    const wait = RETRY_BASE_MS * 2 ** this.failedLoads++;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.reload(), wait);
  }

  private build(result: AllocationsResult): TreeNode[] {
    this.liveSignature = liveSignature(result);
    const roots = buildTree(result, { relativePath: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false) });
    this.parents.clear();
    const index = (nodes: TreeNode[], parent?: TreeNode): void => {
      for (const n of nodes) {
        if (parent) this.parents.set(n.id, parent);
        index(n.children, n);
      }
    };
    index(roots);
    return roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Which allocations listen and which listeners are unclaimed, as one comparable string. */
function liveSignature(result: AllocationsResult): string {
  return JSON.stringify(result.folders.map((f) => [
    f.uri,
    f.live,
    [...f.ranges.flatMap((r) => r.allocations), ...f.outside].filter((a) => a.listening).map((a) => `${a.port}:${a.service}`),
    f.unclaimed?.map((u) => u.port),
  ]));
}

export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const state = node.children.length === 0
    ? vscode.TreeItemCollapsibleState.None
    : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  item.contextValue = `portolan.${node.kind}`;
  item.tooltip = tooltip(node);
  if (node.kind === 'place' && node.location) {
    const uri = vscode.Uri.parse(node.location.uri);
    item.resourceUri = uri;
    item.iconPath = node.claim ? new vscode.ThemeIcon('link') : vscode.ThemeIcon.File;
    item.command = openCommand(node.location, 'Open');
  } else {
    const problemIcon = node.kind === 'allocation' && node.severity ? PROBLEM_ICON[node.severity] : undefined;
    const listeningIcon = node.kind === 'allocation' && node.listening ? LISTENING_ICON : undefined;
    item.iconPath = problemIcon ?? listeningIcon ?? (node.keptFree ? KEPT_FREE_ICON : KIND_ICON[node.kind]);
    if (node.kind === 'reserved' && node.location) item.command = openCommand(node.location, 'Open');
  }
  return item;
}

export function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function openCommand(location: NonNullable<TreeNode['location']>, title: string): vscode.Command {
  const options: vscode.TextDocumentShowOptions = { selection: toRange(location.range), preserveFocus: false };
  return { command: 'vscode.open', title, arguments: [vscode.Uri.parse(location.uri), options] };
}

function tooltip(node: TreeNode): vscode.MarkdownString | string | undefined {
  if (node.kind === 'place' && node.location) return `${node.label}${node.claim ? ' (reference)' : ''}`;
  if (node.problems.length === 0) return node.kind === 'allocation' || node.kind === 'range' ? node.label : undefined;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(node.label)}**\n\n`);
  const shown = node.problems.slice(0, 10);
  for (const p of shown) md.appendMarkdown(`- $(${p.severity}) ${escape(problemLine(p))}\n`);
  if (node.problems.length > shown.length) md.appendMarkdown(`- … and ${node.problems.length - shown.length} more\n`);
  return md;
}

/** Escapes what would turn plain text into markup mid-line (labels and messages never start a line). */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>$]/g, '\\$&');
}
