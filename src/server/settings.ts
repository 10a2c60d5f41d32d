// The `portolan` settings section as the server reads it (workspace/configuration, per folder),
// normalised with defaults.
import type { RuleId, Severity } from '../core/model';
import type { RuleSettings } from '../core/rules/run';
import { RULE_IDS, RULE_LEVELS } from '../core/config/projectConfig';
import { DEFAULT_MAX_FILE_BYTES } from '../core/sources';

export interface Settings {
  files: {
    /** Globs relative to the folder; empty means every port source. */
    include: string[];
    /** Globs relative to the folder, on top of the built-in excluded folders. */
    exclude: string[];
  };
  /** Files larger than this many bytes are skipped (with a logged reason). */
  maxFileSize: number;
  rules: RuleSettings;
  hover: { enabled: boolean };
  /** Delay between the last keystroke and the re-check. */
  debounceMs: number;
  /** Whether allocated ports are checked for listening sockets (the VS Code client turns it off in untrusted workspaces). */
  liveStatus: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  files: { include: [], exclude: [] },
  maxFileSize: DEFAULT_MAX_FILE_BYTES,
  rules: {},
  hover: { enabled: true },
  debounceMs: 200,
  liveStatus: true,
};


/**
 * Reads whatever the client sent for the section (nested objects as VS Code sends them, or flat
 * dotted keys as some clients do). Values of the wrong type fall back to the default; each such
 * value is described in `problems` so the server can log it.
 */
export function normalizeSettings(raw: unknown, problems: string[] = []): Settings {
  const root = isObject(raw) ? raw : {};
  const get = (dotted: string): unknown => {
    if (dotted in root) return root[dotted];
    let node: unknown = root;
    for (const part of dotted.split('.')) {
      if (!isObject(node) || !(part in node)) return undefined;
      node = node[part];
    }
    return node;
  };
  const pick = <T>(key: string, fallback: T, valid: (v: unknown) => v is T): T => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (valid(value)) return value;
    problems.push(`portolan.${key}: ignoring ${JSON.stringify(value)}`);
    return fallback;
  };
  const rules: RuleSettings = {};
  const rawRules = get('rules');
  if (isObject(rawRules)) {
    for (const [id, level] of Object.entries(rawRules)) {
      if (RULE_IDS.has(id) && typeof level === 'string' && RULE_LEVELS.has(level)) rules[id as RuleId] = level as Severity | 'off';
      else problems.push(`portolan.rules.${id}: ignoring ${JSON.stringify(level)}`);
    }
  } else if (rawRules !== undefined && rawRules !== null) {
    problems.push(`portolan.rules: ignoring ${JSON.stringify(rawRules)}`);
  }
  return {
    files: {
      include: pick('files.include', DEFAULT_SETTINGS.files.include, isStringArray),
      exclude: pick('files.exclude', DEFAULT_SETTINGS.files.exclude, isStringArray),
    },
    maxFileSize: pick('maxFileSize', DEFAULT_SETTINGS.maxFileSize, isPositiveNumber),
    rules,
    hover: { enabled: pick('hover.enabled', DEFAULT_SETTINGS.hover.enabled, isBoolean) },
    debounceMs: pick('debounceMs', DEFAULT_SETTINGS.debounceMs, isNonNegativeNumber),
    liveStatus: pick('liveStatus', DEFAULT_SETTINGS.liveStatus, isBoolean),
  };
}

/** Whether two settings would index the same files (otherwise the folder is scanned again). */
export function sameFileSettings(a: Settings, b: Settings): boolean {
  return a.maxFileSize === b.maxFileSize
    && JSON.stringify(a.files) === JSON.stringify(b.files);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

function isPositiveNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function isNonNegativeNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
