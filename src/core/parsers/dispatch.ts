// Which parser reads which file: by its name (the table of source kinds, ../sources.ts), or for
// a YAML file of another name, by its content.
import { emptyFacts, type FileFacts, type ParseContext, type SourceKind } from '../model';
import { isYamlFileName, SOURCE_KINDS } from '../sources';
import { looksLikeCompose, parseCompose } from './compose';
import { parseDevcontainer } from './devcontainer';
import { parseDockerfile } from './dockerfile';
import { parseEnv } from './env';
import { looksLikeKubernetes, parseKubernetes } from './kubernetes';
import { readComposeRangeHeader } from './composeRangeHeader';
import { parseMarkdown } from './markdown/parseMarkdown';
import { parseRegistry } from './registry/registry';
import { parsePackageScripts } from './scripts/packageScripts';
import { parseProcfile } from './scripts/procfile';
import { parseComposeCommands } from './scripts/composeCommands';
import { internStrings } from '../text/intern';

const KINDS = Object.keys(SOURCE_KINDS) as SourceKind[];

/** The kind a file's name says (a name or a path), trying the kinds in the table's order. */
export function sourceKindOf(fileName: string): SourceKind | undefined {
  return KINDS.find((kind) => SOURCE_KINDS[kind].isNamed(fileName));
}

/**
 * Whether a file may be a port source: a name `sourceKindOf` knows, or any other YAML file, which
 * is a compose file or a Kubernetes manifest when its text says so (`sourceKindIn`).
 */
export function mayBeSource(fileName: string): boolean {
  return sourceKindOf(fileName) !== undefined || isYamlFileName(fileName);
}

/** The kind of a file that may be a source, given its text: by name, or a YAML file that is a Kubernetes manifest or a compose file. */
export function sourceKindIn(fileName: string, text: string): SourceKind | undefined {
  const named = sourceKindOf(fileName);
  if (named || !isYamlFileName(fileName)) return named;
  return looksLikeKubernetes(fileName, text) ? 'kubernetes' : looksLikeCompose(text) ? 'compose' : undefined;
}

/**
 * The facts of one file. Never throws: a parser that fails (a stack overflow on absurdly deep
 * nesting, or a bug) leaves the file without facts and says why in a note, which is logged.
 */
export function parseByKind(kind: SourceKind, text: string, ctx: ParseContext): FileFacts {
  try {
    return internStrings(parseKind(kind, text, ctx));
  } catch (err) {
    const facts = emptyFacts(ctx.file, kind);
    facts.notes.push(`${PARSER_FAILED}: ${err instanceof RangeError ? 'nested too deeply' : 'internal error'} (${err instanceof Error ? err.message : String(err)})`);
    return facts;
  }
}

function parseKind(kind: SourceKind, text: string, ctx: ParseContext): FileFacts {
  switch (kind) {
    case 'registry': return parseRegistry(text, ctx);
    case 'compose': return withRangeHeader(text, parseCompose(text, ctx));
    case 'env': return parseEnv(text, ctx);
    case 'markdown': return parseMarkdown(text, ctx);
    case 'package': return parsePackageScripts(text, ctx);
    case 'procfile': return parseProcfile(text, ctx);
    case 'kubernetes': return parseKubernetes(text, ctx);
    case 'dockerfile': return parseDockerfile(text, ctx);
    case 'devcontainer': return parseDevcontainer(text, ctx);
    case 'commands': return parseComposeCommands(text, ctx);
  }
}

function withRangeHeader(text: string, facts: FileFacts): FileFacts {
  readComposeRangeHeader(text, facts);
  return facts;
}

/** How the note of a file whose parser failed begins. */
export const PARSER_FAILED = 'could not be read';
