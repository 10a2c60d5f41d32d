// A status bar item with the number of port problems: the diagnostics whose source is
// "portolan", whatever file they are in. Clicking it opens the Problems panel filtered to them.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

export interface ProblemCounts {
  error: number;
  warning: number;
  info: number;
  total: number;
}

export interface StatusSnapshot {
  text: string;
  tooltip: string;
  counts: ProblemCounts;
}

function countPortProblems(): ProblemCounts {
  const counts: ProblemCounts = { error: 0, warning: 0, info: 0, total: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      counts.total++;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
      else counts.info++;
    }
  }
  return counts;
}

export class PortsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  private snapshot: StatusSnapshot = { text: '', tooltip: '', counts: { error: 0, warning: 0, info: 0, total: 0 } };

  constructor() {
    this.item = vscode.window.createStatusBarItem('portolan.problems', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Portolan port problems';
    this.item.command = 'portolan.showProblems';
    this.disposables.push(this.item, vscode.languages.onDidChangeDiagnostics((e) => {
      // Diagnostics change for every language on every keystroke: recount only when a batch is done.
      if (e.uris.length > 0) this.updateSoon();
    }));
    this.update();
    this.item.show();
  }

  get current(): StatusSnapshot {
    return this.snapshot;
  }

  private updateSoon(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.update();
    }, 100);
  }

  update(): StatusSnapshot {
    const counts = countPortProblems();
    const text = counts.total === 0 ? '$(check) Ports' : `$(${counts.error > 0 ? 'error' : 'warning'}) ${counts.total} port ${counts.total === 1 ? 'problem' : 'problems'}`;
    const parts = [`${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`, `${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}`, `${counts.info} info`];
    const tooltip = counts.total === 0 ? 'Portolan: no port problems' : `Portolan: ${parts.join(', ')}. Click to show them in the Problems panel.`;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.snapshot = { text, tooltip, counts };
    return this.snapshot;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
