// The integration suite's entry, as @vscode/test-electron and the e2e harness load it
// (extensionTestsPath): runs every bundled *.test.js beside it with mocha inside the extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.PORTOLAN_TEST_TIMEOUT_MS ?? 60_000),
    reporter: 'spec',
    grep: process.env.PORTOLAN_TEST_GREP,
  });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      // The plain closing line CI logs are read for: "N passed, N failed".
      console.log(`${stats?.passes ?? 0} passed, ${failures} failed${stats?.pending ? `, ${stats.pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
    // Each failure's error as it happens: the spec reporter prints them only at the end, which a
    // run stopped by the harness's time limit never reaches.
    runner.on('fail', (test, err: Error) => console.log(`FAILED: ${test.fullTitle()}: ${err.message.split('\n').slice(0, 6).join('\n')}`));
  });
}
