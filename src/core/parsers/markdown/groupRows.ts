// Group rows: `| **Node Agent** | | |` over the rows of that service's ports (`| Agent API | 8080 |`,
// `| Agent Metrics | 8000 |`). A row under it whose name adds only interface words (API, Metrics,
// Web UI) to the group's names an endpoint of the group's service, so two groups' `Agent API` rows
// are two services; a row with a name of its own (`ChromaDB` under `**Databases**`) is its own service.
import { cleanName, INTERFACE_WORDS, serviceKey } from '../../syntax/names';
import type { Cell } from './cells';

const BOLD_ONLY = /^(?:\*\*|__)([^*_]+)(?:\*\*|__)$/;

/** The group a row opens: its name cell holds only bold text and every other cell is blank. */
export function groupRowName(cells: readonly Cell[], nameIndex: number | undefined): string | undefined {
  if (nameIndex === undefined) return undefined;
  const bold = BOLD_ONLY.exec(cells[nameIndex]?.text ?? '');
  if (!bold || cells.some((cell, i) => i !== nameIndex && cell.text !== '')) return undefined;
  return cleanName(bold[1]) || undefined;
}

/** A member row's name under its group: the group's endpoint (`Node Agent (metrics)`), or the name as written. */
export function nameInGroup(member: string, group: string): string {
  const groupWords = new Set(serviceKey(group).split('-'));
  const added = serviceKey(member).split('-').filter((w) => w !== '' && !groupWords.has(w));
  if (added.length === 0) return group;
  return added.every((w) => INTERFACE_WORDS.has(w)) ? `${group} (${added.join(' ')})` : member;
}
