// The answer to `portolan/allocations` for one folder: its declared ranges with the allocations
// each owns (sorted by port), the allocations no range holds, the reserved ports and the number
// of problems. An allocation is one service, role and port with every place it is written.
import type { Finding, Location } from '../core/model';
import { matchRole } from '../core/syntax/names';
import type { Place } from '../core/rules/model';
import { isGenericName } from '../core/project/roles';
import { unclaimedListeners } from '../core/live/unclaimed';
import type { AllocationNode, FolderAllocations, PlaceNode, ProblemSummary, RangeNode, ReservedNode } from '../shared/protocol';
import { findingsTouching } from '../core/query/findings';
import { rangesOf, usedPortsIn } from '../core/query/lookup';
import { kindsByFile, owningRange, type RangeInfo } from '../core/query/ranges';
import { bySpelling } from '../core/query/services';
import { compareLocations } from '../core/rules/model';
import { toRange } from './convert';
import type { FolderState } from './folderState';
import type { Listening } from './liveStatus';

export function folderAllocations(folder: FolderState, listening?: Listening): FolderAllocations {
  const input = folder.ruleInput();
  const kinds = kindsByFile(input);
  const placeNode = (loc: Location, claim = false, source = kinds.get(loc.file) ?? 'registry'): PlaceNode => ({
    uri: folder.uriOf(loc.file), range: toRange(loc.span), source, claim,
  });
  const problems = (locs: Location[]): ProblemSummary[] =>
    findingsTouching(folder.findings, locs).map((f: Finding) => ({ rule: f.rule, severity: f.severity, message: f.message }));

  const ranges = rangesOf(input);
  const nodes = new Map<RangeInfo, RangeNode>(ranges.map((r) => [r, {
    name: r.name,
    from: r.from,
    to: r.to,
    scope: r.scope,
    used: usedPortsIn(input, r),
    capacity: r.to - r.from + 1,
    declaredAt: r.decls.map((d) => placeNode(d.loc)),
    allocations: [],
    ...(r.keptFree ? { keptFree: true } : {}),
  }]));
  const outside: AllocationNode[] = [];

  for (const group of allocationGroups(input.places)) {
    const owners = group.filter((p) => !p.claim);
    const first = [...owners].sort(bySpelling)[0];
    const environments = new Set(owners.map((p) => p.environment));
    const node: AllocationNode = {
      port: first.port,
      ...(first.endPort !== undefined ? { endPort: first.endPort } : {}),
      service: first.service,
      ...(first.role !== undefined ? { role: first.role } : {}),
      ...(environments.size === 1 && first.environment !== undefined ? { environment: first.environment } : {}),
      scope: first.scope,
      ...(isGenericName(first.serviceKey) ? { stack: first.fileRole.home || '.' } : {}),
      problems: problems(group.map((p) => p.loc)),
      places: group.map((p) => placeNode(p.loc, p.claim, p.source)),
      ...(listening ? { listening: isListening(listening, first.port, first.endPort) } : {}),
    };
    const ownerRange = owners.find((p) => p.ownerRange !== undefined) ?? first;
    const range = owningRange(ranges, ownerRange);
    if (range) nodes.get(range)!.allocations.push(node);
    else outside.push(node);
  }

  const byPort = (a: AllocationNode, b: AllocationNode) => a.port - b.port || a.service.localeCompare(b.service) || (a.role ?? '').localeCompare(b.role ?? '');
  for (const node of nodes.values()) node.allocations.sort(byPort);
  outside.sort(byPort);

  const reserved: ReservedNode[] = [];
  const seen = new Set<string>();
  for (const r of [...input.reserved].sort((a, b) => a.from - b.from || compareLocations(a.loc, b.loc))) {
    const key = `${r.scope}\u0000${r.from}\u0000${r.to}\u0000${r.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reserved.push({ from: r.from, to: r.to, reason: r.reason, declaredAt: placeNode(r.loc) });
  }

  return {
    uri: folder.uri,
    name: folder.name,
    ranges: [...nodes.values()],
    outside,
    reserved,
    problemCount: folder.findings.length,
    ...(listening ? {
      live: listening.method,
      unclaimed: unclaimedListeners(input, listening.ports).map((u) => ({ port: u.port, range: { name: u.range.name, from: u.range.from, to: u.range.to, scope: u.range.scope } })),
    } : {}),
  };
}

function isListening(listening: Listening, port: number, endPort = port): boolean {
  for (let p = port; p <= endPort && p - port < 1024; p++) if (listening.ports.has(p)) return true;
  return false;
}

/**
 * The ports worth probing when only connecting can tell (not Linux): every allocated port, and the
 * ports of the declared ranges when there are few enough of them to look for unclaimed listeners.
 */
export function liveCandidates(folder: FolderState, budget = 1024): number[] {
  const input = folder.ruleInput();
  const ports = new Set<number>();
  for (const p of input.places) if (!p.claim && p.endPort === undefined) ports.add(p.port);
  const ranges = rangesOf(input).filter((r) => !r.keptFree);
  const total = ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
  if (ports.size + total <= budget) for (const r of ranges) for (let p = r.from; p <= r.to; p++) ports.add(p);
  return [...ports].slice(0, budget);
}

/**
 * Places grouped by scope, service (after aliases), role and port; references join the group of
 * the allocation they point at, and references to nothing allocated here are left out.
 */
function allocationGroups(places: Place[]): Place[][] {
  const groups = new Map<string, Place[]>();
  for (const p of [...places].sort((a, b) => compareLocations(a.loc, b.loc))) {
    const key = `${p.scope}\u0000${p.identity}\u0000${matchRole(p.role)}\u0000${p.port}\u0000${p.endPort ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].filter((g) => g.some((p) => !p.claim));
}
