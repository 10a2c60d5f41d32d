// The answer to `portolan/allocations` for one folder: its declared ranges with the allocations
// each owns (sorted by port), the allocations no range holds, the reserved ports and the number
// of problems. The allocations are the rows of the allocation table (core/query/allocations.ts),
// as `portolan list` and the Markdown export show them too.
import type { Finding, Location } from '../../core/model';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { allocationTable } from '../../core/query/allocations';
import { findingsTouching } from '../../core/query/findings';
import { rangesOf, usedPortsIn } from '../../core/query/lookup';
import { kindsByFile, type RangeInfo } from '../../core/query/ranges';
import { compareLocations, type RuleInput } from '../../core/rules/model';
import { unclaimedListeners } from '../../core/live/unclaimed';
import type { AllocationNode, AllocationsParams, FolderAllocations, PlaceNode, ProblemSummary, RangeNode, ReservedNode } from '../../shared/protocol';
import { toRange } from '../convert';
import type { Listening } from '../liveStatus';
import type { FolderView } from './feature';

/** One folder's answer; with `live` (and the settings allowing it), which allocated ports are listening. */
export async function allocations(snapshot: FolderSnapshot, folder: FolderView, params: AllocationsParams | undefined): Promise<FolderAllocations> {
  const listening = params?.live && folder.liveStatus ? await folder.listening(liveCandidates(snapshot.input)) : undefined;
  return folderAllocations(snapshot, folder, listening);
}

function folderAllocations(snapshot: FolderSnapshot, folder: FolderView, listening?: Listening): FolderAllocations {
  const input = snapshot.input;
  const kinds = kindsByFile(input);
  const placeNode = (loc: Location, claim = false, source = kinds.get(loc.file) ?? 'registry'): PlaceNode => ({
    uri: folder.uriOf(loc.file), range: toRange(loc.span), source, claim,
  });
  const problems = (locs: Location[]): ProblemSummary[] =>
    findingsTouching(snapshot.findings, locs).map((f: Finding) => ({ rule: f.rule, severity: f.severity, message: f.message }));

  const nodes = new Map<RangeInfo, RangeNode>(rangesOf(input).map((r) => [r, {
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

  // The table's rows come sorted by port, service and role: each range's share stays so.
  for (const row of allocationTable(input)) {
    const node: AllocationNode = {
      port: row.port,
      ...(row.endPort !== undefined ? { endPort: row.endPort } : {}),
      service: row.service,
      ...(row.role !== undefined ? { role: row.role } : {}),
      ...(row.environment !== undefined ? { environment: row.environment } : {}),
      scope: row.scope,
      ...(row.stack !== undefined ? { stack: row.stack } : {}),
      problems: problems(row.places.map((p) => p.loc)),
      places: row.places.map((p) => placeNode(p.loc, p.claim, p.source)),
      ...(listening ? { listening: isListening(listening, row.port, row.endPort) } : {}),
    };
    if (row.range) nodes.get(row.range)!.allocations.push(node);
    else outside.push(node);
  }

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
    problemCount: snapshot.findings.length,
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
function liveCandidates(input: RuleInput, budget = 1024): number[] {
  const ports = new Set<number>();
  for (const p of input.places) if (!p.claim && p.endPort === undefined) ports.add(p.port);
  const ranges = rangesOf(input).filter((r) => !r.keptFree);
  const total = ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
  if (ports.size + total <= budget) for (const r of ranges) for (let p = r.from; p <= r.to; p++) ports.add(p);
  return [...ports].slice(0, budget);
}
