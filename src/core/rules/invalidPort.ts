// invalid-port: 0, above 65535, or not a number where a port belongs. The parsers see it (each in
// its own format); the rule reports what they saw.
import { parseProblems } from './parseProblems';
import type { Rule } from './rule';

export const invalidPort: Rule = {
  id: 'invalid-port',
  severity: 'error',
  summary: 'not a port number (0, above 65535, not a number) where a port belongs',
  checks: { file: ({ facts }) => parseProblems(facts, invalidPort) },
};
