// Docker Compose files, and compose snippets inside Markdown fences. A service's published host
// ports are its allocations; container ports, `expose` and ports inside `environment` are only
// mentions, because they live in the container's own network namespace and cannot collide on the
// host. Everything is read from the YAML node tree (never a plain JS value) so each fact keeps its
// exact source span. The tree comes from the fast block reader when it is sure of the text, and
// from the `yaml` package otherwise (other documents, and errors, are only yaml's to judge).

import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { emptyFacts } from '../../model';
import type { ComposeFileMeta, FileFacts, ParseContext } from '../../model';
import { LineIndex } from '../../text/lineIndex';
import { compareText } from '../../text/compareText';
import { findSuppressions } from '../../syntax/suppressions';
import { readBlockYaml } from '../yaml/blockYaml';
import { composeEnvironmentFromFileName } from './fileNames';
import { extractEnvironment } from './environment';
import { treeFromYaml } from '../yaml/fromYaml';
import { extractExpose, extractPorts } from './ports';
import { containerSideClaims, leavesPortToImage } from './containerSide';
import { ComposeNetwork } from './networkDials';
import { listensElsewhere } from './listenPort';
import { rolesFromEnvironment } from './portRoles';
import type { YamlNode } from '../yaml/tree';
import { mapEntries, newWalk, resolveMap, seqItems, servicesOf } from './walk';
import { runtimeEnvironment } from './runtimeEnvironment';
import { scalarText } from './scalarText';
import { composeFileMeta, servicesMeta, type ServiceMeta } from './serviceMeta';
import type { ComposeExtractOptions, Value, Walk } from './walk';

export { composeEnvironmentFromFileName, looksLikeCompose, standaloneStackName } from './fileNames';
export type { ComposeExtractOptions } from './walk';

export function parseCompose(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'compose');
  facts.suppressions = findSuppressions(text);
  extractComposeFacts(text, 0, new LineIndex(text), facts, {
    ctx,
    snippet: false,
    environment: composeEnvironmentFromFileName(ctx.file),
  });
  return facts;
}

/**
 * Appends the compose facts of `yamlText`, which starts at `baseOffset` in the text `lines`
 * indexes, to `facts`. Never throws: a document that fails to parse or walk adds nothing.
 */
export function extractComposeFacts(
  yamlText: string,
  baseOffset: number,
  lines: LineIndex,
  facts: FileFacts,
  opts: ComposeExtractOptions,
): void {
  const fast = readBlockYaml(yamlText);
  if (fast) {
    walkDocument(() => fast, yamlText, baseOffset, lines, facts, opts);
    return;
  }
  let docs: Document.Parsed[];
  try {
    // `merge: false`: merge keys are resolved by the walk, under the alias budget.
    docs = parseAllDocuments(yamlText, { uniqueKeys: false, merge: false, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    // The yaml parser recurses per nesting level: thousands of levels overflow the stack.
    if (!opts.snippet) facts.notes.push(`YAML could not be parsed, file skipped: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      // A snippet in a document is often pseudo-YAML; a compose file with errors is worth a log line.
      if (!opts.snippet) facts.notes.push(`YAML error, document skipped: ${doc.errors[0].message.split('\n')[0]}`);
      continue;
    }
    walkDocument(() => treeFromYaml(doc, yamlText), yamlText, baseOffset, lines, facts, opts);
  }
}

/** How the note of a document the walk failed on begins. */
export const WALK_FAILED = 'YAML document could not be read, skipped';

function walkDocument(
  tree: () => YamlNode | null,
  source: string,
  base: number,
  lines: LineIndex,
  facts: FileFacts,
  opts: ComposeExtractOptions,
): void {
  let walk: Walk;
  try {
    const root = tree();
    walk = newWalk(root, source, base, lines, opts);
    const services = servicesOf(root, walk);
    const topMap = resolveMap(root, walk);
    const top = topMap && mapEntries(topMap, walk);
    const meta = servicesMeta(services, top, walk);
    // A snippet in a document is an example: what it dials is not judged.
    const network = opts.snippet ? undefined : new ComposeNetwork(services.map(([name]) => [name, meta.get(name)?.reachedAs ?? [], meta.get(name)?.networkMode ?? false]));
    for (const [name, node] of services) extractService(name, node, meta.get(name), walk, network);
    if (network) walk.out.problems.push(...network.problems(walk));
    if (!opts.snippet) facts.compose = mergeMeta(facts.compose, withRuntime(composeFileMeta(meta, top, walk), runtimeEnvironment(services, walk)));
  } catch (err) {
    // A document we cannot walk adds nothing rather than half its facts.
    if (!opts.snippet) facts.notes.push(`${WALK_FAILED}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  for (const a of walk.out.allocations) facts.allocations.push(a);
  for (const m of walk.out.mentions) facts.mentions.push(m);
  for (const p of walk.out.problems) facts.problems.push(p);
}

function withRuntime(meta: ComposeFileMeta, runtime: string | undefined): ComposeFileMeta {
  return runtime === undefined ? meta : { ...meta, runtime };
}

/** A file's documents read together: the first `name:` and every file they pull in. */
function mergeMeta(a: ComposeFileMeta | undefined, b: ComposeFileMeta): ComposeFileMeta {
  if (!a) return b;
  const both = (key: 'includes' | 'builds') => [...new Set([...a[key], ...b[key]])];
  const merged: ComposeFileMeta = { name: a.name ?? b.name, includes: both('includes'), envReaders: [...a.envReaders, ...b.envReaders], builds: both('builds') };
  if (a.images || b.images) merged.images = [...(a.images ?? []), ...(b.images ?? [])];
  if (a.containers || b.containers) merged.containers = [...new Map([...(b.containers ?? []), ...(a.containers ?? [])])].sort((x, y) => compareText(x[0], y[0]));
  if (a.servers || b.servers) merged.servers = [...(a.servers ?? []), ...(b.servers ?? [])];
  if (a.runtime !== undefined && a.runtime === b.runtime) merged.runtime = a.runtime;
  return merged;
}

function extractService(name: string, node: Value, meta: ServiceMeta | undefined, walk: Walk, network: ComposeNetwork | undefined): void {
  const service = resolveMap(node, walk);
  if (!service || !node) return;
  const fields = mapEntries(service, walk);
  const group = walk.base + node.start;
  const before = walk.out.allocations.length;
  const mentioned = walk.out.mentions.length;
  const imagePorts = meta?.image !== undefined && leavesPortToImage(name, fields, walk);
  extractPorts(name, { group, buildContext: meta?.build, meta, imagePorts }, fields.get('ports'), walk);
  const published = walk.out.allocations.length > before;
  const exposed = seqItems(fields.get('expose'), walk).map((item) => extractExpose(item, walk)).filter((e) => e !== undefined);
  // Up to here it mentioned only the container ports of `ports:` and `expose:`.
  const inside: [number, number] = [mentioned, walk.out.mentions.length];
  const environment = extractEnvironment(fields.get('environment'), walk, network?.dialerOf(name, fields.has('extra_hosts'), linksOf(fields.get('links'), walk)));
  if (!published) containerSideClaims({ service: name, group, names: meta?.names, environment, exposed }, walk);
  else {
    rolesFromEnvironment(environment, walk.out.allocations.slice(before));
    if (!walk.opts.snippet) listensElsewhere(name, environment, walk.out.allocations.slice(before), inside, fields, walk);
  }
  network?.record(name, { allocations: [before, walk.out.allocations.length], mentions: inside, fields, server: meta?.server });
}

const NO_LINKS: ReadonlyMap<string, string> = new Map();

/** `links: ["vault:secrets"]`: the client's name `secrets` for the service `vault` (lowercased). */
function linksOf(node: Value, walk: Walk): ReadonlyMap<string, string> {
  if (node === undefined) return NO_LINKS;
  const out = new Map<string, string>();
  for (const item of seqItems(node, walk)) {
    const [service, alias] = (scalarText(item, walk)?.value ?? '').toLowerCase().split(':');
    if (service && alias) out.set(alias, service);
  }
  return out;
}
