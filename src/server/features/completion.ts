// Completion in ports.yaml: range names after `range:` (a service's range) and `parent:` (a range's
// parent), and the next free port of the service's range after a `ports:` key or a role under it.
// The YAML around the cursor is often half-typed, so the keys that lead to it are read from the
// indentation of the lines above rather than from a parse.
import { CompletionItemKind } from '../lsp';
import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { parseDocument } from 'yaml';
import { nextFreePort } from '../../core/edits/freePort';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { rangeText } from '../../core/query/ranges';
import type { FolderView, InDocument } from './feature';

export function registryCompletions(snapshot: FolderSnapshot, folder: FolderView, params: InDocument<CompletionParams>): CompletionItem[] | null {
  const { file, position } = params;
  const facts = snapshot.facts(file);
  if (facts?.kind !== 'registry') return null;
  const text = folder.textOf(file);
  if (text === undefined) return null;
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const at = /(?:^|[{,])\s*([\w.-]+)\s*:\s*['"]?([\w.-]*)$/.exec(before);
  if (!at) return null;
  const [, key, typed] = at;
  // Up to and including the `{` or `,` before the key: the flow maps the key sits in.
  const chain = [...enclosingKeys(lines, position.line), ...flowKeys(before.slice(0, at.index + 1))];
  const replace = { start: { line: position.line, character: position.character - typed.length }, end: position };

  if ((chain[0] === 'services' && chain.length === 2 && key === 'range') || (chain[0] === 'ranges' && chain.length === 2 && key === 'parent')) {
    const names = [
      ...facts.ranges.filter((r) => !r.keptFree && !r.project).map((r) => ({ name: r.name, detail: `range ${rangeText(r)}` })),
      ...facts.projects.map((p) => ({ name: p.name, detail: 'project' })),
    ].filter((n) => !(chain[0] === 'ranges' && n.name === chain[1]));
    return names.map((n): CompletionItem => ({ label: n.name, kind: CompletionItemKind.EnumMember, detail: n.detail, textEdit: { range: replace, newText: n.name } }));
  }

  const inPorts = chain[0] === 'services' && chain.length >= 2 && (key === 'ports' ? chain.length === 2 : chain[2] === 'ports');
  if (!inPorts || !/^\d*$/.test(typed)) return null;
  const service = chain[1];
  const doc = parseDocument(text);
  const rangeName = doc.getIn(['services', service, 'range']);
  if (typeof rangeName !== 'string') return [];
  const decl = facts.ranges.find((r) => r.id === `${file}#registry:${rangeName}`) ?? facts.ranges.find((r) => r.id === `${file}#registry:project:${rangeName}`);
  if (!decl) return [];
  const port = nextFreePort(snapshot.input, { from: decl.from, to: decl.to, scope: '' });
  if (port === undefined) return [];
  return [{
    label: String(port),
    kind: CompletionItemKind.Value,
    detail: `next free port in ${rangeName} (${rangeText(decl)})`,
    documentation: 'Not written anywhere in the workspace (registry, compose, env, docs), not reserved and not kept free.',
    preselect: true,
    sortText: '0',
    textEdit: { range: replace, newText: String(port) },
  }];
}

/** The keys of the block mappings that hold line `n`, outermost first (`services`, `gateway`, `ports`). */
function enclosingKeys(lines: string[], n: number): string[] {
  const keys: string[] = [];
  let indent = indentOf(lines[n]);
  for (let i = n - 1; i >= 0 && indent > 0; i--) {
    const text = lines[i];
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const own = indentOf(text);
    if (own >= indent) continue;
    const key = /^\s*(?:-\s+)?([\w.-]+|"[^"]*"|'[^']*')\s*:/.exec(text);
    if (key) keys.unshift(key[1].replace(/^["']|["']$/g, ''));
    indent = own;
  }
  return keys;
}

/** The keys a line opens before the cursor: `    ports: { http: 8000, grpc: ` gives `ports`. */
function flowKeys(before: string): string[] {
  const keys: string[] = [];
  for (const m of before.matchAll(/(?:^|[{,])\s*([\w.-]+)\s*:\s*(?=\{)/g)) keys.push(m[1]);
  return keys;
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}
