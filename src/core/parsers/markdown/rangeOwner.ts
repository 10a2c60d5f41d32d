// The service a range is named for: a block table's `| 4400-4499 | Insight — Lighthouse |` or a
// band's `- 4400-4499: Lighthouse` gives the product after the category its block. Where that
// service runs (its compose or env port), the port belongs in the block (rules/outOfRange.ts).
import { cleanName, serviceKey } from '../../syntax/names';

// `Category — Owner`, `Category - Owner`, `Category: Owner`: the owner comes last.
const SEPARATOR = /\s[—–-]\s|:\s/;
const PARENTHESES = /\([^()]*\)/g;
// A name of a product, not a description ("APIs of the billing team").
const MAX_WORDS = 3;

/** The key of the service `rawName` names, if it names one. */
export function rangeOwner(rawName: string): string | undefined {
  const parts = rawName.split(SEPARATOR);
  const last = cleanName(parts[parts.length - 1].replace(PARENTHESES, ' '));
  const words = last.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS || !/\p{L}/u.test(last)) return undefined;
  return serviceKey(last) || undefined;
}
