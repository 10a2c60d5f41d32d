// The publishing of findings as LSP diagnostics (convert.ts makes them): every file with findings
// gets its list, files that had some and have none now get an empty one, unchanged lists are not
// sent again.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/model';
import { toDiagnostic, type DiagnosticOptions } from './convert';

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
