// `npm run test:integration`: the integration suite in desktop VS Code, downloaded by
// @vscode/test-electron (where the machine can reach VS Code's download site; this one cannot, so
// here the same suite runs through test/e2e instead). Opens a scratch copy of the fixture workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..');
  const extensionTestsPath = path.join(repo, 'dist', 'test', 'integration', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run node --import tsx test/integration/build.ts`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-integration-'));
  const workspace = path.join(scratch, 'workspace');
  try {
    fs.cpSync(path.join(repo, 'test', 'fixtures', 'vscode-workspace'), workspace, { recursive: true });
    await runTests({
      // A VS Code already on the machine, or the version @vscode/test-electron downloads.
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : { version: process.env.VSCODE_TEST_VERSION ?? 'stable' }),
      extensionDevelopmentPath: repo,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(scratch, 'user-data')}`],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('Integration tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
