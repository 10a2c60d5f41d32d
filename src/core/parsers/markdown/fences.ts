// Fenced blocks: mermaid graphs, shell/env settings, compose snippets. Other code (Dockerfiles,
// curl/netstat lines, JSON) only contributes mentions of the URLs in it.
import { findUrls } from '../../syntax/ports';
import { cleanName, roleFromPath } from '../../syntax/names';
import { envFacts, parseEnvAssignments } from '../env';
import { extractComposeFacts } from '../compose';
import { extractMermaid } from './mermaid';
import { currentContext, emitAllocation, emitMention, type MdState } from './state';

const SETTINGS_LANGS = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'env', 'dotenv', 'console', 'cmd', 'bat', 'batch', 'text', 'txt', 'ini', 'properties', 'conf']);
const YAML_LANGS = new Set(['yaml', 'yml']);

// `Token Engine:       http://localhost:8081/metrics`: a name and the URL it is reached at.
const NAMED_URL_RE = /^\s*([A-Za-z][\w .()-]{0,40}?)\s*:\s+\S+:\/\/\S+\s*$/;

export function extractFence(state: MdState, lang: string, content: string, at: number): void {
  const kind = lang.toLowerCase();
  if (kind === 'mermaid') {
    extractMermaid(state, content, at);
    return;
  }
  const context = currentContext(state);
  const claimed = new Set<number>();
  const mentionsBefore = state.facts.mentions.length;
  if (YAML_LANGS.has(kind)) {
    const before = state.facts.allocations.length;
    extractComposeFacts(content, at, state.lines, state.facts, {
      ctx: state.ctx, snippet: true, environment: context.environment, scope: context.scope,
      groupPrefix: `${state.ctx.file}#fence@${at}`,
    });
    // Compose snippets in a document belong to the section they are written under.
    for (const a of state.facts.allocations.slice(before)) {
      a.source = 'markdown';
      a.ownerRange = context.ownerRange;
      claimed.add(a.loc.span.start.offset);
    }
  } else if (SETTINGS_LANGS.has(kind)) {
    const before = state.facts.allocations.length;
    envFacts(parseEnvAssignments(content, at), state.lines, state.facts, {
      ctx: state.ctx, owner: context.owner, environment: context.environment, scope: context.scope,
      source: 'markdown', groupPrefix: `${state.ctx.file}#fence@${at}`,
    });
    for (const a of state.facts.allocations.slice(before)) claimed.add(a.loc.span.start.offset);
    extractNamedUrls(state, content, at, claimed);
  }
  for (const m of state.facts.mentions.slice(mentionsBefore)) claimed.add(m.loc.span.start.offset);
  for (const url of findUrls(content)) {
    if (!claimed.has(at + url.portStart)) emitMention(state, url.port, at + url.portStart, at + url.portEnd);
  }
}

function extractNamedUrls(state: MdState, content: string, at: number, claimed: Set<number>): void {
  const context = currentContext(state);
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
          group: `${state.ctx.file}#fence@${at}:${lineAt}`, indexInGroup: 0, start, end: start + (url.portEnd - url.portStart),
        });
        claimed.add(start);
      }
    }
    lineAt += line.length + 1;
  }
}
