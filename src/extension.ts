// The VS Code entry point. Until the language server lands, the command runs the core engine on
// each workspace folder and shows its findings in the Problems panel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkPath } from './core/check';
import type { Finding } from './core/model';

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

export function activate(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('portolan');
  const output = vscode.window.createOutputChannel('Portolan', { log: true });
  context.subscriptions.push(diagnostics, output, vscode.commands.registerCommand('portolan.check', () => {
    diagnostics.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const result = checkPath(folder.uri.fsPath);
      for (const s of result.skipped) output.info(`skipped ${s.file}: ${s.reason}`);
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const f of result.findings) {
        const list = byFile.get(f.loc.file) ?? [];
        list.push(toDiagnostic(folder.uri.fsPath, f));
        byFile.set(f.loc.file, list);
      }
      for (const [file, list] of byFile) diagnostics.set(vscode.Uri.file(path.join(folder.uri.fsPath, file)), list);
      output.info(`${folder.name}: ${result.files} files, ${result.findings.length} findings`);
    }
  }));
}

function toDiagnostic(root: string, f: Finding): vscode.Diagnostic {
  const range = (loc: Finding['loc']) => new vscode.Range(loc.span.start.line - 1, loc.span.start.column - 1, loc.span.end.line - 1, loc.span.end.column - 1);
  const d = new vscode.Diagnostic(range(f.loc), f.message, SEVERITY[f.severity]);
  d.source = 'portolan';
  d.code = f.rule;
  d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(path.join(root, r.loc.file)), range(r.loc)), r.message));
  return d;
}

export function deactivate(): void {}
