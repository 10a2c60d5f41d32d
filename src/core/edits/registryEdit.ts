// Adding a service to ports.yaml. The document is read with the `yaml` package's document API to
// find where `services` is and how it is indented; the change is one insertion there, so every
// other byte (comments, key order, quoting, blank lines, line endings) stays as it was. The result
// is parsed again to make sure the service is where it should be.
import { isMap, isScalar, parseDocument, stringify, type Pair, type YAMLMap } from 'yaml';
import { serviceKey } from '../syntax/names';
import { LineIndex } from '../text/lineIndex';
import type { EditPlan } from './changePort';
import { applyEdits, type TextEdit } from './textEdit';

export interface NewService {
  name: string;
  port: number;
  /** A role other than the main port: written `ports: { grpc: 50051 }`. */
  role?: string;
  /** A range name of the registry. */
  range?: string;
}

export function planAddService(text: string, file: string, service: NewService): EditPlan {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return { error: `${file} has YAML errors; fix them first` };
  const root = doc.contents;
  if (root !== null && !isMap(root)) return { error: `${file} is not a mapping` };
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const lines = new LineIndex(text);
  const servicesPair = root?.items.find((p) => isScalar(p.key) && p.key.value === 'services') as Pair<unknown, unknown> | undefined;
  const services = servicesPair?.value;
  if (isMap(services) && services.items.some((p) => isScalar(p.key) && serviceKey(String(p.key.value)) === serviceKey(service.name))) {
    return { error: `${service.name} is already in ${file}` };
  }

  let edit: TextEdit;
  if (!servicesPair) {
    const indent = '  ';
    const lead = text.length === 0 || /[\r\n]$/.test(text) ? '' : eol;
    edit = { file, start: text.length, end: text.length, newText: `${lead}services:${eol}${block(service, indent, indent, eol)}${eol}` };
  } else if (isMap(services) && services.flow) {
    const close = (services.range?.[1] ?? 0) - 1;
    if (text[close] !== '}') return { error: `cannot find the end of services in ${file}` };
    if (services.items.length === 0) {
      edit = { file, start: close, end: close, newText: ` ${flow(service)} ` };
    } else {
      let end = nodeEnd(services.items[services.items.length - 1]);
      while (end > 0 && /\s/.test(text[end - 1])) end--;
      edit = { file, start: end, end, newText: `, ${flow(service)}` };
    }
  } else if (isMap(services) && services.items.length > 0) {
    const { indent, child } = indentation(services as YAMLMap, lines);
    const last = services.items[services.items.length - 1];
    const end = nodeEnd(last);
    edit = insertAfterLine(text, lines, file, end, block(service, indent, child, eol), eol);
  } else if (services === null || (isScalar(services) && services.value === null)) {
    const keyEnd = (servicesPair.key as { range?: [number, number, number] }).range?.[1] ?? 0;
    const lineEnd = lines.lineStart(lines.position(keyEnd).line) + lines.lineText(lines.position(keyEnd).line).length;
    edit = { file, start: lineEnd, end: lineEnd, newText: `${eol}${block(service, '  ', '  ', eol)}` };
  } else {
    return { error: `services in ${file} is not a mapping` };
  }

  const after = parseDocument(applyEdits(text, [edit]));
  const added = after.getIn(['services', service.name]);
  if (after.errors.length > 0 || added === undefined) return { error: `adding ${service.name} to ${file} would not give valid YAML` };
  return { edits: [edit] };
}

/** Where a pair's text ends (its value's, or its key's when it has no value). */
function nodeEnd(pair: Pair<unknown, unknown>): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  const key = pair.key as { range?: [number, number, number] } | null;
  return value?.range?.[1] ?? key?.range?.[1] ?? 0;
}

/** Inserts `entry` as lines of their own after the line `offset` is on (or at the start of the line it begins). */
function insertAfterLine(text: string, lines: LineIndex, file: string, offset: number, entry: string, eol: string): TextEdit {
  const atLineStart = offset > 0 && (text[offset - 1] === '\n' || text[offset - 1] === '\r');
  if (atLineStart) {
    // The value's range runs over the blank lines after it: insert before them.
    let line = lines.position(offset).line;
    while (line > 1 && lines.lineText(line - 1).trim() === '') line--;
    const at = lines.lineStart(line);
    return { file, start: at, end: at, newText: `${entry}${eol}` };
  }
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { file, start: end, end, newText: `${eol}${entry}` };
}

/** The indentation of the services' keys and of their fields. */
function indentation(services: YAMLMap, lines: LineIndex): { indent: string; child: string } {
  const column = (offset: number) => lines.position(offset).column - 1;
  const first = services.items[0].key as { range?: [number, number, number] };
  const indent = ' '.repeat(column(first.range?.[0] ?? 0));
  for (const pair of services.items) {
    const value = pair.value;
    if (isMap(value) && !value.flow && value.items.length > 0) {
      const key = value.items[0].key as { range?: [number, number, number] };
      const parent = pair.key as { range?: [number, number, number] };
      const step = column(key.range?.[0] ?? 0) - column(parent.range?.[0] ?? 0);
      if (step > 0) return { indent, child: ' '.repeat(step) };
    }
  }
  return { indent, child: '  ' };
}

function keyText(name: string): string {
  return stringify(name).trimEnd();
}

function portsText(s: NewService): string {
  return s.role ? `{ ${keyText(s.role)}: ${s.port} }` : String(s.port);
}

function block(s: NewService, indent: string, child: string, eol: string): string {
  const lines = [`${indent}${keyText(s.name)}:`];
  if (s.range) lines.push(`${indent}${child}range: ${keyText(s.range)}`);
  lines.push(`${indent}${child}ports: ${portsText(s)}`);
  return lines.join(eol);
}

function flow(s: NewService): string {
  const fields = [...(s.range ? [`range: ${keyText(s.range)}`] : []), `ports: ${portsText(s)}`];
  return `${keyText(s.name)}: { ${fields.join(', ')} }`;
}
