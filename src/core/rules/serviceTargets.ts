// A Kubernetes Service sends each port to a targetPort of the pods its selector picks: a number, or
// the name of a container port. Among the manifests of one cluster scope, a targetPort that no
// selected container declares is a port-mismatch: traffic goes where nothing listens. Reported only
// when certain: every pod template that could be selected is known (literal labels, no template
// lines), at least one is selected, and the selected ones declare their ports, all known. A
// container may listen on a port it does not declare, so a pod that declares none says nothing.
import type { FileFacts, Finding } from '../model';
import type { DeclaredPort, PodTemplate, ServiceSelection, ServiceTarget } from '../parsers/kubernetes/objects';
import { where } from './model';
import { finding, MAX_RELATED, type ClusterUnit, type Rule } from './rule';

export function targetPortMismatches(unit: ClusterUnit, rule: Rule): Finding[] {
  const workloads = unit.files.flatMap((f: FileFacts) => f.kubernetes?.workloads ?? []);
  const out: Finding[] = [];
  for (const f of unit.files) {
    for (const service of f.kubernetes?.services ?? []) {
      const selected = selectedBy(service, workloads);
      if (!selected || selected.some((w) => !w.portsKnown)) continue;
      const declared = selected.flatMap((w) => w.ports);
      if (declared.length === 0) continue;
      for (const target of service.targets) {
        if (!declares(declared, target)) out.push(mismatchAt(rule, service, target, selected, declared));
      }
    }
  }
  return out;
}

/** The pod templates a Service selects; undefined when none is, or when one might be and it cannot be told. */
function selectedBy(service: ServiceSelection, workloads: PodTemplate[]): PodTemplate[] | undefined {
  const selected: PodTemplate[] = [];
  for (const w of workloads) {
    const match = matches(service.selector, w);
    if (match === 'no') continue;
    // A namespace left out is the one it is applied to: only the same one written alike is sure.
    if (match === 'unknown' || w.namespace === null || w.namespace !== service.namespace) return undefined;
    selected.push(w);
  }
  return selected.length > 0 ? selected : undefined;
}

function matches(selector: Array<[string, string]>, w: PodTemplate): 'yes' | 'no' | 'unknown' {
  let unknown = false;
  for (const [key, value] of selector) {
    const label = w.labels.find(([k]) => k === key);
    if (label && label[1] !== value) return 'no';
    if (!label && w.labelsKnown) return 'no';
    if (!label) unknown = true;
  }
  return unknown ? 'unknown' : 'yes';
}

function declares(declared: DeclaredPort[], target: ServiceTarget): boolean {
  return declared.some((d) => (typeof target.target === 'number' ? d.port === target.target : d.name === target.target));
}

function mismatchAt(rule: Rule, service: ServiceSelection, target: ServiceTarget, selected: PodTemplate[], declared: DeclaredPort[]): Finding {
  const pods = [...new Set(selected.map((w) => w.name ?? 'its pods'))].join(', ');
  const ports = [...new Set(declared.map(portText))].join(', ');
  const sent = typeof target.target === 'number' ? `targetPort ${target.target}` : `targetPort "${target.target}"`;
  const verb = typeof target.target === 'number' ? 'declares' : 'names';
  return finding(rule, {
    message: `Service ${service.name} sends port ${target.port} to ${sent}, but no container of ${pods} ${verb} it (${ports} in ${where(declared[0].loc)})`,
    service: service.name,
    port: typeof target.target === 'number' ? target.target : undefined,
    loc: target.loc,
    related: declared.slice(0, MAX_RELATED).map((d) => ({ loc: d.loc, message: `containerPort ${portText(d)}` })),
  });
}

function portText(d: DeclaredPort): string {
  return d.name === undefined ? String(d.port) : `${d.port} (${d.name})`;
}
