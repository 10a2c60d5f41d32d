// Fenced blocks: mermaid graphs, shell/env settings, compose snippets. Other code (Dockerfiles,
// curl/netstat lines, JSON) only contributes mentions of the URLs in it.
import { findUrls } from '../../syntax/ports';
import { cleanName, INTERFACE_WORDS, roleFromPath, serviceKey } from '../../syntax/names';
import { isGenericName } from '../../project/roles';
import { envFacts, parseEnvAssignments } from '../env';
import { extractComposeFacts } from '../compose';
import { extractMermaid } from './mermaid';
import { extractTextTable, readPortMap } from './textTables';
import { extractHeadingUrl } from './lists';
import { currentContext, emitAllocation, emitMention, hostSideUrl, mentionOnly, type Context, type MdState } from './state';
import { ILLUSTRATIVE } from './sections';

const SETTINGS_LANGS = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'env', 'dotenv', 'console', 'cmd', 'bat', 'batch', 'text', 'txt', 'ini', 'properties', 'conf']);
const YAML_LANGS = new Set(['yaml', 'yml']);

// `Token Engine:       http://localhost:8081/metrics`: a name and the URL it is reached at.
const NAMED_URL_RE = /^\s*([A-Za-z][\w .()-]{0,40}?)\s*:\s+\S+:\/\/\S+\s*$/;

// A fence with no language that is a compose file all the same (`services:` over `ports:`).
const COMPOSE_TEXT = /^services:[ \t]*(?:#.*)?$[\s\S]*^[ \t]+ports:/m;
const PLAIN_LANGS = new Set(['', 'text', 'txt']);
// A compose snippet's service reads a `.env` (`env_file:`): an env block in the same page is that
// container's environment, and `${VAR}` in a snippet reads variables from such a block.
const ENV_FILE_KEY = /^[ \t]+env_file[ \t]*:/m;
const INTERPOLATED = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** What the paragraph right before a block says of it. */
export interface FenceIntro {
  /** It introduces the block as an example. */
  example: boolean;
  /** A bold label naming the service whose settings the block holds. */
  owner?: string;
}

export function extractFence(state: MdState, lang: string, content: string, at: number, { example, owner }: FenceIntro): void {
  const kind = lang.toLowerCase();
  const section = currentContext(state);
  const context = owner ? { ...section, owner: ownerUnder(section.owner, owner) } : section;
  const allocationsBefore = state.facts.allocations.length;
  if (kind === 'mermaid') extractMermaid(state, content, at);
  else if (YAML_LANGS.has(kind) || (PLAIN_LANGS.has(kind) && COMPOSE_TEXT.test(content))) {
    if (!(YAML_LANGS.has(kind) && readPortMap(state, context, content, at))) extractYaml(state, context, content, at);
  }
  else if (SETTINGS_LANGS.has(kind)) {
    // A fence with no language may hold a port table as plain text rather than settings.
    if (!(PLAIN_LANGS.has(kind) && (extractTextTable(state, context, content, at) || labelledUrlLines(state, content, at)))) extractSettings(state, context, content, at);
  } else mentionUrls(state, content, at, new Set());
  // The compose and env parsers write their places themselves, with no idea of the section's machine.
  if (context.host) {
    for (const a of state.facts.allocations.slice(allocationsBefore)) a.host ??= context.host;
  }
  // Examples and rejected plans show something other than the current setup.
  if (example || context.illustrative || illustrativeBlock(content)) {
    for (const a of state.facts.allocations.splice(allocationsBefore)) {
      state.facts.mentions.push({ port: a.port, loc: a.loc });
    }
  }
}

// `# phpMyAdmin` over `http://localhost:8888/`: a comment line that labels the URL on the next.
const COMMENT_LABEL = /^\s*#+\s*(\S.*?)\s*:?\s*$/;

/**
 * A plain block of URLs, each under a comment that names what it reaches, as a list of `label: URL`
 * items reads (see extractHeadingUrl); false when the block has no such pair.
 */
function labelledUrlLines(state: MdState, content: string, at: number): boolean {
  const lines = content.split('\n');
  let found = false;
  let lineAt = 0;
  for (let i = 0; i < lines.length; i++) {
    const label = COMMENT_LABEL.exec(lines[i]);
    const next = lines[i + 1];
    if (label && next !== undefined && extractHeadingUrl(state, label[1], next, at + lineAt + lines[i].length + 1)) found = true;
    lineAt += lines[i].length + 1;
  }
  return found;
}

/**
 * A label under a heading that names a service: a label of generic words (`**Backend API:**`,
 * `**API Server:**`) names a part of the heading's service, which `### billing-engine` over it
 * names; another label (`**Grafana:**`) names its service alone.
 */
function ownerUnder(heading: string | undefined, label: string): string {
  if (heading === undefined) return label;
  const words = serviceKey(label.replace(/\([^()]*\)/g, ' ')).split('-');
  return words.every((w) => isGenericName(w) || INTERFACE_WORDS.has(w)) ? `${heading} ${label}` : label;
}

function extractYaml(state: MdState, context: Context, content: string, at: number): void {
  const allocationsBefore = state.facts.allocations.length;
  const mentionsBefore = state.facts.mentions.length;
  extractComposeFacts(content, at, state.lines, state.facts, {
    ctx: state.ctx, snippet: true, environment: context.environment, scope: context.scope,
  });
  // Compose snippets in a document belong to the section they are written under, and each is a
  // stack of its own (its fence's offset says which).
  for (const a of state.facts.allocations.slice(allocationsBefore)) {
    a.source = 'markdown';
    a.ownerRange = context.ownerRange;
    a.fence = at;
  }
  if (ENV_FILE_KEY.test(content)) state.snippetReadsEnv = true;
  for (const m of content.matchAll(INTERPOLATED)) state.snippetVariables.add(m[1]);
  mentionUrls(state, content, at, placesSince(state, allocationsBefore, mentionsBefore));
}

function extractSettings(state: MdState, context: Context, content: string, at: number): void {
  const allocationsBefore = state.facts.allocations.length;
  const mentionsBefore = state.facts.mentions.length;
  const assignments = parseEnvAssignments(content, at);
  envFacts(assignments, state.lines, state.facts, {
    ctx: state.ctx, owner: context.owner, environment: context.environment, scope: context.scope,
    source: 'markdown',
  });
  // A block that sets one variable to several values shows alternatives ("# Development", "# Before:"),
  // not the setting: none of them is the port.
  const values = new Map<string, Set<string>>();
  for (const a of assignments) values.set(a.key, (values.get(a.key) ?? new Set()).add(a.value));
  const added = state.facts.allocations.splice(allocationsBefore);
  for (const a of added) {
    if (a.variable !== undefined && values.get(a.variable)!.size > 1) state.facts.mentions.push({ port: a.port, loc: a.loc });
    else state.facts.allocations.push(a);
  }
  const taken = placesSince(state, allocationsBefore, mentionsBefore);
  extractNamedUrls(state, context, content, at, taken);
  mentionUrls(state, content, at, taken);
}

/** Offsets of the facts added since the given counts, so a URL is not also a mention. */
function placesSince(state: MdState, allocations: number, mentions: number): Set<number> {
  return new Set([
    ...state.facts.allocations.slice(allocations).map((a) => a.loc.span.startOffset),
    ...state.facts.mentions.slice(mentions).map((m) => m.loc.span.startOffset),
  ]);
}

function mentionUrls(state: MdState, content: string, at: number, taken: Set<number>): void {
  for (const url of findUrls(content)) {
    if (!taken.has(at + url.portStart)) emitMention(state, url.port, at + url.portStart, at + url.portEnd);
  }
}

/**
 * A block that opens with `# Example` or `# Before:` shows something other than the current setup;
 * so does one that replaces or resets what a compose file says (`ports: !override`, `!reset`):
 * an override the reader may write for their own machine.
 */
function illustrativeBlock(content: string): boolean {
  const first = /^\s*(?:#|\/\/|--|;)\s*([^\n]*)/.exec(content);
  return (!!first && ILLUSTRATIVE.test(first[1])) || MERGE_TAG.test(content);
}

const MERGE_TAG = /:[ \t]*!(?:override|reset)\b/;

function extractNamedUrls(state: MdState, context: Context, content: string, at: number, claimed: Set<number>): void {
  let lineAt = 0;
  for (const line of content.split('\n')) {
    const m = NAMED_URL_RE.exec(line);
    const urls = m ? findUrls(line) : [];
    if (m && urls.length === 1 && !/[=]/.test(m[1]) && !/^(https?|curl|wget|echo|export|set)$/i.test(m[1].trim())) {
      const url = urls[0];
      const start = at + lineAt + url.portStart;
      if (!claimed.has(start)) {
        emitAllocation(state, context, {
          service: cleanName(m[1]), role: roleFromPath(url.path), port: url.port, claim: true,
          group: at + lineAt, indexInGroup: 0, start, end: start + (url.portEnd - url.portStart), hostSide: hostSideUrl(url),
        });
        claimed.add(start);
      }
    }
    lineAt += line.length + 1;
  }
}

/**
 * When a compose snippet in the page reads a `.env` (`env_file:`), the page's env blocks are that
 * container's environment: `WEBUI_PORT=8080` is the port the service listens on inside its
 * container, not a service of its own. A variable a snippet interpolates stays its host port.
 */
export function containerEnvironmentToMentions(state: MdState): void {
  if (!state.snippetReadsEnv) return;
  mentionOnly(state, new Set(state.facts.allocations.filter((a) => a.variable !== undefined && a.fence === undefined && !a.claim && !state.snippetVariables.has(a.variable))));
}
