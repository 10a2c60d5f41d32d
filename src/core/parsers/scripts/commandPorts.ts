// The ports a command line starts servers on: the port flag or `PORT` of each server it runs
// (see serverTools.ts), found through what usually stands before one — variables (`PORT=3000
// next start`, `cross-env PORT=3000 ...`, `set PORT=3000 && ...`), launchers (`npx`, `pnpm exec`,
// `yarn`, `bunx`, `bundle exec`, `python -m`) and the quoted commands of `concurrently`. Other
// ports written in it (another program's `--port`, a URL) are only mentions. What runs after a
// `cd` belongs to another folder's package, so it is left alone.
import { findUrls, isValidPort, parseDecimal } from '../../syntax/ports';
import { simpleCommands, type Word } from './shellWords';
import { programName, servedRole, serverTool, type ServerTool } from './serverTools';

export interface PortInCommand {
  /** A server listens on it; a mention is only written there; an invalid one is out of 1-65535. */
  kind: 'listens' | 'mention' | 'invalid';
  port: number;
  /** The index in the line of each of its digits (the caller maps them to the file). */
  at: number[];
  /** The role of the server's port (`preview`, `storybook`); undefined for the main port. */
  role?: string;
  /** How it is written, for messages (`--port 70000`, `PORT=70000`). */
  written: string;
  /**
   * What a registry or a document may call the server a tool starts in a role of its own: the tool
   * and the role (`vite preview`), or the tool alone when that is the role (`storybook`).
   */
  alias?: string;
}

export interface CommandLineOptions {
  /** Any program's `--port N` is where it listens (a Procfile's `web` process). */
  anyPortFlag?: boolean;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
// Launchers followed by a subcommand, then the program they run.
const LAUNCH_SUBCOMMANDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['pnpm', new Set(['exec', 'dlx'])], ['yarn', new Set(['exec', 'dlx'])], ['npm', new Set(['exec'])], ['bun', new Set(['x'])],
  ['bundle', new Set(['exec'])], ['poetry', new Set(['run'])], ['pipenv', new Set(['run'])], ['uv', new Set(['run'])],
]);
// Package managers that run a package's binary by its name alone (`yarn vite`).
const BINARY_RUNNERS = new Set(['pnpm', 'yarn', 'bun']);
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);
// npx's own options; `-p` there names a package, not a port.
const NPX_FLAGS = new Set(['-y', '--yes', '--no', '--no-install', '-q', '--quiet', '--ignore-existing', '--prefer-offline']);
const NPX_VALUE_FLAGS = new Set(['-p', '--package']);
const ENV_SETTERS = new Set(['cross-env', 'env']);
const PREFIXES = new Set(['exec', 'time', 'nice']);
const ELSEWHERE = new Set(['cd', 'pushd']);
// concurrently's options that take a value, which is not a command.
const CONCURRENTLY_VALUE_FLAGS = new Set([
  '-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-s', '--success', '-t', '--timestamp-format', '-l', '--prefix-length',
  '--restart-tries', '--restart-after', '-m', '--max-processes', '--default-input-target', '--names-separator', '--hide',
]);
/** Commands inside commands (`concurrently "vite --port 3000"`) are read this deep. */
const MAX_DEPTH = 2;

/** Every port written in a command line, in order. */
export function portsInCommandLine(line: string, opts: CommandLineOptions = {}): PortInCommand[] {
  // A URL in a command `concurrently` runs is found in its quoted word and again inside it.
  const seen = new Set<number>();
  return read(line, new Map(), opts, 0).filter((p) => {
    const fresh = !seen.has(p.at[0]);
    seen.add(p.at[0]);
    return fresh;
  });
}

/** `env` holds the variables set before the line (`PORT=3000 concurrently ...`), by name. */
function read(line: string, env: ReadonlyMap<string, Word>, opts: CommandLineOptions, depth: number): PortInCommand[] {
  const out: PortInCommand[] = [];
  // `export PORT=3000 && node server.js`, `set PORT=3000&& react-scripts start`: for what follows.
  const exported = new Map(env);
  for (const command of simpleCommands(line)) {
    const words = command.words;
    const first = programName(words[0].text);
    if (ELSEWHERE.has(first)) break;
    if ((first === 'export' || first === 'set') && command.after !== '|') {
      for (const word of words.slice(1)) {
        const name = ASSIGNMENT.exec(word.text)?.[1];
        if (name) exported.set(name, word);
      }
      continue;
    }
    out.push(...readCommand(words, new Map(exported), opts, depth));
    for (const word of words) out.push(...urlPorts(word));
  }
  return out;
}

function readCommand(words: Word[], env: Map<string, Word>, opts: CommandLineOptions, depth: number): PortInCommand[] {
  const at = programIndex(words, env);
  if (at === undefined) return [];
  const program = programName(words[at].text);
  const args = words.slice(at + 1);
  if (program === 'concurrently') return depth + 1 < MAX_DEPTH ? concurrentCommands(args, env, opts, depth + 1) : [];
  const tool = serverTool(program);
  const role = tool && servedRole(tool, args.map((w) => w.text));
  const found = tool && role !== undefined ? toolPort(tool, args, env) : undefined;
  if (found) return saysAPort(found) ? [{ ...found, role: role || undefined, ...(role ? { alias: role === program ? program : `${program} ${role}` } : {}) }] : [];
  // Another program's port flag, or `PORT` for a program that may not read it (a test runner). In
  // a process that serves HTTP, the flag of what starts it (a script's own `--port`) is its port.
  const out: PortInCommand[] = [];
  const flag = flagValue(args, ['--port']);
  const listens = opts.anyPortFlag && (!tool || role !== undefined);
  if (flag) out.push({ ...portIn(flag.value, `--port ${flag.value.text}`, listens ? 'listens' : 'mention'), role: role || undefined });
  const port = env.get('PORT');
  if (port) out.push(portIn(valueOf(port), port.text, 'mention'));
  return out.filter(saysAPort);
}

/** Port 0 asks for any free port, and a placeholder (`$PORT`) is set elsewhere: neither says one. */
function saysAPort(p: PortInCommand): boolean {
  return p.port !== 0 && !Number.isNaN(p.port);
}

/**
 * Where the program starts in a command's words, after variables, `cross-env`/`env` and launchers;
 * the variables set on the way go into `env`. Undefined when there is none, or when a launcher's
 * option leaves it unclear (`pnpm --filter web dev` runs another package's script).
 */
function programIndex(words: Word[], env: Map<string, Word>): number | undefined {
  let i = 0;
  while (i < words.length) {
    const name = ASSIGNMENT.exec(words[i].text)?.[1];
    if (name) {
      env.set(name, words[i]);
      i++;
      continue;
    }
    const program = programName(words[i].text);
    const next = words[i + 1]?.text;
    if (ENV_SETTERS.has(program)) {
      // `env -i`, `env -u NAME`, `cross-env --`.
      for (i++; i < words.length && words[i].text.startsWith('-'); i++) if (words[i].text === '-u') i++;
    } else if (PACKAGE_RUNNERS.has(program)) {
      for (i++; i < words.length && words[i].text.startsWith('-'); i++) {
        if (NPX_VALUE_FLAGS.has(words[i].text)) i++;
        else if (!NPX_FLAGS.has(words[i].text.split('=')[0]) && words[i].text !== '--') return undefined;
      }
    } else if (next !== undefined && LAUNCH_SUBCOMMANDS.get(program)?.has(next)) {
      i += 2;
      if (words[i]?.text === '--') i++;
    } else if (next !== undefined && BINARY_RUNNERS.has(program) && serverTool(next)) {
      i++;
    } else if ((program === 'python' || program === 'python3') && next === '-m') {
      i += 2;
    } else if (PREFIXES.has(program)) {
      i++;
    } else {
      return i;
    }
  }
  return undefined;
}

/** The port a server is started on, from its flags, else `PORT` when it reads it. */
function toolPort(tool: ServerTool, args: Word[], env: ReadonlyMap<string, Word>): PortInCommand | undefined {
  const flag = flagValue(args, tool.portFlags);
  if (flag) return portIn(flag.value, `${flag.flag} ${flag.value.text}`, 'listens');
  const bind = flagValue(args, tool.bindFlags ?? []);
  if (bind) return addressPort(bind.value, `${bind.flag} ${bind.value.text}`);
  const port = tool.readsPort ? env.get('PORT') : undefined;
  return port && portIn(valueOf(port), port.text, 'listens');
}

interface FlagValue {
  flag: string;
  value: Word;
}

/** The value of the last of `flags` in `args`: `--port 3000` or `--port=3000`. */
function flagValue(args: Word[], flags: readonly string[]): FlagValue | undefined {
  let found: FlagValue | undefined;
  for (let i = 0; i < args.length; i++) {
    const text = args[i].text;
    for (const flag of flags) {
      if (text === flag && i + 1 < args.length) found = { flag, value: args[i + 1] };
      else if (text.startsWith(`${flag}=`)) found = { flag, value: slice(args[i], flag.length + 1) };
    }
  }
  return found;
}

/** A variable's value: `PORT=3000` → `3000`. */
function valueOf(assignment: Word): Word {
  return slice(assignment, assignment.text.indexOf('=') + 1);
}

function slice(word: Word, from: number, to = word.text.length): Word {
  return { text: word.text.slice(from, to), at: word.at.slice(from, to) };
}

/**
 * The port a word says, when it is nothing but digits; NaN otherwise (a placeholder, a name). A
 * server's port out of 1-65535 is invalid; a mention of one is no port at all (NaN).
 */
function portIn(value: Word, written: string, kind: 'listens' | 'mention'): PortInCommand {
  const digits = parseDecimal(value.text);
  const port = digits === undefined || (kind === 'mention' && !isValidPort(digits)) ? Number.NaN : digits;
  return { kind: kind === 'listens' && port > 0 && !isValidPort(port) ? 'invalid' : kind, port, at: value.at, written };
}

// `0.0.0.0:8000`, `:8000`, `[::]:8000`, `tcp://0.0.0.0:3000`, or a bare port.
const ADDRESS = /^(?:(?:tcp|http):\/\/)?(?:\[[0-9a-fA-F:.]*\]|[A-Za-z0-9_.-]*):(\d{1,9})$/;

function addressPort(value: Word, written: string): PortInCommand {
  const m = ADDRESS.exec(value.text);
  return portIn(m ? slice(value, value.text.length - m[1].length) : value, written, 'listens');
}

/** The quoted commands `concurrently` runs, each read as a command line of its own. */
function concurrentCommands(args: Word[], env: ReadonlyMap<string, Word>, opts: CommandLineOptions, depth: number): PortInCommand[] {
  const out: PortInCommand[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i].text;
    if (CONCURRENTLY_VALUE_FLAGS.has(text)) i++;
    else if (!text.startsWith('-')) {
      const inner = read(text, env, opts, depth);
      out.push(...inner.map((p) => ({ ...p, at: p.at.map((index) => args[i].at[index]) })));
    }
  }
  return out;
}

/** `wait-on http://localhost:3000`: a URL's port is a mention. */
function urlPorts(word: Word): PortInCommand[] {
  return findUrls(word.text).filter((u) => isValidPort(u.port)).map((u) => ({
    kind: 'mention', port: u.port, at: word.at.slice(u.portStart, u.portEnd), written: word.text,
  }));
}
