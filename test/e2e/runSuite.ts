// Runs test/integration (an extensionTestsPath module exporting run()) inside the real remote
// Node extension host of VS Code's server, as VS Code's own browser integration tests do: the
// workbench opens with ?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]] and calls
// window.codeAutomationExit(code) when the suite is done (honoured with --enable-smoke-test-driver).
// Usage: node --import tsx test/e2e/runSuite.ts <origin> <workspace> <extensionDir> <testsEntry.js> <shotsDir>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launch, logger, runMain, workbenchUrl } from './browser';

const [origin, workspace, extensionDir, testsEntry, shots] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.PORTOLAN_E2E_SUITE_TIMEOUT_MS ?? 240_000);
const log = logger();

async function main(): Promise<number> {
  if (!shots) throw new Error('usage: runSuite.ts <origin> <workspace> <extensionDir> <testsEntry.js> <shotsDir>');
  const authority = new URL(origin).host;   // the remote authority is the page's host
  const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
  const url = workbenchUrl(origin, workspace, [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(testsEntry)],
    ['skipWelcome', 'true'],
  ]);
  const browser = await launch();
  const { page } = browser;
  // The suite's Copy Port test reads the clipboard back: the web workbench uses the browser's.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  let resolveExit: (code: number | string) => void = () => undefined;
  const exited = new Promise<number | string>((resolve) => (resolveExit = resolve));
  // The web workbench served this way has no manifest.json or service worker: expected 404s.
  const expected404 = /Failed to load resource|favicon|manifest\.json|Service ?Worker|fetching the script/i;
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    if (!expected404.test(String(args?.[0] ?? ''))) console.log(...(args ?? []));
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  page.on('console', (m) => {
    const text = m.text();
    // The extension host's console (mocha's reporter) reaches the page prefixed "[Extension Host]".
    if (text.includes('[Extension Host]')) console.log(text.replace(/%c/g, '').replace(/color: [a-z]+;?/g, '').replace('[Extension Host]', '[exthost]').trimEnd());
    else if (m.type() === 'error' && !expected404.test(text)) console.log('[page error]', text.slice(0, 400));
  });
  page.on('pageerror', (err) => console.log('[page exception]', err.message.slice(0, 400)));
  log('open', url);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const code = await Promise.race([exited, new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)))]);
  clearTimeout(timer);
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'suite-final.png') }).catch(() => undefined);
  await browser.close();
  log('extension host exit code:', code);
  return code === 0 ? 0 : 1;
}

runMain(main);
