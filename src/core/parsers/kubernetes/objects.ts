// What a Kubernetes manifest file says beyond its places: the files a kustomization applies with
// it (which decide the cluster scopes, project/clusters.ts), and each Service's selector and
// target ports beside each pod template's labels and declared ports (which the targetPort check,
// rules/serviceTargets.ts, compares across the manifests of one cluster). Plain data: it travels
// from the parse workers like every fact.
import type { Location } from '../../model';

export interface KubernetesFacts {
  /**
   * A kustomization: the files and folders it applies (`resources:`, `bases:`, `components:`),
   * paths from the check root; remote ones left out.
   */
  resources?: string[];
  /** Services whose selector is known: the ones whose target ports can be checked. */
  services: ServiceSelection[];
  /** Every pod template (a Pod, a Deployment's, a CronJob's ...), known or not, since any may be selected. */
  workloads: PodTemplate[];
}

export interface ServiceSelection {
  name: string;
  /** `metadata.namespace`, '' when not written, null when written with a placeholder. */
  namespace: string | null;
  /** The selector's labels as [key, value], every one written literally. */
  selector: Array<[string, string]>;
  targets: ServiceTarget[];
}

export interface ServiceTarget {
  /** The Service's `port`, where traffic arrives. */
  port: number;
  /** The pods' port it goes to: a number, or the name of a container port. */
  target: number | string;
  /** Where the targetPort is written; where the port is, when targetPort is left out and defaults to it. */
  loc: Location;
}

export interface PodTemplate {
  /** The workload's `metadata.name`, undefined when it has none written literally. */
  name?: string;
  /** As ServiceSelection.namespace. */
  namespace: string | null;
  /** The pods' labels as [key, value], those written literally. */
  labels: Array<[string, string]>;
  /** Whether `labels` is every label the pods get (no placeholder or template line among them). */
  labelsKnown: boolean;
  /** The ports its containers declare. */
  ports: DeclaredPort[];
  /** Whether `ports` is every port they declare, numbers and names. */
  portsKnown: boolean;
}

export interface DeclaredPort {
  port: number;
  name?: string;
  /** Where the containerPort is written. */
  loc: Location;
}
