// Findings as LSP diagnostics, and the publishing of them: every file with findings gets its list,
// files that had some and have none now get an empty one, unchanged lists are not sent again.
import { DiagnosticSeverity } from './lsp';
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { Finding, Severity, Span } from '../core/model';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

/** The README section that explains a rule. */
export function ruleHref(rule: string): string {
  return `https://github.com/portolan/portolan#${rule}`;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Core spans are 1-based lines and columns in UTF-16 code units; LSP ranges are 0-based. */
export function toRange(span: Span): Range {
  return {
    start: { line: span.startLine - 1, character: span.startColumn - 1 },
    end: { line: span.endLine - 1, character: span.endColumn - 1 },
  };
}

export interface DiagnosticOptions {
  /** The client shows relatedInformation; otherwise the related places go into the message. */
  relatedInformation: boolean;
}

export function toDiagnostic(f: Finding, uriOf: (file: string) => string, options: DiagnosticOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(f.loc.span),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: ruleHref(f.rule) },
    message: f.message,
  };
  if (f.related.length > 0) {
    if (options.relatedInformation) {
      diagnostic.relatedInformation = f.related.map((r) => ({
        location: { uri: uriOf(r.loc.file), range: toRange(r.loc.span) },
        message: r.message,
      }));
    } else {
      diagnostic.message += f.related.map((r) => `\n  ${r.loc.file}:${r.loc.span.startLine}: ${r.message}`).join('');
    }
  }
  return diagnostic;
}

interface Published {
  uri: string;
  /** The diagnostics as sent, serialised, to skip sending the same list again. */
  key: string;
  /** The findings they were made from. */
  list: readonly Finding[];
}

/** A scope's files with the diagnostics published for them (one per workspace folder). */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, Map<string, Published>>();

  constructor(
    private readonly send: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly options: () => DiagnosticOptions,
  ) {}

  /**
   * Publishes each file's findings for the scope `scope`; files of the scope no longer named are
   * cleared. A file whose list is the very object published last time is not converted again.
   */
  publish(scope: string, byFile: ReadonlyMap<string, readonly Finding[]>, uriOf: (file: string) => string): void {
    const before = this.published.get(scope) ?? new Map<string, Published>();
    const after = new Map<string, Published>();
    const options = this.options();
    for (const [file, list] of byFile) {
      const uri = uriOf(file);
      const previous = before.get(file);
      if (previous?.list === list && previous.uri === uri) {
        after.set(file, previous);
        continue;
      }
      const diagnostics = list.map((f) => toDiagnostic(f, uriOf, options));
      const key = JSON.stringify(diagnostics);
      if (previous && previous.uri !== uri) this.send(previous.uri, []);
      if (!previous || previous.uri !== uri || previous.key !== key) this.send(uri, diagnostics);
      after.set(file, { uri, key, list });
    }
    for (const [file, previous] of before) if (!after.has(file)) this.send(previous.uri, []);
    this.published.set(scope, after);
  }

  /** Clears every file of the scope (a folder was removed). */
  clear(scope: string): void {
    for (const previous of this.published.get(scope)?.values() ?? []) this.send(previous.uri, []);
    this.published.delete(scope);
  }
}
