import { after } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A new directory under the system temp dir, removed once the test that made it has finished
 * (passed or failed), or after the file's last test when made at load time: node:test's `after`
 * attaches to whichever test is running when it is called. It runs before any hook the test
 * registers later, so a client with the folder open is stopped in a `finally`, not a `t.after`.
 */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
