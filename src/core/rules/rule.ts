// What every rule is: an id, a default severity, a one-line summary, and the checks that evaluate
// it, each over one kind of unit the Checker keeps findings for (see checker.ts). A check reads
// only its unit, so the Checker can run it again when an edit touches that unit and nothing else.
import type { FileFacts, Finding, RangeDecl, RuleId, Severity } from '../model';
import type { Place, SharedFacts } from './model';

/** The severities a rule can have, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One file: its facts, its places, and the facts every file shares (reservations, project ranges). */
interface FileUnit {
  facts: FileFacts;
  places: Place[];
  shared: SharedFacts;
}

/** One service in one scope, wherever it is written. */
export interface ServiceUnit {
  scope: string;
  identity: string;
  /** Its places, in no order. */
  places: ReadonlySet<Place>;
  /** The same places in document order, sorted on first ask: most services never need it. */
  inOrder: () => readonly Place[];
  /** The range that owns a place in its own file. */
  rangeOf: (p: Place) => RangeDecl | undefined;
  /** The workspace's Portolan registry, when the files include one. */
  registry: RegistryListing | undefined;
  /** Whether a registry, of Portolan's format or another, speaks for the place (see registryOver). */
  underRegistry: (p: Place) => boolean;
  /** Whether the place is an env variable that a compose file beside it interpolates. */
  interpolated: (p: Place) => boolean;
}

/** What the rules know of the registry: the list every compose and env port is held against. */
export interface RegistryListing {
  /** Its file name (the first registry's, in path order). */
  name: string;
  /** The scopes it lists services in: a project it hands a folder (`projects:`) keeps its own. */
  scopes: ReadonlySet<string>;
  /** The service identities it lists. */
  identities: ReadonlySet<string>;
}

/** One port in one scope and protocol. */
export interface PortUnit {
  port: number;
  /** The allocations on it (claims never hold a port), in no order. */
  places: ReadonlySet<Place>;
  /** Whether port-mismatch reports the place: a conflict that exists only because of it is folded into that finding. */
  mismatched: (p: Place) => boolean;
  /** The places of the place's service, in no order. */
  servicePlaces: (p: Place) => Iterable<Place>;
  /** Whether the place is a `.env` port variable the compose files beside it leave alone (see Checker). */
  unusedVariable: (p: Place) => boolean;
  ties: Ties;
}

/** One Kubernetes cluster scope (see project/clusters.ts): its manifests, in path order. */
export interface ClusterUnit {
  files: readonly FileFacts[];
}

/** What ties stacks together beyond a unit, as the checker knows it. */
export interface Ties {
  /** The registries and documents that list the place's service and speak for the place. */
  listing: (p: Place) => Iterable<string>;
  /** The registries whose folder holds the place. */
  registriesOver: (p: Place) => Iterable<string>;
}

/** How a rule is evaluated over each kind of unit it looks at. */
interface Checks {
  file?: (unit: FileUnit) => Finding[];
  service?: (unit: ServiceUnit) => Finding[];
  port?: (unit: PortUnit) => Finding[];
  cluster?: (unit: ClusterUnit) => Finding[];
}

export interface Rule {
  readonly id: RuleId;
  /** What its findings are reported as unless settings say otherwise. */
  readonly severity: Severity;
  /** One line: the configuration schemas and SARIF describe the rule with it. */
  readonly summary: string;
  /**
   * The units the rule is evaluated over, each with its check. Most rules look at one kind;
   * out-of-range looks at each file (its own ranges) and each service (the range a document puts
   * it under, applied where it runs), port-mismatch at each service, at each registry file and at
   * each Kubernetes cluster (a Service's targetPort against its pods' ports).
   */
  readonly checks: Checks;
  /** Report one finding per place and service, whatever the messages say: a published range clashes on each of its ports. */
  readonly oncePerPlace?: true;
}

/** Related places listed per finding (a report never grows with the square of anything); messages count the rest. */
export const MAX_RELATED = 20;

/** A finding of `rule` at the rule's severity (settings are applied when the Checker reports it). */
export function finding(rule: Rule, fields: Omit<Finding, 'rule' | 'severity'>): Finding {
  return { rule: rule.id, severity: rule.severity, ...fields };
}
