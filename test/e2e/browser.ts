// Headless Debian chromium driven by playwright-core, with a throwaway profile.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PORTOLAN_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function logger(): (...args: unknown[]) => void {
  const t0 = Date.now();
  return (...args) => console.log(`[+${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

/** The workbench URL for a folder on the server's machine, with an optional payload. */
export function workbenchUrl(origin: string, folder: string, payload?: Array<[string, string]>): string {
  let url = `${origin}/?folder=${encodeURIComponent(path.resolve(folder))}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Runs a command from the command palette, as a person would: F1, its title, Enter. */
export async function runPaletteCommand(page: Page, category: string, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${category}: ${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * Shows the Ports view through the command palette ("Focus on Ports View"): unlike a click on the
 * activity bar icon, it never closes a side bar that already shows the view.
 */
export async function focusPortsView(page: Page): Promise<void> {
  await runPaletteCommand(page, 'Portolan', 'Focus on Ports View');
}

/** What the side bar shows (its view titles and rows), logged when a script stops, since CI keeps no screenshot. */
export async function sideBarText(page: Page): Promise<string> {
  const texts = await page.locator('.part.sidebar .pane-header, .part.sidebar .monaco-list-row, .part.sidebar .welcome-view-content')
    .allInnerTexts().catch(() => []);
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ') || '(side bar empty or closed)';
}

/** The checks of a script that looks at the workbench as a person would: each is logged as it is made. */
export class Checks {
  readonly failures: string[] = [];

  constructor(private readonly log: (...args: unknown[]) => void) {}

  check(what: string, ok: boolean): void {
    if (!ok) this.failures.push(what);
    this.log(ok ? 'ok  ' : 'FAIL', what);
  }

  /** An error that stopped the script: a failure too. */
  stopped(err: unknown): void {
    this.failures.push(err instanceof Error ? err.message.split('\n')[0] : String(err));
    this.log('ERROR', err);
  }

  /** Logs `<name> PASSED` or what failed; the script's exit code. */
  verdict(name: string): number {
    this.log(this.failures.length === 0 ? `${name} PASSED` : `${name} FAILED: ${this.failures.join('; ')}`);
    return this.failures.length === 0 ? 0 : 1;
  }
}

/** Runs a script's main and exits with its code, or 2 when it threw. */
export function runMain(main: () => Promise<number>): void {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err);
    process.exit(2);
  });
}
