// A rule a document states for a class of its services, in a list or a paragraph: `- All APIs use
// 87xx`, `**Convention**: every frontend runs on 3000-3099.`, `All services use ports in the range
// 32100-32199.` The range owns the document's entries of that class (a service whose name has the
// class's word: `orders-api` for APIs) that no heading or row already puts under a range of its
// own, wherever in the document they are; "services" alone is every entry. A class no name can
// show ("HTTP services", "internal services") owns nothing: which entries are HTTP is not written.
import { parseRange } from '../../syntax/ports';
import { blankDecoration } from './cellValues';
import { RANGE } from './rangeLists';
import { currentContext, emitItemRange, type MdState } from './state';

const VERB = String.raw`(?:(?:must|should|shall|will|always)\s+)?(?:use|uses|run\s+on|runs\s+on|listen\s+on|listens\s+on|live\s+in|lives\s+in|are\s+in|is\s+in|are\s+on|is\s+on|get|gets|take|takes|stay\s+in|stays\s+in|go\s+in|goes\s+in|sit\s+in|sits\s+in)`;
// `All APIs use ports in the range 8700-8799 ports.`, then at most a note in parentheses.
const PRINCIPLE = new RegExp(
  String.raw`^\s*(?:[\p{L} ]{1,30}[:：]\s*)?(?:all|every|each)\s+(?:of\s+the\s+|the\s+|our\s+)?([\p{L}][\p{L}\p{N} /-]{0,40}?)\s+${VERB}\s+(?:(?:the\s+)?ports?\s+)?(?:(?:in|from|within|inside)\s+)?(?:the\s+)?(?:(?:port\s+)?(?:range|block)\s+)?(?:of\s+)?${RANGE}(?:\s+(?:ports?|range|block))?\s*[.;]?\s*(?:\([^()]*\)\s*[.;]?\s*)?$`,
  'iu',
);
// Words that name no class of their own: "all services", "all backend services" (backend is the class).
const GENERIC = new Set(['service', 'app', 'application', 'microservice', 'container', 'component', 'port', 'server']);
// Words no service name shows the class by: a protocol, where it is reached, its stage.
const UNSHOWN = new Set([
  'http', 'https', 'tcp', 'udp', 'grpc', 'rest', 'internal', 'external', 'public', 'private', 'local', 'new', 'other', 'our', 'custom',
  'exposed', 'dev', 'development', 'production', 'prod', 'staging', 'test', 'docker', 'core', 'main', 'additional', 'remaining', 'its', 'their',
]);

export interface Principle {
  rangeId: string;
  /** The words an entry's name must have, singular; none for every entry. */
  words: string[];
}

/** Reads `text` (a list item's or a paragraph line's, starting at offset `at`) as a principle. */
export function extractPrinciple(state: MdState, text: string, at: number): void {
  // Cheap pre-check: most lines have none of the words.
  if (!/\b(?:all|every|each)\b/i.test(text)) return;
  const blank = blankDecoration(text);
  const m = PRINCIPLE.exec(blank);
  if (!m) return;
  const context = currentContext(state);
  const range = parseRange(m[2]);
  if (!range || range.to - range.from < 1 || !context.aboutPorts || context.illustrative) return;
  const words = classWords(m[1]);
  if (!words) return;
  const start = at + m.index + m[0].lastIndexOf(m[2]);
  const rangeId = emitItemRange(state, context, {
    name: m[1], from: range.from, to: range.to, start, end: start + m[2].length, group: `${state.ctx.file}#principles`,
  });
  state.principles.push({ rangeId, words });
}

/** The class's words, singular, without the generic ones; undefined for a class no name shows. */
function classWords(written: string): string[] | undefined {
  const words = written.toLowerCase().split(/[\s/-]+/).filter(Boolean).map(singular);
  if (words.some((w) => UNSHOWN.has(w))) return undefined;
  const shown = words.filter((w) => !GENERIC.has(w));
  if (shown.length > 2) return undefined;
  return shown;
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Puts the document's entries under the principles' ranges: an entry no range owns yet, of exactly
 * one principle's class (`frontend-api` under "all APIs" and "all frontends" is neither's).
 */
export function applyPrinciples(state: MdState): void {
  if (state.principles.length === 0) return;
  for (const a of state.facts.allocations) {
    if (a.claim || a.ownerRange !== undefined) continue;
    const names = new Set(a.serviceKey.split('-').map(singular));
    const of = state.principles.filter((p) => p.words.every((w) => names.has(w)));
    const specific = of.filter((p) => p.words.length > 0);
    const chosen = specific.length > 0 ? specific : of;
    if (chosen.length === 1) a.ownerRange = chosen[0].rangeId;
  }
}
