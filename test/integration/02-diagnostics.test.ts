/// <reference types="mocha" />
// Diagnostics published by the server for the whole workspace (files never opened included):
// rule codes, severities, exact ranges, messages and related information.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_DIAGNOSTICS, FIXTURE_FILES } from './expected';
import { codeOf, portolan, portolanDiagnostics, relativePath, show, waitForFixtureDiagnostics } from './helpers';

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

suite('diagnostics', () => {
  suiteSetup(async () => {
    await (await portolan()).ready;
    await waitForFixtureDiagnostics();
  });

  for (const file of FIXTURE_FILES) {
    test(`${file}: exactly the expected problems`, () => {
      const expected = EXPECTED_DIAGNOSTICS.filter((d) => d.file === file);
      const actual = portolanDiagnostics(file);
      assert.deepEqual(actual.map((d) => `${codeOf(d)} ${show(d.range)}`), expected.map((e) => `${e.code} ${show(new vscode.Range(...e.range))}`));
    });
  }

  for (const expected of EXPECTED_DIAGNOSTICS) {
    test(`${expected.file} ${expected.code}: severity, range, message, related information`, () => {
      const actual = portolanDiagnostics(expected.file).find((d) => codeOf(d) === expected.code && d.range.isEqual(new vscode.Range(...expected.range)));
      assert.ok(actual, `a ${expected.code} at ${show(new vscode.Range(...expected.range))}`);
      assert.equal(actual.source, 'portolan');
      assert.equal(actual.severity, SEVERITY[expected.severity]);
      assert.match(actual.message, expected.message);
      const code = actual.code;
      assert.ok(typeof code === 'object' && code.target.toString().includes(expected.code), 'the code links to the rule\'s documentation');
      const related = (actual.relatedInformation ?? []).map((r) => ({
        file: relativePath(r.location.uri), line: r.location.range.start.line, character: r.location.range.start.character, message: r.message,
      }));
      assert.deepEqual(related, expected.related);
    });
  }

  test('nothing but portolan diagnostics are counted, and the registry itself is clean', () => {
    const all = vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => d.source === 'portolan').map(() => relativePath(uri)));
    assert.equal(all.length, EXPECTED_DIAGNOSTICS.length);
    assert.ok(!all.includes('ports.yaml'));
  });
});
