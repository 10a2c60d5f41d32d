import type { Suppression } from '../model';

// `# portolan-ignore port-conflict` (YAML, env) or `<!-- portolan-ignore port-conflict -->`
// (Markdown) silences the named rules, or every rule when none is named, on the next line.
const IGNORE_RE = /(?:#|<!--)\s*portolan-ignore\b([^\n>]*?)(?:-->|$)/;

export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('portolan-ignore')) return [];
  const out: Suppression[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const m = IGNORE_RE.exec(line);
    if (!m) return;
    const rules = m[1].split(/[\s,]+/).filter((r) => /^[a-z][a-z-]*$/.test(r));
    out.push({ line: i + 2, rules });
  });
  return out;
}
