// Core values as LSP values, and the LSP's positions as core points, in one place. The core counts
// lines and columns from 1 (UTF-16 code units) and knows files by folder-relative paths; the LSP
// counts lines and characters from 0 and knows files by URI.
import { DiagnosticSeverity } from './lsp';
import type { Diagnostic, Location as LspLocation, Position, Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Location, Severity, Span } from '../core/model';
import type { Point } from '../core/query/at';
import { groupByFile, type TextEdit, type TextHost } from '../core/edits/textEdit';
import { LineIndex } from '../core/text/lineIndex';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import type { FolderView } from './features/feature';

export function toRange(span: Span): Range {
  return {
    start: { line: span.startLine - 1, character: span.startColumn - 1 },
    end: { line: span.endLine - 1, character: span.endColumn - 1 },
  };
}

export function toPoint(position: Position): Point {
  return { line: position.line + 1, column: position.character + 1 };
}

export function toLocation(folder: Pick<FolderView, 'uriOf'>, loc: Location): LspLocation {
  return { uri: folder.uriOf(loc.file), range: toRange(loc.span) };
}

/** The README section that explains a rule: a diagnostic's code links there, and so does the hover. */
export function ruleHref(rule: string): string {
  return `https://github.com/portolan/portolan#${rule}`;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

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

/**
 * Where the edit planners read a folder's files: the open buffer, else the disk. toWorkspaceEdit
 * turns their offsets into lines and characters on the same text, so the two must read alike.
 */
export function textHost(folder: Pick<FolderView, 'textOf'>): TextHost {
  return { read: (file) => folder.textOf(file) };
}

/** Core text edits (offsets into a folder's files) as one LSP workspace edit. */
export function toWorkspaceEdit(folder: Pick<FolderView, 'uriOf' | 'textOf'>, edits: readonly TextEdit[]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [file, list] of groupByFile(edits)) {
    const lines = new LineIndex(folder.textOf(file) ?? '');
    changes[folder.uriOf(file)] = list.map((e) => ({ range: toRange(lines.span(e.start, e.end)), newText: e.newText }));
  }
  return { changes };
}
