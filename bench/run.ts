// `npm run bench`: generates the workspaces (bench/generate.ts), measures the engine on them in
// one process (medians of repeated runs), runs `portolan check` and dclint as whole processes,
// checks that the engine found exactly the planted problems, checks a monorepo of copies of the
// development corpus's repositories (bench/monorepo.ts) against each copy checked alone, prints a
// table with the targets of issue 5 and writes bench/results.json.
//
//   npm run bench                          every size, every measurement
//   npm run bench -- --sizes 100,1000      some sizes only
//   npm run bench -- --quick               fewer repetitions, no dclint, one VS Code window
//   npm run bench -- --no-cli --no-dclint  in-process measurements only
//   npm run bench -- --no-vscode           no load time read from a real VS Code
//   npm run bench -- --no-monorepo         without the monorepo of corpus repositories

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkPath, checkPathParallel } from '../src/core/check';
import { discover, DEFAULT_DISCOVER } from '../src/core/discover';
import type { Finding } from '../src/core/model';
import { parseByKind, sourceKindIn } from '../src/core/parsers/dispatch';
import { readEnvVariables } from '../src/core/parsers/env';
import { FolderModel } from '../src/core/project/folderModel';
import { serviceKey } from '../src/core/syntax/names';
import { dirOf, envFileIn } from '../src/core/syntax/paths';
import { mentionsOn, placesOn } from '../src/core/query/lookup';
import { generate, SIZES, type GeneratedWorkspace, type Planted } from './generate';
import { buildMonorepo, compareFindings, CORPUS_DIR, corpusRepos, findingsOfCopiesAlone, keyOfFinding, MONOREPO_SIZES, multiset, type CorpusRepo, type FindingKey } from './monorepo';
import { measureVscodeLoad, type ActivationTimes } from './vscodeLoad';

// Run from bench/run.ts (tsx) or from its bundle, dist/bench.js: both sit one folder below the repository.
const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const EXTENSION = path.join(REPO, 'dist', 'extension.js');
/** What dist/extension.js loads (src/load/extension.ts): the extension's code is the two together. */
const EXTENSION_BUNDLE = path.join(REPO, 'dist', 'extension.bundle.js');
/** The bundles' V8 code caches (src/load/codeCache.ts): removed as a run starts, so every run writes its own. */
const CODE_CACHE = path.join(REPO, 'dist', 'v8-cache');
const DCLINT = path.join(REPO, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
/** dclint's runs at 1,000 files (about 15-30 s each here): its median is judged. */
const DCLINT_RUNS = 3;
const RESULTS = path.join(REPO, 'bench', 'results.json');

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  sizes: number[];
  quick: boolean;
  cli: boolean;
  dclint: boolean;
  /** The monorepo of corpus repositories, at the sizes of MONOREPO_SIZES among `sizes`. */
  monorepo: boolean;
  /** Windows of real VS Code to read the extension's load time from (0: none). */
  vscodeWindows: number;
  dclintTimeoutMs: number;
  edits: number;
  lookups: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { sizes: [...SIZES], quick: false, cli: true, dclint: true, monorepo: true, vscodeWindows: 3, dclintTimeoutMs: 600_000, edits: 200, lookups: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--sizes') opts.sizes = argv[++i].split(',').map(Number);
    else if (arg === '--quick') opts.quick = true;
    else if (arg === '--no-cli') opts.cli = false;
    else if (arg === '--no-dclint') opts.dclint = false;
    else if (arg === '--no-vscode') opts.vscodeWindows = 0;
    else if (arg === '--no-monorepo') opts.monorepo = false;
    else if (arg === '--dclint-timeout') opts.dclintTimeoutMs = Number(argv[++i]) * 1000;
    else throw new Error(`unknown option ${arg}`);
  }
  if (opts.quick) {
    opts.dclint = false;
    opts.vscodeWindows = Math.min(opts.vscodeWindows, 1);
  }
  return opts;
}

/** Runs of `portolan check` on a workspace: each takes seconds at 10,000 files. */
function cliRuns(size: number, opts: Options): number {
  if (opts.quick) return 1;
  return size >= 10_000 ? 3 : 5;
}

/** Repetitions of a whole-workspace measurement: more for small workspaces, where noise is larger. */
function reps(size: number, opts: Options): number {
  if (opts.quick) return size >= 10_000 ? 1 : 3;
  return size >= 10_000 ? 3 : size >= 1000 ? 5 : 9;
}

// ---------------------------------------------------------------------------------------------
// Statistics

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with --expose-gc');
  g();
  g();
}

/** A seeded PRNG for choosing edits and lookups, so runs are comparable. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Results

/** Findings by kind: the planted rules, other warnings and errors (must be 0), and infos (allowed). */
type Counts = Planted & { other: number; info: number };

interface SizeResult {
  files: number;
  bytes: number;
  floor_ms: number;
  parse_ms: number;
  cold_ms: number;
  incremental_median_ms: number;
  incremental_p95_ms: number;
  /** The same for edits of a `.env` that compose files beside it interpolate (not judged). */
  incremental_env_median_ms: number;
  incremental_env_p95_ms: number;
  hover_median_ms: number;
  heap_mb: number;
  cli_ms: number | null;
  /** Without the code cache: the first run after an install. */
  cli_no_cache_ms: number | null;
  cli_rss_mb: number | null;
  planted: Planted;
  found: Counts;
  dclint_ms?: number | null;
}

/** Measurements printed for diagnosis but not part of results.json. */
interface Extra {
  parseByKind: Record<string, number>;
  infoByRule: Record<string, number>;
  coldSingleMs: number;
  checkerBuildMs: number;
  hoverLookupBuildMs: number;
  heapBaselineMb: number;
  cliFound?: Counts;
  cliCpuMs?: number | null;
  dclint?: string;
  dclintCpuMs?: number | null;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Checking what the engine found against what was planted

function countFindings(findings: ReadonlyArray<Pick<Finding, 'rule' | 'severity'>>): Counts {
  const counts: Counts = { 'port-conflict': 0, 'port-mismatch': 0, other: 0, info: 0 };
  for (const f of findings) {
    if (f.rule === 'port-conflict' || f.rule === 'port-mismatch') counts[f.rule]++;
    else if (f.severity === 'info') counts.info++;
    else counts.other++;
  }
  return counts;
}

/**
 * Each warning and error must be a planted problem, at its file, port and service, and each plant
 * must be found once. Infos (kept-free-port, unregistered-port) are counted, not judged.
 */
function verify(ws: GeneratedWorkspace, findings: readonly Finding[]): string[] {
  const problems: string[] = [];
  const left = [...ws.plants];
  for (const f of findings) {
    if (f.severity === 'info' && f.rule !== 'port-conflict' && f.rule !== 'port-mismatch') continue;
    const i = left.findIndex((p) => p.rule === f.rule && p.file === f.loc.file && p.port === f.port && serviceKey(p.service) === serviceKey(f.service ?? ''));
    if (i >= 0) left.splice(i, 1);
    else problems.push(`unexpected ${f.severity} ${f.rule} at ${f.loc.file}:${f.loc.span.startLine}: ${f.message}`);
  }
  for (const p of left) problems.push(`missed planted ${p.rule} in ${p.file} (${p.service} on ${p.port}: ${p.note})`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// In-process measurements

/** `fs.readFileSync` of every file, nothing else. */
function readAll(root: string, files: string[]): number {
  return timeIt(() => {
    for (const f of files) fs.readFileSync(path.join(root, f));
  });
}

/**
 * What `portolan check` does in-process (with parse workers on 3+ cores from 8,000 files), and the
 * floor, taken in turns: a floor before each check and one after the last, so that cold / floor
 * compares times taken under the same load on a shared machine.
 */
async function measureFloorAndCold(root: string, files: string[], n: number): Promise<{ floorMs: number; ms: number; findings: readonly Finding[]; problems: string[] }> {
  const floors = [readAll(root, files)];
  const times: number[] = [];
  let findings: readonly Finding[] = [];
  const problems: string[] = [];
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    const result = await checkPathParallel(root);
    times.push(performance.now() - t0);
    findings = result.findings;
    problems.push(...result.workerFailures.map((f) => `a parse worker failed: ${f}`));
    floors.push(readAll(root, files));
  }
  return { floorMs: median(floors), ms: median(times), findings, problems };
}

/** The same check on this thread alone (checkPath, which the tests and the server's cold start mirror). */
function measureColdSingle(root: string, n: number): number {
  return median(Array.from({ length: n }, () => timeIt(() => checkPath(root))));
}

function folderNameOf(file: string, rootName: string): string {
  const dir = dirOf(file);
  return dir === '' ? rootName : dir.slice(dir.lastIndexOf('/') + 1);
}

/** parseByKind alone on every file, texts and sibling `.env` variables read beforehand. */
function measureParse(root: string, files: string[], n: number): { ms: number; byKind: Record<string, number> } {
  const rootName = path.basename(root);
  const inputs = files.flatMap((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    // A YAML file of another name is a compose file or a Kubernetes manifest by its content.
    const kind = sourceKindIn(file, text);
    if (kind === undefined) return [];
    let env: Map<string, string> | undefined;
    if (kind === 'compose') {
      const envFile = path.join(root, envFileIn(dirOf(file)));
      if (fs.existsSync(envFile)) env = readEnvVariables(fs.readFileSync(envFile, 'utf8'));
    }
    return [{ file, kind, text, ctx: { file, env, folderName: folderNameOf(file, rootName) } }];
  });
  const totals: number[] = [];
  const byKindRuns: Array<Record<string, number>> = [];
  for (let r = 0; r < n; r++) {
    const byKind: Record<string, number> = {};
    let total = 0;
    for (const input of inputs) {
      const t0 = performance.now();
      parseByKind(input.kind, input.text, input.ctx);
      const dt = performance.now() - t0;
      total += dt;
      byKind[input.kind] = (byKind[input.kind] ?? 0) + dt;
    }
    totals.push(total);
    byKindRuns.push(byKind);
  }
  const byKind: Record<string, number> = {};
  for (const kind of Object.keys(byKindRuns[0] ?? {})) byKind[kind] = median(byKindRuns.map((b) => b[kind] ?? 0));
  return { ms: median(totals), byKind };
}

export interface Live {
  model: FolderModel;
  baseline: readonly Finding[];
  checkerBuildMs: number;
}

/** What a language server holds: the FolderModel of the folder, every file read, checked once. */
export function buildLive(root: string, files: string[]): Live {
  const read = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : undefined);
  const model = new FolderModel({ read, rootName: path.basename(root) });
  for (const file of files) model.update(file);
  const checkerBuildMs = timeIt(() => model.findings());
  return { model, baseline: model.findings(), checkerBuildMs };
}

/** An edit as the server applies it: the model re-reads the file (and what depends on it), then the findings. */
export function applyEdit(live: Live, file: string, text: string): readonly string[] {
  const changed = live.model.update(file, text);
  live.model.findings();
  return changed;
}

export interface Edit {
  file: string;
  before: string;
  after: string;
}

/** Edits that change one published port (written as plain digits) in one compose file. */
export function planEdits(root: string, live: Live, composeFiles: string[], count: number): Edit[] {
  const random = rng(0xed17 ^ composeFiles.length);
  const edits: Edit[] = [];
  const texts = new Map<string, string>();
  for (let guard = 0; edits.length < count && guard < count * 20; guard++) {
    const file = composeFiles[Math.floor(random() * composeFiles.length)];
    const facts = live.model.facts(file);
    if (!facts) continue;
    if (!texts.has(file)) texts.set(file, fs.readFileSync(path.join(root, file), 'utf8'));
    const text = texts.get(file)!;
    const candidates = facts.allocations.filter((a) => a.endPort === undefined && /^\d+$/.test(text.slice(a.loc.span.startOffset, a.loc.span.endOffset)));
    if (candidates.length === 0) continue;
    const a = candidates[Math.floor(random() * candidates.length)];
    const port = a.port + 1000 <= 65535 ? a.port + 1000 : a.port - 1000;
    const after = text.slice(0, a.loc.span.startOffset) + String(port) + text.slice(a.loc.span.endOffset);
    edits.push({ file, before: text, after });
  }
  return edits;
}

/**
 * Edits of `.env` files that compose files beside them interpolate: one `*_PORT=` value changed.
 * Each re-parses those compose files, as the server does.
 */
export function planEnvEdits(root: string, live: Live, count: number): Edit[] {
  const envs = live.model.snapshot().files.filter((f) => f.kind === 'env' && path.posix.basename(f.file) === '.env'
    && live.model.snapshot().files.some((c) => c.kind === 'compose' && dirOf(c.file) === dirOf(f.file)));
  const edits: Edit[] = [];
  for (const facts of envs) {
    if (edits.length >= count) break;
    const text = fs.readFileSync(path.join(root, facts.file), 'utf8');
    const m = /^([A-Z][A-Z0-9_]*_PORT)=(\d+)$/m.exec(text);
    if (!m) continue;
    const port = Number(m[2]);
    const at = m.index + m[1].length + 1;
    edits.push({ file: facts.file, before: text, after: text.slice(0, at) + String(port + 1000 <= 65535 ? port + 1000 : port - 1000) + text.slice(at + m[2].length) });
  }
  return edits;
}

function measureIncremental(live: Live, edits: Edit[], expectReparsed = false): { median: number; p95: number; problems: string[] } {
  const times: number[] = [];
  const problems: string[] = [];
  // Warm-up: the first edits pay for compiling the incremental paths.
  for (const e of edits.slice(0, 10)) {
    applyEdit(live, e.file, e.after);
    applyEdit(live, e.file, e.before);
  }
  for (const e of edits) {
    const t0 = performance.now();
    const changed = applyEdit(live, e.file, e.after);
    times.push(performance.now() - t0);
    if (expectReparsed && changed.length < 2) problems.push(`an edit of ${e.file} re-read ${changed.join(', ')}, not the compose files beside it`);
    // Undone outside the timing, so every edit starts from the generated workspace.
    applyEdit(live, e.file, e.before);
  }
  const after = countFindings(live.model.findings());
  const before = countFindings(live.baseline);
  if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`after undoing every edit the findings are ${JSON.stringify(after)}, not ${JSON.stringify(before)}`);
  return { median: median(times), p95: quantile(times, 0.95), problems };
}

/**
 * Hover: port → owners and places, through the lookups the server's hover uses (placesOn and
 * mentionsOn of src/core/query/lookup.ts, on the rule input the server keeps per index version).
 * The first question builds the lookup; its time is reported apart, as "lookup built".
 */
function measureHover(live: Live, lookups: number): { median: number; buildMs: number } {
  const input = live.model.snapshot().input;
  const known = [...new Set([...input.places.map((p) => p.port), ...input.files.flatMap((f) => f.mentions.map((m) => m.port))])];
  const buildMs = timeIt(() => placesOn(input, known[0], known[0]));
  const random = rng(0x4070);
  const ports = Array.from({ length: lookups }, () => (random() < 0.8 ? known[Math.floor(random() * known.length)] : 1 + Math.floor(random() * 65535)));
  const times: number[] = [];
  let sink = 0;
  for (const port of ports) {
    const t0 = performance.now();
    const places = placesOn(input, port, port);
    const owners = new Set(places.filter((p) => !p.claim).map((p) => p.service));
    const written = [...places.map((p) => p.loc), ...mentionsOn(input, port, port).map((m) => m.loc)].slice(0, 15).map((l) => `${l.file}:${l.span.startLine}`);
    sink += owners.size + written.length;
    times.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink);
  return { median: median(times), buildMs };
}

// ---------------------------------------------------------------------------------------------
// Whole processes

interface ProcessRun {
  ms: number;
  rssMb: number | null;
  /** User + system CPU time: on a busy machine wall time is inflated, CPU time much less. */
  cpuMs: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const HAS_TIME = fs.existsSync('/usr/bin/time');

/**
 * The environment of every measured process: this one's, without NODE_EXTRA_CA_CERTS. Node reads
 * and parses that certificate file when it starts, whether or not the process ever opens a TLS
 * connection (about 80 ms per process on the machine this was written on, which sets it for its
 * proxy), and neither portolan nor dclint makes a network request. Both tools get the same.
 */
const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env };
delete CHILD_ENV.NODE_EXTRA_CA_CERTS;
delete CHILD_ENV.PORTOLAN_CODE_CACHE;
/**
 * The same with the bundles' V8 code cache off (src/load/codeCache.ts): what the first run after
 * an install or an upgrade costs, measured beside every run that has the cache.
 */
const NO_CACHE_ENV: NodeJS.ProcessEnv = { ...CHILD_ENV, PORTOLAN_CODE_CACHE: 'off' };

/** What starting Node costs with and without NODE_EXTRA_CA_CERTS (medians), when it is set. */
function extraCaCertsCost(): { with: number; without: number } | undefined {
  if (!process.env.NODE_EXTRA_CA_CERTS) return undefined;
  const start = (env: NodeJS.ProcessEnv) => median(Array.from({ length: 9 }, () => timeIt(() => spawnSync(process.execPath, ['-e', ''], { env }))));
  return { with: start(process.env), without: start(CHILD_ENV) };
}

/** Wall time and peak RSS of a process (GNU time -v when there is one). */
function runProcess(args: string[], cwd: string, timeoutMs: number, env = CHILD_ENV): ProcessRun {
  const timeFile = path.join(os.tmpdir(), `portolan-bench-time-${process.pid}.txt`);
  const command = HAS_TIME ? '/usr/bin/time' : process.execPath;
  const argv = HAS_TIME ? ['-v', '-o', timeFile, process.execPath, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(command, argv, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30, timeout: timeoutMs, killSignal: 'SIGKILL' });
  const ms = performance.now() - t0;
  let rssMb: number | null = null;
  let cpuMs: number | null = null;
  if (HAS_TIME && fs.existsSync(timeFile)) {
    const report = fs.readFileSync(timeFile, 'utf8');
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (m) rssMb = Number(m[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const system = /System time \(seconds\): ([\d.]+)/.exec(report);
    if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
    fs.rmSync(timeFile, { force: true });
  }
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { ms, rssMb, cpuMs, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

/**
 * `n` runs with the code cache and `n` without, taken in turns so both see the same load. Findings,
 * RSS and CPU time are those of the runs with the cache, which every run but the first after an
 * install has.
 */
function measureCli(root: string, n: number, afterRun: (run: number) => void = () => undefined): { ms: number; noCacheMs: number; cpuMs: number | null; rssMb: number | null; found: Counts; findings: Finding[]; problems: string[] } {
  const times: number[] = [];
  const noCacheTimes: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  let findings: Finding[] = [];
  const problems: string[] = [];
  const args = [CLI, 'check', root, '--format', 'json', '--fail-on', 'never'];
  for (let r = 0; r < n; r++) {
    const run = runProcess(args, REPO, 300_000);
    const noCache = runProcess(args, REPO, 300_000, NO_CACHE_ENV);
    const failed = [run, noCache].find((x) => x.status !== 0);
    if (failed) {
      problems.push(`portolan check exited ${failed.status}${failed.timedOut ? ' (timed out)' : ''}: ${failed.stderr.slice(0, 500)}`);
      break;
    }
    if (noCache.stdout !== run.stdout) problems.push('portolan check reported differently without its code cache');
    times.push(run.ms);
    noCacheTimes.push(noCache.ms);
    if (run.rssMb !== null) rss.push(run.rssMb);
    if (run.cpuMs !== null) cpu.push(run.cpuMs);
    const json = JSON.parse(run.stdout) as { findings: Array<{ rule: Finding['rule']; severity: Finding['severity']; file: string; line: number; port?: number; service?: string; message: string }> };
    findings = json.findings.map((f) => ({
      rule: f.rule, severity: f.severity, message: f.message, port: f.port, service: f.service, related: [],
      loc: { file: f.file, span: { startOffset: 0, startLine: f.line, startColumn: 1, endOffset: 0, endLine: f.line, endColumn: 1 } },
    }));
    afterRun(r);
  }
  return { ms: median(times), noCacheMs: median(noCacheTimes), cpuMs: cpu.length > 0 ? median(cpu) : null, rssMb: rss.length > 0 ? Math.max(...rss) : null, found: countFindings(findings), findings, problems };
}

function measureDclint(root: string, composeFiles: string[], timeoutMs: number): { ms: number | null; cpuMs?: number | null; note: string } {
  if (!fs.existsSync(DCLINT)) return { ms: null, note: 'dclint is not installed (npm install)' };
  // One process over every compose file, as CI would run it, with a JSON report so it can be
  // counted. The report goes to a file: dclint exits before a large report is through a pipe.
  const report = path.join(os.tmpdir(), `portolan-bench-dclint-${process.pid}.json`);
  const run = runProcess([DCLINT, ...composeFiles, '-f', 'json', '-o', report], root, timeoutMs);
  if (run.timedOut) return { ms: null, note: `timed out after ${(timeoutMs / 1000).toFixed(0)} s on ${composeFiles.length} files` };
  let reported: string;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as Array<{ errorCount: number; warningCount: number }>;
    const errors = json.reduce((n, f) => n + f.errorCount, 0);
    const warnings = json.reduce((n, f) => n + f.warningCount, 0);
    reported = `${json.length} files in its report, ${errors} errors and ${warnings} warnings`;
  } catch {
    reported = `no JSON report: ${(run.stderr || run.stdout).slice(0, 200)}`;
  } finally {
    fs.rmSync(report, { force: true });
  }
  const rss = run.rssMb === null ? '' : `, peak RSS ${run.rssMb.toFixed(0)} MB`;
  const cpu = run.cpuMs === null ? '' : `, CPU ${(run.cpuMs / 1000).toFixed(1)} s`;
  return { ms: run.ms, cpuMs: run.cpuMs, note: `${composeFiles.length} compose files in ${(run.ms / 1000).toFixed(1)} s${cpu}${rss}, exit ${run.status}, ${reported}` };
}

/**
 * The runtime names of VS Code's API (namespaces, classes, enums, constants and functions), from
 * @types/vscode: what a stand-in of the API object needs to be the same shape.
 */
function vscodeApiNames(): string[] {
  const types = fs.readFileSync(path.join(REPO, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  return [...new Set([...types.matchAll(/^\texport (?:namespace|class|enum|const|let|function) ([A-Za-z0-9_]+)/gm)].map((m) => m[1]))];
}

/**
 * require() of dist/extension.js in fresh processes, with a stub 'vscode' module, `n` times with
 * the code cache and `n` times without, in turns (the first load with it writes the cache as its
 * process exits). `hostLike` measures it closer to an extension host: Node's common built-ins
 * already loaded, and 'vscode' a plain object with the API's names (each a stub), as VS Code's
 * is. The bare form with the cache is what the target is judged on; the others are printed.
 */
export function measureLoad(n: number, file = EXTENSION, hostLike = false): { ms: number; noCacheMs: number } {
  const api = hostLike ? JSON.stringify(vscodeApiNames()) : 'undefined';
  const script = `
const Module = require('node:module');
const api = ${api};
if (api) for (const m of ['child_process', 'crypto', 'events', 'fs', 'net', 'os', 'path', 'stream', 'url', 'util']) require('node:' + m);
const stubPath = require('node:path').join(require('node:os').tmpdir(), 'portolan-bench-vscode-stub.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stubPath : resolve.call(this, request, ...rest);
};
// Every property is a stub that can be called and constructed. The bundle copies a module's own
// properties (esbuild's __toESM), so the names are served from the prototype as well; TypeScript's
// __importStar takes an __esModule module as it is.
const value = (key) => (key === Symbol.toPrimitive ? () => '' : key === '__esModule' ? true : key === 'then' ? undefined : stub());
const proto = new Proxy({}, { get: (target, key) => value(key) });
const stub = () => new Proxy(function () {}, {
  get: (target, key) => value(key),
  apply: () => stub(),
  construct: () => stub(),
  getPrototypeOf: () => proto,
});
const vscodeModule = api ? Object.fromEntries(api.map((name) => [name, stub()])) : stub();
require.cache[stubPath] = { id: stubPath, filename: stubPath, loaded: true, exports: vscodeModule };
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
require(${JSON.stringify(file)});
process.stdout.write(String(performance.now() - t0));
`;
  const load = (env: NodeJS.ProcessEnv) => {
    const run = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`loading dist/extension.js failed: ${run.stderr}`);
    return Number(run.stdout);
  };
  const times: number[] = [];
  const noCacheTimes: number[] = [];
  for (let r = 0; r < n; r++) {
    times.push(load(CHILD_ENV));
    noCacheTimes.push(load(NO_CACHE_ENV));
  }
  return { ms: median(times), noCacheMs: median(noCacheTimes) };
}

// ---------------------------------------------------------------------------------------------
// One size

async function measureSize(size: number, opts: Options): Promise<{ result: SizeResult; extra: Extra }> {
  const ws = generate(size);
  const { files } = discover(ws.root, DEFAULT_DISCOVER);
  const n = reps(size, opts);
  const problems: string[] = [];
  if (files.length !== ws.files) problems.push(`discovered ${files.length} files, generated ${ws.files}`);
  log(`  ${size}: ${ws.files} files, ${(ws.bytes / 1e6).toFixed(1)} MB; floor and cold`);
  const cold = await measureFloorAndCold(ws.root, files, n);
  const floor = cold.floorMs;
  problems.push(...cold.problems, ...verify(ws, cold.findings));
  // Only counts are kept: the findings must not weigh on the heap measured below.
  const found = countFindings(cold.findings);
  const infoByRule: Record<string, number> = {};
  for (const f of cold.findings) if (f.severity === 'info') infoByRule[f.rule] = (infoByRule[f.rule] ?? 0) + 1;
  cold.findings = [];
  const coldSingle = measureColdSingle(ws.root, n);
  log('parse');
  const parse = measureParse(ws.root, files, n);
  log('incremental');
  gc();
  const heapBaseline = process.memoryUsage().heapUsed;
  const live = buildLive(ws.root, files);
  const edits = planEdits(ws.root, live, ws.composeFiles, opts.edits);
  const incremental = measureIncremental(live, edits);
  problems.push(...incremental.problems);
  const envEdits = planEnvEdits(ws.root, live, opts.edits);
  if (envEdits.length === 0) problems.push('no .env beside a compose file to edit');
  const envIncremental = measureIncremental(live, envEdits, true);
  problems.push(...envIncremental.problems);
  log('hover');
  const hover = measureHover(live, opts.lookups);
  gc();
  const heap = process.memoryUsage().heapUsed;
  // Keep the index and the checker alive until the heap was read.
  if (live.model.size !== files.length) problems.push(`indexed ${live.model.size} files of ${files.length}`);
  // dclint runs between the CLI's runs, so both are timed under the same load on a shared machine.
  const dclintRuns: Array<ReturnType<typeof measureDclint>> = [];
  const runDclint = opts.dclint && size === 1000 ? () => {
    log('dclint');
    dclintRuns.push(measureDclint(ws.root, ws.composeFiles, opts.dclintTimeoutMs));
  } : undefined;
  let cli: ReturnType<typeof measureCli> | undefined;
  if (opts.cli) {
    log('cli');
    cli = measureCli(ws.root, cliRuns(size, opts), (run) => {
      if (run < DCLINT_RUNS) runDclint?.();
    });
    problems.push(...cli.problems, ...verify(ws, cli.findings).map((p) => `CLI: ${p}`));
  } else {
    for (let run = 0; run < DCLINT_RUNS; run++) runDclint?.();
  }
  const dclintTimes = dclintRuns.flatMap((d) => (d.ms === null ? [] : [d.ms]));
  const dclintCpu = dclintRuns.flatMap((d) => (d.cpuMs == null ? [] : [d.cpuMs]));
  const dclint = dclintRuns.length === 0 ? undefined : {
    ms: dclintTimes.length > 0 ? median(dclintTimes) : null,
    cpuMs: dclintCpu.length > 0 ? median(dclintCpu) : null,
    note: `${dclintRuns.length} runs (${dclintTimes.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s), the first: ${dclintRuns[0].note}`,
  };
  log('\n');
  const result: SizeResult = {
    files: ws.files,
    bytes: ws.bytes,
    floor_ms: round(floor),
    parse_ms: round(parse.ms),
    cold_ms: round(cold.ms),
    incremental_median_ms: round(incremental.median, 3),
    incremental_p95_ms: round(incremental.p95, 3),
    incremental_env_median_ms: round(envIncremental.median, 3),
    incremental_env_p95_ms: round(envIncremental.p95, 3),
    hover_median_ms: round(hover.median, 5),
    heap_mb: round(heap / 2 ** 20, 1),
    cli_ms: cli ? round(cli.ms) : null,
    cli_no_cache_ms: cli ? round(cli.noCacheMs) : null,
    cli_rss_mb: cli?.rssMb != null ? round(cli.rssMb, 1) : null,
    planted: ws.planted,
    found,
  };
  if (size === 1000) result.dclint_ms = dclint?.ms != null ? round(dclint.ms) : null;
  const extra: Extra = {
    infoByRule,
    parseByKind: Object.fromEntries(Object.entries(parse.byKind).map(([k, v]) => [k, round(v)])),
    coldSingleMs: round(coldSingle),
    checkerBuildMs: round(live.checkerBuildMs),
    hoverLookupBuildMs: round(hover.buildMs),
    heapBaselineMb: round(heapBaseline / 2 ** 20, 1),
    cliFound: cli?.found,
    cliCpuMs: cli?.cpuMs,
    dclint: dclint?.note,
    dclintCpuMs: dclint?.cpuMs,
    problems,
  };
  return { result, extra };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Medians of load and activate times, each taken apart; undefined when no window listed the extension. */
function medianTimes(times: Array<ActivationTimes | undefined>): ActivationTimes | undefined {
  const listed = times.filter((t): t is ActivationTimes => t !== undefined);
  if (listed.length === 0) return undefined;
  return { loadMs: median(listed.map((t) => t.loadMs)), activateMs: median(listed.map((t) => t.activateMs)) };
}

function log(text: string): void {
  process.stderr.write(text.endsWith('\n') || text.startsWith('  ') ? text : ` ${text}`);
}

// ---------------------------------------------------------------------------------------------
// The monorepo of corpus repositories (bench/monorepo.ts)

interface MonorepoResult {
  files: number;
  bytes: number;
  copies: number;
  repositories: number;
  /** `portolan check` on the whole workspace, as for the generated ones: wall time (median) and peak RSS. */
  cli_ms: number | null;
  cli_rss_mb: number | null;
  cli_ms_per_file: number | null;
  /** checkPath of the whole workspace in this process (median). */
  check_path_ms: number;
  findings: Record<Finding['severity'], number>;
  /** The whole workspace's findings (checkPath, and the CLI's) equal the copies' checked alone. */
  findings_equal: boolean;
  /** Findings only in the whole workspace, only in the copies checked alone (checkPath's). */
  only_in_workspace: number;
  only_in_copies: number;
  /** Findings of the CLI and of checkPath on the whole workspace that the other lacks. */
  cli_vs_check_path: number | null;
  /** The first ten differences. */
  first_differences: string[];
}

/** Printed for diagnosis, not in results.json. */
interface MonorepoExtra {
  buildMs: number;
  aloneMs: number;
  cliCpuMs: number | null;
  problems: string[];
}

/** Findings of `portolan check --format json`, as compared. */
function cliFindingKeys(stdout: string): FindingKey[] {
  const json = JSON.parse(stdout) as { findings: FindingKey[] };
  return json.findings.map(({ rule, severity, file, line, column, port }) => ({ rule, severity, file, line, column, port }));
}

function severities(keys: readonly FindingKey[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const k of keys) counts[k.severity as Finding['severity']]++;
  return counts;
}

/** Runs of `portolan check` on the workspace: the median wall time, the largest RSS, the last run's findings. */
function measureMonorepoCli(root: string, n: number): { ms: number; rssMb: number | null; cpuMs: number | null; keys: FindingKey[]; problems: string[] } {
  const times: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  let keys: FindingKey[] = [];
  for (let r = 0; r < n; r++) {
    const run = runProcess([CLI, 'check', root, '--format', 'json', '--fail-on', 'never'], REPO, 300_000);
    if (run.status !== 0) return { ms: NaN, rssMb: null, cpuMs: null, keys, problems: [`portolan check exited ${run.status}${run.timedOut ? ' (timed out)' : ''}: ${run.stderr.slice(0, 500)}`] };
    times.push(run.ms);
    if (run.rssMb !== null) rss.push(run.rssMb);
    if (run.cpuMs !== null) cpu.push(run.cpuMs);
    keys = cliFindingKeys(run.stdout);
  }
  return { ms: median(times), rssMb: rss.length > 0 ? Math.max(...rss) : null, cpuMs: cpu.length > 0 ? median(cpu) : null, keys, problems: [] };
}

/**
 * Builds the workspace, times checkPath and `portolan check` on it, and compares its findings with
 * the copies' checked alone: the copies are independent projects, so a finding of one copy that
 * depends on another is wrong however fast it came.
 */
function measureMonorepo(size: number, repos: readonly CorpusRepo[], opts: Options): { result: MonorepoResult; extra: MonorepoExtra } {
  log(`  monorepo ${size}: build`);
  const t0 = performance.now();
  const ws = buildMonorepo(size, repos);
  const buildMs = performance.now() - t0;
  const problems: string[] = [];
  // The cut last copy makes the size exact; more than 1% off and the two sizes' time per file
  // would not compare like for like.
  if (Math.abs(ws.files - size) > size / 100) problems.push(`the workspace has ${ws.files} port sources, not ${size}`);
  log('checkPath');
  let whole: FindingKey[] = [];
  const checkMs = median(Array.from({ length: reps(size, opts) }, () => timeIt(() => { whole = checkPath(ws.root).findings.map(keyOfFinding); })));
  log('copies alone');
  const t1 = performance.now();
  const alone = findingsOfCopiesAlone(ws);
  const aloneMs = performance.now() - t1;
  const wholeSet = multiset(whole);
  const diff = compareFindings(wholeSet, alone, ['in the whole workspace', 'in the copies checked alone']);
  let cli: ReturnType<typeof measureMonorepoCli> | undefined;
  let cliDiff: ReturnType<typeof compareFindings> | undefined;
  if (opts.cli) {
    log('cli');
    cli = measureMonorepoCli(ws.root, cliRuns(size, opts));
    problems.push(...cli.problems);
    // The CLI runs the same engine, so its findings are compared with checkPath's: a difference
    // there is the CLI's own, not one of those above listed again.
    if (cli.problems.length === 0) cliDiff = compareFindings(multiset(cli.keys), wholeSet, ['in the CLI', 'in checkPath']);
  }
  log('\n');
  const cliVsCheckPath = cliDiff ? cliDiff.onlyInA + cliDiff.onlyInB : null;
  const equal = diff.equal && (cliDiff?.equal ?? true);
  const cliMs = cli && cli.problems.length === 0 ? round(cli.ms) : null;
  const result: MonorepoResult = {
    files: ws.files,
    bytes: ws.bytes,
    copies: ws.copies.length,
    repositories: new Set(ws.copies.map((c) => c.repo.dir)).size,
    cli_ms: cliMs,
    cli_rss_mb: cli?.rssMb != null ? round(cli.rssMb, 1) : null,
    cli_ms_per_file: cliMs === null ? null : round(cliMs / ws.files, 4),
    check_path_ms: round(checkMs),
    findings: severities(whole),
    findings_equal: equal,
    only_in_workspace: diff.onlyInA,
    only_in_copies: diff.onlyInB,
    cli_vs_check_path: cliVsCheckPath,
    first_differences: [...diff.first, ...(cliDiff?.first ?? []).map((d) => `CLI: ${d}`)].slice(0, 10),
  };
  if (!diff.equal) problems.push(`the whole workspace's findings are not its copies' checked alone: ${diff.onlyInA} only in the workspace, ${diff.onlyInB} only in the copies`);
  if (cliVsCheckPath) problems.push(`the CLI and checkPath differ by ${cliVsCheckPath} findings on the whole workspace`);
  return { result, extra: { buildMs: round(buildMs), aloneMs: round(aloneMs), cliCpuMs: cli?.cpuMs ?? null, problems } };
}

/** The monorepo case at the selected sizes it is built for, or why it did not run. */
function measureMonorepos(opts: Options): { sizes: Record<string, MonorepoResult>; extras: Record<string, MonorepoExtra>; note?: string } {
  const sizes = opts.sizes.filter((s) => MONOREPO_SIZES.includes(s));
  const none = (note: string) => ({ sizes: {}, extras: {}, note });
  if (!opts.monorepo) return none('--no-monorepo');
  if (sizes.length === 0) return none(`only built at ${MONOREPO_SIZES.join(' and ')} files`);
  if (!fs.existsSync(CORPUS_DIR)) return none(`no corpus at ${CORPUS_DIR}`);
  const repos = corpusRepos();
  const out: ReturnType<typeof measureMonorepos> = { sizes: {}, extras: {} };
  for (const size of sizes) {
    const { result, extra } = measureMonorepo(size, repos, opts);
    out.sizes[String(size)] = result;
    out.extras[String(size)] = extra;
  }
  return out;
}

function monorepoTable(sizes: Record<string, MonorepoResult>): string {
  const keys = Object.keys(sizes);
  const row = (label: string, f: (s: MonorepoResult) => string) => [label, ...keys.map((k) => f(sizes[k]))];
  return table([
    ['monorepo of corpus repositories', ...keys.map((k) => `${Number(k).toLocaleString('en')} files`)],
    row('port sources', (s) => fmt(s.files, 0)),
    row('copies (of repositories)', (s) => `${s.copies} (${s.repositories})`),
    row('bytes (MB)', (s) => fmt(s.bytes / 1e6, 1)),
    row('`portolan check` wall (ms)', (s) => fmt(s.cli_ms)),
    row('`portolan check` per file (ms)', (s) => fmt(s.cli_ms_per_file, 3)),
    row('`portolan check` peak RSS (MB)', (s) => fmt(s.cli_rss_mb)),
    row('checkPath in-process (ms)', (s) => fmt(s.check_path_ms)),
    row('errors / warnings / infos', (s) => `${s.findings.error} / ${s.findings.warning} / ${s.findings.info}`),
    row('findings only in the workspace / copies', (s) => `${s.only_in_workspace} / ${s.only_in_copies}`),
    row('findings = copies checked alone', (s) => (s.findings_equal ? 'yes' : 'no')),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Targets (issue 5, on a 2-core machine)

interface Target {
  name: string;
  value: number | null | undefined;
  limit: string;
  pass: boolean | null;
  /** Shown instead of the value (yes / no). */
  shown?: string;
}

function targets(sizes: Record<string, SizeResult>, bundleKb: number, loadMs: number, monorepo: Record<string, MonorepoResult>): Target[] {
  const s100 = sizes['100'];
  const s1k = sizes['1000'];
  const s10k = sizes['10000'];
  const out: Target[] = [];
  const add = (name: string, value: number | null | undefined, limit: number, unit: string, higherIsBetter = false) => {
    const known = value !== null && value !== undefined && Number.isFinite(value);
    out.push({ name, value: known ? value : null, limit: `${higherIsBetter ? '≥' : '≤'} ${limit}${unit}`, pass: known ? (higherIsBetter ? value >= limit : value <= limit) : null });
  };
  add('cold / floor at 10,000', s10k && s10k.cold_ms / s10k.floor_ms, 20, '×');
  add('dclint / check at 1,000', s1k?.dclint_ms && s1k.cli_ms ? s1k.dclint_ms / s1k.cli_ms : null, 20, '×', true);
  add('incremental median at 10,000 (ms)', s10k?.incremental_median_ms, 5, ' ms');
  add('incremental p95 at 10,000 (ms)', s10k?.incremental_p95_ms, 20, ' ms');
  add('incremental median 10,000 / 100', s10k && s100 && s10k.incremental_median_ms / s100.incremental_median_ms, 2, '×');
  add('incremental p95 10,000 / 100', s10k && s100 && s10k.incremental_p95_ms / s100.incremental_p95_ms, 2, '×');
  for (const [size, s] of Object.entries(sizes)) add(`hover median at ${Number(size).toLocaleString('en')} (ms)`, s.hover_median_ms, 0.05, ' ms');
  add('heap at 10,000 (MB)', s10k?.heap_mb, 150, ' MB');
  add('CLI peak RSS at 10,000 (MB)', s10k?.cli_rss_mb, 300, ' MB');
  add('CLI wall time at 10,000 (ms)', s10k?.cli_ms, 10_000, ' ms');
  add('dist/extension.js + its bundle (KB)', bundleKb, 1024, ' KB');
  add('extension load (ms)', loadMs, 50, ' ms');
  return [...out, ...monorepoTargets(monorepo)];
}

/** Copies checked together find what they find alone, and a workspace ten times larger costs no more than 1.5× per file. */
function monorepoTargets(monorepo: Record<string, MonorepoResult>): Target[] {
  const out: Target[] = Object.entries(monorepo).map(([size, m]) => ({
    name: `monorepo ${Number(size).toLocaleString('en')}: findings = copies alone`, value: null, shown: m.findings_equal ? 'yes' : 'no', limit: 'yes', pass: m.findings_equal,
  }));
  const perFile = (m: MonorepoResult | undefined) => (m?.cli_ms == null ? null : m.cli_ms / m.files);
  const [small, large] = [perFile(monorepo['1000']), perFile(monorepo['10000'])];
  const ratio = small !== null && large !== null ? large / small : null;
  out.push({ name: 'monorepo CLI time per file 10,000 / 1,000', value: ratio, limit: '≤ 1.5×', pass: ratio === null ? null : ratio <= 1.5 });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Output

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function fmt(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  // Small values keep three significant digits (a hover lookup takes well under a microsecond).
  if (x !== 0 && Math.abs(x) < 1) return String(Number(x.toPrecision(3)));
  return x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function resultsTable(sizes: Record<string, SizeResult>): string {
  const keys = Object.keys(sizes);
  const row = (label: string, f: (s: SizeResult) => string) => [label, ...keys.map((k) => f(sizes[k]))];
  return table([
    ['', ...keys.map((k) => `${Number(k).toLocaleString('en')} files`)],
    row('bytes (MB)', (s) => fmt(s.bytes / 1e6, 1)),
    row('floor: read every file (ms)', (s) => fmt(s.floor_ms)),
    row('parse: YAML + Markdown + env (ms)', (s) => fmt(s.parse_ms)),
    row('cold: discover, read, parse, rules (ms)', (s) => fmt(s.cold_ms)),
    row('cold / floor', (s) => `${fmt(s.cold_ms / s.floor_ms, 1)}×`),
    row('incremental median (ms)', (s) => fmt(s.incremental_median_ms, 2)),
    row('incremental p95 (ms)', (s) => fmt(s.incremental_p95_ms, 2)),
    row('.env edit median (ms)', (s) => fmt(s.incremental_env_median_ms, 2)),
    row('.env edit p95 (ms)', (s) => fmt(s.incremental_env_p95_ms, 2)),
    row('hover lookup median (ms)', (s) => fmt(s.hover_median_ms, 4)),
    row('heap after indexing (MB)', (s) => fmt(s.heap_mb)),
    row('`portolan check` wall (ms)', (s) => fmt(s.cli_ms)),
    row('`portolan check` peak RSS (MB)', (s) => fmt(s.cli_rss_mb)),
    row('dclint on the compose files (ms)', (s) => (s.dclint_ms === undefined ? '' : fmt(s.dclint_ms))),
    row('planted conflicts / found', (s) => `${s.planted['port-conflict']} / ${s.found['port-conflict']}`),
    row('planted mismatches / found', (s) => `${s.planted['port-mismatch']} / ${s.found['port-mismatch']}`),
    row('other warnings and errors', (s) => String(s.found.other)),
    row('infos (not judged)', (s) => String(s.found.info)),
  ]);
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    memory_gb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load_average: os.loadavg().map((x) => round(x, 2)),
    cpu_pressure: cpuPressure(),
  };
}

/** Share of the last minute some task waited for a CPU (Linux PSI): how busy the machine was. */
function cpuPressure(): string | null {
  try {
    const m = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? `some avg10=${m[1]}% avg60=${m[2]}%` : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(CLI) || !fs.existsSync(EXTENSION)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  fs.rmSync(CODE_CACHE, { recursive: true, force: true });
  const m = machine();
  console.log(`Portolan bench on ${m.cpus} × ${m.model}, ${m.memory_gb} GB, node ${m.node}, ${m.os}, load ${(m.load_average as number[]).join(' ')}, CPU pressure ${m.cpu_pressure ?? 'n/a'}`);
  const sizes: Record<string, SizeResult> = {};
  const extras: Record<string, Extra> = {};
  for (const size of opts.sizes) {
    const { result, extra } = await measureSize(size, opts);
    sizes[String(size)] = result;
    extras[String(size)] = extra;
  }
  const monorepo = measureMonorepos(opts);
  const bundleKb = round((fs.statSync(EXTENSION).size + fs.statSync(EXTENSION_BUNDLE).size) / 1024, 1);
  const load = measureLoad(opts.quick ? 5 : 15);
  const loadMs = round(load.ms, 2);
  const hostLikeLoadMs = round(measureLoad(opts.quick ? 5 : 15, EXTENSION, true).ms, 2);
  if (opts.vscodeWindows > 0) log(`VS Code: ${opts.vscodeWindows} window(s)`);
  const inVscode = opts.vscodeWindows > 0 ? await measureVscodeLoad(REPO, opts.vscodeWindows) : { runs: [], note: '--no-vscode' };
  const vscodeLoad = Object.fromEntries(['portolan.portolan', 'vscode.git'].map((id) => [id, medianTimes(inVscode.runs.map((r) => r[id]))]));
  const results = {
    machine: { ...m, load_average_after: os.loadavg().map((x) => round(x, 2)), cpu_pressure_after: cpuPressure() },
    sizes,
    monorepo: monorepo.note === undefined ? monorepo.sizes : { note: monorepo.note },
    bundle_kb: bundleKb,
    load_ms: loadMs,
    load_no_cache_ms: round(load.noCacheMs, 2),
    vscode_load: inVscode.runs.length > 0 ? { windows: inVscode.runs.length, ...vscodeLoad } : { note: inVscode.note },
  };
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  console.log('');
  console.log(resultsTable(sizes));
  console.log('');
  if (monorepo.note === undefined) {
    console.log(monorepoTable(monorepo.sizes));
    console.log('');
  } else {
    console.log(`monorepo of corpus repositories: not measured (${monorepo.note})`);
  }
  console.log(`dist/extension.js with the bundle it loads: ${fmt(bundleKb)} KB, require() in ${fmt(loadMs, 2)} ms (median of fresh processes, stub vscode), `
    + `${fmt(load.noCacheMs, 2)} ms without the code cache (the first load after an install)`);
  console.log(`  host-like (not judged): ${fmt(hostLikeLoadMs, 2)} ms with Node's common built-ins loaded first and 'vscode' a plain object of the API's names`);
  if (inVscode.runs.length > 0) {
    const shown = (id: string) => {
      const t = vscodeLoad[id];
      return t ? `${id} load code ${fmt(t.loadMs, 0)} ms, call activate ${fmt(t.activateMs, 0)} ms` : `${id} not listed`;
    };
    console.log(`  in VS Code 1.100's extension host (not judged; median of ${inVscode.runs.length} window${inVscode.runs.length === 1 ? '' : 's'}, as Developer: Startup Performance records it): ${shown('portolan.portolan')}; beside it ${shown('vscode.git')}`);
  } else {
    console.log(`  in VS Code: not measured (${inVscode.note})`);
  }
  console.log('');
  console.log('Diagnostics (not in results.json):');
  for (const [size, e] of Object.entries(extras)) {
    const kinds = Object.entries(e.parseByKind).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
    console.log(`  ${size}: cold on one thread ${fmt(e.coldSingleMs)} ms; parse by kind (ms) ${kinds}; Checker.update(all) ${fmt(e.checkerBuildMs)} ms; `
      + `hover lookup built in ${fmt(e.hoverLookupBuildMs)} ms; heap before indexing ${fmt(e.heapBaselineMb)} MB`);
    const infos = Object.entries(e.infoByRule).map(([rule, n]) => `${rule} ${n}`).join(', ');
    if (infos) console.log(`  ${size}: infos: ${infos}`);
    if (e.cliCpuMs != null) console.log(`  ${size}: portolan check CPU time (user + sys) ${fmt(e.cliCpuMs, 0)} ms`);
    const s = sizes[size];
    if (s.cli_no_cache_ms != null) {
      const ratio = s.dclint_ms ? `; dclint / check without it ${fmt(s.dclint_ms / s.cli_no_cache_ms, 1)}×` : '';
      console.log(`  ${size}: portolan check without its code cache (the first run after an install) ${fmt(s.cli_no_cache_ms)} ms${ratio}`);
    }
    if (e.dclint) console.log(`  ${size}: dclint: ${e.dclint}`);
    if (e.dclintCpuMs != null && e.cliCpuMs != null) console.log(`  ${size}: dclint / check by CPU time: ${fmt(e.dclintCpuMs / e.cliCpuMs, 1)}×`);
  }
  for (const [size, e] of Object.entries(monorepo.extras)) {
    const cpu = e.cliCpuMs === null ? '' : `; portolan check CPU time (user + sys) ${fmt(e.cliCpuMs, 0)} ms`;
    console.log(`  monorepo ${size}: built in ${fmt(e.buildMs, 0)} ms; each distinct copy checked alone in ${fmt(e.aloneMs, 0)} ms${cpu}`);
  }
  const caCost = extraCaCertsCost();
  if (caCost) console.log(`  measured processes ran without NODE_EXTRA_CA_CERTS, which is set here: Node starts in ${fmt(caCost.without, 0)} ms without it, ${fmt(caCost.with, 0)} ms with it`);
  console.log('');
  const rows = targets(sizes, bundleKb, loadMs, monorepo.sizes);
  console.log(table([['target (2-core machine)', 'value', 'limit', ''], ...rows.map((t) => [t.name, t.shown ?? fmt(t.value, 3), t.limit, t.pass === null ? 'n/a' : t.pass ? 'pass' : 'MISS'])]));
  console.log(`\nwrote ${path.relative(REPO, RESULTS)}`);

  const planted = plantedVerdict(sizes, extras);
  const monorepoOk = monorepoVerdict(monorepo.sizes, monorepo.extras);
  return planted && monorepoOk ? 0 : 1;
}

/** Whether the engine reported exactly the planted problems at every size; prints the differences. */
function plantedVerdict(sizes: Record<string, SizeResult>, extras: Record<string, Extra>): boolean {
  const problems = Object.entries(extras).flatMap(([size, e]) => e.problems.map((p) => `${size}: ${p}`));
  const countsOff = Object.entries(sizes).filter(([, s]) => s.found['port-conflict'] !== s.planted['port-conflict'] || s.found['port-mismatch'] !== s.planted['port-mismatch'] || s.found.other !== 0);
  if (problems.length > 0 || countsOff.length > 0) {
    console.error(`\nFAILED: the engine did not report exactly the planted problems (${problems.length} differences):`);
    for (const p of problems.slice(0, 50)) console.error(`  ${p}`);
    if (problems.length > 50) console.error(`  ... and ${problems.length - 50} more`);
    return false;
  }
  console.log('\nThe engine reported exactly the planted conflicts and mismatches at every size.');
  return true;
}

/** Whether each monorepo's findings were its copies' checked alone; prints the first differences. */
function monorepoVerdict(sizes: Record<string, MonorepoResult>, extras: Record<string, MonorepoExtra>): boolean {
  const failed = Object.entries(extras).filter(([, e]) => e.problems.length > 0);
  for (const [size, e] of failed) {
    console.error(`\nFAILED: monorepo ${size}: ${e.problems.join('; ')}`);
    for (const d of sizes[size]?.first_differences ?? []) console.error(`  ${d}`);
  }
  if (failed.length === 0 && Object.keys(sizes).length > 0) console.log('The monorepo of corpus repositories found what its copies find alone.');
  return failed.length === 0;
}

if (require.main === module) {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    // Heap is measured after a forced GC: run again with --expose-gc.
    const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
  } else {
    main().then((code) => { process.exitCode = code; }, (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  }
}
