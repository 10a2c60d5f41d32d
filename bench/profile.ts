// CPU profile of one phase of the bench, summarized as the functions with the most self time.
//
//   node --import tsx bench/profile.ts [--size 10000] [--phase cold|incremental] [--top 30]
//   node --import tsx bench/profile.ts --summarize some.cpuprofile     (e.g. from node --cpu-prof dist/cli.js ...)
//
// The phase runs in this process under the V8 profiler (node:inspector), on the TypeScript
// sources, so functions are named by their source file. The full profile is written to
// bench/.work/profiles/<phase>-<size>.cpuprofile (open it in Chrome DevTools or VS Code).

import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { checkPath } from '../src/core/check';
import { discover, DEFAULT_DISCOVER } from '../src/core/discover';
import { generate, WORK_DIR, type GeneratedWorkspace } from './generate';
import { applyEdit, buildLive, planEdits } from './run';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function post<T>(session: inspector.Session, method: string, params?: object): T {
  let result: T | undefined;
  let error: Error | null = null;
  session.post(method, params ?? {}, (err, res) => {
    error = err;
    result = res as T;
  });
  // The inspector session answers synchronously for the Profiler domain.
  if (error) throw error;
  return result as T;
}

function profile(fn: () => void): Profile {
  const session = new inspector.Session();
  session.connect();
  post(session, 'Profiler.enable');
  post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  post(session, 'Profiler.start');
  fn();
  const { profile: p } = post<{ profile: Profile }>(session, 'Profiler.stop');
  session.disconnect();
  return p;
}

function shortUrl(url: string): string {
  const repo = path.resolve(__dirname, '..');
  const file = url.replace(/^file:\/\//, '');
  if (file.startsWith(repo)) return path.relative(repo, file);
  return file || '(native)';
}

/** Self time per function (file:line name), and per file. */
function summarize(p: Profile, top: number): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const where = shortUrl(frame.url);
    // tsx compiles each source file onto a few long lines: their line numbers say nothing.
    const line = frame.url && (where.startsWith('node_modules/') || where.startsWith('dist/')) ? `:${frame.lineNumber + 1}` : '';
    const key = `${where}${line} ${frame.functionName || '(anonymous)'}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const file = where.replace(/^node_modules\/([^/]+(?:\/[^/]+)?)\/.*$/, 'node_modules/$1');
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const lines = (map: Map<string, number>, n: number) => [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `total sampled: ${(total / 1000).toFixed(0)} ms`,
    'self time by function:',
    ...lines(byFunction, top),
    'self time by file / package:',
    ...lines(byFile, 15),
  ].join('\n');
}

function workspace(size: number): GeneratedWorkspace {
  const manifest = path.join(WORK_DIR, `${size}.json`);
  if (fs.existsSync(manifest) && fs.existsSync(path.join(WORK_DIR, String(size)))) return JSON.parse(fs.readFileSync(manifest, 'utf8')) as GeneratedWorkspace;
  return generate(size);
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const top = Number(arg('--top', '30'));
  const existing = arg('--summarize', '');
  if (existing) {
    console.log(summarize(JSON.parse(fs.readFileSync(existing, 'utf8')) as Profile, top));
    return;
  }
  const size = Number(arg('--size', '10000'));
  const phase = arg('--phase', 'cold');
  const ws = workspace(size);
  let p: Profile;
  if (phase === 'cold') {
    checkPath(ws.root); // warm-up, as the bench's repeated runs are
    p = profile(() => checkPath(ws.root));
  } else if (phase === 'incremental') {
    const { files } = discover(ws.root, DEFAULT_DISCOVER);
    const live = buildLive(ws.root, files);
    const edits = planEdits(ws.root, live, ws.composeFiles, 200);
    const apply = (file: string, text: string) => applyEdit(live, file, text);
    for (const e of edits.slice(0, 10)) {
      apply(e.file, e.after);
      apply(e.file, e.before);
    }
    p = profile(() => {
      for (const e of edits) {
        apply(e.file, e.after);
        apply(e.file, e.before);
      }
    });
  } else {
    throw new Error(`unknown phase ${phase} (cold, incremental)`);
  }
  const dir = path.join(WORK_DIR, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${phase}-${size}.cpuprofile`);
  fs.writeFileSync(out, JSON.stringify(p));
  console.log(`${phase} on ${size} files (${out})`);
  console.log(summarize(p, top));
}

main();
