// The three output formats of `portolan check`.
import type { Finding } from '../core/model';
import type { CheckResult } from '../core/check';
import { RULES } from '../core/rules/run';

export function formatText(results: CheckResult[], label: (r: CheckResult, file: string) => string): string {
  const lines: string[] = [];
  let counts = { error: 0, warning: 0, info: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      counts = { ...counts, [f.severity]: counts[f.severity] + 1 };
      const s = f.loc.span;
      lines.push(`${label(r, f.loc.file)}:${s.startLine}:${s.startColumn} ${f.severity} ${f.rule} ${f.message}`);
      for (const rel of f.related.slice(0, 5)) {
        lines.push(`    ${label(r, rel.loc.file)}:${rel.loc.span.startLine}:${rel.loc.span.startColumn} ${rel.message}`);
      }
      if (f.related.length > 5) lines.push(`    ... and ${f.related.length - 5} more`);
    }
  }
  const files = results.reduce((n, r) => n + r.files, 0);
  lines.push(`${files} files checked: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  return lines.join('\n');
}

/**
 * The JSON report in pieces that join to `JSON.stringify({ version, findings, allocations }, null, 2)`.
 * On a big workspace the allocation list alone is tens of megabytes: held as one string, and as
 * the buffer written from it, it would double the CLI's peak memory.
 */
export function* formatJson(results: CheckResult[]): Generator<string> {
  // JSON leaves out undefined fields: `root` with one root, `endPort` of a single port.
  const rootOf = (r: CheckResult) => (results.length > 1 ? r.root : undefined);
  yield '{\n  "version": 1,\n  "findings": ';
  yield* jsonArray(function* () {
    for (const r of results) for (const f of r.findings) yield jsonFinding(f, rootOf(r));
  }());
  yield ',\n  "allocations": ';
  yield* jsonArray(function* () {
    for (const r of results) {
      const root = rootOf(r);
      for (const a of r.allocations) {
        yield {
          root,
          service: a.service,
          role: a.role ?? null,
          port: a.port,
          endPort: a.endPort,
          claim: a.claim,
          file: a.loc.file,
          line: a.loc.span.startLine,
          column: a.loc.span.startColumn,
        };
      }
    }
  }());
  yield '\n}';
}

/** Items stringified at once: one JSON.stringify call per item cost more than the items. */
const JSON_CHUNK = 512;
/** What JSON.stringify({ items }, null, 2) writes around the items. */
const WRAPPER_OPEN = '{\n  "items": [\n';
const WRAPPER_CLOSE = '\n  ]\n}';

/** An array as a property of the report's top-level object: items indented by four spaces. */
function* jsonArray(items: Iterable<unknown>): Generator<string> {
  let chunk: unknown[] = [];
  let first = true;
  const flush = () => {
    // Stringified as the report's own property, so they come out indented as deep as they are
    // written, with no pass over the text to indent it.
    const text = JSON.stringify({ items: chunk }, null, 2);
    const piece = `${first ? '[\n' : ',\n'}${text.slice(WRAPPER_OPEN.length, -WRAPPER_CLOSE.length)}`;
    first = false;
    chunk = [];
    return piece;
  };
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === JSON_CHUNK) yield flush();
  }
  if (chunk.length > 0) yield flush();
  yield first ? '[]' : '\n  ]';
}

function jsonFinding(f: Finding, root: string | undefined) {
  const { span } = f.loc;
  return {
    root,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    service: f.service ?? null,
    port: f.port ?? null,
    file: f.loc.file,
    line: span.startLine,
    column: span.startColumn,
    endLine: span.endLine,
    endColumn: span.endColumn,
    related: f.related.map((r) => ({ file: r.loc.file, line: r.loc.span.startLine, column: r.loc.span.startColumn, message: r.message })),
  };
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, with artifact locations relative to each check root (uriBaseId ROOTn). */
export function formatSarif(results: CheckResult[], toolVersion: string, rootUri: (root: string) => string): string {
  const base = (i: number) => `ROOT${i}`;
  const location = (i: number, loc: Finding['loc'], message?: string) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(loc.file), uriBaseId: base(i) },
      region: { startLine: loc.span.startLine, startColumn: loc.span.startColumn, endLine: loc.span.endLine, endColumn: loc.span.endColumn },
    },
    ...(message ? { message: { text: message } } : {}),
  });
  const sarifResults = results.flatMap((r, i) => r.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: RULES.findIndex((rule) => rule.id === f.rule),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(i, f.loc)],
    relatedLocations: f.related.map((rel, id) => ({ id, ...location(i, rel.loc, rel.message) })),
  })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'portolan',
          version: toolVersion,
          informationUri: 'https://github.com/portolan/portolan#rules',
          rules: RULES.map((rule) => ({
            id: rule.id,
            shortDescription: { text: rule.summary },
            defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            helpUri: `https://github.com/portolan/portolan#${rule.id}`,
          })),
        },
      },
      originalUriBaseIds: Object.fromEntries(results.map((r, i) => [base(i), { uri: rootUri(r.root) }])),
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2);
}
