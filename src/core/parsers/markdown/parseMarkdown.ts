// Markdown allocation documents. markdown-it gives the block structure with line maps; columns
// come from the source lines, so every fact points at the number as written.
import MarkdownIt, { type Options } from 'markdown-it';
import { emptyFacts, type FileFacts, type ParseContext } from '../../model';
import { LineIndex } from '../../text/lineIndex';
import { findUrls } from '../../syntax/ports';
import { serviceKey } from '../../syntax/names';
import { findSuppressions } from '../../syntax/suppressions';
import { analyzeHeading, documentInfo, ownerNamedBy, paragraphReservation, type HeadingInfo } from './sections';
import { extractTable } from './tables';
import { extractHeadingUrl, extractListItem, labelsPort } from './lists';
import { extractRangeVerdicts } from './rangeVerdicts';
import { closeListTitle, openListTitle } from './listTitles';
import { containerEnvironmentToMentions, extractFence } from './fences';
import { splitInstances } from './instances';
import { composeSetsIn } from '../../syntax/composeSets';
import { documentHome } from '../../project/roles';
import { baseOf } from '../../syntax/paths';
import { hostFromLine } from './hosts';
import { claimsForComponents } from './componentClaims';
import { splitTiers } from './tiers';
import { applyPrinciples, extractPrinciple } from './principles';
import { nameBlockParts } from './blocks';
import { listsForwardedPorts } from './portForwards';
import { isOnRecord, onRecord } from './onRecord';
import { dropRestatedItems } from './summaryItems';
import { separateLocalRuns } from './localRuns';
import { currentContext, emitAllocation, emitMention, emitHeadingRange, emitReservation, dropRoutePages, placeOnPageHost, setSectionHost, standaloneAcrossPage, type MdState, type Section } from './state';

// markdown-it stops reading a block nested deeper than maxNesting, and with it every line up to
// the end of the enclosing blocks: the commonmark preset's 20 is only ten levels of nested lists.
const MAX_NESTING = 100;
// markdown-it reads options.maxNesting, which its type definitions leave out.
const md = new MarkdownIt('commonmark').enable('table').set({ maxNesting: MAX_NESTING } as Options);
// Only the block structure is used (inline tokens' text and line maps); inline parsing (links,
// emphasis) would cost seconds on a long line of `[`.
md.core.ruler.disable(['inline', 'text_join']);
type Token = ReturnType<typeof md.parse>[number];

// Most Markdown in a monorepo has no port in it: skip it before paying for a parse. "port" (or
// Portuguese, Spanish, Italian or Russian for it, or "firewall", over the ports to open) must be a word of its own or of an identifier
// (`DB_PORT`), not part of "support", "report" or "import", and a range must not be part of a
// date (2024-01-15), or nearly every document passes. A bold name with a number in parentheses
// (`**Ledger** (7100)`, `**Ledger (7100)**`) is a port by its form, as lists.ts reads it.
const PORT_LIKE = /(?<![a-z])(?:ports?|port-?map(?:ping)?s?|portas?|puertos?|porte|firewall)(?![a-z])|порт|端口|埠|ポート|포트|:\d{2,5}\b|(?<![\d-])\d{2,5}\s*[-–]\s*\d{2,5}(?![\d-])|\d[xX]{2}\b|\*\*\s*\(\d{2,5}\)|\(\d{2,5}\)\*\*/i;

export function parseMarkdown(text: string, ctx: ParseContext): FileFacts {
  const facts = readMarkdown(text, ctx);
  return isOnRecord(ctx.file) ? onRecord(facts) : facts;
}

function readMarkdown(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'markdown');
  // Commands run from the folder the document speaks for (docs/ speaks for the root).
  const sets = composeSetsIn(text, documentHome(ctx.file));
  if (sets.length > 0) facts.composeSets = sets;
  const documentName = portDocumentName(ctx.file);
  if (documentName === '' && !PORT_LIKE.test(text)) return facts;
  const document: Section = { level: 0, line: 0, info: documentInfo(documentName) };
  const state: MdState = { text, lines: new LineIndex(text), facts, ctx, sections: [document], headingRanges: [], namedHosts: new Set(), machineHeading: false, machines: new Set(), hostHeadings: new Set(), snippetReadsEnv: false, snippetVariables: new Set(), urlItems: new Map(), labelledClaims: [], tiered: [], principles: [], generic: [], multiPortItems: [] };
  const tokens = md.parse(text, {});
  if (tokens.some((t) => t.level >= MAX_NESTING - 1)) {
    facts.notes.push(`blocks nested more than ${MAX_NESTING} levels deep: what follows the deepest one in its outermost block was not read`);
  }
  const headings = collectHeadings(state, tokens);
  let h = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') enterSection(state, headings[h++]);
    else if (token.type === 'table_open') i = walkTable(state, tokens, i);
    else if (token.type === 'list_item_open') walkListItem(state, tokens, i);
    else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') walkListTitle(state, tokens, i);
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') closeListTitle(state, token.level);
    else if (token.type === 'fence' && token.map && !headingFenceUrl(state, tokens, i)) walkFence(state, token, introducesExample(tokens, i), labelOwner(tokens, i));
    else if (token.type === 'inline' && token.map && tokens[i - 1]?.type === 'paragraph_open' && !headingUrl(state, tokens, i)) walkParagraph(state, token.map[0] + 1, token.map[1]);
  }
  separateLocalRuns(state, headings);
  nameBlockParts(state);
  applyPrinciples(state);
  claimsForComponents(state);
  splitTiers(state);
  splitInstances(state);
  placeOnPageHost(state);
  standaloneAcrossPage(state);
  dropRoutePages(state);
  dropRestatedItems(state);
  containerEnvironmentToMentions(state);
  facts.suppressions = findSuppressions(text);
  if (listsForwardedPorts(text, facts)) facts.forwarded = true;
  if (state.machines.size > 0) facts.machines = [...state.machines].sort();
  if (state.hostHeadings.size > 0) facts.hostHeadings = [...state.hostHeadings].sort();
  return facts;
}

// `PORTS.md`, `port-map.md`, `PORT_ALLOCATION.md`; not `REPORT.md` or `portal.md`.
const PORT_DOCUMENT = /(?:^|[^a-z])ports?(?:[^a-z]|$)/i;

/**
 * A document named for ports is about ports from its first line, heading or not: its name is the
 * outermost section's (see currentContext's aboutPorts).
 */
function portDocumentName(file: string): string {
  const name = baseOf(file).replace(/\.[^.]*$/, '');
  return PORT_DOCUMENT.test(name) ? name : '';
}

interface Heading {
  level: number;
  line: number;
  /** Offset of the heading text (after the `#` marker) and the text itself. */
  at: number;
  text: string;
  info: Readonly<HeadingInfo>;
  /** A deeper heading under this one declares a range: this one is a project. */
  project: boolean;
}

function collectHeadings(state: MdState, tokens: Token[]): Heading[] {
  const out: Heading[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open' || !t.map) return;
    const line = t.map[0] + 1;
    const source = state.lines.lineText(line);
    const marker = /^\s*(?:#{1,6}\s+)?/.exec(source)![0];
    const text = withoutClosingHashes(source.slice(marker.length));
    const read = analyzeHeading(text);
    const info = read.reserved === 'unclear' ? { ...read, reserved: paragraphReservation(firstParagraph(tokens, i + 3)), reservedByText: true } : read;
    out.push({ level: Number(t.tag.slice(1)), line, at: state.lines.lineStart(line) + marker.length, text, info, project: false });
  });
  out.forEach((hd, i) => {
    if (!hd.info.range) return;
    for (let j = i + 1; j < out.length && out[j].level > hd.level; j++) {
      if (out[j].info.range) hd.project = true;
    }
  });
  return out;
}

/**
 * A heading without its closing `#`s (`## Core ##`). Not a regex: `/\s+#+\s*$/` backtracks
 * quadratically over a long run of blanks.
 */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trimEnd();
  let i = trimmed.length;
  while (i > 0 && trimmed[i - 1] === '#') i--;
  if (i === trimmed.length || i === 0 || !/\s/.test(trimmed[i - 1])) return text;
  return trimmed.slice(0, i).trimEnd();
}

function firstParagraph(tokens: Token[], from: number): string {
  for (let i = from; i < tokens.length && tokens[i].type !== 'heading_open'; i++) {
    if (tokens[i].type === 'inline' && tokens[i - 1]?.type === 'paragraph_open') return tokens[i].content;
  }
  return '';
}

// `ubt-01`, `pve1`, `nas02`: a heading that is one word with a digit may be a machine's name, which a
// folder of compose files named so confirms (see ProjectModel).
const HOST_NAME = /^(?=[a-z0-9._-]*\d)[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/i;

function enterSection(state: MdState, heading: Heading): void {
  while (state.sections[state.sections.length - 1].level >= heading.level) state.sections.pop();
  const host = heading.info.host ?? namedMachine(state, heading.info.name);
  const section: Section = { level: heading.level, line: heading.line, info: heading.info, reserved: heading.info.reserved, host };
  if (!host && !heading.info.range && !heading.info.environment && HOST_NAME.test(heading.info.name)) section.hostIfFolder = serviceKey(heading.info.name);
  if (host) {
    state.machineHeading = true;
    state.machines.add(host);
  }
  const outer = currentContext(state);
  const range = heading.info.range;
  if (heading.project) section.scope = serviceKey(heading.info.name) || outer.scope;
  if (range) {
    const more = heading.info.moreRanges ?? [];
    if (heading.info.reserved === 'forbidden') {
      for (const r of [range, ...more]) emitReservation(state, outer, r.from, r.to, heading.info.name, heading.at + r.start, heading.at + r.end);
    } else {
      const context = { ...outer, scope: section.scope ?? outer.scope };
      const keptFree = heading.info.reserved === 'keptFree' || heading.info.reserved === 'unclear';
      const also = [...more, ...heading.info.exceptions ?? []].map((r) => ({ from: r.from, to: r.to }));
      section.rangeId = emitHeadingRange(state, context, {
        name: heading.info.name, from: range.from, to: range.to, start: heading.at + range.start, end: heading.at + range.end, keptFree, also,
      });
      for (const r of more) {
        emitHeadingRange(state, context, { name: heading.info.name, from: r.from, to: r.to, start: heading.at + r.start, end: heading.at + r.end, keptFree });
      }
    }
  }
  state.sections.push(section);
  const owner = heading.info.ownerPort;
  if (owner && heading.info.owner) {
    emitAllocation(state, currentContext(state), {
      service: heading.info.owner, port: owner.port, claim: false, group: heading.at,
      indexInGroup: 0, start: heading.at + owner.start, end: heading.at + owner.end,
    });
  }
}

/** `### Boreas` on a page whose table of hosts lists Boreas: that machine's section. */
function namedMachine(state: MdState, name: string): string | undefined {
  if (state.machines.size === 0) return undefined;
  const key = serviceKey(name);
  return state.machines.has(key) ? key : undefined;
}

function walkTable(state: MdState, tokens: Token[], start: number): number {
  let header: number | undefined;
  const rows: number[] = [];
  let i = start;
  for (; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
    const t = tokens[i];
    if (t.type !== 'tr_open' || !t.map) continue;
    if (header === undefined) header = t.map[0] + 1;
    else rows.push(t.map[0] + 1);
  }
  if (header !== undefined) {
    extractTable(state, header, rows);
    extractRangeVerdicts(state, header, rows);
  }
  return i;
}

// Blockquote and list markers and a task box before a line's text. A marker is followed by a
// blank, so the `**` of `**Machine**: nas` is not one.
const LINE_MARKER = /^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?:\[[ xX]\]\s+)?/;

function walkListItem(state: MdState, tokens: Token[], i: number): void {
  const paragraph = tokens[i + 1];
  if (paragraph?.type !== 'paragraph_open' || !paragraph.map) return;
  const line = paragraph.map[0] + 1;
  const source = state.lines.lineText(line);
  // The item's own marker sits on the paragraph's first line; strip it and a task box.
  const marker = LINE_MARKER.exec(source)![0];
  // An item inside another item (`1. **Download Client:**` over `- Port: 8080`) is about that item's subject.
  extractListItem(state, source.slice(marker.length), state.lines.lineStart(line) + marker.length, tokens[i].level > 1);
}

/** A paragraph right before a list, at its level, may title it ("Never use these ports:"). */
function walkListTitle(state: MdState, tokens: Token[], i: number): void {
  const inline = paragraphBefore(tokens, i);
  if (!inline || tokens[i - 1].level !== tokens[i].level || !inline.map) return;
  openListTitle(state, inline.content, inline.map[0] + 1, tokens[i].level, tokens[i - 4]?.type === 'list_item_open');
}

/** The text of the paragraph that ends right before the block at `i`. */
function paragraphBefore(tokens: Token[], i: number): Token | undefined {
  const inline = tokens[i - 2];
  return tokens[i - 1]?.type === 'paragraph_close' && inline?.type === 'inline' ? inline : undefined;
}

// "Example:", "For instance, in staging:", "Or use another port:", "Prefer the usual ports?", "例如：",
// "Beispiel:": the paragraph right before a block says it shows an example or a way out.
const EXAMPLE_INTRO = /\b(?:examples?|for instance|samples?|such as|alternatives?|(?:another|other|different) ports?|beispiele?|exemples?|ejemplos?|esempio|prefer|préférez|preferez|préférer|bevorzugen|bevorzugst|prefieres|prefiere|prefere|preferir)\b|例如|示例|举例|其他端口|别的端口|例えば|別のポート|他のポート|예시|예를 들어|다른 포트/i;

/**
 * Whether the paragraph right before the block at `i` titles it (ends in a colon, or is set in
 * bold) and its last sentence calls what follows an example or another port. File names and code
 * in it say nothing (`.env.example`).
 */
function introducesExample(tokens: Token[], i: number): boolean {
  const inline = paragraphBefore(tokens, i);
  if (!inline) return false;
  // `**Option 2: another port**` ends in its emphasis.
  const text = inline.content.trim().replace(/[*_]+$/, '');
  if (!/[:：]$/.test(text) && !/^[*_]/.test(inline.content)) return false;
  const sentences = text.replace(/`[^`]*`/g, ' ').replace(/\b(?:e\.g|z\.\s?b)\.?/gi, 'for instance').split(/(?<=[.!?。！？])\s+/);
  // "Prefer the usual ports? No problem:": a short answer after a question says yes to the question.
  const last = sentences.length > 1 && /[?？]$/.test(sentences[sentences.length - 2]) && sentences[sentences.length - 1].split(/\s+/).length <= SHORT_ANSWER
    ? sentences.slice(-2).join(' ')
    : sentences[sentences.length - 1];
  // A file name's words are no example.
  const words = last.split(/\s+/).filter((word) => !/[\w-]\.[\w-]/.test(word));
  return EXAMPLE_INTRO.test(words.join(' ')) || FORMER_INTRO.test(last.replace(/^[*_]+|[:：]$/g, '').trim());
}

// `**FROM:**` over the line to replace, "Change this line:": what a fix replaces, no port in use.
const FORMER_INTRO = /^(?:from|before|old|old values?|previously|change this line|replace this line|wrong|incorrect|vorher|antes|avant|修改前|变更前|変更前|변경 전)$/i;

const SHORT_ANSWER = 4;

// `**Backend API:**` alone on the line before a block.
const BOLD_LABEL = /^(?:\*\*|__)([^*_]+?)[:：]?(?:\*\*|__)[:：]?$/;

/**
 * The service a bold label right before the block names (`**Backend API:**` over `PORT=3002`):
 * its owner, before the heading's, which may name the repository the services are part of.
 */
function labelOwner(tokens: Token[], i: number): string | undefined {
  const label = BOLD_LABEL.exec(paragraphBefore(tokens, i)?.content.trim() ?? '');
  return label ? ownerNamedBy(label[1]) : undefined;
}

function walkFence(state: MdState, token: Token, example: boolean, owner: string | undefined): void {
  const [open, close] = token.map!;
  const bodyStart = state.lines.lineStart(open + 2);
  const closeLine = state.lines.lineText(close);
  const closed = close > open + 1 && /^\s*(`{3,}|~{3,})\s*$/.test(closeLine);
  const bodyEnd = closed ? state.lines.lineStart(close) : close < state.lines.lineCount ? state.lines.lineStart(close + 1) : state.text.length;
  if (bodyEnd <= bodyStart) return;
  extractFence(state, token.info.trim().split(/\s+/)[0] ?? '', state.text.slice(bodyStart, bodyEnd), bodyStart, { example, owner });
}

/** A one-line paragraph right under a heading that is one URL: the heading names what it reaches (extractHeadingUrl). */
function headingUrl(state: MdState, tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (tokens[i - 2]?.type !== 'heading_close' || token.map![1] - token.map![0] !== 1) return false;
  return urlUnderHeading(state, token.map![0] + 1);
}

// Fences that hold text, not a program: no language, or one that says so.
const TEXT_FENCE = /^(?:|url|text|txt|plain|plaintext)$/i;

/** The same for a text fence right under a heading whose body is one line: ```` ``` ```` over `http://localhost:9000`. */
function headingFenceUrl(state: MdState, tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (tokens[i - 1]?.type !== 'heading_close' || !TEXT_FENCE.test(token.info.trim()) || token.content.trim().includes('\n')) return false;
  const [open, close] = token.map!;
  return close - open === 3 && urlUnderHeading(state, open + 2);
}

// `## MinIO is available as:`, `## Grafana runs at`: the service, and the sentence around it.
const AVAILABLE_AT = /\s+(?:is|are)\s+(?:available|accessible|reachable|served|running|exposed|up)(?:\s+(?:as|at|on|via|under))?\s*[:：]?\s*$|\s+runs\s+(?:at|on)\s*[:：]?\s*$/i;

function urlUnderHeading(state: MdState, line: number): boolean {
  const name = state.sections[state.sections.length - 1].info.name.replace(AVAILABLE_AT, '');
  if (ownerNamedBy(name) === undefined) return false;
  return extractHeadingUrl(state, name, state.lines.lineText(line), state.lines.lineStart(line));
}

function walkParagraph(state: MdState, fromLine: number, toLine: number): void {
  // Lines that label a port (`**Ports:** 3001`, under a service's heading) are read as list items,
  // as they would be with a bullet; the lines between them as a paragraph of their own.
  let from = fromLine;
  for (let line = fromLine; line <= toLine; line++) {
    const source = state.lines.lineText(line);
    const marker = LINE_MARKER.exec(source)![0];
    const text = source.slice(marker.length);
    const at = state.lines.lineStart(line) + marker.length;
    // A line with a bullet begins a list item, which walkListItem read.
    if (labelsPort(text) && !BULLET.test(marker)) {
      if (from < line) readParagraphLines(state, from, line - 1);
      extractListItem(state, text, at);
      from = line + 1;
      continue;
    }
    const host = hostFromLine(text);
    if (host) setSectionHost(state, host);
    else extractPrinciple(state, text, at);
  }
  if (from <= toLine) readParagraphLines(state, from, toLine);
}

const BULLET = /(?:[-*+]|\d{1,9}[.)])\s/;

/** A paragraph's lines of `name : port` or `label: URL` read as a list, else the URLs in them mentioned. */
function readParagraphLines(state: MdState, fromLine: number, toLine: number): void {
  if (!readPortLines(state, fromLine, toLine) && !readUrlLines(state, fromLine, toLine)) mentionUrls(state, fromLine, toLine);
}

// `Frontend: http://localhost:3000`: a label and a URL, nothing else on the line.
const URL_LINE = /^\s*[^\s:|#>`-][^:|`]{0,60}?[:：]\s*<?[a-z][a-z0-9+.-]*:\/\/[^\s>]+>?\s*$/i;

/**
 * A paragraph of `label: URL` lines, two or more, after at most a line that titles them (`Open:`):
 * a list of where things are reached, written without its bullets, read as one.
 */
function readUrlLines(state: MdState, fromLine: number, toLine: number): boolean {
  const first = /:\s*$/.test(state.lines.lineText(fromLine)) ? fromLine + 1 : fromLine;
  return readLinesAsItems(state, first, toLine, URL_LINE);
}

// `certificate db : 5433`: a name and a port, nothing else on the line.
const PORT_LINE = /^[^\s:|#>`*-][^:|`]*?\s*:\s*\d{2,5}\s*$/;

/**
 * A paragraph of `name : port` lines, two or more and nothing else, under a heading about ports:
 * a list written without its bullets, read as one.
 */
function readPortLines(state: MdState, fromLine: number, toLine: number): boolean {
  return toLine > fromLine && currentContext(state).aboutPorts === true && readLinesAsItems(state, fromLine, toLine, PORT_LINE);
}

/** Lines, two or more, each of the form `line` says: read as the items of a list; false when they are not. */
function readLinesAsItems(state: MdState, fromLine: number, toLine: number, line: RegExp): boolean {
  if (toLine <= fromLine) return false;
  for (let at = fromLine; at <= toLine; at++) if (!line.test(state.lines.lineText(at))) return false;
  for (let at = fromLine; at <= toLine; at++) extractListItem(state, state.lines.lineText(at), state.lines.lineStart(at));
  return true;
}

function mentionUrls(state: MdState, fromLine: number, toLine: number): void {
  const start = state.lines.lineStart(fromLine);
  const end = toLine < state.lines.lineCount ? state.lines.lineStart(toLine + 1) : state.text.length;
  const text = state.text.slice(start, end);
  for (const url of findUrls(text)) emitMention(state, url.port, start + url.portStart, start + url.portEnd);
}
