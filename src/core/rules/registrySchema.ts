// registry-schema: a ports.yaml of Portolan's format that does not follow it, as the registry
// parser sees it (at the exact YAML node).
import { parseProblems } from './parseProblems';
import type { Rule } from './rule';

export const registrySchema: Rule = {
  id: 'registry-schema',
  severity: 'error',
  summary: 'ports.yaml does not match the registry format',
  checks: { file: ({ facts }) => parseProblems(facts, registrySchema) },
};
