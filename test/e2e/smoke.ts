// A person's view of the packaged extension in the real workbench: the Ports tree in its own
// activity-bar container, the status bar count, a hover on a conflicting port, and the Problems
// panel opened from the status bar item. Screenshots of each step go to <shotsDir>.
// Usage: node --import tsx test/e2e/smoke.ts <origin> <workspace> <shotsDir>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checks, launch, logger, runMain, sideBarText, workbenchUrl } from './browser';

const [origin, workspace, shots] = process.argv.slice(2);
const log = logger();

interface Results {
  tree?: string[];
  status?: string;
  hover?: string;
  problems?: string[];
}

/** What each step must show (the fixture workspace: 8081 is published twice in docker-compose.yml). */
const EXPECT = {
  rangeRow: /8080-8089 .*· \d+\/\d+ used/,
  conflictRow: /8081 fraud-detector/,
  status: /\d+ port problems?/,
  // The hover widget fills in as providers answer: wait for Portolan's part, not the diagnostic's.
  hover: /Owners:/,
  problem: /Port 8081 is taken by both fraud-detector and ledger/,
};

async function main(): Promise<number> {
  if (!shots) throw new Error('usage: smoke.ts <origin> <workspace> <shotsDir>');
  fs.mkdirSync(shots, { recursive: true });
  const results: Results = {};
  const browser = await launch({ width: 1600, height: 1000 });
  const { page } = browser;
  const shot = (name: string) => page.screenshot({ path: path.join(shots, name) });
  page.on('console', (m) => {
    if (m.type() === 'error' && /portolan/i.test(m.text())) log('[page error]', m.text().slice(0, 300));
  });
  const checks = new Checks(log);
  try {
    await page.goto(workbenchUrl(origin, workspace), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    log('workbench up');
    await shot('01-workbench.png');

    // --- The Ports view in the Portolan activity-bar container ---
    const activity = page.locator('.activitybar .action-item .action-label[aria-label^="Portolan"]');
    await activity.first().click({ timeout: 30_000 });
    const tree = page.locator('.pane-body .monaco-list-row');
    await page.locator('.monaco-list-row', { hasText: EXPECT.rangeRow }).first().waitFor({ timeout: 60_000 });
    const conflictRow = page.locator('.monaco-list-row', { hasText: EXPECT.conflictRow }).first();
    await conflictRow.waitFor({ timeout: 30_000 });
    results.tree = (await tree.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    log('tree rows:', results.tree);
    checks.check('a range row "8080-8089 … · n/m used" is visible', results.tree.some((t) => EXPECT.rangeRow.test(t)));
    checks.check('the conflicting allocation row has a problem icon', await conflictRow.locator('.codicon-error, .codicon-warning').count() > 0);
    await shot('02-tree.png');

    // --- Status bar item ---
    const status = page.locator('.statusbar-item', { hasText: EXPECT.status }).first();
    await status.waitFor({ timeout: 30_000 });
    results.status = (await status.innerText()).trim();
    checks.check(`status bar shows the port problem count (${results.status})`, EXPECT.status.test(results.status));

    // --- Hover on the conflicting port in docker-compose.yml ---
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.waitFor({ timeout: 15_000 });
    await quickInput.fill('docker-compose.yml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'docker-compose.yml' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    // The YAML grammar makes `"8081:9000"` one token: point at the "8081" inside it.
    const token = page.locator('.monaco-editor .view-line span span', { hasText: '8081:9000' }).first();
    await token.waitFor({ timeout: 15_000 });
    const hover = page.locator('.monaco-hover:visible', { hasText: EXPECT.hover });
    for (let attempt = 0; attempt < 5 && !results.hover; attempt++) {
      const box = await token.boundingBox();
      const text = await token.innerText();
      if (box) {
        const charWidth = box.width / Math.max(text.length, 1);
        const x = box.x + (text.indexOf('8081') + 2) * charWidth;
        await page.mouse.move(x - 10, box.y + box.height / 2);
        await page.mouse.move(x, box.y + box.height / 2, { steps: 4 });
      }
      try {
        await hover.first().waitFor({ timeout: 4000 });
        results.hover = (await hover.first().innerText()).trim();
      } catch {
        log('hover not shown yet, retrying');
        await page.mouse.move(5, 5);
      }
    }
    log('hover:', JSON.stringify(results.hover));
    checks.check('hover over 8081 names the owners', !!results.hover && /Owners: .*fraud-detector/.test(results.hover) && /Owners: .*ledger/.test(results.hover));
    checks.check('hover lists the other places and the problem', !!results.hover && /ports\.yaml:24/.test(results.hover) && /docs\/PORTS\.md:15/.test(results.hover) && /port-conflict/.test(results.hover));
    await page.waitForTimeout(500);   // let the hover finish fading in
    await shot('03-hover.png');
    await page.mouse.move(5, 5);

    // --- Problems panel, opened by clicking the status bar item ---
    await status.click();
    const rows = page.locator('.markers-panel .monaco-list-row');
    await page.locator('.markers-panel .monaco-list-row', { hasText: EXPECT.problem }).first().waitFor({ timeout: 30_000 });
    results.problems = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log('problems:', results.problems);
    checks.check('the Problems panel lists the port conflict from portolan', results.problems.some((t) => EXPECT.problem.test(t) && /portolan/.test(t)));
    await shot('04-problems.png');

    // --- Collapse All from the Ports view's title bar leaves only the top-level rows ---
    // The container has one view, so its title bar ("PORTOLAN: PORTS") carries the view's actions.
    const sidebar = page.locator('.part.sidebar');
    // Clicking the container's icon while it is shown would close the side bar.
    if (!(await sidebar.locator('.monaco-list-row', { hasText: EXPECT.rangeRow }).first().isVisible())) await activity.first().click();
    await sidebar.locator('.title-actions .action-label[aria-label^="Collapse All"]').click({ timeout: 10_000 });
    await sidebar.locator('.monaco-list-row', { hasText: EXPECT.conflictRow }).first().waitFor({ state: 'detached', timeout: 10_000 });
    const collapsed = (await sidebar.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log('after Collapse All:', collapsed);
    checks.check('Collapse All leaves only the ranges and groups', collapsed.length === 3 && collapsed.every((t) => /used$|^Reserved/.test(t)));
    await shot('05-collapsed.png');
  } catch (err) {
    checks.stopped(err);
    log('side bar:', await sideBarText(page));
    await shot('99-failure.png').catch(() => undefined);
  } finally {
    fs.writeFileSync(path.join(shots, 'smoke-results.json'), JSON.stringify({ results, failures: checks.failures }, null, 2));
    await browser.close();
  }
  return checks.verdict('SMOKE');
}

runMain(main);
