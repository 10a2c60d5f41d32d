// A Service's ports: `port` and `targetPort` are in-cluster ports (mentions); a `nodePort` is taken
// on every node of the cluster (an allocation of the Service). With a selector written literally,
// the Service is kept for the targetPort check: each target port, a number or a container port's
// name, with where it is written.
import type { Value } from '../compose/walk';
import type { ServiceTarget } from './objects';
import { nodePlace, protocolOf } from './nodePlaces';
import { fieldsOf, itemsOf, literalAt, literalOf, literalPairs, portField, type PortField, type Reading } from './values';

export interface ServiceObject {
  name?: string;
  namespace: string | null;
  spec: Value;
  /** Where the Service is written: its places' group. */
  group: number;
}

// The node ports a cluster hands out by default (kube-apiserver --service-node-port-range).
const NODE_PORTS_FROM = 30000;
const NODE_PORTS_TO = 32767;

/** An IANA service name, as a container port's `name` must be: a named targetPort is one. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9](?:[a-z0-9-]{0,13}[a-z0-9])?$/;

export function readService(service: ServiceObject, r: Reading): void {
  const spec = fieldsOf(service.spec, r);
  if (!spec) return;
  const targets: ServiceTarget[] = [];
  let index = 0;
  for (const entry of itemsOf(spec.get('ports'), r)) {
    const fields = fieldsOf(entry, r);
    if (!fields) continue;
    const port = portField(fields.get('port'), r);
    if (typeof port === 'object') r.facts.mentions.push({ port: port.port, loc: port.loc });
    const target = targetOf(fields.get('targetPort'), port, r);
    if (target && typeof port === 'object') targets.push({ port: port.port, ...target });
    const node = portField(fields.get('nodePort'), r, true);
    if (typeof node === 'object' && (node.port < NODE_PORTS_FROM || node.port > NODE_PORTS_TO)) {
      r.facts.problems.push({
        rule: 'invalid-port', severity: 'warning', port: node.port, loc: node.loc,
        message: `nodePort ${node.port} is outside ${NODE_PORTS_FROM}-${NODE_PORTS_TO}, the range Kubernetes gives node ports unless the API server's --service-node-port-range widens it`,
      });
    }
    const protocol = protocolOf(fields.get('protocol'), r);
    if (typeof node !== 'object' || !protocol || service.name === undefined) continue;
    const forwardedTo = typeof target?.target === 'number' ? target.target : undefined;
    r.facts.allocations.push(nodePlace({
      service: service.name, portName: literalOf(fields.get('name'), r), at: node, protocol, containerPort: forwardedTo, group: service.group, indexInGroup: index++,
    }));
  }
  const selector = literalPairs(spec.get('selector'), r);
  if (service.name === undefined || r.templated || !selector.known || selector.pairs.length === 0) return;
  r.kubernetes.services.push({ name: service.name, namespace: service.namespace, selector: selector.pairs, targets });
}

/** The pods' port a Service port goes to: its targetPort, or the port itself when there is none. */
function targetOf(node: Value, port: PortField, r: Reading): Omit<ServiceTarget, 'port'> | undefined {
  const number = portField(node, r, true);
  if (typeof number === 'object') {
    r.facts.mentions.push({ port: number.port, loc: number.loc });
    return { target: number.port, loc: number.loc };
  }
  if (number === 'absent') return typeof port === 'object' ? { target: port.port, loc: port.loc } : undefined;
  const name = literalAt(node, r);
  return name && PORT_NAME.test(name.value) ? { target: name.value, loc: name.loc } : undefined;
}
