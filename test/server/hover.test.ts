// Hover over a real LSP connection: ports in Markdown, the registry, compose and env files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TestClient, WORKSPACES, positionOf, uriOf } from './harness';

const PLATFORM = path.join(WORKSPACES, 'platform');
const DOC = path.join(PLATFORM, 'docs/architecture.md');
const REGISTRY = path.join(PLATFORM, 'ports.yaml');
const COMPOSE = path.join(PLATFORM, 'docker-compose.yml');
const ENV = path.join(PLATFORM, '.env');

const link = (abs: string, line: number) => `](${uriOf(abs)}#L${line})`;

test('hover', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: () => ({ debounceMs: 10 }), command: 'in-process' });
  t.after(() => client.stop());
  await client.waitForDiagnostics(DOC, 'the first check', (d) => d.length === 1);

  await t.test('on the mismatched mermaid port: owner, range, every place and the problem with its other places', async () => {
    const hover = await client.hover(DOC, positionOf(DOC, ':8087', 3));
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 15, character: 42 }, end: { line: 15, character: 46 } });
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /^\*\*Port 8087\*\*/);
    assert.match(text, /Owner: \*\*Reporting Engine\*\*/);
    assert.match(text, /Range: 8080-8089 reporting · 2\/10 used/);
    assert.ok(text.includes(`[docs/architecture.md:16${link(DOC, 16)} **Reporting Engine**`), text);
    assert.ok(text.includes('warning [port-mismatch](https://github.com/portolan/portolan#port-mismatch): Reporting Engine is 8087 here, but 8088 in docs/architecture.md:9 and 1 more place'), text);
    // The other places of the problem, as links.
    assert.ok(text.includes(`[docs/architecture.md:9${link(DOC, 9)}`), text);
    assert.ok(text.includes(`[ports.yaml:21${link(REGISTRY, 21)}`), text);
    assert.match(text, /IANA: `simplifymedia`/);
  });

  await t.test('on the registry side of the mismatch: the same problem, through its related place', async () => {
    const text = await client.hoverText(REGISTRY, positionOf(REGISTRY, '8088', 1));
    assert.ok(text);
    assert.match(text, /Owner: \*\*reporting-engine\*\*/);
    assert.ok(text.includes(`[ports.yaml:21${link(REGISTRY, 21)} **reporting-engine**`), text);
    assert.ok(text.includes(`[docs/architecture.md:9${link(DOC, 9)} **Reporting Engine**`), text);
    assert.ok(text.includes('Reporting Engine is 8087 here, but 8088'), text);
  });

  await t.test('a well-known port names its IANA service', async () => {
    const text = await client.hoverText(DOC, positionOf(DOC, ':5432', 1));
    assert.ok(text);
    assert.match(text, /\*\*Port 5432\*\*/);
    // The registry's spelling of the service; the graph's `PostgreSQL` is an alias of it.
    assert.match(text, /Owner: \*\*postgres\*\*/);
    assert.match(text, /IANA: `postgresql` — PostgreSQL Database/);
    assert.ok(!text.includes('Problems'), text);
  });

  await t.test('a compose port: all its owners and places, the range and how full it is', async () => {
    const text = await client.hoverText(COMPOSE, positionOf(COMPOSE, '"8000:', 2));
    assert.ok(text);
    assert.match(text, /Owner: \*\*gateway\*\*/);
    assert.match(text, /Range: 8000-8009 core · 2\/10 used/);
    for (const place of [`[.env:2${link(ENV, 2)}`, `[docker-compose.yml:5:10`, `[docs/architecture.md:7${link(DOC, 7)}`, `[docs/architecture.md:15`, `[ports.yaml:15${link(REGISTRY, 15)}`]) {
      assert.ok(text.includes(place), `${place} in\n${text}`);
    }
    // `8000:8000` writes the port twice on one line: the links carry the column.
    assert.ok(text.includes(`[docker-compose.yml:5:15](${uriOf(COMPOSE)}#L5,15) mentioned`), text);
    assert.match(text, /IANA: `irdmi`/);
  });

  await t.test('an env reference to a port', async () => {
    const text = await client.hoverText(ENV, positionOf(ENV, '8000', 1));
    assert.ok(text);
    // The URL is a reference to gateway's port; the owner is the service allocated there.
    assert.match(text, /Owner: \*\*gateway\*\* \(http\)/);
    assert.ok(text.includes(`[.env:2${link(ENV, 2)} **gateway** (reference)`), text);
  });

  await t.test('a declared range: usage, where it is declared, what is in it', async () => {
    const text = await client.hoverText(REGISTRY, positionOf(REGISTRY, 'reporting:', 2));
    assert.ok(text);
    assert.match(text, /^\*\*Range 8080-8089 reporting · 2\/10 used\*\*/);
    assert.ok(text.includes(`[ports.yaml:6${link(REGISTRY, 6)}`), text);
    assert.match(text, /- 8087 \*\*Reporting Engine\*\*/);
    assert.match(text, /- 8088 \*\*reporting-engine\*\*/);
  });

  await t.test('the bounds of a range written beside its name', async () => {
    const hover = await client.hover(REGISTRY, positionOf(REGISTRY, '8009', 2));
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 4, character: 26 }, end: { line: 4, character: 30 } });
    assert.match((hover.contents as { value: string }).value, /^\*\*Range 8000-8009 core · 2\/10 used\*\*/);
  });

  await t.test('a reserved port', async () => {
    const text = await client.hoverText(REGISTRY, positionOf(REGISTRY, '8085', 1));
    assert.ok(text);
    assert.match(text, /\*\*Port 8085\*\*/);
    assert.match(text, /Owner: none allocated in this folder/);
    assert.ok(text.includes('Reserved: 8085 — Legacy admin console'), text);
    assert.match(text, /Range: 8080-8089 reporting/);
  });

  await t.test('no hover away from ports', async () => {
    assert.equal(await client.hover(DOC, { line: 0, character: 3 }), null);
    assert.equal(await client.hover(REGISTRY, positionOf(REGISTRY, 'version')), null);
  });
});

test('hover follows unsaved text', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: () => ({ debounceMs: 60_000 }), command: 'in-process' });
  t.after(() => client.stop());
  await client.waitForDiagnostics(DOC, 'the first check', (d) => d.length === 1);
  await client.open(DOC, undefined, 'markdown');
  await client.change(DOC, [{ range: { start: { line: 15, character: 42 }, end: { line: 15, character: 46 } }, text: '8088' }]);
  // The re-check is still waiting for its (long) debounce: the hover applies the edit first.
  const text = await client.hoverText(DOC, { line: 15, character: 44 });
  assert.ok(text);
  assert.match(text, /\*\*Port 8088\*\*/);
  assert.ok(!text.includes('Problems'), text);
});

test('hover can be turned off', async (t) => {
  const client = await TestClient.start({ folders: [PLATFORM], settings: () => ({ hover: { enabled: false } }), command: 'in-process' });
  t.after(() => client.stop());
  await client.waitForDiagnostics(DOC, 'the first check', (d) => d.length === 1);
  assert.equal(await client.hover(DOC, positionOf(DOC, ':8087', 3)), null);
});
