// The text, JSON and SARIF reports of `portolan check` (github.ts writes workflow annotations).
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../core/model';
import type { CheckResult } from '../core/check';
import { RULES } from '../core/rules/catalog';
import { NO_COLORS, type Colors } from './colors';
import { repositoryPaths } from '../core/config/repositoryRoot';

export function formatText(results: CheckResult[], label: (r: CheckResult, file: string) => string, colors: Colors = NO_COLORS): string {
  const lines: string[] = [];
  let counts = { error: 0, warning: 0, info: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      counts = { ...counts, [f.severity]: counts[f.severity] + 1 };
      const s = f.loc.span;
      lines.push(`${colors.bold(`${label(r, f.loc.file)}:${s.startLine}:${s.startColumn}`)} ${colors[f.severity](f.severity)} ${colors.dim(f.rule)} ${f.message}`);
      for (const rel of f.related.slice(0, 5)) {
        lines.push(colors.dim(`    ${label(r, rel.loc.file)}:${rel.loc.span.startLine}:${rel.loc.span.startColumn} ${rel.message}`));
      }
      if (f.related.length > 5) lines.push(colors.dim(`    ... and ${f.related.length - 5} more`));
    }
  }
  const files = results.reduce((n, r) => n + r.files, 0);
  lines.push(`${files} files checked: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  return lines.join('\n');
}

/**
 * The JSON report in pieces that join to `JSON.stringify({ version, findings, allocations, skipped }, null, 2)`.
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
  // The files not read and why, as stderr names them: a CI job that reads only the report sees them too.
  yield ',\n  "skipped": ';
  yield* jsonArray(function* () {
    for (const r of results) for (const s of r.skipped) yield { root: rootOf(r), file: s.file, reason: s.reason };
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

/**
 * SARIF 2.1.0 for code scanning. Files are named relative to their repository's root (uriBaseId
 * SRCROOT, the root of the first result's repository; others ROOTn), as GitHub resolves them
 * against the checkout. Each result carries a fingerprint of what it is about (rule, file,
 * service, port and message without line numbers), so an alert stays one alert when lines move.
 */
export function formatSarif(results: CheckResult[], toolVersion: string): string {
  const roots: string[] = [];
  const baseOf = (root: string) => {
    const i = roots.indexOf(root) >= 0 ? roots.indexOf(root) : roots.push(root) - 1;
    return i === 0 ? 'SRCROOT' : `ROOT${i}`;
  };
  const located = results.map((r) => {
    const { repository, pathOf } = repositoryPaths(r.root);
    const uri = (file: string) => pathOf(file).split('/').map(encodeURIComponent).join('/');
    return { r, base: baseOf(repository), uri };
  });
  const location = (base: string, uri: string, loc: Finding['loc'], message?: string) => ({
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: base },
      region: { startLine: loc.span.startLine, startColumn: loc.span.startColumn, endLine: loc.span.endLine, endColumn: loc.span.endColumn },
    },
    ...(message ? { message: { text: message } } : {}),
  });
  const sarifResults = located.flatMap(({ r, base, uri }) => r.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: RULES.findIndex((rule) => rule.id === f.rule),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(base, uri(f.loc.file), f.loc)],
    relatedLocations: f.related.map((rel, id) => ({ id, ...location(base, uri(rel.loc.file), rel.loc, rel.message) })),
    partialFingerprints: { 'portolanFinding/v1': fingerprint(f, uri(f.loc.file)) },
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
      originalUriBaseIds: Object.fromEntries(roots.map((root) => [baseOf(root), { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` }])),
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2);
}

/** What a finding is about, without where its lines are: line numbers in its message (`compose.yaml:7`) are left out. */
function fingerprint(f: Finding, file: string): string {
  const message = f.message.replace(/:\d+\b/g, ':');
  return createHash('sha256').update([f.rule, file, f.service ?? '', f.port ?? '', message].join('\u0000')).digest('hex').slice(0, 32);
}
