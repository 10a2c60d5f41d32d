// What a compose service says about who it is and where it runs, besides its ports: the other
// names it answers to, the external networks it shares with other stacks, its profiles, and what
// the file reads with it (`include:`, `extends: { file }`, `env_file:`).

import type { ComposeFileMeta, ImageBuild } from '../../model';
import { serviceKey } from '../../syntax/names';
import { serverOfImage } from '../../syntax/servers';
import { internIfLong } from '../../text/intern';
import { dirOf, joinPath } from '../../syntax/paths';
import { UNKNOWN } from './interpolation';
import { imageOf, type ServiceImage } from './imageBuild';
import { scalarText } from './scalarText';
import { compareText } from '../../text/compareText';
import { mapEntries, resolve, resolveMap, seqItems } from './walk';
import type { Value, Walk } from './walk';

/** A service's names, external networks and profiles, as the allocations of its ports carry them. */
export interface ServiceMeta {
  names: string[];
  networks: string[];
  profiles: string[];
  /** The folder it builds from (see buildContextOf). */
  build?: string;
  /** The Dockerfile and stage it builds, when they are known. */
  image?: ServiceImage;
  /** `env_file:` and `extends: { file }` as written, relative to the compose file's folder. */
  envFiles: string[];
  extendsFiles: string[];
  /** `container_name:` as Docker will name the container (undefined when a variable leaves it unknown). */
  containerName?: string;
  /** The names other containers of the network reach it by besides its own: `container_name`, `hostname`, aliases (lowercased). */
  reachedAs: string[];
  /** `network_mode:` is set: it is not on the project's network, or shares another's. */
  networkMode: boolean;
  /** The well-known server its image runs (`postgres` for `postgis/postgis:16`), see syntax/servers.ts. */
  server?: string;
}

const NO_FIELDS = new Map<string, Value>();
const NONE: string[] = [];

function text(node: Value, walk: Walk): string | undefined {
  const value = scalarText(node, walk)?.value;
  return value === undefined || value === '' || value.includes(UNKNOWN) ? undefined : value;
}

/** `ghcr.io/org/nginx-proxy-manager:2.11@sha256:…` → `nginx-proxy-manager`. */
function imageName(image: string): string {
  const digest = image.indexOf('@');
  const reference = digest < 0 ? image : image.slice(0, digest);
  const name = reference.slice(reference.lastIndexOf('/') + 1);
  const tag = name.indexOf(':');
  return tag < 0 ? name : name.slice(0, tag);
}

/** A scalar, or each item of a list of scalars. */
function scalars(node: Value, walk: Walk): string[] {
  const resolved = resolve(node, walk);
  if (resolved?.kind === 'seq') return seqItems(resolved, walk).map((n) => text(n, walk)).filter((s): s is string => s !== undefined);
  const one = text(resolved, walk);
  return one === undefined ? [] : [one];
}

/** The keys of a map, or the items of a list (`networks: [a, b]` or `networks: { a: {...} }`). */
function namesIn(node: Value, walk: Walk): string[] {
  const map = resolveMap(node, walk);
  return map ? [...mapEntries(map, walk).keys()] : scalars(node, walk);
}

/** Network aliases: `networks: { proxy: { aliases: [a, b] } }`. */
function networkAliases(node: Value, walk: Walk): string[] {
  const map = resolveMap(node, walk);
  if (!map) return [];
  const out: string[] = [];
  for (const value of mapEntries(map, walk).values()) {
    const settings = resolveMap(value, walk);
    if (settings) out.push(...scalars(mapEntries(settings, walk).get('aliases'), walk));
  }
  return out;
}

/**
 * Names, external networks and profiles of every service of a document. `network_mode:
 * service:vpn` puts a service in vpn's network namespace: vpn publishes its ports, so vpn goes by
 * its name too.
 */
export function servicesMeta(services: Array<[string, Value]>, top: Map<string, Value> | undefined, walk: Walk): Map<string, ServiceMeta> {
  const external = externalNetworks(top, walk);
  const out = new Map<string, ServiceMeta>();
  const attached: Array<[string, string]> = [];
  for (const [name, node] of services) {
    const map = resolveMap(node, walk);
    const fields = map ? mapEntries(map, walk) : NO_FIELDS;
    const own = serviceKey(name);
    // Interned here, once per service: the lists are shared by its places (see intern.ts).
    const names: string[] = [];
    const addName = (written: string | undefined) => {
      const key = written && serviceKey(written);
      if (key && key !== own && !names.includes(key)) names.push(internIfLong(key));
    };
    const containerName = text(fields.get('container_name'), walk);
    addName(containerName);
    const hostname = text(fields.get('hostname'), walk);
    addName(hostname);
    const image = text(fields.get('image'), walk);
    const imageKey = image === undefined ? undefined : imageName(image);
    if (imageKey) addName(imageKey);
    const server = imageKey === undefined ? undefined : serverOfImage(imageKey);
    const networksField = fields.get('networks');
    const aliases = networksField ? networkAliases(networksField, walk) : NONE;
    for (const alias of aliases) addName(alias);
    const mode = text(fields.get('network_mode'), walk);
    const host = mode && /^(?:service|container):(.+)$/.exec(mode)?.[1];
    if (host) attached.push([host, name]);
    const profiles = fields.get('profiles');
    const extended = resolveMap(fields.get('extends'), walk);
    const build = buildContextOf(fields, walk);
    out.set(name, {
      names,
      networks: external.size === 0 ? NONE : joinedExternal(networksField, fields.has('networks'), mode, external, walk),
      profiles: profiles === undefined ? NONE : scalars(profiles, walk).map(internIfLong),
      build,
      image: imageOf(fields, build, walk),
      envFiles: fields.has('env_file') ? envFilesOf(fields.get('env_file'), walk) : NONE,
      extendsFiles: extended ? scalars(mapEntries(extended, walk).get('file'), walk) : NONE,
      ...(containerName === undefined ? {} : { containerName }),
      reachedAs: walk.opts.snippet ? NONE : [containerName, hostname, ...aliases].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()),
      networkMode: fields.has('network_mode'),
      ...(server === undefined ? {} : { server }),
    });
  }
  for (const [host, guest] of attached) {
    const meta = out.get(host) ?? [...out].find(([, m]) => m.names.includes(serviceKey(host)))?.[1];
    if (meta) meta.names.push(internIfLong(serviceKey(guest)), ...(out.get(guest)?.names ?? []));
  }
  return out;
}

/** The external networks a service joins: a service that names none joins the project's `default` one. */
function joinedExternal(node: Value, named: boolean, mode: string | undefined, external: Map<string, string>, walk: Walk): string[] {
  const joined = named ? namesIn(node, walk) : mode ? NONE : ['default'];
  return joined.filter((n) => external.has(n)).map((n) => internIfLong(external.get(n)!));
}

/** `env_file: a.env`, `env_file: [a.env, b.env]`, `env_file: [{ path: a.env }]`. */
function envFilesOf(node: Value, walk: Walk): string[] {
  const value = resolve(node, walk);
  const items = value?.kind === 'seq' ? seqItems(value, walk) : [value];
  const out: string[] = [];
  for (const item of items) {
    const entry = resolveMap(item, walk);
    out.push(...scalars(entry ? mapEntries(entry, walk).get('path') : item, walk));
  }
  return out;
}

/** Top-level networks marked `external`, by their key, with the name Docker knows them by. */
function externalNetworks(top: Map<string, Value> | undefined, walk: Walk): Map<string, string> {
  const out = new Map<string, string>();
  const networks = resolveMap(top?.get('networks'), walk);
  if (!networks) return out;
  for (const [key, value] of mapEntries(networks, walk)) {
    const settings = resolveMap(value, walk);
    if (!settings) continue;
    const fields = mapEntries(settings, walk);
    const external = resolve(fields.get('external'), walk);
    const isExternal = external?.kind === 'map' || (external?.kind === 'scalar' && /^true$/i.test(String(external.value)));
    if (isExternal) out.set(key, written(fields.get('name'), walk) ?? key);
  }
  return out;
}

/**
 * A scalar's value, or as written when a variable in it is not set here: stacks that name their
 * shared network `$PROXY_NETWORK` mean one network, whatever the variable holds.
 */
function written(node: Value, walk: Walk): string | undefined {
  const value = scalarText(node, walk)?.value;
  if (value === undefined || value === '') return undefined;
  const scalar = resolve(node, walk);
  return value.includes(UNKNOWN) && scalar?.kind === 'scalar' ? walk.source.slice(scalar.start, scalar.end).replace(/^["']|["']$/g, '') : value;
}

/**
 * The folder a service builds from, relative to the check root (`build: ./api`, `build: {
 * context: ./api }`); undefined for an image, a snippet in a document, a remote or absolute
 * context, or one a variable leaves unknown.
 */
function buildContextOf(fields: Map<string, Value>, walk: Walk): string | undefined {
  const build = fields.get('build');
  if (walk.opts.snippet || build === undefined) return undefined;
  const map = resolveMap(build, walk);
  const context = map ? scalarText(mapEntries(map, walk).get('context'), walk)?.value ?? '.' : scalarText(build, walk)?.value;
  if (context === undefined || context.includes(UNKNOWN) || /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|\/)/i.test(context)) return undefined;
  return joinPath(dirOf(walk.opts.ctx.file), context);
}

/** What the file reads with it: its project name, `include:`, `extends: { file }`, `env_file:` (and who reads each), the folders and Dockerfiles it builds, the names of its containers. */
export function composeFileMeta(metas: Map<string, ServiceMeta>, top: Map<string, Value> | undefined, walk: Walk): ComposeFileMeta {
  const dir = dirOf(walk.opts.ctx.file);
  const path = (rel: string) => joinPath(dir, rel);
  const includes: string[] = [];
  for (const item of seqItems(top?.get('include'), walk)) {
    const map = resolveMap(item, walk);
    includes.push(...(map ? scalars(mapEntries(map, walk).get('path'), walk) : scalars(item, walk)));
  }
  const envReaders: Array<[string, string]> = [];
  const builds = new Set<string>();
  const images: ImageBuild[] = [];
  const containers = new Map<string, string>();
  const servers: Array<[string, string]> = [];
  for (const [name, meta] of metas) {
    // Copies, not slices that would keep the file's text alive (see intern.ts): a plain name is its own key.
    const service = internIfLong(serviceKey(name));
    if (meta.build !== undefined) builds.add(meta.build);
    if (meta.containerName !== undefined && !containers.has(meta.containerName)) containers.set(internIfLong(meta.containerName), service);
    if (meta.image) images.push({ ...meta.image, service });
    if (meta.server !== undefined) servers.push([meta.server, service]);
    includes.push(...meta.extendsFiles);
    for (const file of meta.envFiles) {
      const resolved = path(file);
      if (resolved !== undefined) envReaders.push([resolved, service]);
    }
  }
  const resolved = (list: string[]) => [...new Set(list.map(path).filter((p): p is string => p !== undefined))];
  const meta: ComposeFileMeta = { name: text(top?.get('name'), walk), includes: resolved(includes), envReaders, builds: [...builds] };
  if (images.length > 0) meta.images = images;
  if (containers.size > 0) meta.containers = [...containers].sort((a, b) => compareText(a[0], b[0]));
  if (servers.length > 0) meta.servers = servers;
  return meta;
}
