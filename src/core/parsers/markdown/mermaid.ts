// Mermaid node labels that carry a port: `Reporting[Reporting Engine :8087]`, `DB[(PostgreSQL :5432)]`,
// `Ports[Proxy :10008-10009]`. The label names the service; the node id is the fallback.
import { parseRange } from '../../syntax/ports';
import { currentContext, emitAllocation, emitInvalid, type MdState } from './state';

const NODE_RE = /(?<![\w-])([A-Za-z_][\w-]*)\s*(?:\[\[|\[\(|\(\[|\(\(|\[\/|\[\\|\{\{|\[|\(|\{|>)\s*"?([^\])}"\n]*?)"?\s*(?:\]\]|\)\]|\]\)|\)\)|\/\]|\\\]|\}\}|\]|\)|\})/g;
const LABEL_PORT_RE = /(?::\s*|\bport\s+)(\d{1,6}(?:\s*[-–]\s*\d{1,6})?)\b/i;

/** `content` is the fence body, starting at absolute offset `at`. */
export function extractMermaid(state: MdState, content: string, at: number): void {
  const context = currentContext(state);
  const seen = new Set<string>();
  for (const node of content.matchAll(NODE_RE)) {
    const [whole, id, label] = node;
    const portMatch = LABEL_PORT_RE.exec(label);
    if (!portMatch) continue;
    const labelAt = node.index! + whole.indexOf(label, id.length);
    const start = at + labelAt + portMatch.index + portMatch[0].indexOf(portMatch[1]);
    const end = start + portMatch[1].length;
    const written = portMatch[1].replace(/\s+/g, '');
    const range = /^\d+$/.test(written) ? { from: Number(written), to: Number(written) } : parseRange(written);
    if (!range) continue;
    if (range.from < 1 || range.to > 65535) {
      emitInvalid(state, range.from < 1 ? range.from : range.to, start, end, 'mermaid label');
      continue;
    }
    const service = label.slice(0, portMatch.index).replace(/<br\s*\/?>/gi, ' ').trim() || id;
    const key = `${id}:${written}`;
    if (seen.has(key)) continue;
    seen.add(key);
    emitAllocation(state, context, {
      service,
      port: range.from,
      endPort: range.to,
      claim: false,
      group: `${state.ctx.file}#mermaid@${at + node.index!}`,
      indexInGroup: 0,
      start,
      end,
    });
  }
}
