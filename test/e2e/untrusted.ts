// Workspace Trust in the real workbench. The fixture opens untrusted (Restricted Mode): Portolan
// still checks it (status bar count, Ports view, hover), but probes none of this machine's ports:
// 8082, reporting's port in ports.yaml, listens, and neither the view nor the hover says so.
// Trusting the folder then turns live status on, and the same row shows it listening.
// Needs a VS Code server started without --disable-workspace-trust and a user setting that opens
// untrusted folders without asking (run.sh starts one). Screenshots go to <shotsDir>.
// Usage: node --import tsx test/e2e/untrusted.ts <origin> <workspace> <shotsDir>
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Checks, focusPortsView, launch, logger, runMain, runPaletteCommand, sideBarText, workbenchUrl } from './browser';

const [origin, workspace, shots] = process.argv.slice(2);
const log = logger();

const LISTENING_PORT = 8082;
const ROW = new RegExp(`^${LISTENING_PORT} reporting`);

/** A socket on the port, or none when something else already listens there (which serves as well). */
async function listen(port: number): Promise<net.Server | undefined> {
  const server = net.createServer((s) => s.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(undefined) : reject(err)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function main(): Promise<number> {
  if (!shots) throw new Error('usage: untrusted.ts <origin> <workspace> <shotsDir>');
  fs.mkdirSync(shots, { recursive: true });
  const socket = await listen(LISTENING_PORT);
  const browser = await launch({ width: 1600, height: 1000 });
  const { page } = browser;
  const shot = (name: string) => page.screenshot({ path: path.join(shots, name) });
  const checks = new Checks(log);
  const row = () => page.locator('.pane-body .monaco-list-row', { hasText: ROW }).first();
  const rowText = async () => (await row().innerText()).replace(/\s+/g, ' ').trim();
  try {
    await page.goto(workbenchUrl(origin, workspace), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
    log('workbench up in Restricted Mode');

    const status = page.locator('.statusbar-item', { hasText: /\d+ port problems?/ }).first();
    await status.waitFor({ timeout: 60_000 });
    checks.check(`untrusted, the folder is still checked: ${(await status.innerText()).trim()}`, true);

    await focusPortsView(page);
    await row().waitFor({ timeout: 60_000 });
    // Longer than the view's polling interval (5 s), had it been polling.
    await page.waitForTimeout(7000);
    const untrustedRow = await rowText();
    const roots = (await page.locator('.pane-body .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log('untrusted:', untrustedRow, roots);
    checks.check(`untrusted, ${LISTENING_PORT} is not marked listening (${untrustedRow})`, !/listening/.test(untrustedRow));
    checks.check('untrusted, no unclaimed listeners are listed', !roots.some((t) => t.startsWith('Unclaimed listeners')));
    await shot('untrusted-01-restricted.png');

    // Trust the folder from Manage Workspace Trust, as a person would.
    await runPaletteCommand(page, 'Workspaces', 'Manage Workspace Trust');
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 30_000 });
    log('folder trusted');
    // The trust editor took the editor area; the side bar may have changed with it.
    await focusPortsView(page);
    await page.locator('.pane-body .monaco-list-row', { hasText: new RegExp(`^${LISTENING_PORT} reporting.*listening`) }).first().waitFor({ timeout: 30_000 });
    const trustedRow = await rowText();
    log('trusted:', trustedRow);
    checks.check(`trusted, ${LISTENING_PORT} is marked listening (${trustedRow})`, /listening/.test(trustedRow));
    await shot('untrusted-02-trusted.png');
  } catch (err) {
    checks.stopped(err);
    log('side bar:', await sideBarText(page));
    await shot('untrusted-99-failure.png').catch(() => undefined);
  } finally {
    await browser.close();
    socket?.close();
  }
  return checks.verdict('UNTRUSTED');
}

runMain(main);
