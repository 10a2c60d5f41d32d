// The deployment units of a check root: which compose files Compose runs together, and which env
// files and documents belong to which of them, and the cluster scopes of Kubernetes manifests
// (clusters.ts). Everything else about a file's role follows from its own path and facts
// (roles.ts). Built from every file's facts; only compose files (through what `compositionOf`
// reads), kustomizations, documents' `docker compose -f` commands and where READMEs are change it,
// so an edit to a port leaves it as it is (`signature` says when it changed).

import type { FileFacts } from '../model';
import { baseOf, dirOf, templatesOfEnvFile } from '../syntax/paths';
import { productKey, serviceKey } from '../syntax/names';
import { composeEnvironmentFromFileName, defaultFileStack, isComposeNamed, shadowedDefaultFiles, standaloneStackName } from '../parsers/compose/fileNames';
import { compareText } from '../text/compareText';
import { Authority, documentHomeIn, isGenericName, isolatedFolderIn, isPortDocument, type FileRole } from './roles';
import { Clusters, kustomizationKey } from './clusters';
import { imageRole, type ImageBuilder } from './images';

const NONE: readonly string[] = [];

const README = /^readme\.(?:md|markdown|mdx)$/i;

/** Includes are followed this deep: a cycle or a long chain stops here. */
const MAX_INCLUDE_DEPTH = 16;
/** Stacks of one repository that publish one service, at most, for them to be deployments of one application. */
const MAX_DEPLOYMENTS = 8;

interface Unit {
  key: string;
  folder: string;
}

export class ProjectModel {
  /** Compose file → the unit Compose runs it in. */
  private readonly composeUnits = new Map<string, Unit>();
  /** Folder → the unit of the compose files there (the project a README or `.env` there is about). */
  private readonly folderUnits = new Map<string, Unit>();
  /** Default-named compose files another one in their folder shadows (see shadowedDefaultFiles). */
  private shadowed: ReadonlySet<string> = new Set();
  /** Compose files not named for compose that are another setup of a service their folder publishes (see alternativeFiles). */
  private alternativeSetups: ReadonlySet<string> = new Set();
  /** Compose files → the files a document's command runs them with. */
  private readonly composedWith = new Map<string, string[]>();
  /** Env files a compose service reads (`env_file:`) → that service's unit, and the services (keys) that read them. */
  private readonly envUnits = new Map<string, Unit>();
  private readonly envReaders = new Map<string, Set<string>>();
  /** Folders a compose service builds from → its unit: the `.env` there is the service's own. */
  private readonly buildUnits = new Map<string, Unit>();
  /** Dockerfiles → the compose services that build them. */
  private readonly imageBuilders = new Map<string, ImageBuilder[]>();
  /** Compose unit → the other units that name one of its containers alike (see FileRole.alternatives). */
  private readonly alternatives = new Map<string, string[]>();
  /** A container name's key → the compose service (key) it names; '' where two services share it. */
  private readonly containerServices = new Map<string, string>();
  /** Unit and well-known server → the one service of the unit that runs it ('' when several do). */
  private readonly serverServices = new Map<string, string>();
  /** The services each unit's compose files publish a port of, by key. */
  private readonly publishing = new Map<string, Set<string>>();
  /** Unit and another name of a service that publishes (its image's, its container's, a network alias) → that service ('' when several go by it). */
  private readonly otherNames = new Map<string, string>();

  private readonly folders = new Map<string, FolderFacts>();
  /** Folders with a README: the outermost one above a file is the repository it belongs to. */
  private readonly readmeFolders: ReadonlySet<string>;
  /** The machines documents name (FileFacts.machines): a folder named for one holds what runs on it. */
  private readonly machines = new Set<string>();
  /** How many compose files each compose unit has. */
  private readonly unitFiles = new Map<string, number>();

  private constructor(readonly signature: string, readmeFolders: Set<string>, private readonly clusters: Clusters) {
    this.readmeFolders = readmeFolders;
  }

  /**
   * What the units are made from, as one string: a caller that keeps a model can tell from it
   * whether the model must be made again, without making it.
   */
  static signatureOf(files: Iterable<FileFacts>): string {
    return ProjectModel.inputsOf([...files]).signature;
  }

  private static inputsOf(all: FileFacts[]): { compose: FileFacts[]; readmes: Set<string>; signature: string } {
    const compose = all.filter((f) => f.kind === 'compose').sort((a, b) => compareText(a.file, b.file));
    const readmes = new Set(all.filter((f) => f.kind === 'markdown' && README.test(baseOf(f.file))).map((f) => dirOf(f.file)));
    const sets = all.filter((f) => f.composeSets || f.machines || f.hostHeadings).sort((a, b) => compareText(a.file, b.file)).map(compositionKey).join('\u0000');
    const signature = `${compositionOf(compose)}\u0003${[...readmes].sort(compareText).join('\u0002')}\u0003${sets}\u0003${Clusters.signatureOf(all)}`;
    return { compose, readmes, signature };
  }

  static of(files: Iterable<FileFacts>): ProjectModel {
    const all = [...files];
    const { compose, readmes, signature } = ProjectModel.inputsOf(all);
    const model = new ProjectModel(signature, readmes, Clusters.of(all));
    for (const f of all) for (const machine of f.machines ?? []) model.machines.add(machine);
    for (const machine of foldersNamedBy(all, compose)) model.machines.add(machine);
    const includer = model.includers(compose, all.flatMap((f) => f.composeSets ?? []));
    // Base files first: they name the project a folder's README and `.env` are about.
    model.shadowed = shadowedDefaultFiles(compose.map((f) => f.file));
    model.alternativeSetups = alternativeFiles(compose);
    const stackName = (file: string) => (includer.has(file) ? undefined : model.ownStack(file) ?? (model.shadowed.has(file) ? defaultFileStack(file) : undefined));
    const standalone = (f: FileFacts) => stackName(f.file) !== undefined;
    for (const f of [...compose.filter((c) => !standalone(c)), ...compose.filter(standalone)]) {
      let file = f.file;
      for (let depth = 0; includer.has(file) && depth < MAX_INCLUDE_DEPTH; depth++) file = includer.get(file)!;
      const folder = dirOf(file);
      // A file pulled into a stack of its own (`-f ledger-ui.yaml -f proxy.yaml`) is in that stack.
      const root = stackName(file);
      const stack = root === undefined ? '' : `#${root}`;
      const unit = { key: `compose:${folder}${stack}`, folder };
      model.composeUnits.set(f.file, unit);
      model.unitFiles.set(unit.key, (model.unitFiles.get(unit.key) ?? 0) + 1);
      if (!model.folderUnits.has(dirOf(f.file)) || (!includer.has(f.file) && stack === '')) model.folderUnits.set(dirOf(f.file), unit);
      for (const [read, service] of f.compose?.envReaders ?? []) {
        for (const env of [read, ...templatesOfEnvFile(read)]) {
          if (!model.envUnits.has(env)) model.envUnits.set(env, unit);
          if (model.envUnits.get(env) === unit) model.envReaders.set(env, (model.envReaders.get(env) ?? new Set()).add(service));
        }
      }
      for (const folder of f.compose?.builds ?? []) if (!model.buildUnits.has(folder)) model.buildUnits.set(folder, unit);
      for (const image of f.compose?.images ?? []) model.imageBuilders.set(image.dockerfile, [...(model.imageBuilders.get(image.dockerfile) ?? []), { ...image, composeFile: f.file, unit }]);
    }
    model.readContainers(compose);
    model.readServices(compose);
    model.readDeployments(compose);
    return model;
  }

  /** The service of each unit that runs each well-known server, unless several of the unit do, and the services each publishes. */
  private readServices(compose: FileFacts[]): void {
    for (const f of compose) {
      const unit = this.composeUnits.get(f.file)!.key;
      for (const [server, service] of f.compose?.servers ?? []) noteOnlyService(this.serverServices, `${unit}\u0000${server}`, service);
      let published = this.publishing.get(unit);
      if (!published) this.publishing.set(unit, (published = new Set()));
      for (const service of publishedServices(f)) published.add(service);
      for (const a of f.allocations) if (!a.claim) for (const name of a.names ?? []) noteOnlyService(this.otherNames, `${unit}\u0000${name}`, a.serviceKey);
    }
    for (const [unit, services] of this.publishing) {
      for (const [short, service] of withoutSharedPrefix(services)) noteOnlyService(this.otherNames, `${unit}\u0000${short}`, service);
    }
  }

  /** The service of a unit that goes by another name (`nginx`, the image of `web`), where it alone does and none is called so. */
  serviceNamed(unit: string, name: string): string | undefined {
    return this.publishes(unit, name) ? undefined : this.otherNames.get(`${unit}\u0000${name}`) || undefined;
  }

  /** Whether a compose file of `unit` publishes a port of the service (key). */
  publishes(unit: string, service: string): boolean {
    return this.publishing.get(unit)?.has(service) === true;
  }

  /**
   * The compose service (key) of `unit` that runs the well-known server a client's URL scheme dials
   * (`postgres` → `db` on a PostGIS image), when one alone does.
   */
  serviceOfServer(unit: string, server: string): string | undefined {
    return this.serverServices.get(`${unit}\u0000${server}`) || undefined;
  }

  /**
   * The services compose names containers for, and the units whose files name a container alike:
   * each is the other's alternative.
   */
  private readContainers(compose: FileFacts[]): void {
    const unitsByName = new Map<string, Set<string>>();
    const serviceKeys = new Set(compose.flatMap((f) => f.allocations.map((a) => a.serviceKey)));
    for (const f of compose) {
      const unit = this.composeUnits.get(f.file)!.key;
      for (const [name, service] of f.compose?.containers ?? []) {
        let units = unitsByName.get(name);
        if (!units) unitsByName.set(name, (units = new Set()));
        units.add(unit);
        const key = serviceKey(name);
        // A container named like another service (`app` in a container called `web`) names neither.
        if (key === service || serviceKeys.has(key)) continue;
        noteOnlyService(this.containerServices, key, service);
      }
    }
    for (const units of unitsByName.values()) {
      if (units.size < 2) continue;
      for (const unit of units) for (const other of units) if (other !== unit) this.noteAlternatives(unit, other);
    }
  }

  /**
   * Compose units of one repository that publish mostly the same services of their own (not
   * well-known servers, not generic names): deployments of one application (a compose file for
   * development and a swarm stack under deploy/), run one instead of the other. Each is the
   * other's alternative, as units that name a container alike are.
   */
  private readDeployments(compose: FileFacts[]): void {
    const ownServices = new Map<string, Set<string>>();
    const folders = new Map<string, string>();
    for (const f of compose) {
      const unit = this.composeUnits.get(f.file)!;
      const servers = new Set((f.compose?.servers ?? []).map(([, service]) => service));
      let keys = ownServices.get(unit.key);
      if (!keys) ownServices.set(unit.key, (keys = new Set()));
      folders.set(unit.key, unit.folder);
      for (const a of f.allocations) if (!a.claim && !servers.has(a.serviceKey) && !isGenericName(a.serviceKey)) keys.add(productKey(a.serviceKey));
    }
    // Units by repository and service: only units that share a service are compared.
    const unitsByService = new Map<string, string[]>();
    for (const [unit, keys] of ownServices) {
      const repository = this.folderOf(folders.get(unit)!).repository;
      for (const key of keys) {
        const at = `${repository}\u0000${key}`;
        const units = unitsByService.get(at);
        if (units) units.push(unit);
        else unitsByService.set(at, [unit]);
      }
    }
    const shared = new Map<string, number>();
    for (const units of unitsByService.values()) {
      // A service in many stacks of one repository is a shared part, not evidence of one application.
      if (units.length < 2 || units.length > MAX_DEPLOYMENTS) continue;
      for (const a of units) for (const b of units) if (a < b) shared.set(`${a}\u0000${b}`, (shared.get(`${a}\u0000${b}`) ?? 0) + 1);
    }
    for (const [pair, count] of shared) {
      const [a, b] = pair.split('\u0000');
      if (count < 2 || count * 2 < Math.max(ownServices.get(a)!.size, ownServices.get(b)!.size)) continue;
      this.noteAlternatives(a, b);
      this.noteAlternatives(b, a);
    }
  }

  private noteAlternatives(unit: string, other: string): void {
    const others = this.alternatives.get(unit) ?? [];
    if (!others.includes(other)) others.push(other);
    this.alternatives.set(unit, others);
  }

  /** The stack a compose file is by its name (`docker-compose-chat.yml`), or as another setup of its folder's service (`kafka-ui.yaml`). */
  private ownStack(file: string): string | undefined {
    return isComposeNamed(file) || this.alternativeSetups.has(file) ? standaloneStackName(file) : undefined;
  }

  /** The compose service (key) a container name's key names, when one service alone has it (`quantum-rl-dashboard` → `rl-dashboard`). */
  serviceOfContainer(key: string): string | undefined {
    return this.containerServices.get(key) || undefined;
  }

  /**
   * Compose file → the file that pulls it into its project: `include:`, `extends: { file }`, or
   * the first file of a document's `docker compose -f a -f b` (which also records who runs with whom).
   */
  private includers(compose: FileFacts[], sets: string[][]): Map<string, string> {
    const includer = new Map<string, string>();
    for (const f of compose) for (const inc of f.compose?.includes ?? []) if (inc !== f.file && !includer.has(inc)) includer.set(inc, f.file);
    const known = new Set(compose.map((f) => f.file));
    for (const set of sets) {
      const files = set.filter((file) => known.has(file));
      for (const file of files) {
        this.composedWith.set(file, [...new Set([...(this.composedWith.get(file) ?? []), ...files.filter((other) => other !== file)])]);
        if (file !== files[0] && !includer.has(file)) includer.set(file, files[0]);
      }
    }
    return includer;
  }

  /**
   * The compose project of the folder or the nearest folder above it: a service folder's `.env`
   * (`services/billing/.env`) belongs to the stack its project runs.
   */
  private stackAbove(dir: string): Unit | undefined {
    for (let folder = dir; ; folder = dirOf(folder)) {
      const unit = this.folderUnits.get(folder);
      if (unit || folder === '') return unit;
    }
  }

  /**
   * The repository a folder belongs to: the outermost folder above it with a README (a folder of
   * clones has one per clone), '' when there is none.
   */
  private repositoryOf(dir: string): string {
    if (this.readmeFolders.has('')) return '';
    let found = '';
    for (let folder = dir; folder !== ''; folder = dirOf(folder)) if (this.readmeFolders.has(folder)) found = folder;
    return found;
  }

  /** Whether `key` names a machine: a document names one so, or a folder of compose files confirms its heading's name. */
  isMachine(key: string): boolean {
    return this.machines.has(key);
  }

  /** The machine a folder is on: the outermost folder on its path named for a machine a document names (`nas/stacks/`). */
  private machineOf(dir: string): string | undefined {
    if (this.machines.size === 0 || dir === '') return undefined;
    return dir.split('/').map(serviceKey).find((key) => this.machines.has(key));
  }

  /** What a folder's path says, worked out once per folder: a workspace has far fewer folders than files. */
  private folderOf(dir: string): FolderFacts {
    let facts = this.folders.get(dir);
    if (!facts) {
      const home = documentHomeIn(dir);
      facts = { isolated: isolatedFolderIn(dir), repository: this.repositoryOf(dir), documentHome: home, documentAbout: this.folderUnits.get(home)?.key, machine: this.machineOf(dir) };
      this.folders.set(dir, facts);
    }
    return facts;
  }

  roleOf(f: FileFacts): FileRole {
    const dir = dirOf(f.file);
    const { isolated, repository, documentHome, documentAbout, machine } = this.folderOf(dir);
    const composedWith = this.composedWith.get(f.file) ?? NONE;
    const inContainer = (f.kind === 'env' && this.envUnits.has(f.file)) || f.kind === 'dockerfile';
    const readers = f.kind === 'env' ? this.envReaders.get(f.file) : undefined;
    const containerOf = readers?.size === 1 ? [...readers][0] : undefined;
    const variantFile = f.kind === 'compose' && (composeEnvironmentFromFileName(f.file) !== undefined || this.ownStack(f.file) !== undefined || this.shadowed.has(f.file));
    const role = (unit: string, home: string, about: string, authority: Authority, describes: boolean): FileRole => ({
      unit, home, about, authority, isolated, describes, repository, inContainer, containerOf, composedWith, variantFile,
      oneMachine: f.machine !== undefined, alternatives: this.alternatives.get(unit) ?? NONE, machine,
    });
    switch (f.kind) {
      case 'registry':
        // Each registry is the unit of its folder: two projects' registries (a monorepo's) never clash.
        return role(`registry:${dir}`, dir, this.folderUnits.get(dir)?.key ?? folderAbout(dir), Authority.registry, false);
      case 'compose': {
        const unit = this.composeUnits.get(f.file) ?? { key: `compose:${dir}`, folder: dir };
        const composed = role(unit.key, unit.folder, unit.key, Authority.compose, false);
        // With an override or a variant beside it, the file is their base, whatever it says it runs as.
        const runtime = f.compose?.runtime !== undefined && this.unitFiles.get(unit.key) === 1 ? f.compose.runtime : undefined;
        return runtime === undefined ? composed : { ...composed, environment: runtime };
      }
      case 'env': {
        const stack = this.envUnits.get(f.file) ?? this.buildUnits.get(dir) ?? this.stackAbove(dir);
        return stack ? role(stack.key, stack.folder, stack.key, Authority.env, false) : role(`env:${dir}`, dir, folderAbout(dir), Authority.env, false);
      }
      case 'markdown': {
        const unit = `doc:${f.file}`;
        const described = role(unit, documentHome, documentAbout ?? folderAbout(documentHome), isPortDocument(f) ? Authority.portDocument : Authority.document, true);
        // A cluster's forwarded ports: the document is compared with nothing but itself.
        return f.forwarded ? { ...described, about: unit, isolated: `forwarded:${f.file}` } : described;
      }
      case 'package':
      case 'procfile':
        return role(appUnit(dir), dir, this.folderUnits.get(dir)?.key ?? appUnit(dir), Authority.scripts, false);
      case 'kubernetes': {
        // A cluster's nodes are no compose host: its places are compared only with other manifests'.
        const scope = this.clusters.scopeOf(f.file);
        const unit = `cluster:${scope}`;
        return { ...role(unit, scope, unit, Authority.compose, false), isolated: `cluster:${isolated}` };
      }
      case 'dockerfile': {
        // Its places are container ports, never compared by authority (see inContainer).
        const image = imageRole(f, this.imageBuilders.get(f.file) ?? []);
        return { ...role(image.unit.key, image.unit.folder, image.unit.key, Authority.env, false), containerOf: image.service, images: image.images };
      }
      case 'devcontainer': {
        // The dev environment: the compose project it runs the dev container in, whose services its
        // forwarded ports clash with; else its own, for the project the configuration sits in.
        const compose = f.devcontainer?.composeFiles.map((file) => this.composeUnits.get(file)).find((unit) => unit !== undefined);
        const unit = compose ?? { key: `devcontainer:${f.file}`, folder: devcontainerProject(dir) };
        return role(unit.key, unit.folder, unit.key, Authority.scripts, false);
      }
      case 'commands':
        // No places: what it says, the compose files a command runs together, went into the units above.
        return role(`commands:${f.file}`, dir, folderAbout(dir), Authority.document, false);
    }
  }
}

/**
 * What a generic name (`api`, `web`) is one service in where no compose project is: the folder.
 * A README, a registry and an env file there that each write `api` mean the folder's one API.
 */
function folderAbout(dir: string): string {
  return `folder:${dir}`;
}

/**
 * The unit of an app's package.json and Procfile: its folder. What they start is the app's own, run
 * apart from compose projects and other apps unless something ties them (see runTogether).
 */
function appUnit(dir: string): string {
  return `app:${dir}`;
}

/** The project a dev container is for: the folder that holds `.devcontainer/` (`.devcontainer/<name>/` too). */
function devcontainerProject(dir: string): string {
  const parts = dir.split('/');
  const at = parts.lastIndexOf('.devcontainer');
  return at < 0 ? dir : parts.slice(0, at).join('/');
}

interface FolderFacts {
  isolated: string;
  repository: string;
  /** What a document in the folder speaks for, and the compose project there. */
  documentHome: string;
  documentAbout?: string;
  /** The machine the folder is named for (see machineOf). */
  machine?: string;
}

/**
 * `blog-sonar`, `blog-zipkin`, `blog-gateway`: services a project names all with its own prefix,
 * which its documents leave out (`Sonar`). Each service's name without it, where every published
 * service has the prefix and there are two or more.
 */
function withoutSharedPrefix(services: ReadonlySet<string>): Array<[string, string]> {
  if (services.size < 2) return [];
  const keys = [...services];
  const dash = keys[0].indexOf('-');
  const prefix = dash > 0 ? keys[0].slice(0, dash + 1) : '';
  if (prefix === '' || !keys.every((k) => k.startsWith(prefix) && k.length > prefix.length)) return [];
  return keys.map((k) => [k.slice(prefix.length), k]);
}

/** Files `service` under `key`, or '' once another service has it too: the key names one service or none. */
function noteOnlyService(services: Map<string, string>, key: string, service: string): void {
  const known = services.get(key);
  services.set(key, known === undefined || known === service ? service : '');
}

/**
 * What decides the units: each compose file's name, includes, env files, what it builds, the
 * containers it names and the services it publishes (by which a file not named for compose is an
 * alternative, see alternativeFiles, and a document's `Grafana UI` is a unit's `grafana`).
 */
function compositionOf(compose: FileFacts[]): string {
  return compose.map(fileComposition).join('\u0000');
}

// Asked for every compose file at every edit (RuleInputBuilder), of facts that do not change.
const compositions = new WeakMap<FileFacts, string>();

function fileComposition(f: FileFacts): string {
  let key = compositions.get(f);
  if (key === undefined) {
    const images = f.compose?.images?.map((i) => [i.dockerfile, i.service, i.target ?? '', ...i.args].join('\u0004'));
    const listed = [f.compose?.includes, f.compose?.envReaders.map((r) => r.join('\u0004')), f.compose?.builds, images, f.compose?.containers?.map((c) => c.join('\u0004')), f.compose?.servers?.map((c) => c.join('\u0004'))].map((l) => l?.join('\u0002') ?? '');
    const published = [...publishedServices(f)].sort(compareText).join('\u0002');
    compositions.set(f, (key = [f.file, f.compose?.name ?? '', ...listed, published].join('\u0001')));
  }
  return key;
}

/**
 * Compose files named otherwise than for compose (`kafka-ui.yaml`, `with-proxy.yaml`) that publish
 * a service another compose file of their folder publishes too: each a whole setup of that service,
 * run instead of the other (a stack of its own). The others in a folder (`kafka.yml`,
 * `orders.yml`, one service each) are parts of the folder's one project.
 */
function alternativeFiles(compose: FileFacts[]): Set<string> {
  const out = new Set<string>();
  const byFolder = new Map<string, FileFacts[]>();
  for (const f of compose) {
    const files = byFolder.get(dirOf(f.file));
    if (files) files.push(f);
    else byFolder.set(dirOf(f.file), [f]);
  }
  for (const files of byFolder.values()) {
    if (files.length < 2 || files.every((f) => isComposeNamed(f.file))) continue;
    const services = new Map(files.map((f) => [f.file, publishedServices(f)]));
    for (const f of files) {
      if (isComposeNamed(f.file)) continue;
      const own = services.get(f.file)!;
      if (files.some((g) => g !== f && [...services.get(g.file)!].some((key) => own.has(key)))) out.add(f.file);
    }
  }
  return out;
}

/** The services a compose file publishes ports for, by key. */
function publishedServices(f: FileFacts): Set<string> {
  return new Set(f.allocations.filter((a) => !a.claim).map((a) => a.serviceKey));
}

/**
 * What a file says about the units (a compose file's composition, a document's `-f a -f b`
 * commands and the machines it names, a kustomization's list): when it changes, the units must be
 * worked out again.
 */
export function compositionKey(f: FileFacts | undefined): string {
  if (f?.kind === 'compose') return compositionOf([f]);
  if (f?.kind === 'kubernetes') return kustomizationKey(f);
  if (!f?.composeSets && !f?.machines && !f?.hostHeadings) return '';
  return `${f.file}\u0001${(f.composeSets ?? []).map((s) => s.join('\u0002')).join('\u0001')}\u0003${f.machines?.join('\u0002') ?? ''}\u0003${f.hostHeadings?.join('\u0002') ?? ''}`;
}

/**
 * The names documents' headings may give machines (`### ubt-01`) that a folder of compose files
 * bears (`docker-compose/ubt-01/compose.yml`): the section and the folder are that machine's.
 */
function foldersNamedBy(all: readonly FileFacts[], compose: readonly FileFacts[]): string[] {
  const named = new Set(all.flatMap((f) => f.hostHeadings ?? []));
  if (named.size === 0) return [];
  const folders = new Set(compose.flatMap((f) => dirOf(f.file).split('/').map(serviceKey)));
  return [...named].filter((key) => folders.has(key));
}
