// Procfile: the fixtures in test/fixtures/scripts/shop (a Procfile, a Procfile.dev, a Heroku one
// with placeholders only), and inline texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFacts } from '../../src/core/model';
import { parseByKind } from '../../src/core/parsers/dispatch';

const SHOP = join(__dirname, '..', 'fixtures', 'scripts', 'shop');

function parse(text: string, file = 'shop/Procfile'): FileFacts {
  return parseByKind('procfile', text, { file, folderName: 'shop' });
}

/** `service role port environment "written" line` for each allocation. */
function allocations(text: string, facts: FileFacts): string[] {
  return facts.allocations.map((a) => [
    a.service, a.role ?? '-', a.port, a.environment ?? '-', JSON.stringify(text.slice(a.loc.span.startOffset, a.loc.span.endOffset)), a.loc.span.startLine,
  ].join(' '));
}

test('the web process\'s port is the app\'s main port; comments, other programs\' -p and release tasks give nothing', () => {
  const text = readFileSync(join(SHOP, 'Procfile'), 'utf8');
  const facts = parse(text);
  assert.equal(facts.kind, 'procfile');
  assert.deepEqual(allocations(text, facts), ['shop - 3000 - "3000" 2']);
  // `uwsgi -p 4` is four processes, not a port.
  assert.deepEqual([facts.mentions, facts.problems], [[], []]);
  assert.equal(facts.allocations[0].buildContext, 'shop');
});

test('Procfile.dev: the app in development; another process\'s port has its type for a role', () => {
  const text = readFileSync(join(SHOP, 'Procfile.dev'), 'utf8');
  const facts = parse(text, 'shop/Procfile.dev');
  assert.deepEqual(allocations(text, facts), ['shop - 3100 development "3100" 1', 'shop assets 3036 development "3036" 2']);
  // A script's own flag counts in the web process only.
  assert.deepEqual(facts.mentions.map((m) => m.port), [4000]);
});

test('$PORT, which Heroku sets, and ${VAR:-N} placeholders say no port', () => {
  const text = readFileSync(join(SHOP, 'Procfile.heroku'), 'utf8');
  const facts = parse(text, 'shop/Procfile.heroku');
  assert.deepEqual([facts.allocations, facts.mentions, facts.problems], [[], [], []]);
});

test('any program\'s --port in the web process; bind addresses; CRLF; a process line needs its name at the start', () => {
  const text = 'web: ./bin/server --port 5000\r\napi: gunicorn api:app -b 0.0.0.0:8001\r\n  web: vite --port 5001\r\nweb:vite --port 5002\r\nWeb: python -m uvicorn app:app --port 8002\r\n';
  assert.deepEqual(allocations(text, parse(text)), [
    'shop - 5000 - "5000" 1',
    'shop api 8001 - "8001" 2',
    'shop - 5002 - "5002" 4',
    'shop - 8002 - "8002" 5',
  ]);
  // The page a data tool serves, in its process's role; not what its other commands do.
  const tools = 'ui: streamlit run app.py --server.port 8501\nnotebook: jupyter lab --port 8888 --no-browser\ntracking: mlflow server --port 5001\nexport: jupyter nbconvert --port 9999\n';
  assert.deepEqual(allocations(tools, parse(tools)), ['shop ui 8501 - "8501" 1', 'shop notebook 8888 - "8888" 2', 'shop tracking 5001 - "5001" 3']);
});

test('portolan-ignore comments; a port out of range; no folder name leaves mentions only', () => {
  const text = '# portolan-ignore port-mismatch\nweb: rackup -p 9292\nadmin: puma -p 99999\n';
  const facts = parse(text);
  assert.deepEqual(facts.suppressions, [{ line: 2, rules: ['port-mismatch'] }]);
  assert.deepEqual(facts.problems.map((p) => p.message), ['-p 99999 is not a valid port; ports are 1-65535']);
  const nameless = parseByKind('procfile', 'web: rackup -p 9292\n', { file: 'Procfile' });
  assert.deepEqual([nameless.allocations.length, nameless.mentions.map((m) => m.port)], [0, [9292]]);
});
