import type { Suppression } from '../model';

// `# portolan-ignore port-conflict` (YAML, env) or `<!-- portolan-ignore port-conflict -->`
// (Markdown) silences the named rules, or every rule when none is named, on the next line; so
// does `// portolan-ignore port-conflict` in JSON with comments (devcontainer.json).
const IGNORE_RE = /(?:#|<!--)\s*portolan-ignore\b([^\n>]*?)(?:-->|$)/;
export const JSONC_IGNORE_RE = /\/\/\s*portolan-ignore\b([^\n]*?)$/;

export function findSuppressions(text: string, comment = IGNORE_RE): Suppression[] {
  if (!text.includes('portolan-ignore')) return [];
  const out: Suppression[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const m = comment.exec(line);
    if (!m) return;
    const rules = m[1].split(/[\s,]+/).filter((r) => /^[a-z][a-z-]*$/.test(r));
    out.push({ line: i + 2, rules });
  });
  return out;
}
