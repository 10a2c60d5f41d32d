// The strings a fact keeps (a service name, a variable, a range name) are often slices of its
// file's text, and in V8 a slice keeps the whole text alive: an index of a workspace's facts would
// hold most of its files' texts as well (17 MB of the bench's 10,000-file workspace). Facts keep
// flat copies instead, one per distinct value, shared by every fact that has it.
import type { FileFacts } from '../model';

/** V8 copies shorter substrings (SlicedString::kMinLength): they hold no text alive. */
const MIN_SLICE = 13;

/** A long-running server sees names come and go: past this many, the table starts over. */
const MAX_INTERNED = 1 << 16;
let table = new Map<string, string>();

export function intern(s: string): string {
  let flat = table.get(s);
  if (flat === undefined) {
    if (table.size >= MAX_INTERNED) table = new Map();
    // JSON.parse builds a new sequential string; slice, concat and repeat can return slices.
    flat = JSON.parse(JSON.stringify(s)) as string;
    table.set(flat, flat);
  }
  return flat;
}

/** A string a fact keeps: interned when it is long enough to be a slice of a file's text. */
export function internIfLong(s: string): string {
  return s.length >= MIN_SLICE ? intern(s) : s;
}

/** Replaces the strings of the facts' entries (fields, and lists such as suppressed rules) with interned copies, in place. */
export function internStrings(facts: FileFacts): FileFacts {
  for (const list of [facts.allocations, facts.ranges, facts.reserved, facts.problems, facts.suppressions, facts.aliases, facts.projects]) {
    for (const entry of list) internFields(entry as unknown as Record<string, unknown>);
  }
  return facts;
}

function isLong(item: unknown): item is string {
  return typeof item === 'string' && item.length >= MIN_SLICE;
}

// Lists a parser interns when it makes them, shared by every place of a service: copying them per
// place would cost a list each.
const INTERNED_LISTS = new Set(['names', 'networks', 'profiles']);

function internFields(entry: Record<string, unknown>): void {
  for (const key in entry) {
    const value = entry[key];
    if (value === undefined || INTERNED_LISTS.has(key)) continue;
    if (typeof value === 'string') {
      if (value.length >= MIN_SLICE) entry[key] = intern(value);
    } else if (Array.isArray(value) && value.some(isLong)) {
      // Only a list with a string to copy is replaced: lists of short names are shared as they are.
      entry[key] = value.map((item: unknown) => (isLong(item) ? intern(item) : item));
    }
  }
}
