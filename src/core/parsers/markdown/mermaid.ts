// Mermaid node labels that carry a port: `Reporting[Reporting Engine :8087]`, `DB[(PostgreSQL :5432)]`,
// `Ports[Proxy :10008-10009]`, `ssl[ssl Caddy \n ports: 80, 443]`. The label names the service (its
// first line), the node id is the fallback, and a subgraph named for an environment sets it.
import { parseRange } from '../../syntax/ports';
import { environmentFromText, serviceKey } from '../../syntax/names';
import { serverOfImage } from '../../syntax/servers';
import { currentContext, emitAllocation, emitInvalid, emitMention, type Context, type MdState } from './state';
import { containerSide } from './sections';

const NODE_RE = /(?<![\w-])([A-Za-z_][\w-]*)\s*(?:\[\[|\[\(|\(\[|\(\(|\[\/|\[\\|\{\{|\[|\(|\{|>)\s*"?([^\])}"\n]*?)"?\s*(?:\]\]|\)\]|\]\)|\)\)|\/\]|\\\]|\}\}|\]|\)|\})/g;
const PORT_LIST_RE = /(?::\s*|\bports?\s*:?\s*)(\d{1,6}(?:\s*[-–]\s*\d{1,6})?(?:\s*,\s*\d{1,6})*)\b/i;
const LINE_BREAK_RE = /\\n|<br\s*\/?>/gi;

/** `content` is the fence body, starting at absolute offset `at`. */
export function extractMermaid(state: MdState, content: string, at: number): void {
  const outer = currentContext(state);
  const subgraphs: Array<{ environment?: string; inside: boolean }> = [];
  const graph: Graph = { group: at, seen: new Set(), nodes: [], edges: [] };
  let lineAt = 0;
  for (const line of content.split('\n')) {
    const opens = /^\s*subgraph\s+(.*)$/i.exec(line);
    if (opens) subgraphs.push({ environment: environmentFromText(opens[1]), inside: INSIDE_CONTAINERS.test(opens[1]) || containerSide(opens[1]) });
    else if (/^\s*end\s*$/i.test(line)) subgraphs.pop();
    else {
      const environment = [...subgraphs].reverse().find((g) => g.environment !== undefined)?.environment ?? outer.environment;
      const illustrative = outer.illustrative || subgraphs.some((g) => g.inside);
      extractNodes({ ...outer, environment, illustrative }, line, at + lineAt, graph);
      if (/--|==/.test(line)) graph.edges.push(...edgesOf(line));
    }
    lineAt += line.length + 1;
  }
  const dialling = diallers(graph);
  for (const node of graph.nodes) place(state, node, graph, dialling);
}

// A subgraph of a container network or of one host's loopback (`Docker Swarm Overlay Networks`,
// `Internal (localhost only)`): the ports drawn in it are reached there, not published on the host.
const INSIDE_CONTAINERS = /\boverlay\b|\blocalhost[- ]only\b|\bloopback\b/i;

/** One graph is one unit of places; a node drawn twice in it is one place. */
interface Graph {
  group: number;
  seen: Set<string>;
  /** Each port a node's label writes, in the order drawn. */
  nodes: DrawnPort[];
  /** `[from, to]` node ids of each arrow. */
  edges: Array<[string, string]>;
}

/** One port a node's label writes. */
interface DrawnPort {
  context: Context;
  id: string;
  service: string;
  written: string;
  start: number;
  index: number;
  claim: boolean;
  /** Written after a host (`localhost:3000`): an address the node may dial rather than its own port. */
  addressed: boolean;
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

function extractNodes(context: Context, line: string, lineAt: number, graph: Graph): void {
  // Most lines carry no digit, so no port: skip the expressions.
  if (!/\d/.test(line)) return;
  for (const { id, label, at: labelAt, claim } of labelledNodes(line)) {
    const portMatch = PORT_LIST_RE.exec(label);
    if (!portMatch) continue;
    const service = nodeName(label.slice(0, portMatch.index)) || id;
    const addressed = AFTER_HOST.test(label.slice(0, portMatch.index + 1));
    let itemAt = labelAt + portMatch.index + portMatch[0].indexOf(portMatch[1]);
    portMatch[1].split(',').forEach((item, index) => {
      const written = item.trim();
      const start = lineAt + itemAt + item.indexOf(written);
      itemAt += item.length + 1;
      graph.nodes.push({ context, id, service, written, start, index, claim, addressed });
    });
  }
}

// `localhost:3000`, `127.0.0.1:3000`, `api.local:3000`: a host right before the port's colon.
const AFTER_HOST = /(?:^|[\s>/"'(])(?!ports?:)[A-Za-z0-9][\w.-]*:$/i;

// An arrow between two nodes: `-->`, `==>`, `-.->`, `---`, `-- text -->`, `-->|text|`; `<` and `>` give its direction.
const ARROW = /\s*(<?)(?:--\s[^\n]*?\s--|==\s[^\n]*?\s==|-\.+-|-{2,}|={2,})(>?)(?:\|[^|\n]*\|)?\s*/g;
const NODE_ID = /^[A-Za-z_][\w-]*$/;

/** The arrows of a line, each from one node id to another, its labels read as their ids; links without a direction are none. */
function edgesOf(line: string): Array<[string, string]> {
  const plain = line.replace(NODE_RE, (_whole, id: string) => id);
  const edges: Array<[string, string]> = [];
  let from: string | undefined;
  let arrow: RegExpMatchArray | undefined;
  let last = 0;
  const connect = (to: string) => {
    if (!arrow || !from || !NODE_ID.test(from) || !NODE_ID.test(to)) return;
    if (arrow[2] === '>') edges.push([from, to]);
    else if (arrow[1] === '<') edges.push([to, from]);
  };
  for (const m of plain.matchAll(ARROW)) {
    const node = plain.slice(last, m.index).trim();
    connect(node);
    from = node;
    arrow = m;
    last = m.index! + m[0].length;
  }
  connect(plain.slice(last).trim());
  return edges;
}

/**
 * `Browser[Your Browser<br/>localhost:3000] --> Web[Frontend<br/>Port 3000:3000]`: a node that
 * writes an address on a port and points at a node drawn on that port dials it. The ports it only
 * dials, as `id:port`.
 */
function diallers(graph: Graph): Set<string> {
  const out = new Set<string>();
  if (graph.edges.length === 0) return out;
  const portsOf = new Map<string, Set<string>>();
  for (const n of graph.nodes) {
    let ports = portsOf.get(n.id);
    if (!ports) portsOf.set(n.id, (ports = new Set()));
    ports.add(n.written.replace(/\s+/g, ''));
  }
  for (const n of graph.nodes) {
    const port = n.written.replace(/\s+/g, '');
    if (n.addressed && graph.edges.some(([from, to]) => from === n.id && to !== n.id && portsOf.get(to)?.has(port))) out.add(`${n.id}:${port}`);
  }
  return out;
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

function place(state: MdState, node: DrawnPort, graph: Graph, dialling: Set<string>): void {
  const compact = node.written.replace(/\s+/g, '');
  const range = /^\d+$/.test(compact) ? { from: Number(compact), to: Number(compact) } : parseRange(compact);
  const end = node.start + node.written.length;
  if (!range) return;
  if (range.from < 1 || range.to > 65535) {
    emitInvalid(state, range.from < 1 ? range.from : range.to, node.start, end, 'mermaid label');
    return;
  }
  const key = `${node.id}:${compact}`;
  if (dialling.has(key)) {
    emitMention(state, range.from, node.start, end);
    return;
  }
  if (graph.seen.has(key)) return;
  graph.seen.add(key);
  emitAllocation(state, node.context, {
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
