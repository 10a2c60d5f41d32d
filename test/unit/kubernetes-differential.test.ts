// Differential test of the Kubernetes reader (src/core/parsers/kubernetes/), which reads manifests
// without kubectl: for generated manifests (fixed seed; block and flow style, `---` between
// documents, `List`s, comments, quoted numbers, objects with no ports), the ports it finds must be
// those a full parse with the `yaml` package finds in the same documents, read as the API reads
// them: node ports (a Service's `nodePort`, a pod's `hostPort`, or its container ports on the
// node's network) as allocations, and the in-cluster ports (`containerPort`, a Service's `port`
// and numeric `targetPort`) as mentions, each at the exact digits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { parseKubernetes } from '../../src/core/parsers/kubernetes';
import { cleanKubernetesText } from '../fuzz/generators';

type Obj = Record<string, unknown>;

interface Ports {
  /** `service|port/protocol>containerPort`, sorted. */
  allocations: string[];
  /** Mentioned ports, sorted. */
  mentions: number[];
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
/** A port as the API takes it: an integer (the YAML parse gives a quoted one as a string). */
const port = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? v : undefined);
const protocolOf = (v: unknown): string | undefined => (v === undefined ? 'tcp' : v === 'TCP' || v === 'UDP' || v === 'SCTP' ? v.toLowerCase() : undefined);

function yamlSide(text: string): Ports {
  const out: Ports = { allocations: [], mentions: [] };
  const allocate = (service: string, p: number, protocol: string | undefined, container: number | undefined) => {
    if (protocol) out.allocations.push(`${service}|${p}/${protocol}>${container ?? ''}`);
  };
  const read = (o: Obj) => {
    if (typeof o.kind === 'string' && o.kind.endsWith('List')) return list(o.items).forEach(readObject);
    readObject(o);
  };
  const readObject = (o: Obj) => {
    const name = isObj(o.metadata) ? o.metadata.name : undefined;
    if (typeof name !== 'string') return;
    const spec = isObj(o.spec) ? o.spec : {};
    if (o.kind === 'Service' && o.apiVersion === 'v1') {
      for (const entry of list(spec.ports)) {
        const p = port(entry.port);
        const target = port(entry.targetPort) ?? (entry.targetPort === undefined ? p : undefined);
        if (p) out.mentions.push(p);
        if (port(entry.targetPort)) out.mentions.push(port(entry.targetPort)!);
        const node = port(entry.nodePort);
        if (node) allocate(name, node, protocolOf(entry.protocol), target);
      }
      return;
    }
    const template = o.kind === 'Pod' ? o : o.kind === 'CronJob' ? dig(spec, 'jobTemplate', 'spec', 'template') : dig(spec, 'template');
    const podSpec = isObj(template) && isObj(template.spec) ? template.spec : undefined;
    if (!podSpec || !('containers' in podSpec)) return;
    for (const container of list(podSpec.containers)) {
      for (const entry of list(container.ports)) {
        const p = port(entry.containerPort);
        if (p) out.mentions.push(p);
        const host = port(entry.hostPort) ?? (podSpec.hostNetwork === true && entry.hostPort === undefined ? p : undefined);
        if (host) allocate(name, host, protocolOf(entry.protocol), p);
      }
    }
  };
  for (const doc of parseAllDocuments(text)) {
    assert.equal(doc.errors.length, 0, doc.errors[0]?.message);
    const value = doc.toJS();
    if (isObj(value)) read(value);
  }
  return { allocations: out.allocations.sort(), mentions: out.mentions.sort((a, b) => a - b) };
}

function dig(o: Obj, ...keys: string[]): unknown {
  let at: unknown = o;
  for (const key of keys) at = isObj(at) ? at[key] : undefined;
  return at;
}

function portolanSide(text: string): Ports {
  const facts = parseKubernetes(text, { file: 'k8s/app.yaml' });
  assert.deepEqual(facts.notes, []);
  for (const fact of [...facts.allocations, ...facts.mentions]) {
    assert.equal(text.slice(fact.loc.span.startOffset, fact.loc.span.endOffset), String(fact.port), 'a port is located at its digits');
  }
  return {
    allocations: facts.allocations.map((a) => `${a.service}|${a.port}/${a.protocol}>${a.containerPort ?? ''}`).sort(),
    mentions: facts.mentions.map((m) => m.port).sort((a, b) => a - b),
  };
}

test('generated manifests: the ports read without kubectl are those a full YAML parse finds', () => {
  let withPlaces = 0;
  fc.assert(fc.property(cleanKubernetesText, (text) => {
    const expected = yamlSide(text);
    assert.deepEqual(portolanSide(text), expected, text);
    if (expected.allocations.length > 0) withPlaces++;
  }), { seed: 18, numRuns: 300 });
  // The generator is no use if it seldom writes a node port.
  assert.ok(withPlaces > 100, `${withPlaces} of 300 manifests had node ports`);
});
