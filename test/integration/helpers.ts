// Shared helpers for the integration suite: the fixture workspace, the extension's API, polling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PortolanApi } from '../../src/extension';
import { EXPECTED_DIAGNOSTICS, FIXTURE_FILES, type ExpectedDiagnostic } from './expected';

export const EXTENSION_ID = 'portolan.portolan';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open (test/fixtures/vscode-workspace)');
  return folder.uri;
}

export function fixture(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

let api: Promise<PortolanApi> | undefined;

/** Activates the extension (if the workspace did not already) and returns its API. */
export function portolan(): Promise<PortolanApi> {
  api ??= (async () => {
    const ext = vscode.extensions.getExtension<PortolanApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    const exports = await ext.activate();
    assert.ok(exports && typeof exports.getTreeItems === 'function', 'activate() returns the API');
    return exports;
  })();
  return api;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds, or fails with the last value after `timeoutMs`. */
export async function waitFor<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${describe(value)}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value, null, 1).slice(0, 4000);
  } catch {
    return String(value);
  }
}

/** The portolan diagnostics of one fixture file, sorted by position. */
export function portolanDiagnostics(relative: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(fixture(relative))
    .filter((d) => d.source === 'portolan')
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

export function range(startLine: number, startCol: number, endLine: number, endCol: number): vscode.Range {
  return new vscode.Range(startLine, startCol, endLine, endCol);
}

/** A 1-based `line:col-col` as editors and the CLI print it, for readable assertions. */
export function show(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** The plain text of hover contents. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** Waits until every fixture file has as many portolan diagnostics as expected. */
export async function waitForFixtureDiagnostics(expected: ExpectedDiagnostic[] = EXPECTED_DIAGNOSTICS, timeoutMs = 60_000): Promise<void> {
  const want = (file: string) => expected.filter((d) => d.file === file).length;
  await waitFor(
    'the fixture diagnostics',
    () => FIXTURE_FILES.map((file) => ({ file, codes: portolanDiagnostics(file).map(codeOf) })),
    (now) => now.every(({ file, codes }) => codes.length === want(file)),
    timeoutMs,
  );
}

export type FixtureSnapshot = Map<string, Uint8Array>;

/** The fixture files as they are on disk now. */
export async function snapshotFixture(): Promise<FixtureSnapshot> {
  const out: FixtureSnapshot = new Map();
  for (const file of FIXTURE_FILES) out.set(file, await vscode.workspace.fs.readFile(fixture(file)));
  return out;
}

/**
 * Puts the fixture back: reverts edited documents and rewrites files an edit saved. VS Code saves
 * the files a multi-file workspace edit touched when they had no editor open
 * (`files.refactoring.autoSave`), and those saves may land after the edit resolved: the files are
 * put back until two looks in a row find each one as it was, so a late save cannot undo the restore.
 */
async function restoreFixture(snapshot: FixtureSnapshot): Promise<void> {
  await revertAll();
  let quiet = 0;
  let restored = false;
  const deadline = Date.now() + 15_000;
  while (quiet < 2) {
    if (Date.now() > deadline) assert.fail(`the fixture could not be put back: ${(await changedFiles(snapshot)).join(', ')} keep changing`);
    const changed = await changedFiles(snapshot);
    if (restored && changed.length > 0) console.log(`restoreFixture: saved again after it was put back: ${changed.join(', ')}`);
    restored ||= changed.length > 0;
    for (const file of changed) {
      await vscode.workspace.fs.writeFile(fixture(file), snapshot.get(file)!);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixture(file).toString());
      if (open) {
        await vscode.window.showTextDocument(open);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    quiet = changed.length === 0 ? quiet + 1 : 0;
    if (quiet < 2) await sleep(250);
  }
}

/** The fixture files whose bytes on disk differ from the snapshot's. */
async function changedFiles(snapshot: FixtureSnapshot): Promise<string[]> {
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  const out: string[] = [];
  for (const [file, bytes] of snapshot) if (!same(await vscode.workspace.fs.readFile(fixture(file)), bytes)) out.push(file);
  return out;
}

/**
 * For suites whose edits VS Code saves to disk (multi-file workspace edits): the fixture is
 * snapshotted once the server is ready and put back after each test.
 */
export function restoreFixtureAfterEachTest(): void {
  let snapshot: FixtureSnapshot;
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
    snapshot = await snapshotFixture();
  });
  teardown(async () => {
    await restoreFixture(snapshot);
    await waitForFixtureDiagnostics(undefined, 20_000);
  });
}

/** Reverts every dirty document (edits the tests applied), so the fixture is as it was on disk. */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isUntitled)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  const left = vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isUntitled).map((d) => relativePath(d.uri));
  assert.deepEqual(left, [], 'every edited document is reverted');
}

/** Closes the active editor, discarding an untitled document's text. */
export async function discardActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
