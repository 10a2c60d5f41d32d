// Mermaid node labels that carry a port: `Reporting[Reporting Engine :8087]`, `DB[(PostgreSQL :5432)]`,
// `Ports[Proxy :10008-10009]`, `ssl[ssl Caddy \n ports: 80, 443]`. The label names the service (its
// first line), the node id is the fallback, and a subgraph named for an environment sets it.
import { parseRange } from '../../syntax/ports';
import { environmentFromText, serviceKey } from '../../syntax/names';
import { serverOfImage } from '../../syntax/servers';
import { currentContext, emitAllocation, emitInvalid, type Context, type MdState } from './state';
import { containerSide } from './sections';

const NODE_RE = /(?<![\w-])([A-Za-z_][\w-]*)\s*(?:\[\[|\[\(|\(\[|\(\(|\[\/|\[\\|\{\{|\[|\(|\{|>)\s*"?([^\])}"\n]*?)"?\s*(?:\]\]|\)\]|\]\)|\)\)|\/\]|\\\]|\}\}|\]|\)|\})/g;
const PORT_LIST_RE = /(?::\s*|\bports?\s*:?\s*)(\d{1,6}(?:\s*[-–]\s*\d{1,6})?(?:\s*,\s*\d{1,6})*)\b/i;
const LINE_BREAK_RE = /\\n|<br\s*\/?>/gi;

/** `content` is the fence body, starting at absolute offset `at`. */
export function extractMermaid(state: MdState, content: string, at: number): void {
  const outer = currentContext(state);
  const subgraphs: Array<{ environment?: string; inside: boolean }> = [];
  const seen = new Set<string>();
  let lineAt = 0;
  for (const line of content.split('\n')) {
    const opens = /^\s*subgraph\s+(.*)$/i.exec(line);
    if (opens) subgraphs.push({ environment: environmentFromText(opens[1]), inside: INSIDE_CONTAINERS.test(opens[1]) || containerSide(opens[1]) });
    else if (/^\s*end\s*$/i.test(line)) subgraphs.pop();
    else {
      const environment = [...subgraphs].reverse().find((g) => g.environment !== undefined)?.environment ?? outer.environment;
      const illustrative = outer.illustrative || subgraphs.some((g) => g.inside);
      extractNodes(state, { ...outer, environment, illustrative }, line, at + lineAt, { group: at, seen });
    }
    lineAt += line.length + 1;
  }
}

// A subgraph of a container network or of one host's loopback (`Docker Swarm Overlay Networks`,
// `Internal (localhost only)`): the ports drawn in it are reached there, not published on the host.
const INSIDE_CONTAINERS = /\boverlay\b|\blocalhost[- ]only\b|\bloopback\b/i;

/** One graph is one unit of places; a node drawn twice in it is one place. */
interface Graph {
  group: number;
  seen: Set<string>;
}

// Other diagram styles name a service and its port outside brackets:
//   sequence diagrams: `participant GW as Gateway :8080`, `actor U as Portal :3000`
//   C4: `Container(api, "Ledger API :8080", "Go")`, `ContainerDb(db, "Ledger DB :5432")`
//   architecture: `service db(database)[Ledger DB :5432] in api`
const PARTICIPANT_RE = /^\s*(?:participant|actor)\s+([A-Za-z_][\w-]*)\s+as\s+(.+?)\s*$/;
const C4_RE = /^\s*(?:Container|Component|System)(?:Db|Queue)?(?:_Ext)?\(\s*([A-Za-z_][\w-]*)\s*,\s*"([^"\n]*)"/;
const ARCHITECTURE_RE = /^\s*service\s+([A-Za-z_][\w-]*)\s*(?:\([^()\n]*\))?\s*\[([^\]\n]*)\]/;

interface Labelled {
  id: string;
  label: string;
  /** Offset of the label in the line. */
  at: number;
  claim: boolean;
}

/**
 * The labelled nodes of a line, in any of the styles above or the flowchart's brackets. A sequence
 * diagram's participant is drawn where a request reaches it: a claim about its port, never a
 * listener that clashes with another.
 */
function labelledNodes(line: string): Labelled[] {
  for (const re of [PARTICIPANT_RE, C4_RE, ARCHITECTURE_RE]) {
    const m = re.exec(line);
    if (m) return [{ id: m[1], label: m[2], at: m.index + m[0].lastIndexOf(m[2]), claim: re === PARTICIPANT_RE }];
  }
  return [...line.matchAll(NODE_RE)].map((node) => {
    const [whole, id, label] = node;
    return { id, label, at: node.index! + whole.indexOf(label, id.length), claim: false };
  });
}

function extractNodes(state: MdState, context: Context, line: string, lineAt: number, graph: Graph): void {
  // Most lines carry no digit, so no port: skip the expressions.
  if (!/\d/.test(line)) return;
  for (const { id, label, at: labelAt, claim } of labelledNodes(line)) {
    const portMatch = PORT_LIST_RE.exec(label);
    if (!portMatch) continue;
    const service = nodeName(label.slice(0, portMatch.index)) || id;
    let itemAt = labelAt + portMatch.index + portMatch[0].indexOf(portMatch[1]);
    portMatch[1].split(',').forEach((item, index) => {
      const written = item.trim();
      const start = lineAt + itemAt + item.indexOf(written);
      itemAt += item.length + 1;
      place(state, context, { id, service, written, start, index, claim }, graph);
    });
  }
}

// A service's name as a compose file writes it: `orders-db`, `ledger_api`.
const IDENTIFIER = /^[a-z0-9]+(?:[-_][a-z0-9]+)+$/;

/**
 * The name a node's label gives, from its lines before the port: the first, unless it names only
 * the server the node runs (`PostgreSQL<br/>orders-db<br/>:5510`) and the next is the service's own
 * name, as compose writes it.
 */
function nodeName(beforePort: string): string {
  const lines = beforePort.split(LINE_BREAK_RE).map((l) => l.trim());
  const [first, second] = lines;
  return second !== undefined && IDENTIFIER.test(second) && serverOfImage(serviceKey(first)) !== undefined ? second : first;
}

function place(
  state: MdState,
  context: Context,
  node: { id: string; service: string; written: string; start: number; index: number; claim: boolean },
  graph: Graph,
): void {
  const compact = node.written.replace(/\s+/g, '');
  const range = /^\d+$/.test(compact) ? { from: Number(compact), to: Number(compact) } : parseRange(compact);
  const end = node.start + node.written.length;
  if (!range) return;
  if (range.from < 1 || range.to > 65535) {
    emitInvalid(state, range.from < 1 ? range.from : range.to, node.start, end, 'mermaid label');
    return;
  }
  const key = `${node.id}:${compact}`;
  if (graph.seen.has(key)) return;
  graph.seen.add(key);
  emitAllocation(state, context, {
    service: node.service,
    port: range.from,
    endPort: range.to,
    claim: node.claim,
    drawn: true,
    group: graph.group,
    indexInGroup: node.index,
    start: node.start,
    end,
  });
}
