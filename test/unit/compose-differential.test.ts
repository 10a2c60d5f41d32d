// Differential test against a real peer: Debian's docker-compose (1.29.2, `apt-get install
// docker-compose`; `.ci/run` installs it). For every compose fixture in the repository and 50
// generated files (fixed seed), the published host ports Portolan extracts for each service
// (src/core/parsers/compose/) must equal those in `docker-compose config`'s normalized output,
// interpolated from the same `.env`. docker-compose must be installed: without it this test fails.
//
// Differences that are Compose-spec behaviour v1 lacks (or v1 behaviour the spec dropped) are
// listed in KNOWN_DIFFERENCES with the reason; those services are left out of both sides (and out
// of the file docker-compose reads, since v1 rejects a whole file for one of them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { isMap, parse as parseYaml, parseDocument } from 'yaml';
import { parseCompose } from '../../src/core/parsers/compose';
import { readEnvVariables } from '../../src/core/parsers/env';
import { envTemplatesIn } from '../../src/core/syntax/paths';
import { tempDir } from '../support/tempDir';

const ROOT = path.resolve(__dirname, '../..');

/** `fixture path#service` → why docker-compose 1.29.2 and Portolan (following the Compose spec) differ. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'test/fixtures/compose/docker-compose.yml#mapped': 'unquoted 22:22 is the YAML 1.1 sexagesimal 1342 to v1 (a container port); Compose v2 reads YAML 1.2, the string "22:22"',
  'test/fixtures/compose/docker-compose.yml#udp': 'v1 rejects the sctp protocol, which the Compose spec allows',
  'test/fixtures/compose/docker-compose.yml#interpolated': 'v1 rejects ":83" (an unset variable as the host port); Compose v2 publishes an ephemeral port, Portolan allocates nothing',
  'test/fixtures/compose/docker-compose.yml#long': 'v1 rejects a published range ("8443-8444") in long syntax, which the Compose spec allows',
  'test/fixtures/compose/docker-compose.yml#bound': 'v1 rejects "::1:6000:6000" (an unbracketed IPv6 host IP), which Docker\'s port parser accepts',
  'examples/apps/docker-compose.yml#postgres': 'v1 rejects host_ip in long syntax, which the Compose spec allows',
  'test/fixtures/compose/docker-compose.prod.yml#broken': 'invalid ports: v1 rejects "abc:81" and "-1:80" and its config passes 99999 and 0 (the engine rejects them later); Portolan reports invalid-port and allocates none of them',
};

// ---------------------------------------------------------------------------------------------
// The two sides

interface ComposeCase {
  /** Fixture path relative to the repository, or `generated/N`. */
  name: string;
  text: string;
  env?: Map<string, string>;
  /** Without a `.env`, the folder's env template's variables (ParseContext.envTemplate). */
  envTemplate?: Map<string, string>;
  /** The `.env` docker-compose reads: the fixture's, or what the user copies from its template. */
  envText?: string;
}

/** service → sorted `hostIp|port/protocol`, one entry per published host port (ranges expanded). */
type Published = Record<string, string[]>;

function portolanSide(c: ComposeCase, excluded: Set<string>): Published {
  const facts = parseCompose(c.text, { file: 'docker-compose.yml', env: c.env, envTemplate: c.envTemplate });
  const out: Published = {};
  for (const a of facts.allocations) {
    // Claims on an unpublished service's container port take no host port.
    if (excluded.has(a.service) || a.claim) continue;
    for (let port = a.port; port <= (a.endPort ?? a.port); port++) (out[a.service] ??= []).push(`${a.hostIp ?? ''}|${port}/${a.protocol}`);
  }
  return sortValues(out);
}

/** Reads `docker-compose config` output: short strings (`ip:host:container/proto`) and maps. */
function composeSide(configYaml: string): Published {
  const config = parseYaml(configYaml) as { services?: Record<string, { ports?: unknown[] }> };
  const out: Published = {};
  for (const [service, def] of Object.entries(config.services ?? {})) {
    for (const entry of def.ports ?? []) {
      let hostIp: string;
      let published: string | undefined;
      let protocol: string;
      if (typeof entry === 'string') {
        const m = /^(?:(.*):)?([^:]*):([^:/]+)(?:\/(\w+))?$/.exec(entry);
        assert.ok(m, `unexpected port entry ${entry}`);
        hostIp = m[1] ?? '';
        published = m[2] || undefined;
        protocol = m[4] ?? 'tcp';
      } else if (typeof entry === 'object' && entry !== null) {
        const e = entry as { published?: number | string; protocol?: string; host_ip?: string };
        published = e.published === undefined ? undefined : String(e.published);
        protocol = e.protocol ?? 'tcp';
        hostIp = e.host_ip ?? '';
      } else {
        // A bare number is a container port only.
        continue;
      }
      if (published === undefined) continue;
      const [from, to] = published.split('-').map(Number);
      for (let port = from; port <= (to ?? from); port++) (out[service] ??= []).push(`${hostIp}|${port}/${protocol.toLowerCase()}`);
    }
  }
  return sortValues(out);
}

function sortValues(p: Published): Published {
  return Object.fromEntries(Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.sort()]));
}

const DOCKER_COMPOSE = 'docker-compose';

/** Runs at most a few docker-compose processes at once (each is a Python start-up). */
function limiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>) => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

const limit = limiter(Math.max(2, os.availableParallelism()));

function dockerComposeAvailable(): boolean {
  return spawnSync(DOCKER_COMPOSE, ['version'], { encoding: 'utf8' }).status === 0;
}

/** Runs `docker-compose -f F... config` in `dir` with no environment but PATH, so only `.env` interpolates. */
function dockerComposeConfig(dir: string, files: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(DOCKER_COMPOSE, [...files.flatMap((f) => ['-f', f]), '--project-directory', dir, 'config'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * The text docker-compose reads: the file without its excluded services, and with an image for
 * services that have none (v1 insists on one; it changes no port).
 */
function forDockerCompose(text: string, excluded: Set<string>): string {
  const doc = parseDocument(text);
  for (const s of excluded) doc.deleteIn(['services', s]);
  const services = doc.get('services');
  if (isMap(services)) {
    for (const pair of services.items) {
      if (!isMap(pair.value)) continue;
      // The build context is not copied beside the file (docker-compose checks it exists); it publishes nothing.
      pair.value.delete('build');
      if (!pair.value.has('image')) pair.value.set('image', 'example/placeholder');
    }
  }
  return doc.toString();
}

// ---------------------------------------------------------------------------------------------
// Inputs

function composeFixtures(): ComposeCase[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/^(docker-)?compose[^/]*\.ya?ml$/.test(e.name)) found.push(abs);
    }
  };
  walk(path.join(ROOT, 'test/fixtures'));
  walk(path.join(ROOT, 'examples'));
  return found.sort().map((abs) => {
    const name = path.relative(ROOT, abs);
    const text = fs.readFileSync(abs, 'utf8');
    const envFile = path.join(path.dirname(abs), '.env');
    const envText = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : undefined;
    if (envText !== undefined) return { name, text, envText, env: readEnvVariables(envText) };
    const template = envTemplatesIn(path.dirname(abs)).find((file) => fs.existsSync(file));
    if (template === undefined) return { name, text };
    // docker-compose reads no template: it gets what the user copies from it, without the
    // variables the file gives a default, which the parser keeps for them.
    const envTemplate = readEnvVariables(fs.readFileSync(template, 'utf8'));
    const copied = [...envTemplate].filter(([key]) => !new RegExp(String.raw`\$\{${key}:?-`).test(text));
    return { name, text, envTemplate, envText: copied.map(([key, value]) => `${key}=${value}\n`).join('') };
  });
}

// Generated files stay inside what both read the same way: short syntax always quoted (so no
// sexagesimals), valid ports, tcp/udp, IPv4 host IPs, long syntax with a numeric `published`.
const GENERATED_ENV = 'GEN_WEB_PORT=18080\nGEN_API_PORT=18081\nGEN_EMPTY=\n';
const port = fc.integer({ min: 1024, max: 60000 });
const proto = fc.constantFrom('', '', '/tcp', '/udp');
const shortSpec = fc.oneof(
  fc.tuple(port, port, proto).map(([h, c, p]) => `"${h}:${c}${p}"`),
  fc.tuple(port, proto).map(([c, p]) => `"${c}${p}"`),
  port.map((c) => `${c}`),
  fc.tuple(port, port, fc.integer({ min: 1, max: 3 }), proto).map(([h, c, n, p]) => `"${h}-${h + n}:${c}-${c + n}${p}"`),
  fc.tuple(port, fc.integer({ min: 1, max: 20 }), port).map(([h, n, c]) => `"${h}-${h + n}:${c}"`),
  fc.tuple(fc.constantFrom('127.0.0.1', '0.0.0.0', '192.168.1.10'), port, port).map(([ip, h, c]) => `"${ip}:${h}:${c}"`),
  fc.tuple(fc.constantFrom('127.0.0.1', '0.0.0.0'), port).map(([ip, c]) => `"${ip}::${c}"`),
  fc.tuple(fc.constantFrom('${GEN_WEB_PORT:-9000}', '${GEN_API_PORT}', '$GEN_API_PORT', '${GEN_UNSET:-9001}', '${GEN_EMPTY:-9002}'), port).map(([v, c]) => `"${v}:${c}"`),
);
const longSpec = fc.record({ target: port, published: fc.option(port, { nil: undefined }), protocol: fc.option(fc.constantFrom('tcp', 'udp'), { nil: undefined }) })
  .map((l) => Object.entries(l).filter(([, v]) => v !== undefined).map(([k, v], i) => `${i === 0 ? '      - ' : '        '}${k}: ${v}`).join('\n'));
const service = fc.record({
  ports: fc.array(fc.oneof({ weight: 4, arbitrary: shortSpec.map((s) => `      - ${s}`) }, { weight: 1, arbitrary: longSpec }), { maxLength: 4 }),
  merge: fc.boolean(),
  expose: fc.array(port, { maxLength: 2 }),
});
const generatedFile = fc.array(service, { minLength: 1, maxLength: 4 }).map((services) => [
  'x-shared: &shared',
  '  ports:',
  '    - "7777:7777"',
  'services:',
  ...services.flatMap((s, i) => [
    `  svc-${i}:`,
    '    image: example/x',
    ...(s.merge ? ['    <<: *shared'] : []),
    ...(s.ports.length > 0 ? ['    ports:', ...s.ports] : []),
    ...(s.expose.length > 0 ? [`    expose: [${s.expose.map((e) => `"${e}"`).join(', ')}]`] : []),
  ]),
  '',
].join('\n'));

// ---------------------------------------------------------------------------------------------

test('published ports per service equal docker-compose config (1.29.2) for every compose fixture and 50 generated files', { timeout: 120_000 }, async () => {
  assert.ok(dockerComposeAvailable(), 'docker-compose is not installed: `apt-get install -y --no-install-recommends docker-compose` (.ci/run does it)');
  const work = tempDir('portolan-differential-');
  const fixtures = composeFixtures();
  assert.ok(fixtures.length >= 10, `${fixtures.length} fixtures`);
  for (const key of Object.keys(KNOWN_DIFFERENCES)) {
    assert.ok(fixtures.some((f) => key.startsWith(`${f.name}#`)), `a known difference names a fixture that is gone: ${key}`);
  }
  // One docker-compose run per fixture (each with its own .env), in parallel.
  const runs = fixtures.map(async (c, i) => {
    const excluded = new Set(Object.keys(KNOWN_DIFFERENCES).filter((k) => k.startsWith(`${c.name}#`)).map((k) => k.slice(k.indexOf('#') + 1)));
    const dir = path.join(work, `fixture-${i}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), forDockerCompose(c.text, excluded));
    if (c.envText !== undefined) fs.writeFileSync(path.join(dir, '.env'), c.envText);
    const r = await limit(() => dockerComposeConfig(dir, ['docker-compose.yml']));
    assert.equal(r.code, 0, `docker-compose config failed on ${c.name}:\n${r.err}`);
    return { name: c.name, expected: composeSide(r.out), actual: portolanSide(c, excluded) };
  });
  // The generated files: one run, each file its own `-f` (services renamed apart), one .env.
  const generated = fc.sample(generatedFile, { seed: 4242, numRuns: 50 });
  const genDir = path.join(work, 'generated');
  fs.mkdirSync(genDir);
  fs.writeFileSync(path.join(genDir, '.env'), GENERATED_ENV);
  const genFiles = generated.map((text, i) => {
    const renamed = text.replace(/^ {2}svc-(\d+):/gm, `  g${i}-svc-$1:`);
    fs.writeFileSync(path.join(genDir, `compose-${i}.yml`), renamed);
    return { file: `compose-${i}.yml`, text: renamed };
  });
  const genRun = limit(() => dockerComposeConfig(genDir, genFiles.map((f) => f.file))).then((r) => {
    assert.equal(r.code, 0, `docker-compose config failed on the generated files:\n${r.err}`);
    const env = readEnvVariables(GENERATED_ENV);
    const actual = sortValues(Object.assign({}, ...genFiles.map((f) => portolanSide({ name: f.file, text: f.text, env }, new Set()))));
    return { name: 'generated (50 files, seed 4242)', expected: composeSide(r.out), actual };
  });
  const settled = await Promise.allSettled([...runs, genRun]);
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.deepEqual(failed.map((f) => String(f.reason instanceof Error ? f.reason.message : f.reason)), []);
  const results = settled.map((r) => (r as PromiseFulfilledResult<{ name: string; expected: Published; actual: Published }>).value);
  let compared = 0;
  for (const r of results) {
    assert.deepEqual(r.actual, r.expected, `${r.name}: Portolan's published ports (actual) differ from docker-compose config (expected)`);
    compared += Object.values(r.expected).reduce((n, ports) => n + ports.length, 0);
  }
  assert.ok(compared > 300, `${compared} published ports compared`);
});
