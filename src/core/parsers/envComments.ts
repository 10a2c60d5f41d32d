// Comments in a `.env` file that tell the user where to open a service: `# Access Ledger:
// http://localhost:8310`, `# then open http://localhost:3000`. Each is a claim about the service's
// port (the named one, or the file's own), compared with what compose and the variables say.
// Only an instruction to open the URL on this machine counts: a comment that merely holds a URL
// (`# See http://localhost:9000/docs for the upstream default`) says nothing about this setup.
import type { FileFacts, ParseContext } from '../model';
import type { LineIndex } from '../text/lineIndex';
import { findUrls, isLocalHost, isValidPort } from '../syntax/ports';
import { cleanName, roleFromPath, serviceKey } from '../syntax/names';

// `# 1. Access Ledger: http://…`, `# Open http://…`, `# Then browse to the dashboard at http://…`.
const OPEN_LINE = /^[ \t]*#+[ \t]*(?:[-*][ \t]+|\d{1,2}[.)][ \t]*)?(?:then[ \t]+)?(?:open|access|visit|browse(?:[ \t]+to)?|go[ \t]+to|navigate[ \t]+to)\b[ \t]*([^:\n#]{0,40}?)[ \t]*(?::|\bat\b)?[ \t]*[a-z]+:\/\//i;
// Words that say where rather than what: "Open the web UI at", "Access it in your browser".
const NO_NAME = /^(?:the|your|it|this|app|application|service|web ?ui|ui|dashboard|web interface|interface|browser|in (?:a|your) browser|the (?:web )?(?:ui|app|dashboard|interface))$/i;

export interface CommentClaimOptions {
  ctx: ParseContext;
  /** The file's own service: the one a comment with no name speaks of. */
  owner?: string;
  environment?: string;
}

/** Appends the claims of `text`'s "open this URL" comments to `facts`. */
export function envCommentClaims(text: string, lines: LineIndex, facts: FileFacts, opts: CommentClaimOptions): void {
  // Most env files have no URL in a comment: one search decides.
  if (!text.includes('://')) return;
  for (let at = 0; at < text.length;) {
    const end = lineEndAt(text, at);
    // Searches bounded by the line: a search to the end of the file per line would be quadratic.
    const line = text.slice(at, end);
    if (line.includes('://') && line.includes('#')) claimLine(line, at, lines, facts, opts);
    at = end + 1;
  }
}

function claimLine(line: string, at: number, lines: LineIndex, facts: FileFacts, opts: CommentClaimOptions): void {
  const m = OPEN_LINE.exec(line);
  if (!m) return;
  const urls = findUrls(line);
  const url = urls[0];
  if (urls.length !== 1 || !isLocalHost(url.host) || !isValidPort(url.port)) return;
  const named = cleanName(m[1].replace(/\b(?:the|your)\b/gi, ' ').trim());
  const service = named && !NO_NAME.test(named) && named.split(' ').length <= 3 ? named : opts.owner;
  const key = service ? serviceKey(service) : '';
  if (!service || !key) return;
  facts.allocations.push({
    service,
    serviceKey: key,
    role: roleFromPath(url.path),
    port: url.port,
    protocol: 'tcp',
    scope: '',
    environment: opts.environment,
    source: 'env',
    claim: true,
    group: at,
    indexInGroup: 0,
    loc: lines.location(opts.ctx.file, at + url.portStart, at + url.portEnd),
  });
}

function lineEndAt(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}
