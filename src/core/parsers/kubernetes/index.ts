// Kubernetes manifests: any YAML file of Kubernetes objects (several per file, `---` between them),
// Helm chart templates included, and kustomizations. What makes a place:
// - a Service's `nodePort`, and a pod template's `hostPort` (or its container ports on the node's
//   network): ports taken on the cluster's nodes, which clash with each other in one cluster scope
//   (project/clusters.ts) and never with a compose host's;
// - container ports, Service ports and target ports are in-cluster: mentions, never conflicts. The
//   Services and pod templates are kept (KubernetesFacts) for the targetPort check across the files
//   of a cluster (rules/serviceTargets.ts).
// In a Helm template only literal values are read (templates.ts); a document that is no YAML once
// its actions are set aside is left out with a note.
import { emptyFacts, type FileFacts, type ParseContext } from '../../model';
import { findSuppressions } from '../../syntax/suppressions';
import { LineIndex } from '../../text/lineIndex';
import { newWalk, type Value } from '../compose/walk';
import { manifestDocuments, type ManifestDocument } from './documents';
import { isKustomization } from './detect';
import { isKustomizationObject, kustomizationResources } from './kustomization';
import type { KubernetesFacts } from './objects';
import { readPodTemplate } from './podTemplates';
import { readService } from './services';
import { withoutTemplates } from './templates';
import { fieldsOf, itemsOf, literalOf, type Reading } from './values';

export { looksLikeKubernetes } from './detect';

export function parseKubernetes(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'kubernetes');
  facts.suppressions = findSuppressions(text);
  const kubernetes: KubernetesFacts = { services: [], workloads: [] };
  const lines = new LineIndex(text);
  const untemplated = withoutTemplates(text);
  const { blanked } = untemplated;
  // Documents and blanked lines are both in file order: one pass over each.
  let next = 0;
  for (const doc of manifestDocuments(untemplated.text, lines, facts.notes)) {
    while (next < blanked.length && blanked[next] < doc.base) next++;
    const templated = next < blanked.length && blanked[next] < doc.end;
    readDocument(doc, { walk: newWalk(doc.root, doc.source, doc.base, lines, { ctx, snippet: false }), original: text, templated, facts, kubernetes });
  }
  if (kubernetes.resources || kubernetes.services.length > 0 || kubernetes.workloads.length > 0) facts.kubernetes = kubernetes;
  return facts;
}

function readDocument(doc: ManifestDocument, r: Reading): void {
  const top = fieldsOf(doc.root, r);
  if (!top) return;
  if (isKustomization(r.facts.file) || isKustomizationObject(top, r)) {
    r.kubernetes.resources = [...new Set([...(r.kubernetes.resources ?? []), ...kustomizationResources(top, r)])];
    return;
  }
  readObject(top, r.walk.base + doc.root.start, r, true);
}

/** One object, or each item of a `List` (`kind: List`, `ServiceList`, ...). */
function readObject(fields: Map<string, Value>, group: number, r: Reading, listed: boolean): void {
  const kind = literalOf(fields.get('kind'), r);
  if (kind === undefined) return;
  if (kind.endsWith('List') && listed) {
    for (const item of itemsOf(fields.get('items'), r)) {
      const itemFields = fieldsOf(item, r);
      if (itemFields) readObject(itemFields, r.walk.base + item.start, r, false);
    }
    return;
  }
  const metadata = fieldsOf(fields.get('metadata'), r);
  const name = literalOf(metadata?.get('name'), r);
  const namespace = namespaceOf(metadata?.get('namespace'), r);
  const spec = fields.get('spec');
  if (kind === 'Service' && literalOf(fields.get('apiVersion'), r) === 'v1') {
    readService({ name, namespace, spec, group }, r);
    return;
  }
  const template = podTemplateOf(kind, fields, r);
  if (template) readPodTemplate({ name, namespace, ...template, group }, r);
}

/** '' when not written, null when written with a placeholder. */
function namespaceOf(node: Value, r: Reading): string | null {
  if (node === undefined || node === null) return '';
  return literalOf(node, r) ?? null;
}

/**
 * Where an object's pods are described: a Pod is one; a CronJob's are under its job template;
 * any other object with `spec.template.spec.containers` (a Deployment, a StatefulSet, a DaemonSet,
 * a Job, and the custom resources shaped like them) has them under `spec.template`.
 */
function podTemplateOf(kind: string, fields: Map<string, Value>, r: Reading): { metadata: Value; spec: Value } | undefined {
  if (kind === 'Pod') return { metadata: fields.get('metadata'), spec: fields.get('spec') };
  let spec = fieldsOf(fields.get('spec'), r);
  if (kind === 'CronJob') spec = fieldsOf(fieldsOf(spec?.get('jobTemplate'), r)?.get('spec'), r);
  const template = fieldsOf(spec?.get('template'), r);
  if (!template || !fieldsOf(template.get('spec'), r)?.has('containers')) return undefined;
  return { metadata: template.get('metadata'), spec: template.get('spec') };
}
