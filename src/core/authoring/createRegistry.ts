// A ports.yaml proposed from what the folder already says: the declared ranges (headings, range
// tables; project ranges become `projects`), the ranges kept free and the reserved ports, and every
// service with its majority port per role, its range and its other spellings. The text is for a
// person to review; nothing here writes a file.
import { Document, YAMLMap, YAMLSeq } from 'yaml';
import type { RuleInput } from '../rules/model';
import { declaredRanges, owningRange, type RangeInfo } from '../query/ranges';
import { servicesOf, type ServiceInfo } from '../query/services';
import { serviceKey } from '../syntax/names';

export interface CreateRegistryOptions {
  /** Registry files the folder already has (named in the header; they are never overwritten). */
  existing?: string[];
}

export function createRegistryText(input: RuleInput, options: CreateRegistryOptions = {}): string {
  const ranges = declaredRanges(input);
  const keys = new RangeKeys(ranges);
  const doc = new Document({}) as Document<YAMLMap>;
  const root = doc.contents!;
  root.set('version', 1);

  const projectRanges = ranges.filter((r) => r.project && !r.keptFree);
  const plainRanges = ranges.filter((r) => !r.project && !r.keptFree);
  if (plainRanges.length > 0) {
    const section = new YAMLMap();
    for (const r of plainRanges) {
      const entry = flowMap({ from: r.from, to: r.to, ...parentOf(r, ranges, keys), ...(keys.get(r) !== r.name ? { description: r.name } : {}) });
      section.set(keys.get(r), entry);
    }
    root.set('ranges', section);
  }

  const reserved: unknown[] = [];
  const seen = new Set<string>();
  for (const r of [...input.reserved].sort((a, b) => a.from - b.from)) {
    const key = `${r.from}-${r.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reserved.push(flowMap({ ...(r.from === r.to ? { port: r.from } : { ports: key }), ...(r.reason ? { reason: r.reason } : {}) }));
  }
  for (const r of ranges.filter((x) => x.keptFree)) {
    const key = `${r.from}-${r.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reserved.push(flowMap({ ports: key, reason: r.name, kept_free: true }));
  }
  if (reserved.length > 0) root.set('reserved', doc.createNode(reserved));

  const services = servicesOf(input);
  if (services.length > 0) {
    const section = new YAMLMap();
    const used = new Set<string>();
    for (const s of services) {
      let key = s.identity;
      if (used.has(key) && s.scope) key = `${serviceKey(s.scope)}-${s.identity}`;
      for (let n = 2; used.has(key); n++) key = `${s.identity}-${n}`;
      used.add(key);
      section.set(key, serviceEntry(s, key, ranges, keys));
    }
    root.set('services', section);
  }

  if (projectRanges.length > 0) {
    const section = new YAMLMap();
    for (const r of projectRanges) {
      section.set(keys.get(r), flowMap({ range: `${r.from}-${r.to}`, ...(keys.get(r) !== r.name ? { description: r.name } : {}) }));
    }
    root.set('projects', section);
  }

  const sources = [...new Set(input.files.filter((f) => f.kind !== 'registry').map((f) => f.file))];
  const header = [
    ' Port registry proposed by Portolan from the workspace: review it before saving it as ports.yaml.',
    ` Read from ${sources.length} ${sources.length === 1 ? 'file' : 'files'}${sources.length ? `: ${sources.slice(0, 8).join(', ')}${sources.length > 8 ? ', …' : ''}` : ''}.`,
    ...(options.existing?.length ? [` This folder already has ${options.existing.join(', ')}; it is left as it is.`] : []),
    ' Format: https://github.com/portolan/portolan#registry-format',
  ];
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

function flowMap(value: Record<string, unknown>): YAMLMap {
  const map = new YAMLMap();
  for (const [k, v] of Object.entries(value)) map.set(k, v);
  map.flow = true;
  return map;
}

/** `parent:` when the range sits under another declared one (a tier under a project heading). */
function parentOf(r: RangeInfo, ranges: RangeInfo[], keys: RangeKeys): { parent?: string } {
  const parentId = r.decls.map((d) => d.parent).find((p) => p !== undefined);
  const parent = parentId === undefined ? undefined : ranges.find((x) => x.decls.some((d) => d.id === parentId));
  return parent && parent !== r && !parent.keptFree ? { parent: keys.get(parent) } : {};
}

function serviceEntry(s: ServiceInfo, key: string, ranges: RangeInfo[], keys: RangeKeys): YAMLMap | number {
  const main = s.roles.find((r) => r.role === 'main');
  const range = main ? owningRange(ranges, main.definition) : undefined;
  const aliases = [...new Set(s.spellings.filter((name) => serviceKey(name) !== serviceKey(key)))];
  const protocol = (main ?? s.roles[0]).definition.protocol;
  const onlyMain = s.roles.length === 1 && main !== undefined;
  const entry = new YAMLMap();
  if (range && !range.keptFree) entry.set('range', keys.get(range));
  if (onlyMain) {
    entry.set('ports', main.port);
  } else {
    const ports = new YAMLMap();
    for (const r of s.roles) ports.set(r.role === 'main' ? 'http' : r.role, r.port);
    ports.flow = true;
    entry.set('ports', ports);
  }
  if (aliases.length > 0) {
    const list = new YAMLSeq();
    for (const alias of aliases) list.add(alias);
    list.flow = true;
    entry.set('aliases', list);
  }
  if (protocol !== 'tcp') entry.set('protocol', protocol);
  return entry;
}

/** Range names as registry keys: `Core Infrastructure` → `core-infrastructure`, unique. */
class RangeKeys {
  private readonly keys = new Map<RangeInfo, string>();

  constructor(ranges: RangeInfo[]) {
    const used = new Set<string>();
    for (const r of ranges) {
      const base = serviceKey(r.name) || `range-${r.from}`;
      let key = base;
      for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
      used.add(key);
      this.keys.set(r, key);
    }
  }

  get(r: RangeInfo): string {
    return this.keys.get(r)!;
  }
}
