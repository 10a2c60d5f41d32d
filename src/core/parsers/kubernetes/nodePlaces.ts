// The places of ports taken on every node of a cluster: a Service's `nodePort`, a pod's `hostPort`.
// They clash with each other within one cluster scope (project/clusters.ts), like a compose host's
// published ports on one host.
import type { Allocation, Location, Protocol } from '../../model';
import { roleFromWords, serviceKey } from '../../syntax/names';
import type { Value } from '../compose/walk';
import { literalOf, type Reading } from './values';

/** `TCP` (the default), `UDP` or `SCTP`, as the API spells them; undefined for anything else. */
export function protocolOf(node: Value, r: Reading): Protocol | undefined {
  if (node === undefined || node === null) return 'tcp';
  const written = literalOf(node, r);
  return written === 'TCP' || written === 'UDP' || written === 'SCTP' ? (written.toLowerCase() as Protocol) : undefined;
}

/** What a node port's place is made of. */
export interface NodePort {
  /** The Service's or the workload's name. */
  service: string;
  /** The port entry's `name` (`http`, `metrics`): its role. */
  portName?: string;
  at: { port: number; loc: Location };
  protocol: Protocol;
  hostIp?: string;
  /** Where the node port leads: the container port, or a Service's numeric target port. */
  containerPort?: number;
  /** Where the object is written, and how many node ports it took before this one. */
  group: number;
  indexInGroup: number;
}

/** A port taken on every node of the cluster: a workload's host port, a Service's node port. */
export function nodePlace({ service, portName, at, protocol, hostIp, containerPort, group, indexInGroup }: NodePort): Allocation {
  return {
    service,
    serviceKey: serviceKey(service) || JSON.stringify(service),
    role: portName === undefined ? undefined : roleFromWords(portName),
    port: at.port,
    protocol,
    hostIp,
    scope: '',
    source: 'kubernetes',
    claim: false,
    group,
    indexInGroup,
    containerPort,
    loc: at.loc,
  };
}
