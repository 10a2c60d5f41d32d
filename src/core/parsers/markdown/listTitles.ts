// A list led by a line that titles it: "Never use these ports:", "**Blocked ports**", "禁用端口：",
// "Reserved (in use):", "**OLD:**", "**Default Settings**:". The title says of the list's items
// what a heading would: forbidden ports are reserved, ports kept for later or written as history or
// examples are only mentioned, ports in use are allocations, settings are no ports, and a title that
// speaks of ports or services ("Exposed ports:", "Services from `compose.dev.yml`:") makes a list
// about ports under any heading. It lasts as
// long as the list, as a section of its own deeper than any heading.
import { ABOUT_PORTS, ILLUSTRATIVE, titleReservation } from './sections';
import { cleanName } from '../../syntax/names';
import type { MdState, Section } from './state';

// Deeper than any heading (h1-h6): a heading after the list closes it too.
const LIST_LEVEL = 7;
const MAX_TITLE = 80;
const MAX_LABEL_WORDS = 4;
// "The following ports are exposed:" is a title; a longer line is a sentence that ends in a colon.
const MAX_PORT_TITLE_WORDS = 8;
const SETTINGS_TITLE = /\b(?:settings|defaults?|options|parameters|params|preferences|thresholds|weights|limits|tuning)\b/i;
const PORT_WORD = /\bports?\b|端口|ポート|포트/i;
// A line that introduces what follows: ends with a colon, or is all emphasis.
const LEADS = /[:：]\s*$|^(?:\*\*|__)[^*_]+(?:\*\*|__)$/;

// A short name and its colon, alone.
const NAMING_ITEM = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,40}?\s*[:：]$/u;

/**
 * Opens the list's title section when the paragraph just before the list titles it; `nested` when
 * that paragraph is an item of another list.
 */
export function openListTitle(state: MdState, paragraph: string, line: number, listLevel: number, nested: boolean): void {
  const title = paragraph.trim();
  if (title.length > MAX_TITLE || title.includes('\n') || !LEADS.test(title)) return;
  const reserved = titleReservation(title);
  // "**OLD:**", "Before:", "Previous URLs:": a label saying what the items were or only show; not a
  // sentence that mentions old services.
  const label = cleanName(title);
  const short = label.split(/\s+/).length <= MAX_LABEL_WORDS;
  const illustrative = short && ILLUSTRATIVE.test(label);
  // "**Default Settings**:" over `- Warmth: 65`: values of settings, not ports, even in a section about ports.
  const settings = short && SETTINGS_TITLE.test(label) && !PORT_WORD.test(label);
  const ports = !reserved && !illustrative && !settings && label.split(/\s+/).length <= MAX_PORT_TITLE_WORDS && ABOUT_PORTS.test(label);
  const top = state.sections[state.sections.length - 1];
  if (!reserved && !illustrative && !settings && !ports) {
    // `* Catalog:` over `* Local Env: 5000-5050`: an item naming what the items nested in it are about.
    if (nested && NAMING_ITEM.test(label)) state.sections.push({ level: LIST_LEVEL, line, info: top.info, rangeId: top.rangeId, listLevel, underNamingItem: true });
    return;
  }
  // The section under the title keeps owning the items: its range, owner and machine.
  const info = illustrative ? { ...top.info, illustrative } : settings ? { ...top.info, aboutPorts: false } : ports ? { ...top.info, aboutPorts: true } : top.info;
  const section: Section = { level: LIST_LEVEL, line, info, rangeId: top.rangeId, reserved, listLevel };
  state.sections.push(section);
}

/** Closes the title section of the list that ends here. */
export function closeListTitle(state: MdState, listLevel: number): void {
  const top = state.sections[state.sections.length - 1];
  if (top.listLevel === listLevel) state.sections.pop();
}
