// Progress in the editor's status bar while a large folder is first indexed
// (window/workDoneProgress): created by the server, reported at most once per percent.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** What a folder's scan reports; `done` also ends a scan that stopped early. */
export interface ScanProgress {
  report(indexed: number): void;
  done(): void;
}

/** Below this many files a scan takes well under a second: a progress bar would only flicker. */
export const PROGRESS_MIN_FILES = 500;

export function scanProgress(connection: Connection, title: string, total: number, onError: (err: unknown) => void): ScanProgress {
  let reporter: WorkDoneProgressServerReporter | undefined;
  let finished = false;
  let shown = -1;
  let latest = 0;
  const show = () => {
    const percentage = Math.floor((latest / total) * 100);
    if (!reporter || percentage === shown) return;
    shown = percentage;
    reporter.report(percentage, `${latest}/${total} files`);
  };
  connection.window.createWorkDoneProgress().then((created) => {
    reporter = created;
    created.begin(title, 0, `0/${total} files`);
    // A scan that finished before the client made the progress still shows as one, begun and ended.
    if (finished) created.done();
    else show();
  }, onError);
  return {
    report(indexed) {
      latest = indexed;
      show();
    },
    done() {
      finished = true;
      reporter?.done();
    },
  };
}
