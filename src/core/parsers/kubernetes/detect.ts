// Which YAML files are Kubernetes manifests, whatever their names: a document with a top-level
// `apiVersion:` and `kind:` (a Helm template's included, whose values may be actions), or a
// kustomization, whose name says it even where it leaves both out.

const API_VERSION = /^apiVersion:[ \t]*\S/m;
const KIND = /^kind:[ \t]*\S/m;
const KUSTOMIZATION = /(?:^|[\\/])kustomization\.ya?ml$/;
/** Only a file's head is looked at: deciding must stay cheap for every YAML file of a repository. */
const HEAD_CHARS = 64 * 1024;

export function looksLikeKubernetes(fileName: string, text: string): boolean {
  if (isKustomization(fileName)) return true;
  // A byte order mark is no part of the first key.
  const head = (text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text).replace(/^\uFEFF/, '');
  return API_VERSION.test(head) && KIND.test(head);
}

/** `kustomization.yaml` or `.yml`: the file kustomize builds a folder from. */
export function isKustomization(fileName: string): boolean {
  return KUSTOMIZATION.test(fileName);
}
