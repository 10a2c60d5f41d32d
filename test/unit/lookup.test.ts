// The port lookups (src/core/query/lookup.ts) file a rule input's facts by port and by
// file; they must answer exactly what a scan of every fact answers, in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWorkspace } from '../../bench/generate';
import type { FileFacts } from '../../src/core/model';
import { parseByKind, sourceKindOf } from '../../src/core/parsers/dispatch';
import { buildRuleInput } from '../../src/core/rules/model';
import { factsOf, mentionsOn, placesIn, placesOn } from '../../src/core/query/lookup';

function ruleInputOf(files: Map<string, string>) {
  const facts: FileFacts[] = [];
  for (const [file, text] of files) {
    const kind = sourceKindOf(file);
    if (kind) facts.push(parseByKind(kind, text, { file, folderName: 'x' }));
  }
  return buildRuleInput(facts);
}

test('placesOn, mentionsOn, placesIn and factsOf answer what a scan of every fact answers, in its order', () => {
  const workspace = buildWorkspace(1000).files;
  // Published ranges (a short one, filed under each port, and a wide one, filed under none), ports
  // inside them and on their ends, and mentions.
  workspace.set('ranges/docker-compose.yml', 'services:\n  rtp:\n    ports:\n      - "30000-30010:30000-30010/udp"\n  sip:\n    ports:\n      - "30005:5060"\n  media:\n    ports:\n      - "40000-40200:40000-40200/udp"\n  turn:\n    ports:\n      - "40100:3478"\n');
  workspace.set('ranges/README.md', '# RTP\n\nThe media relay answers at http://localhost:30010 and http://localhost:30000.\n');
  const input = ruleInputOf(workspace);
  assert.ok(input.places.some((p) => p.endPort !== undefined), 'a place written as a range');
  const ports = new Set<number>([30000, 30005, 30010, 29999, 30011, 40000, 40100, 40200, 40201, 1, 65535]);
  for (const p of input.places.slice(0, 400)) ports.add(p.port);
  for (const f of input.files.slice(0, 200)) for (const m of f.mentions) ports.add(m.port);
  for (const port of ports) {
    for (const [from, to] of [[port, port], [port - 2, port + 3], [port, port + 100]]) {
      assert.deepEqual(placesOn(input, from, to), input.places.filter((p) => p.port <= to && (p.endPort ?? p.port) >= from), `places on ${from}-${to}`);
      assert.deepEqual(mentionsOn(input, from, to), input.files.flatMap((f) => f.mentions.filter((m) => m.port >= from && m.port <= to)), `mentions on ${from}-${to}`);
    }
  }
  assert.deepEqual(placesOn(input, 30005, 30005).map((p) => p.service).sort(), ['rtp', 'sip']);
  assert.deepEqual(placesOn(input, 40100, 40100).map((p) => p.service).sort(), ['media', 'turn']);
  for (const f of input.files) {
    assert.equal(factsOf(input, f.file), f);
    assert.deepEqual(placesIn(input, f.file), input.places.filter((p) => p.loc.file === f.file));
  }
  assert.equal(factsOf(input, 'nowhere.md'), undefined);
  assert.deepEqual(placesIn(input, 'nowhere.md'), []);
});
