// portolan.config.json: what a repository says about how Portolan reads it, read by the CLI and
// the language server alike, so a CI run and the editor agree. VS Code settings layer on top.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleId, Severity, SourceKind } from '../model';
import { RULES } from '../rules/catalog';
import { SEVERITIES } from '../rules/rule';
import type { RuleSettings } from '../rules/settings';

export const CONFIG_FILE_NAME = 'portolan.config.json';

export interface ProjectConfig {
  /** Severity per rule, or 'off'. */
  rules: RuleSettings;
  /** Globs of files and folders never read. */
  exclude: string[];
  /** Globs of the only files read; empty means every port source. */
  include: string[];
  /** Whether `.gitignore` and `.portolanignore` files are followed (default true). */
  ignoreFiles: boolean;
  /** The kinds of port sources read (default all): `["registry", "compose", "env"]` leaves documents out. */
  kinds: SourceKind[];
}

export const SOURCE_KINDS: readonly SourceKind[] = ['registry', 'compose', 'env', 'markdown', 'dockerfile'];

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, exclude: [], include: [], ignoreFiles: true, kinds: [...SOURCE_KINDS] };

/** What a rule's severity may be set to, in settings and in the configuration file. */
export const RULE_LEVELS: ReadonlySet<string> = new Set([...SEVERITIES, 'off']);
export const RULE_IDS: ReadonlySet<string> = new Set<string>(RULES.map((r) => r.id));

/** Rule severities as written (`{ "port-conflict": "warning" }`); what is not valid goes to `problems` under `where`. */
function ruleSettingsFrom(raw: unknown, where: string, problems: string[]): RuleSettings {
  const rules: RuleSettings = {};
  if (raw === undefined || raw === null) return rules;
  if (!isObject(raw)) {
    problems.push(`${where}: ignoring ${JSON.stringify(raw)} (an object of rule ids)`);
    return rules;
  }
  for (const [id, level] of Object.entries(raw)) {
    if (!RULE_IDS.has(id)) problems.push(`${where}.${id}: unknown rule (known: ${[...RULE_IDS].join(', ')})`);
    else if (typeof level !== 'string' || !RULE_LEVELS.has(level)) problems.push(`${where}.${id}: ignoring ${JSON.stringify(level)} (error, warning, info or off)`);
    else rules[id as RuleId] = level as Severity | 'off';
  }
  return rules;
}

/** The configuration a file's text declares; every value that is not understood is named in `problems` and left at its default. */
export function parseConfig(text: string, problems: string[] = []): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    problems.push(`${CONFIG_FILE_NAME}: not valid JSON (${(err as Error).message}); using the defaults`);
    return EMPTY_CONFIG;
  }
  if (!isObject(raw)) {
    problems.push(`${CONFIG_FILE_NAME}: expected an object; using the defaults`);
    return EMPTY_CONFIG;
  }
  const known = new Set(['$schema', 'rules', 'exclude', 'include', 'ignoreFiles', 'kinds']);
  for (const key of Object.keys(raw)) if (!known.has(key)) problems.push(`${CONFIG_FILE_NAME}: unknown key "${key}"`);
  const globs = (key: 'exclude' | 'include'): string[] => {
    const value = raw[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((g) => typeof g === 'string')) return value;
    problems.push(`${CONFIG_FILE_NAME}: "${key}" must be a list of globs; ignoring it`);
    return [];
  };
  const ignoreFiles = raw.ignoreFiles;
  if (ignoreFiles !== undefined && typeof ignoreFiles !== 'boolean') problems.push(`${CONFIG_FILE_NAME}: "ignoreFiles" must be true or false; ignoring it`);
  return {
    rules: ruleSettingsFrom(raw.rules, `${CONFIG_FILE_NAME}: rules`, problems),
    exclude: globs('exclude'),
    include: globs('include'),
    ignoreFiles: typeof ignoreFiles === 'boolean' ? ignoreFiles : true,
    kinds: kindsFrom(raw.kinds, problems),
  };
}

function kindsFrom(raw: unknown, problems: string[]): SourceKind[] {
  if (raw === undefined) return [...SOURCE_KINDS];
  if (Array.isArray(raw) && raw.every((k) => (SOURCE_KINDS as readonly unknown[]).includes(k))) return raw as SourceKind[];
  problems.push(`${CONFIG_FILE_NAME}: "kinds" must be a list of ${SOURCE_KINDS.join(', ')}; reading every kind`);
  return [...SOURCE_KINDS];
}

/** The configuration in `folder`, or the defaults when it has none. */
export function readConfig(folder: string, problems: string[] = []): ProjectConfig {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, CONFIG_FILE_NAME), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push(`${CONFIG_FILE_NAME}: unreadable (${code ?? String(err)}); using the defaults`);
    return EMPTY_CONFIG;
  }
  return parseConfig(text, problems);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
