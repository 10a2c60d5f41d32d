// A document of ports forwarded from a Kubernetes cluster: its tables list the local ports that
// `kubectl port-forward svc/x 11084:80` commands in it open. Those ports are the cluster's as seen
// from a workstation, not what compose stacks or env files beside the document publish, so the
// document is a world of its own (ProjectModel.roleOf): compared with itself, not with them.
import type { FileFacts } from '../../model';
import { CLUSTER_ENVIRONMENT } from '../../syntax/names';

const PORT_FORWARD = /\bkubectl\s+(?:-\S+\s+\S+\s+)*port-forward\b[^\n]*?\s(\d{2,5}):\d{2,5}\b/g;
// Two forwards at least that the document's own entries list: one command may be an aside.
const MIN_FORWARDED = 2;

/**
 * Whether the document's entries are ports its `kubectl port-forward` commands open: then it is a
 * world of its own. In a document that lists other ports too (the compose stack's table, and a
 * monitoring section of forwards further down), only the entries on forwarded ports are the
 * cluster's: they are put in its environment here, and the rest is compared as any document is.
 */
export function listsForwardedPorts(text: string, facts: FileFacts): boolean {
  if (!text.includes('port-forward')) return false;
  const forwarded = new Set<number>();
  for (const m of text.matchAll(PORT_FORWARD)) forwarded.add(Number(m[1]));
  if (forwarded.size < MIN_FORWARDED) return false;
  const listed = new Set(facts.allocations.filter((a) => !a.claim).map((a) => a.port));
  const both = countIn(forwarded, listed);
  // Most of what the document lists is forwarded: a document of forwards.
  if (both >= MIN_FORWARDED && both * 2 >= listed.size) return true;
  // Else the entries on forwarded ports (`- Grafana: http://localhost:3000` below the commands) are the cluster's.
  if (countIn(forwarded, new Set(facts.allocations.map((a) => a.port))) < MIN_FORWARDED) return false;
  for (const a of facts.allocations) if (forwarded.has(a.port) && a.environment === undefined) a.environment = CLUSTER_ENVIRONMENT;
  return false;
}

function countIn(ports: ReadonlySet<number>, among: ReadonlySet<number>): number {
  let n = 0;
  for (const port of ports) if (among.has(port)) n++;
  return n;
}
