// The extension's load time as VS Code itself records it: the production VSIX installed in VS
// Code 1.100's server (code-server, as the e2e tests run it), a window opened on the e2e fixture,
// and the "Load Code" and "Call Activate" times of Developer: Startup Performance. Each window
// gets a server of its own, so each is a fresh extension host. vscode.git's times are read from
// the same table, as a yardstick on the same machine at the same moment. Printed, not judged: it
// needs the e2e install (test/e2e/setup.sh) and a browser.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Browser from '../test/e2e/browser';

export interface ActivationTimes {
  loadMs: number;
  activateMs: number;
}

export interface VscodeLoad {
  /** Per window, by extension id. */
  runs: Array<Record<string, ActivationTimes>>;
  /** Why nothing was measured, or what went wrong. */
  note?: string;
}

const CODE_SERVER_VERSION = '4.100.3';
const MEASURED = ['portolan.portolan', 'vscode.git'];

function codeServerDir(): string {
  const cache = process.env.PORTOLAN_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'portolan-e2e');
  const major = process.versions.node.split('.')[0];
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}-node${major}`, 'node_modules', 'code-server', 'lib', 'vscode');
}

export async function measureVscodeLoad(repo: string, windows: number): Promise<VscodeLoad> {
  const vscode = codeServerDir();
  if (!fs.existsSync(path.join(vscode, 'out', 'server-main.js'))) return { runs: [], note: 'code-server is not installed (npm run test:e2e installs it)' };
  // Loaded here, not with the bench: playwright-core alone would add some 25 MB to the heap the bench measures.
  const browser = await import('../test/e2e/browser');
  if (!fs.existsSync(browser.CHROMIUM)) return { runs: [], note: `no browser at ${browser.CHROMIUM}` };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-bench-vscode-'));
  try {
    const env = prepare(work);
    const vsix = path.join(work, 'portolan.vsix');
    run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '-o', vsix], repo, env);
    run(process.execPath, [path.join(vscode, 'out', 'server-main.js'), ...serverArgs(work), '--install-extension', vsix], repo, env);
    const runs: VscodeLoad['runs'] = [];
    for (let i = 0; i < windows; i++) {
      const workspace = path.join(work, `ws-${i}`);
      fs.cpSync(path.join(repo, 'test', 'fixtures', 'vscode-workspace'), workspace, { recursive: true });
      runs.push(await oneWindow(browser, vscode, work, workspace, env));
    }
    return { runs };
  } catch (err) {
    return { runs: [], note: `not measured: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A user data folder with the e2e settings, and the environment that keeps VS Code's files in `work`. */
function prepare(work: string): NodeJS.ProcessEnv {
  for (const dir of ['tmp', 'ud/User', 'sd', 'exts', 'xdg']) fs.mkdirSync(path.join(work, dir), { recursive: true });
  fs.writeFileSync(path.join(work, 'ud', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
  }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: path.join(work, 'tmp'),
    XDG_CONFIG_HOME: path.join(work, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(work, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(work, 'xdg', 'cache'),
    // No extension gallery: it is not reachable here.
    EXTENSIONS_GALLERY: '{}',
  };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

function serverArgs(work: string, port?: number): string[] {
  return [
    ...(port === undefined ? [] : ['--host', '127.0.0.1', '--port', String(port)]),
    '--without-connection-token', '--accept-server-license-terms', '--disable-telemetry', '--disable-workspace-trust',
    '--server-data-dir', path.join(work, 'sd'), '--user-data-dir', path.join(work, 'ud'), '--extensions-dir', path.join(work, 'exts'),
  ];
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path.basename(command)} ${args[0]} failed: ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 300)}`);
}

async function oneWindow(
  { launch, workbenchUrl }: typeof Browser, vscode: string, work: string, workspace: string, env: NodeJS.ProcessEnv,
): Promise<Record<string, ActivationTimes>> {
  const port = await freePort();
  // Detached, so the server and its extension hosts are one process group, killed together.
  const server = spawn(process.execPath, [path.join(vscode, 'out', 'server-main.js'), ...serverArgs(work, port)], { env, detached: true, stdio: 'ignore' });
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitForServer(origin);
    const browser = await launch({ width: 2400, height: 12_000 });
    try {
      const { page } = browser;
      await page.goto(workbenchUrl(origin, workspace), { waitUntil: 'domcontentloaded' });
      // The status bar item appears once the extension has activated and its server answered.
      await page.locator('.statusbar-item', { hasText: /port problem/ }).first().waitFor({ timeout: 90_000 });
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Developer: Startup Performance');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Startup Performance' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      const header = page.locator('.view-line', { hasText: /Call\sActivate/ }).first();
      await header.waitFor({ timeout: 30_000 });
      // The editor renders only the lines in view: the tall window shows the whole report.
      const lines = await page.locator('.monaco-editor .view-lines').first().evaluate((el) =>
        [...el.querySelectorAll('.view-line')].map((l) => ({ top: parseFloat((l as unknown as { style: { top: string } }).style.top), text: l.textContent ?? '' })));
      return activationTimes(lines.sort((a, b) => a.top - b.top).map((l) => l.text));
    } finally {
      await browser.close();
    }
  } finally {
    stop(server);
  }
}

/** The rows of the "Extension Activation Stats" table for the measured extensions. */
export function activationTimes(rendered: string[]): Record<string, ActivationTimes> {
  // The editor renders spaces as no-break spaces.
  const lines = rendered.map((l) => l.replace(/\u00a0/g, ' '));
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const headerAt = lines.findIndex((l) => l.includes('Load Code') && l.includes('Call Activate'));
  if (headerAt < 0) throw new Error('no Extension Activation Stats table in Startup Performance');
  const header = cells(lines[headerAt]);
  const load = header.indexOf('Load Code');
  const activate = header.indexOf('Call Activate');
  const out: Record<string, ActivationTimes> = {};
  for (const line of lines.slice(headerAt + 1)) {
    if (!line.trim().startsWith('|')) break;
    const row = cells(line);
    if (MEASURED.includes(row[0])) out[row[0]] = { loadMs: Number(row[load]), activateMs: Number(row[activate]) };
  }
  if (!out['portolan.portolan']) throw new Error('Portolan is not in Startup Performance\'s activation table');
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForServer(origin: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(origin)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`VS Code's server did not answer ${origin}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stop(server: ChildProcess): void {
  if (server.pid === undefined) return;
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
