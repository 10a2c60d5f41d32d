// Runs every rule over an index: parse problems, mismatches (first, so conflicts they explain
// are folded in), conflicts, ranges; then suppressions and the user's severities.
import type { FileFacts, Finding, RuleId, Severity, Suppression } from '../model';
import { buildRuleInput } from './model';
import { findMismatches } from './mismatch';
import { findConflicts } from './conflict';
import { findOutOfRange, findOverlaps, findReservedUse } from './ranges';

export type RuleSettings = Partial<Record<RuleId, Severity | 'off'>>;

export const RULES: ReadonlyArray<{ id: RuleId; severity: Severity; summary: string }> = [
  { id: 'port-conflict', severity: 'error', summary: 'two different services on the same port, protocol and host IP' },
  { id: 'port-mismatch', severity: 'warning', summary: 'one service and role, different ports in different places' },
  { id: 'out-of-range', severity: 'warning', summary: 'a port outside the range that owns its entry' },
  { id: 'reserved-port', severity: 'warning', summary: 'an allocation on a port declared reserved' },
  { id: 'range-overlap', severity: 'warning', summary: 'sibling ranges that overlap' },
  { id: 'invalid-port', severity: 'error', summary: 'not a port number (0, above 65535, not a number) where a port belongs' },
  { id: 'registry-schema', severity: 'error', summary: 'ports.yaml does not match the registry format' },
  { id: 'kept-free-port', severity: 'info', summary: 'a port inside a range kept free for later' },
];

export function runRules(files: Iterable<FileFacts>, settings: RuleSettings = {}): Finding[] {
  const input = buildRuleInput(files);
  const { findings: mismatches, mismatched } = findMismatches(input);
  const all: Finding[] = [
    ...input.files.flatMap((f) => f.problems.map((p): Finding => ({
      rule: p.rule, severity: 'error', message: p.message, port: p.port, loc: p.loc, related: [],
    }))),
    ...mismatches,
    ...findConflicts(input, mismatched),
    ...findOutOfRange(input),
    ...findOverlaps(input),
    ...findReservedUse(input),
  ];
  const out: Finding[] = [];
  for (const f of all) {
    const severity = settings[f.rule] ?? f.severity;
    if (severity === 'off' || isSuppressed(f, input.suppressions.get(f.loc.file))) continue;
    out.push({ ...f, severity });
  }
  return out.sort(compareFindings);
}

function isSuppressed(f: Finding, list: Suppression[] | undefined): boolean {
  return !!list?.some((s) => s.line === f.loc.span.start.line && (s.rules.length === 0 || s.rules.includes(f.rule)));
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
  return a.loc.span.start.offset - b.loc.span.start.offset || a.rule.localeCompare(b.rule);
}
