// A pod template's ports: its containers' `containerPort`s live in the pod's own network namespace
// (mentions, and the ports a Service may target); a `hostPort`, or every container port of a pod on
// the node's network (`hostNetwork: true`), takes that port on the node: an allocation of the
// workload, which can clash with other node ports of the cluster.
import type { Value } from '../compose/walk';
import { nodePlace, protocolOf } from './nodePlaces';
import type { DeclaredPort, PodTemplate } from './objects';
import { fieldsOf, isList, itemsOf, literalOf, literalPairs, portField, type Reading } from './values';

/** A workload's pods: who they are and where they are written. */
export interface PodOwner {
  /** The workload's `metadata.name`. */
  name?: string;
  namespace: string | null;
  /** The template's `metadata` and `spec`. */
  metadata: Value;
  spec: Value;
  /** Where the workload is written: its places' group. */
  group: number;
}

export function readPodTemplate(owner: PodOwner, r: Reading): void {
  const spec = fieldsOf(owner.spec, r);
  const pod: PodTemplate = { name: owner.name, namespace: owner.namespace, ...labelsOf(owner.metadata, r), ports: [], portsKnown: !r.templated };
  const onNode = literalOf(spec?.get('hostNetwork'), r) === 'true';
  const places = { owner, onNode, index: 0 };
  for (const [key, allocates] of [['containers', true], ['initContainers', false]] as const) {
    const containers = spec?.get(key);
    if (containers === undefined || containers === null) continue;
    if (!isList(containers, r)) pod.portsKnown = false;
    for (const container of itemsOf(containers, r)) {
      const ports = fieldsOf(container, r)?.get('ports');
      if (ports === undefined || ports === null) continue;
      if (!isList(ports, r)) pod.portsKnown = false;
      // Init containers' ports count as declared (a sidecar may serve them) but take no node port.
      for (const entry of itemsOf(ports, r)) readContainerPort(entry, pod, allocates ? places : undefined, r);
    }
  }
  r.kubernetes.workloads.push(pod);
}

/** The pods' labels, and whether they are all literal. */
function labelsOf(metadata: Value, r: Reading): Pick<PodTemplate, 'labels' | 'labelsKnown'> {
  const { pairs, known } = literalPairs(fieldsOf(metadata, r)?.get('labels'), r);
  return { labels: pairs, labelsKnown: known && !r.templated };
}

interface NodePlaces {
  owner: PodOwner;
  onNode: boolean;
  /** Node ports allocated so far in the workload. */
  index: number;
}

function readContainerPort(entry: Value, pod: PodTemplate, places: NodePlaces | undefined, r: Reading): void {
  const fields = fieldsOf(entry, r);
  if (!fields) {
    pod.portsKnown = false;
    return;
  }
  const container = portField(fields.get('containerPort'), r);
  const nameNode = fields.get('name');
  const name = literalOf(nameNode, r);
  if (typeof container !== 'object' || (nameNode !== undefined && nameNode !== null && name === undefined)) pod.portsKnown = false;
  if (typeof container === 'object') {
    r.facts.mentions.push({ port: container.port, loc: container.loc });
    const declared: DeclaredPort = { port: container.port, loc: container.loc };
    if (name !== undefined) declared.name = name;
    pod.ports.push(declared);
  }
  if (!places || places.owner.name === undefined) return;
  const host = portField(fields.get('hostPort'), r, true);
  // On the node's network the container port is the node port (the API sets hostPort to it).
  const taken = typeof host === 'object' ? host : places.onNode && host === 'absent' && typeof container === 'object' ? container : undefined;
  const protocol = protocolOf(fields.get('protocol'), r);
  const hostIpNode = fields.get('hostIP');
  const hostIp = literalOf(hostIpNode, r);
  if (!taken || !protocol || (hostIpNode !== undefined && hostIpNode !== null && hostIp === undefined)) return;
  r.facts.allocations.push(nodePlace({
    service: places.owner.name, portName: name, at: taken, protocol, hostIp,
    containerPort: typeof container === 'object' ? container.port : undefined, group: places.owner.group, indexInGroup: places.index++,
  }));
}
