// Groups of rows: `| **Node Agent** | | |` over the rows of that service's ports (`| Agent API |
// 8080 |`, `| Agent Metrics | 8000 |`), or a Project column beside the Service column. A row whose
// name adds only interface words (Metrics, Web UI) to its group's names an endpoint of the group's
// service; one that adds generic words (API, Frontend) a part of the group (`Node Agent API`), so
// two groups' `Agent API` rows are two services; a row with a name of its own (`ChromaDB` under
// `**Databases**`) is its own service.
import { cleanName, environmentFromText, INTERFACE_WORDS, serviceKey } from '../../syntax/names';
import { isGenericName } from '../../project/roles';
import type { Cell } from './cells';
import { withoutStack } from './roleQualifier';

const BOLD_ONLY = /^(?:\*\*|__)([^*_]+)(?:\*\*|__)$/;

/**
 * The group a row opens: its name cell holds only bold text and every other cell is blank. A row
 * naming an environment (`| **Production** | |`) divides the table by environment instead: no group.
 */
export function groupRowName(cells: readonly Cell[], nameIndex: number | undefined): string | undefined {
  if (nameIndex === undefined) return undefined;
  const bold = BOLD_ONLY.exec(cells[nameIndex]?.text ?? '');
  if (!bold || cells.some((cell, i) => i !== nameIndex && cell.text !== '')) return undefined;
  const name = cleanName(bold[1]);
  return name === '' || environmentFromText(name) !== undefined ? undefined : name;
}

/**
 * A member row's name under its group: the group's endpoint (`Node Agent (metrics)`), a part of
 * the group named by generic words (`LoveConnect Frontend`), or a name of its own, as written.
 */
export function nameInGroup(member: string, group: string): string {
  const groupWords = new Set(serviceKey(group).split('-'));
  // What the member is built with says nothing of whose it is: `Frontend (Next.js)` is the group's frontend.
  const added = withoutStack(member).split(/[\s_-]+/).map((word) => ({ word, key: serviceKey(word) })).filter(({ key }) => key !== '' && !groupWords.has(key));
  if (added.length === 0) return group;
  const keys = added.map((a) => a.key);
  const words = added.map((a) => a.word).join(' ');
  if (keys.every(isInterface)) return `${group} (${words})`;
  return keys.every((w) => isInterface(w) || isGenericName(w)) ? `${group} ${words}` : member;
}

/** An interface of a service (`metrics`, `Web UI`); an API is a part of its own (`Frontend` and `API` rows). */
function isInterface(word: string): boolean {
  return word !== 'api' && INTERFACE_WORDS.has(word);
}
