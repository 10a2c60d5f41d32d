// Problems a parser sees in the text itself (an invalid port, a schema error, a row that records
// its own port outside its block), reported under the rule each problem names.
import type { FileFacts, Finding } from '../model';
import { finding, type Rule } from './rule';

/** The file's parse problems of `rule`, as its findings. */
export function parseProblems(facts: FileFacts, rule: Rule): Finding[] {
  return facts.problems.filter((p) => p.rule === rule.id).map((p) => {
    const found = finding(rule, { message: p.message, service: p.service, port: p.port, loc: p.loc, related: p.related ?? [] });
    return p.severity === undefined ? found : { ...found, severity: p.severity };
  });
}
