// Loads a CommonJS bundle through V8's code cache, kept beside it. Most of what the extension, the
// language server and the CLI spend before doing anything is V8 compiling their bundles (mostly
// vscode-languageclient/-server, yaml and markdown-it): the cache holds the bytecode of every
// function compiled in an earlier run, so later runs skip that work. It is what Node's own
// `module.enableCompileCache()` does, which Node 20 does not have and which would switch the cache
// on for every extension in a shared extension host.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { debuglog } from 'node:util';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** What the cache did for one load. */
export type CodeCacheStatus =
  /** The cache was there and V8 took it. */
  | 'used'
  /** There was none: one is written after the load (see WRITE_AFTER_MS). */
  | 'missing'
  /** V8 refused the one there (a damaged file): a new one is written after the load. */
  | 'rejected'
  /** Switched off with PORTOLAN_CODE_CACHE=off: loaded by require(). */
  | 'off';

export interface LoadOptions {
  /** Where cache files live; `<bundle's folder>/v8-cache` by default. */
  cacheDir?: string;
}

export interface Loaded {
  exports: unknown;
  status: CodeCacheStatus;
}

// NODE_DEBUG=portolan-code-cache prints what happened to stderr.
const debug = debuglog('portolan-code-cache');

// Long enough for the extension to have activated and the CLI to have checked: the functions
// compiled by then are what the cache holds. A process that ends first writes it as it exits.
const WRITE_AFTER_MS = 3000;

export function loadWithCodeCache(file: string, options: LoadOptions = {}): Loaded {
  if (process.env.PORTOLAN_CODE_CACHE === 'off') return { exports: createRequire(file)(file), status: 'off' };
  const bytes = fs.readFileSync(file);
  // Another V8 (a VS Code of another Electron on the same remote host) keeps caches of its own here.
  const prefix = `${path.basename(file)}.${v8.cachedDataVersionTag().toString(16)}-`;
  const cache: CacheFile = { dir: options.cacheDir ?? path.join(path.dirname(file), 'v8-cache'), prefix, name: `${prefix}${contentKey(bytes)}.bin` };
  const cacheFile = path.join(cache.dir, cache.name);
  const cachedData = readCache(cacheFile);
  // The bundle runs as require() would run it: Node's own wrapper, parenthesized so V8 compiles it
  // at once instead of pre-parsing it first.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, {
    filename: file,
    cachedData,
  });
  const status: CodeCacheStatus = cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  debug('%s: %s', cacheFile, status);
  if (status !== 'used') scheduleWrite(script, cache);
  const module = { exports: {} as unknown };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, status };
}

/** A bundle's cache file in `dir`: `<bundle's name>.<V8's tag>-<content key>.bin`. */
interface CacheFile {
  dir: string;
  /** What every cache file of the bundle for this V8 starts with, whatever the bundle's content. */
  prefix: string;
  name: string;
}

/**
 * V8 checks a cache against its own version and flags (its tag, in the prefix), but against the
 * source only by its length: the content's hash is in the name, so a rebuilt bundle never meets
 * an old cache.
 */
function contentKey(source: Buffer): string {
  return crypto.createHash('sha256').update(source).digest('hex').slice(0, 20);
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Writes the cache after WRITE_AFTER_MS, or as the process exits if that comes first; once. */
function scheduleWrite(script: vm.Script, cache: CacheFile): void {
  const write = () => {
    clearTimeout(timer);
    process.removeListener('exit', write);
    writeCache(script, cache);
  };
  const timer = setTimeout(write, WRITE_AFTER_MS);
  timer.unref();
  process.once('exit', write);
}

/**
 * Writes to a file of its own and renames it into place, so a process that reads the cache while
 * another writes it sees the whole old one or the whole new one. Then removes the caches of the
 * bundle's older builds for this V8. A folder that cannot be written means no cache, nothing more.
 */
function writeCache(script: vm.Script, cache: CacheFile): void {
  const file = path.join(cache.dir, cache.name);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(cache.dir, { recursive: true });
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, file);
    for (const other of fs.readdirSync(cache.dir)) {
      if (other.startsWith(cache.prefix) && other !== cache.name && !other.endsWith('.tmp')) fs.rmSync(path.join(cache.dir, other), { force: true });
    }
    debug('%s: written', file);
  } catch (err) {
    debug('%s: not written (%s)', file, (err as Error).message);
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder cannot be written: there is no temp file to remove.
    }
  }
}
