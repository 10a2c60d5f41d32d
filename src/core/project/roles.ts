// What a file is in the world it describes: which deployment unit its places belong to, which folder
// it speaks for, how much its word counts against other places, and whether it is a world apart
// (a test fixture, an example). Pure functions of paths and the file's own facts.

import type { FileFacts } from '../model';
import type { ImageUse } from './images';
import { baseOf, dirOf } from '../syntax/paths';

/**
 * How much a place's word counts when places of one service disagree: what runs outranks what
 * describes it. A port document (one that declares ranges or calls itself the allocation) outranks
 * a README or a summary. What an app's scripts start (package.json, a Procfile) runs on a
 * developer's machine: it counts as its env files do.
 */
export const Authority = {
  document: 1,
  portDocument: 2,
  env: 3,
  scripts: 3,
  compose: 4,
  registry: 5,
} as const;
export type Authority = (typeof Authority)[keyof typeof Authority];

export interface FileRole {
  /** The deployment unit of the file's places: a compose project, a document, the registry. */
  unit: string;
  /**
   * The folder whose stack the file belongs to or describes: a compose project's folder, an env
   * file's folder, a document's folder without its `docs/` part (docs/ports.md speaks for the root).
   */
  home: string;
  /** The unit a generic service name (`web`, `db`) is one service in. */
  about: string;
  /**
   * The environment of the file's places that name none: a compose file alone in its project whose
   * services say they run in one (ComposeFileMeta.runtime).
   */
  environment?: string;
  authority: Authority;
  /**
   * The independent folder (`tests/`, `examples/`, ...) the file is in, '' for none; for a
   * Kubernetes manifest, prefixed `cluster:`: a cluster's nodes are a world apart from compose hosts.
   */
  isolated: string;
  /**
   * The repository the file is in: the outermost folder above it with a README, '' for none (or
   * the check root's). External networks of one name tie stacks of one repository only: a folder
   * of clones shares network names without sharing a host.
   */
  repository: string;
  /** A document's places, unlike a compose file's or an env file's, describe rather than run. */
  describes: boolean;
  /**
   * An env file a compose service reads with `env_file:`, or a Dockerfile: its ports are where the
   * process listens inside the container, never host ports, and say nothing about what the host publishes.
   */
  inContainer: boolean;
  /** The one compose service (key) whose container environment the env file (or image the Dockerfile) is, when one reads it. */
  containerOf?: string;
  /** A Dockerfile: the images of it that compose services run (see images.ts). */
  images?: readonly ImageUse[];
  /** Compose files a document's command runs together with this one (`-f a -f b`): they clash whatever their names. */
  composedWith: readonly string[];
  /**
   * A compose file whose name makes it an environment (`.dev.yml`) or a stack of its own
   * (`-matrix.yml`) beside the folder's base file: it never clashes with its sibling files.
   */
  variantFile: boolean;
  /** A registry of one machine (FileFacts.machine): the environments of what it speaks for share that machine. */
  oneMachine: boolean;
  /** The machine the file's folder is named for, when a document names that machine (`mnemosyne/stacks/caddy/`). */
  machine?: string;
  /**
   * Other compose projects that name a container as this one's does (Docker runs one container of
   * a name per host), or that publish mostly the same services of their own (deployments of one
   * application): ways to run the same thing, never up with this one.
   */
  alternatives: readonly string[];
}

// Folders of stacks that never run with the rest of the repository.
const ISOLATED_FOLDERS = new Set(['test', 'tests', '__tests__', 'testdata', 'test-data', 'fixtures', 'fixture', 'examples', 'example', 'samples', 'sample']);

/** The path up to and including the first test/example folder in it, '' when there is none. */
export function isolatedFolderOf(file: string): string {
  return isolatedFolderIn(dirOf(file));
}

/** isolatedFolderOf, for a folder. */
export function isolatedFolderIn(dir: string): string {
  const parts = dir.split('/');
  const i = parts.findIndex((p) => ISOLATED_FOLDERS.has(p.toLowerCase()));
  return i < 0 ? '' : parts.slice(0, i + 1).join('/');
}

// Folders that hold a project's documentation, not a project of their own.
const DOC_FOLDERS = new Set(['docs', 'doc', 'documentation', 'wiki', '.github']);

/** A document's folder without its documentation folders: `docs/apps` → `` , `api/docs` → `api`. */
export function documentHome(file: string): string {
  return documentHomeIn(dirOf(file));
}

/** documentHome, for a folder. */
export function documentHomeIn(dir: string): string {
  const parts = dir.split('/').filter((p) => p !== '');
  const i = parts.findIndex((p) => DOC_FOLDERS.has(p.toLowerCase()));
  return (i < 0 ? parts : parts.slice(0, i)).join('/');
}

/** `home` is `folder` or one of its ancestors. */
export function covers(home: string, folder: string): boolean {
  return home === '' || folder === home || folder.startsWith(`${home}/`);
}

// `PORTS.md`, `port_allocation.md`, `MASTER_PORT_ASSIGNMENTS.md`; not `support.md` or `import.md`.
const PORT_DOCUMENT_NAME = /(?<![a-z])ports?(?![a-z])|allocation|assignment|registry|端口|ポート|포트/i;
const SECONDARY_DOCUMENT_NAME = /summary|reconcil|changelog|history|migration|report|readme|notes?/i;

/** A document that declares ranges, or whose name says it is the port allocation. */
export function isPortDocument(f: FileFacts): boolean {
  const name = baseOf(f.file).replace(/\.[^.]*$/, '');
  if (SECONDARY_DOCUMENT_NAME.test(name)) return false;
  return f.ranges.length > 0 || PORT_DOCUMENT_NAME.test(name);
}

// Names that say what a service does, not which it is: one stack's `web` is not another's.
const GENERIC_NAMES = new Set([
  'web', 'app', 'api', 'db', 'database', 'backend', 'frontend', 'front', 'back', 'proxy', 'server', 'worker', 'client',
  'ui', 'site', 'www', 'service', 'reverse-proxy',
]);

export function isGenericName(key: string): boolean {
  return GENERIC_NAMES.has(key);
}

/** A generic name is one service only within its unit: `web` in two stacks is two services. */
export function identityIn(key: string, about: string): string {
  return isGenericName(key) ? `${key}@${about}` : key;
}
