// `.env` comments that tell the user where to open a service are claims about its port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnv } from '../../src/core/parsers/env';
import { brief, checkFiles } from '../support/memoryWorkspace';

const claims = (text: string, file = 'notes/.env.example') =>
  parseEnv(text, { file, folderName: 'notes' }).allocations.map((a) => `${a.service}=${a.port}${a.claim ? '?' : ''}${a.role ? `/${a.role}` : ''}`);

test('"open http://localhost:N" in a comment claims the port for the named service or the file\'s own', () => {
  assert.deepEqual(claims(['NOTES_PORT=7100', '# After starting:', '# 1. Access Notes: http://localhost:7200', '# Open http://127.0.0.1:7300/metrics'].join('\n')),
    // NOTES_PORT names the file's service: a template's claim too (env.ts).
    ['notes=7100?', 'Notes=7200?', 'notes=7300?/metrics']);
  assert.deepEqual(claims('# Then browse to the dashboard at http://localhost:7400'), ['notes=7400?']);
  assert.deepEqual(claims('# Visit Billing: http://localhost:7500'), ['Billing=7500?']);
});

test('a comment that only holds a URL, or a URL on another machine, claims nothing', () => {
  assert.deepEqual(claims(['# Upstream default: http://localhost:9000', '# See http://localhost:9001/docs', '# Open https://example.com:8443', 'URL_NOTE=1'].join('\n')), []);
  assert.deepEqual(claims('# open http://localhost:7100 or http://localhost:7101'), []);
  // A value is not a comment.
  assert.deepEqual(claims('HOMEPAGE=open http://localhost:7100'), []);
});

test('a template that sets one port and tells the user to open another is a mismatch with compose', () => {
  const c = checkFiles({
    'notes/compose.yml': ['services:', '  notes:', '    image: n', '    ports: ["${NOTES_PORT:-7100}:80"]'].join('\n'),
    'notes/.env.example': ['NOTES_PORT=7100', '# Access Notes: http://localhost:7200'].join('\n'),
  });
  assert.deepEqual(c.findings.map(brief), ['port-mismatch@notes/.env.example:2']);
  const agreeing = checkFiles({
    'notes/compose.yml': ['services:', '  notes:', '    image: n', '    ports: ["${NOTES_PORT:-7100}:80"]'].join('\n'),
    'notes/.env.example': ['NOTES_PORT=7100', '# Access Notes: http://localhost:7100'].join('\n'),
  });
  assert.deepEqual(agreeing.findings.map(brief), []);
});
