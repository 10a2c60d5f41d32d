// Which Kubernetes manifests are applied to one cluster together: a cluster scope is a folder, or a
// kustomization with what it lists. Node ports clash only within one scope, and a Service selects
// only the pods of its own. A kustomization folder that exactly one other kustomization lists joins
// that one's scope (an app's folder listed by its environment's); a base that several list (two
// overlays') stays a scope of its own, since it runs in each of theirs and no one of them is its.

import type { FileFacts } from '../model';
import { dirOf } from '../syntax/paths';
import { compareText } from '../text/compareText';

/** Kustomizations are followed up this far: a cycle or a long chain stops here. */
const MAX_DEPTH = 16;

export class Clusters {
  /** A listed file or kustomization folder (`d` + folder, `f` + file) → the folders of the kustomizations that list it. */
  private readonly listers = new Map<string, Set<string>>();
  private readonly kustomized = new Set<string>();
  private readonly roots = new Map<string, string>();

  private constructor(kustomizations: readonly FileFacts[]) {
    for (const k of kustomizations) this.kustomized.add(dirOf(k.file));
    for (const k of kustomizations) {
      for (const path of k.kubernetes?.resources ?? []) {
        const target = this.kustomized.has(path) ? `d${path}` : `f${path}`;
        let set = this.listers.get(target);
        if (!set) this.listers.set(target, (set = new Set()));
        set.add(dirOf(k.file));
      }
    }
  }

  static of(files: Iterable<FileFacts>): Clusters {
    return new Clusters(kustomizationsIn(files));
  }

  /** What decides the scopes, as one string: each kustomization and what it lists. */
  static signatureOf(files: Iterable<FileFacts>): string {
    return kustomizationsIn(files).map(kustomizationKey).join('\u0000');
  }

  /** The folder whose cluster scope a manifest is in. */
  scopeOf(file: string): string {
    const listers = this.listers.get(`f${file}`);
    if (listers?.size === 1) return this.rootOf([...listers][0]);
    const dir = dirOf(file);
    return this.kustomized.has(dir) ? this.rootOf(dir) : dir;
  }

  /** The outermost kustomization a kustomization folder is applied with, through single listers. */
  private rootOf(folder: string): string {
    let root = this.roots.get(folder);
    if (root === undefined) {
      root = folder;
      const seen = new Set([folder]);
      for (let depth = 0; depth < MAX_DEPTH; depth++) {
        const listers = this.listers.get(`d${root}`);
        if (listers?.size !== 1) break;
        const [parent] = listers;
        if (seen.has(parent)) break;
        seen.add(parent);
        root = parent;
      }
      this.roots.set(folder, root);
    }
    return root;
  }
}

function kustomizationsIn(files: Iterable<FileFacts>): FileFacts[] {
  const out: FileFacts[] = [];
  for (const f of files) if (f.kubernetes?.resources) out.push(f);
  return out.sort((a, b) => compareText(a.file, b.file));
}

/** What a file says about the cluster scopes: a kustomization's list; '' for any other file. */
export function kustomizationKey(f: FileFacts | undefined): string {
  const resources = f?.kubernetes?.resources;
  return resources ? `${f.file}\u0001${resources.join('\u0002')}` : '';
}
