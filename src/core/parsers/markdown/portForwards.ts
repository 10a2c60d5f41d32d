// A document of ports forwarded from a Kubernetes cluster: its tables list the local ports that
// `kubectl port-forward svc/x 11084:80` commands in it open. Those ports are the cluster's as seen
// from a workstation, not what compose stacks or env files beside the document publish, so the
// document is a world of its own (ProjectModel.roleOf): compared with itself, not with them.
import type { FileFacts } from '../../model';

const PORT_FORWARD = /\bkubectl\s+(?:-\S+\s+\S+\s+)*port-forward\b[^\n]*?\s(\d{2,5}):\d{2,5}\b/g;
// Two forwards at least that the document's own entries list: one command may be an aside.
const MIN_FORWARDED = 2;

/** Whether the document's entries are ports its `kubectl port-forward` commands open. */
export function listsForwardedPorts(text: string, facts: FileFacts): boolean {
  if (!text.includes('port-forward')) return false;
  const forwarded = new Set<number>();
  for (const m of text.matchAll(PORT_FORWARD)) forwarded.add(Number(m[1]));
  if (forwarded.size < MIN_FORWARDED) return false;
  const listed = new Set(facts.allocations.filter((a) => !a.claim).map((a) => a.port));
  let both = 0;
  for (const port of forwarded) if (listed.has(port)) both++;
  return both >= MIN_FORWARDED;
}
