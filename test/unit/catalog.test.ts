// The rule catalog (src/core/rules/catalog.ts) is the one place a rule's id, default severity and
// summary are written: findings, the configuration's rule ids and levels, package.json's
// portolan.rules and the README's Rules section follow it. (The configuration file's JSON Schema
// is held to it in config.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Severity } from '../../src/core/model';
import { RULE_IDS, RULE_LEVELS } from '../../src/core/config/projectConfig';
import { RULES } from '../../src/core/rules/catalog';
import { SEVERITIES, type Rule } from '../../src/core/rules/rule';
import { checkFiles } from '../support/memoryWorkspace';

const REPO = path.resolve(__dirname, '../..');

/** A workspace with a finding of every rule. */
const EVERY_RULE = {
  'ports.yaml': [
    'version: 1',
    'ranges:',
    '  core: { from: 8000, to: 8009 }',
    '  low: 9000-9010',
    '  high: 9005-9020',
    'reserved:',
    '  - port: 8080',
    '    reason: Common HTTP alt',
    '  - ports: 8070-8079',
    '    reason: later',
    '    kept_free: true',
    'services:',
    '  gateway:',
    '    range: core',
    '    ports: 8100',
    '  billing: 4000',
    '  web: 80',
    '  broken:',
    '    ports: 99999',
    '    owner: me',
    '',
  ].join('\n'),
  'docker-compose.yml': 'services:\n  web:\n    ports: ["8080:80"]\n  influx:\n    ports: ["8075:8086"]\n',
  'docs/ports.md': '| Service | Port |\n|---|---|\n| grafana | 3000 |\n| mission-control | 3000 |\n| billing | 4001 |\n',
};

test('the catalog: one entry per rule id, each with a summary and a check over at least one unit', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.ok(SEVERITIES.includes(rule.severity), rule.id);
    assert.match(rule.summary, /^\S[^\n]*\S$/, rule.id);
    assert.ok(Object.values(rule.checks).some((check) => typeof check === 'function'), rule.id);
  }
});

test('the rule ids and levels a configuration may set are the catalog\'s', () => {
  assert.deepEqual([...RULE_IDS], RULES.map((r) => r.id));
  assert.deepEqual([...RULE_LEVELS], [...SEVERITIES, 'off']);
});

test('every finding has its catalog entry\'s severity, and follows it when the entry changes', () => {
  const found = checkFiles(EVERY_RULE).findings;
  assert.deepEqual(new Set(found.map((f) => f.rule)), new Set(RULES.map((r) => r.id)));
  for (const f of found) assert.equal(f.severity, ruleOf(f.rule).severity, `${f.rule}: ${f.message}`);
  // A severity written anywhere but the catalog would not follow this.
  for (const rule of RULES) {
    const severity = rule.severity;
    const other: Severity = SEVERITIES[(SEVERITIES.indexOf(severity) + 1) % SEVERITIES.length];
    (rule as { severity: Severity }).severity = other;
    try {
      const mine = checkFiles(EVERY_RULE).findings.filter((f) => f.rule === rule.id);
      assert.ok(mine.length > 0, rule.id);
      assert.ok(mine.every((f) => f.severity === other), rule.id);
    } finally {
      (rule as { severity: Severity }).severity = severity;
    }
  }
});

test('settings re-grade or silence every rule', () => {
  const all = checkFiles(EVERY_RULE).findings;
  for (const rule of RULES) {
    const regraded = checkFiles(EVERY_RULE, { [rule.id]: 'info' }).findings;
    assert.deepEqual(regraded.filter((f) => f.rule === rule.id).map((f) => f.severity), all.filter((f) => f.rule === rule.id).map(() => 'info'), rule.id);
    const off = checkFiles(EVERY_RULE, { [rule.id]: 'off' }).findings;
    assert.ok(!off.some((f) => f.rule === rule.id), rule.id);
  }
});

test('package.json\'s portolan.rules setting lists the catalog\'s rules with their default severities and summaries', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const setting = manifest.contributes.configuration.properties['portolan.rules'];
  assert.deepEqual(setting.properties, Object.fromEntries(RULES.map((rule) => [rule.id, {
    type: 'string',
    enum: [...RULE_LEVELS],
    default: rule.severity,
    description: `${rule.summary} (default: ${rule.severity})`,
  }])));
  assert.equal(setting.additionalProperties, false);
});

test('the README\'s Rules section has a heading per catalog rule, in catalog order, opening with its default severity', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Rules\n'), readme.indexOf('\n## ', readme.indexOf('\n## Rules\n') + 1));
  const documented = [...section.matchAll(/^### (.*)\n(.*)$/gm)].map(([, id, text]) => `${id} ${text.split('.')[0]}`);
  assert.deepEqual(documented, RULES.map((rule) => `${rule.id} ${rule.severity[0].toUpperCase()}${rule.severity.slice(1)}`));
});

function ruleOf(id: string): Rule {
  return RULES.find((r) => r.id === id)!;
}
