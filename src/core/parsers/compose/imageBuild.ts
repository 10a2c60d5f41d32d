// What a compose service builds: the Dockerfile (`build.dockerfile`, relative to the context,
// default `Dockerfile`), the stage (`build.target`) and the build args it sets. The Dockerfile's
// ports are compared with the container ports the service publishes (project/images.ts).
import { UNKNOWN } from './interpolation';
import { scalarText } from './scalarText';
import { mapEntries, resolveMap, seqItems } from './walk';
import type { Value, Walk } from './walk';
import { joinPath } from '../../syntax/paths';

export interface ServiceImage {
  /** Relative to the check root. */
  dockerfile: string;
  /** Lowercased, as Docker matches stage names. */
  target?: string;
  args: string[];
}

function known(node: Value, walk: Walk): string | undefined | null {
  const value = scalarText(node, walk)?.value;
  if (value === undefined) return undefined;
  return value === '' || value.includes(UNKNOWN) ? null : value;
}

/**
 * The image a service builds from `context` (buildContextOf's folder); undefined when its Dockerfile
 * or stage is not known here: inline, an absolute path, a variable left unset.
 */
export function imageOf(fields: Map<string, Value>, context: string | undefined, walk: Walk): ServiceImage | undefined {
  if (context === undefined) return undefined;
  const map = resolveMap(fields.get('build'), walk);
  const build = map ? mapEntries(map, walk) : new Map<string, Value>();
  if (build.has('dockerfile_inline')) return undefined;
  const dockerfile = known(build.get('dockerfile'), walk);
  const target = known(build.get('target'), walk);
  if (dockerfile === null || target === null || dockerfile?.startsWith('/')) return undefined;
  const file = joinPath(context, dockerfile ?? 'Dockerfile');
  if (file === undefined) return undefined;
  return { dockerfile: file, target: target?.toLowerCase(), args: argNames(build.get('args'), walk) };
}

/** `args: { PORT: 3000 }` or `args: [PORT=3000, DEBUG]`. */
function argNames(node: Value, walk: Walk): string[] {
  const map = resolveMap(node, walk);
  if (map) return [...mapEntries(map, walk).keys()];
  return seqItems(node, walk).map((item) => scalarText(item, walk)?.value.split('=')[0]).filter((name): name is string => !!name);
}
