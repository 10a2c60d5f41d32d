// What a kustomization applies with its folder: the files and folders it lists under `resources:`
// (and the older `bases:`, and `components:`, which add to the same build), as paths from the check
// root. Remote resources (a Git URL) and paths that leave the check root are not files here.
import { dirOf, joinPath } from '../../syntax/paths';
import type { Value } from '../compose/walk';
import { itemsOf, literalOf, type Reading } from './values';

const LISTS = ['resources', 'bases', 'components'];
const REMOTE = /:\/\/|^git@|^github\.com\/|\?ref=/;

export function kustomizationResources(top: Map<string, Value>, r: Reading): string[] {
  const dir = dirOf(r.facts.file);
  const out: string[] = [];
  for (const list of LISTS) {
    for (const item of itemsOf(top.get(list), r)) {
      const written = literalOf(item, r);
      if (written === undefined || REMOTE.test(written) || written.startsWith('/')) continue;
      const path = joinPath(dir, written);
      if (path !== undefined && !out.includes(path)) out.push(path);
    }
  }
  return out;
}

/** Whether a top-level map is a kustomization's: `kind: Kustomization` or `Component` of kustomize's API. */
export function isKustomizationObject(top: Map<string, Value>, r: Reading): boolean {
  const kind = literalOf(top.get('kind'), r);
  return (kind === 'Kustomization' || kind === 'Component') && (literalOf(top.get('apiVersion'), r) ?? '').startsWith('kustomize.config.k8s.io/');
}
