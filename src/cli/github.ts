// `portolan check --format github`: one workflow command per finding, which GitHub Actions shows
// as an annotation on the file and line in the run's summary and the pull request's diff.
import type { CheckResult } from '../core/check';
import type { Finding } from '../core/model';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** `label` names a finding's file as the workflow sees it (relative to the repository root). */
export function formatGithub(results: CheckResult[], label: (r: CheckResult, file: string) => string): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) lines.push(annotation(f, label(r, f.loc.file), related(f, (file) => label(r, file))));
  }
  return lines.join('\n');
}

function related(f: Finding, label: (file: string) => string): string {
  const shown = f.related.slice(0, 5).map((rel) => `\n  ${label(rel.loc.file)}:${rel.loc.span.startLine}: ${rel.message}`);
  return shown.join('') + (f.related.length > 5 ? `\n  ... and ${f.related.length - 5} more` : '');
}

function annotation(f: Finding, file: string, more: string): string {
  const s = f.loc.span;
  const properties = [
    `file=${property(file)}`,
    `line=${s.startLine}`,
    `col=${s.startColumn}`,
    `endLine=${s.endLine}`,
    `endColumn=${s.endColumn}`,
    `title=${property(`portolan ${f.rule}`)}`,
  ];
  return `::${COMMAND[f.severity]} ${properties.join(',')}::${data(f.message + more)}`;
}

// The escapes of GitHub's runner (toCommandValue / escapeData / escapeProperty in @actions/core).
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
