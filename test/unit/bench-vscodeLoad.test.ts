// Reading the extension's load time out of VS Code's Startup Performance report (bench/vscodeLoad.ts),
// as its editor renders it: spaces as no-break spaces, one string per line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationTimes } from '../../bench/vscodeLoad';

const REPORT = [
  '## Extension Activation Stats',
  '| Extension                           | Eager | Load Code | Call Activate | Finish Activate | Event | By |',
  '| ----------------------------------- | ----- | --------- | ------------- | --------------- | ----- | -- |',
  '| vscode.git-base                     | true  | 9         | 1             | 0               | *     | vscode.git |',
  '| vscode.git                          | true  | 261       | 7             | 3               | *     | vscode.git |',
  '| portolan.portolan                   | true  | 98        | 22            | 0               | workspaceContains:**/ports.yaml | portolan.portolan |',
  '',
  '## Terminal Stats',
  '| portolan.portolan | true | 1 | 1 | 1 | x | y |',
].map((line) => line.replace(/ /g, '\u00a0'));

test('the Load Code and Call Activate columns of Portolan and Git, from that table only', () => {
  assert.deepEqual(activationTimes(REPORT), {
    'vscode.git': { loadMs: 261, activateMs: 7 },
    'portolan.portolan': { loadMs: 98, activateMs: 22 },
  });
});

test('a report without Portolan in the table is an error, not a zero', () => {
  assert.throws(() => activationTimes(REPORT.slice(0, 5)), /Portolan is not in/);
  assert.throws(() => activationTimes(['## System Info']), /no Extension Activation Stats table/);
});
