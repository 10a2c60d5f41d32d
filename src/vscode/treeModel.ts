// The Ports tree as plain data: which nodes, in which order, with which labels. No vscode import,
// so the shape is unit-tested without an editor; tree.ts turns these nodes into TreeItems.
import type { AllocationNode, AllocationsResult, FolderAllocations, PlaceNode, ProblemSummary, RangeNode, ReservedNode, UnclaimedNode } from '../shared/protocol';
import type { Range } from 'vscode-languageserver-protocol';

export type Severity = ProblemSummary['severity'];
export type TreeNodeKind = 'folder' | 'range' | 'outside' | 'reserved-group' | 'unclaimed-group' | 'allocation' | 'place' | 'reserved' | 'unclaimed';

export interface TreeLocation {
  uri: string;
  range: Range;
}

export interface TreeNode {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  kind: TreeNodeKind;
  label: string;
  description?: string;
  /** The worst problem touching the node (allocations; folders and ranges roll theirs up). */
  severity?: Severity;
  problems: ProblemSummary[];
  /** What "Copy Port" copies. */
  portText?: string;
  /** Where "Reveal" (and a click on a place or a reserved port) goes. */
  location?: TreeLocation;
  children: TreeNode[];
  /** Shown expanded the first time. */
  expanded: boolean;
  /** Ranges only: kept free for later. */
  keptFree?: boolean;
  /** Places only: a reference (URL) rather than an allocation. */
  claim?: boolean;
  /** Allocations (and unclaimed listeners): listening on this machine now. */
  listening?: boolean;
  source?: PlaceNode['source'];
}

export interface TreeOptions {
  /** How a place's file is shown: a path relative to its workspace folder. */
  relativePath(uri: string): string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(problems: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const p of problems) if (!worst || SEVERITY_RANK[p.severity] > SEVERITY_RANK[worst]) worst = p.severity;
  return worst;
}

export function portText(from: number, to?: number): string {
  return to !== undefined && to !== from ? `${from}-${to}` : String(from);
}

/** `8000-8009 Core Infrastructure · 10/10 used` */
export function rangeLabel(r: RangeNode): string {
  return `${portText(r.from, r.to)} ${r.name} · ${r.used}/${r.capacity} used`;
}

/** `8087 Settlement Engine · http` */
function allocationLabel(a: AllocationNode): string {
  return `${portText(a.port, a.endPort)} ${a.service}${a.role ? ` · ${a.role}` : ''}`;
}

/** `8005 · Legacy admin console, never use` */
function reservedLabel(r: ReservedNode): string {
  return `${portText(r.from, r.to)}${r.reason ? ` · ${r.reason}` : ''}`;
}

export function placeLabel(p: PlaceNode, options: TreeOptions): string {
  return `${options.relativePath(p.uri)}:${p.range.start.line + 1}`;
}

function compareAllocations(a: AllocationNode, b: AllocationNode): number {
  return a.port - b.port
    || (a.endPort ?? a.port) - (b.endPort ?? b.port)
    || a.service.localeCompare(b.service)
    || (a.role ?? '').localeCompare(b.role ?? '')
    || (a.environment ?? '').localeCompare(b.environment ?? '');
}

function comparePlaces(a: PlaceNode, b: PlaceNode): number {
  return Number(a.claim) - Number(b.claim)
    || a.uri.localeCompare(b.uri)
    || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character;
}

/** The roots of the tree: one node per folder, or the folder's own groups when there is one folder. */
export function buildTree(result: AllocationsResult, options: TreeOptions): TreeNode[] {
  const folders = result.folders.map((f) => folderNode(f, options));
  if (folders.length === 1) return folders[0].children;
  return folders;
}

function folderNode(folder: FolderAllocations, options: TreeOptions): TreeNode {
  const ids = new UniqueIds();
  const base = folder.uri;
  const children: TreeNode[] = [];
  const ranges = [...folder.ranges].sort((a, b) => a.from - b.from || b.to - a.to || a.name.localeCompare(b.name));
  for (const range of ranges) {
    const id = ids.take(`${base}#range:${range.scope}:${range.from}-${range.to}:${range.name}`);
    const allocations = allocationNodes(id, range.allocations, options);
    const problems = allocations.flatMap((a) => a.problems);
    children.push({
      id,
      kind: 'range',
      label: rangeLabel(range),
      description: [range.keptFree ? 'kept free' : undefined, range.scope || undefined].filter(Boolean).join(' · ') || undefined,
      severity: worstSeverity(problems),
      keptFree: range.keptFree,
      problems,
      portText: portText(range.from, range.to),
      location: range.declaredAt[0] && toLocation(range.declaredAt[0]),
      children: allocations,
      expanded: problems.length > 0,
    });
  }
  if (folder.outside.length > 0) {
    const id = ids.take(`${base}#outside`);
    const allocations = allocationNodes(id, folder.outside, options);
    const problems = allocations.flatMap((a) => a.problems);
    children.push({
      id,
      kind: 'outside',
      label: 'Outside any range',
      description: count(allocations.length, 'allocation'),
      severity: worstSeverity(problems),
      problems,
      children: allocations,
      expanded: problems.length > 0,
    });
  }
  if (folder.unclaimed && folder.unclaimed.length > 0) {
    const id = ids.take(`${base}#unclaimed`);
    children.push({
      id,
      kind: 'unclaimed-group',
      label: 'Unclaimed listeners',
      description: count(folder.unclaimed.length, 'port'),
      problems: [],
      children: folder.unclaimed.map((u) => unclaimedNode(ids.take(`${id}/${u.port}`), u)),
      expanded: true,
    });
  }
  if (folder.reserved.length > 0) {
    const id = ids.take(`${base}#reserved`);
    const reserved = [...folder.reserved].sort((a, b) => a.from - b.from || a.to - b.to);
    children.push({
      id,
      kind: 'reserved-group',
      label: 'Reserved',
      description: count(reserved.length, 'entry', 'entries'),
      problems: [],
      children: reserved.map((r) => ({
        id: ids.take(`${id}/${r.from}-${r.to}`),
        kind: 'reserved' as const,
        label: reservedLabel(r),
        problems: [],
        portText: portText(r.from, r.to),
        location: toLocation(r.declaredAt),
        children: [],
        expanded: false,
      })),
      expanded: false,
    });
  }
  const problems = children.flatMap((c) => c.problems);
  return {
    id: base,
    kind: 'folder',
    label: folder.name,
    description: folder.problemCount > 0 ? count(folder.problemCount, 'problem') : undefined,
    severity: worstSeverity(problems),
    problems,
    children,
    expanded: true,
  };
}

function allocationNodes(parentId: string, allocations: readonly AllocationNode[], options: TreeOptions): TreeNode[] {
  const ids = new UniqueIds();
  return [...allocations].sort(compareAllocations).map((a) => {
    const id = ids.take(`${parentId}/${portText(a.port, a.endPort)}:${a.scope}:${a.stack ?? ''}:${a.service}:${a.role ?? ''}:${a.environment ?? ''}`);
    const places = [...a.places].sort(comparePlaces);
    const placeIds = new UniqueIds();
    const main = places.find((p) => !p.claim) ?? places[0];
    return {
      id,
      kind: 'allocation' as const,
      label: allocationLabel(a),
      description: [a.listening ? 'listening' : undefined, a.stack, a.environment, count(places.length, 'place')].filter(Boolean).join(' · '),
      ...(a.listening ? { listening: true } : {}),
      severity: worstSeverity(a.problems),
      problems: a.problems,
      portText: portText(a.port, a.endPort),
      location: main && toLocation(main),
      children: places.map((p) => ({
        id: placeIds.take(`${id}/${p.uri}:${p.range.start.line}:${p.range.start.character}`),
        kind: 'place' as const,
        label: placeLabel(p, options),
        description: p.claim ? `${p.source} · reference` : p.source,
        problems: [],
        location: toLocation(p),
        children: [],
        expanded: false,
        claim: p.claim,
        source: p.source,
      })),
      expanded: false,
    };
  });
}

/** `8086` · `listening · apps 8080-8089`: a port in use that no document claims. */
function unclaimedNode(id: string, u: UnclaimedNode): TreeNode {
  return {
    id,
    kind: 'unclaimed',
    label: String(u.port),
    description: `listening · ${u.range.name} ${portText(u.range.from, u.range.to)}${u.range.scope ? ` · ${u.range.scope}` : ''}`,
    problems: [],
    portText: String(u.port),
    children: [],
    expanded: false,
    listening: true,
  };
}

function toLocation(p: { uri: string; range: Range }): TreeLocation {
  return { uri: p.uri, range: p.range };
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Ids made unique by a suffix when two nodes would share one (the same service written twice). */
class UniqueIds {
  private readonly seen = new Map<string, number>();
  take(id: string): string {
    const n = this.seen.get(id) ?? 0;
    this.seen.set(id, n + 1);
    return n === 0 ? id : `${id}~${n}`;
  }
}

/** A problem as one line: `port-conflict: Port 8081 is taken by both …`. */
export function problemLine(p: ProblemSummary): string {
  return `${p.rule}: ${p.message}`;
}
