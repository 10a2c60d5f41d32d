// The rules, their default severities, and a one-shot check of a set of files.
import type { FileFacts, Finding, RuleId, Severity } from '../model';
import { Checker } from './checker';
import type { RuleSettings } from './settings';

export type { RuleSettings } from './settings';

export const RULES: ReadonlyArray<{ id: RuleId; severity: Severity; summary: string }> = [
  { id: 'port-conflict', severity: 'error', summary: 'two different services on the same port, protocol and host IP' },
  { id: 'port-mismatch', severity: 'warning', summary: 'one service and role, different ports in different places' },
  { id: 'out-of-range', severity: 'warning', summary: 'a port outside the range that owns its entry' },
  { id: 'reserved-port', severity: 'warning', summary: 'an allocation on a port declared reserved' },
  { id: 'range-overlap', severity: 'warning', summary: 'sibling ranges that overlap' },
  { id: 'invalid-port', severity: 'error', summary: 'not a port number (0, above 65535, not a number) where a port belongs' },
  { id: 'registry-schema', severity: 'error', summary: 'ports.yaml does not match the registry format' },
  { id: 'kept-free-port', severity: 'info', summary: 'a port inside a range kept free for later' },
  { id: 'unregistered-port', severity: 'info', summary: 'a compose or env port of a service that the ports.yaml registry does not list' },
];

export function runRules(files: Iterable<FileFacts>, settings: RuleSettings = {}): readonly Finding[] {
  const checker = new Checker(settings);
  checker.update(files);
  return checker.findings();
}
