// Dockerfiles as a port source: the ports an image has inside its container (`EXPOSE`, its own
// `PORT`), read per build stage as Docker reads the instructions. Fixtures in
// test/fixtures/dockerfile/ and inline; the comparison with compose is dockerfile-image.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../src/core/parsers/dockerfile';
import type { FileFacts } from '../../src/core/model';

const FIXTURES = path.resolve(__dirname, '../fixtures/dockerfile');

function parsed(file: string, text = fs.readFileSync(path.join(FIXTURES, file), 'utf8')): { facts: FileFacts; text: string } {
  return { facts: parseDockerfile(text, { file, folderName: 'orders' }), text };
}

/** `stage:port[-end][/udp]="as written"` for each place. */
function places({ facts, text }: { facts: FileFacts; text: string }): string[] {
  return facts.allocations.map((a) => {
    const range = a.endPort !== undefined ? `-${a.endPort}` : '';
    const protocol = a.protocol === 'tcp' ? '' : `/${a.protocol}`;
    return `${a.stage}:${a.port}${range}${protocol}=${text.slice(a.loc.span.startOffset, a.loc.span.endOffset)}${a.variable ? ` (${a.variable})` : ''}`;
  });
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

test('EXPOSE lists, ranges and protocols, and the image\'s own PORT from ENV or ARG; each place points at its digits', () => {
  const df = parsed('Dockerfile');
  assert.deepEqual(places(df), [
    '0:3000=3000 (PORT)', '0:9229=9229',
    '1:8080=8080 (HTTP_PORT)', '1:8080=8080', '1:53/udp=53', '1:7000-7010=7000-7010',
  ]);
  // `ARG PORT=3000`, `ENV PORT=$PORT` and `EXPOSE $PORT` write one number: one place, at the ARG's default.
  assert.equal(df.facts.allocations[0].loc.span.startLine, 7);
  // Every place is the container side: a claim of the image's own service, no host port.
  assert.ok(df.facts.allocations.every((a) => a.claim && a.own && a.source === 'dockerfile' && a.service === 'orders'));
  assert.deepEqual(df.facts.stages, [{ name: 'build', args: ['PORT'] }, { name: 'final', parent: 0 }]);
  assert.deepEqual(df.facts.problems, []);
});

test('not ports: comment lines (also inside a continued instruction), heredoc bodies, other services\' *_PORT, ONBUILD', () => {
  const df = parsed('Dockerfile');
  const written = places(df).join(' ');
  for (const absent of ['1111', '2222', '6379']) assert.ok(!written.includes(absent), absent);
  assert.deepEqual(places(parsed('Dockerfile', lines('FROM node:20', 'ONBUILD EXPOSE 4000', '#EXPOSE 4001', '  # EXPOSE 4002', 'ENV DB_PORT=5432'))), []);
});

test('placeholders make no port and leave the image\'s ports not all known', () => {
  const df = parsed('placeholders.Dockerfile');
  assert.deepEqual(places(df), []);
  assert.deepEqual(df.facts.stages, [{ unknownPorts: true, args: ['APP_PORT'] }]);
  // `${PORT}` with a literal default in the same stage is that default; an unset `${X:-4000}` is 4000.
  const resolved = parsed('Dockerfile', lines('FROM node:20', 'ENV LISTEN=4100', 'EXPOSE ${LISTEN} ${UNSET:-4000} $LISTEN/udp'));
  // A number put together with other text is the image's port all the same, at the word that writes it.
  assert.deepEqual(places(resolved), ['0:4100=4100', '0:4000=4000', '0:4100/udp=$LISTEN/udp']);
  assert.equal(resolved.facts.stages![0].unknownPorts, undefined);
});

test('# escape=` directive: backtick continuations; the old `ENV NAME value` form', () => {
  const df = parsed('Dockerfile.windows');
  assert.deepEqual(places(df), ['0:5000=5000 (PORT)', '0:5000=5000', '0:5001=5001']);
  // servercore is no image known to expose nothing of its own.
  assert.equal(df.facts.stages![0].unknownPorts, true);
});

test('a port outside 1-65535 is invalid-port at its digits; a range that runs backwards too', () => {
  const df = parsed('Dockerfile', lines('FROM node:20', 'EXPOSE 99999 8010-8000 8080'));
  assert.deepEqual(places(df), ['0:8080=8080']);
  assert.deepEqual(df.facts.problems.map((p) => `${p.rule} ${df.text.slice(p.loc.span.startOffset, p.loc.span.endOffset)} ${p.message}`), [
    'invalid-port 99999 EXPOSE 99999 is not a valid port; ports are 1-65535',
    'invalid-port 8010-8000 Port range 8010-8000 runs backwards',
  ]);
});
