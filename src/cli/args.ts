// Command-line parsing for `portolan check|list|lsp`, through Node's util.parseArgs: one option
// table per command, and a help text per command.
import { parseArgs as parseOptions } from 'node:util';

export type Format = 'text' | 'json' | 'sarif' | 'github';
export type FailOn = 'error' | 'warning' | 'never';
export type Command = 'check' | 'list' | 'lsp';

export interface CliArgs {
  command: Command | 'help' | 'version';
  /** With `help`: the command whose help is asked for (`portolan check --help`). */
  helpFor?: Command;
  paths: string[];
  format: Format;
  failOn: FailOn;
  /** Files larger than this many bytes are skipped (named on stderr); undefined keeps the default. */
  maxFileSize?: number;
  /** Globs of files and folders never read, on top of the configuration file's. */
  exclude: string[];
  /** Colour in the text report: forced on or off, or undefined to follow the terminal and NO_COLOR. */
  color?: boolean;
}

export class UsageError extends Error {}

const COMMON_USAGE = `      --exclude GLOB        never read matching files or folders (repeatable); .gitignore,
                            .portolanignore and portolan.config.json's "exclude" are read too
      --max-file-size BYTES skip larger files, named on stderr (default 2097152; 512k, 50M)`;

export const HELP: Record<Command | 'main', string> = {
  main: `Usage:
  portolan check [paths...] [options]   report port problems (exit 1 when one reaches --fail-on)
  portolan list [paths...] [options]    print the allocation table
  portolan lsp --stdio                  run the language server for any LSP client
  portolan --help | --version
Run 'portolan <command> --help' for a command's options.`,
  check: `Usage: portolan check [paths...] [options]

Indexes ports.yaml, compose, .env and Markdown files under each path (default: .) and reports
conflicts, mismatches, out-of-range and reserved ports, overlapping ranges, invalid ports and
registry schema errors. Exit code: 0, 1 when a finding reaches --fail-on, 2 on bad usage or an
unreadable path.

Options:
      --format FORMAT       text (default), json, sarif (SARIF 2.1.0, for code scanning) or
                            github (workflow-command annotations)
      --fail-on LEVEL       error (default), warning or never
${COMMON_USAGE}
      --color, --no-color   colour the text report (default: on a terminal, unless NO_COLOR is set)
  -h, --help                this help`,
  list: `Usage: portolan list [paths...] [options]

Prints the allocation table (range, service, role, port, places), sorted by port.

Options:
      --format FORMAT       text (default) or json
${COMMON_USAGE}
  -h, --help                this help`,
  lsp: `Usage: portolan lsp --stdio | --node-ipc | --socket=<port> | --pipe=<name> [--clientProcessId=<pid>]

Runs the language server (diagnostics, hover, code actions, rename, references, the allocation
table) over the given transport, until the client exits.`,
};

/** The usage text printed after a usage error: the command's own when it is known. */
export function usageOf(argv: string[]): string {
  const command = argv[0];
  return command === 'check' || command === 'list' || command === 'lsp' ? HELP[command] : HELP.main;
}

/** What a command without paths or options gets. */
const NO_OPTIONS = { paths: [], format: 'text', failOn: 'error', exclude: [] } as const satisfies Omit<CliArgs, 'command'>;

const SHARED_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
} as const;

export function parseArgs(argv: string[]): CliArgs {
  const [first, ...rest] = argv;
  const none = { ...NO_OPTIONS, paths: [], exclude: [] };
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help', ...none };
  if (first === '--version' || first === '-v') return { command: 'version', ...none };
  if (first === 'lsp') return parseLspArgs(rest);
  if (first !== 'check' && first !== 'list') throw new UsageError(`unknown command: ${first}`);
  const { values, positionals } = parse(rest, first === 'check'
    ? { ...SHARED_OPTIONS, format: { type: 'string' }, 'fail-on': { type: 'string' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' } }
    : { ...SHARED_OPTIONS, format: { type: 'string' } });
  if (values.help) return { command: 'help', helpFor: first, ...none };
  const formats = first === 'check' ? ['text', 'json', 'sarif', 'github'] as const : ['text', 'json'] as const;
  const args: CliArgs = {
    command: first,
    paths: positionals.length > 0 ? positionals : ['.'],
    format: values.format === undefined ? 'text' : oneOf('--format', String(values.format), formats),
    failOn: values['fail-on'] === undefined ? 'error' : oneOf('--fail-on', String(values['fail-on']), ['error', 'warning', 'never'] as const),
    exclude: (values.exclude as string[] | undefined) ?? [],
  };
  if (values['max-file-size'] !== undefined) args.maxFileSize = byteSize('--max-file-size', String(values['max-file-size']));
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color together');
  if (values.color) args.color = true;
  if (values['no-color']) args.color = false;
  return args;
}

type OptionTable = NonNullable<Parameters<typeof parseOptions>[0]>['options'];

type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** util.parseArgs, with its errors as usage errors in the CLI's words. */
function parse(args: string[], options: OptionTable): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseOptions({ args, options, allowPositionals: true, strict: true });
    return { values: values as OptionValues, positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(message.replace(/^Unknown option '([^']+)'.*$/s, 'unknown option: $1'));
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(message.replace(/^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing$/, '$1 needs a value'));
    throw new UsageError(message);
  }
}

/** The transport flags are read from argv by the server itself; here they are only checked. */
function parseLspArgs(rest: string[]): CliArgs {
  const { values } = parse(rest, {
    help: { type: 'boolean', short: 'h' },
    stdio: { type: 'boolean' },
    'node-ipc': { type: 'boolean' },
    socket: { type: 'string' },
    pipe: { type: 'string' },
    clientProcessId: { type: 'string' },
  });
  const none = { ...NO_OPTIONS, paths: [], exclude: [] };
  if (values.help) return { command: 'help', helpFor: 'lsp', ...none };
  if (values.socket !== undefined && !/^\d+$/.test(String(values.socket))) throw new UsageError('--socket must be a port number');
  if (values.clientProcessId !== undefined && !/^\d+$/.test(String(values.clientProcessId))) throw new UsageError('--clientProcessId must be a process id');
  const transports = ['stdio', 'node-ipc', 'socket', 'pipe'].filter((t) => values[t] !== undefined);
  if (transports.length !== 1) throw new UsageError('lsp needs one transport: --stdio, --node-ipc, --socket=<port> or --pipe=<name>');
  return { command: 'lsp', ...none };
}

/** `2097152`, `512k`, `50M`, `1g` (binary units) → bytes. */
function byteSize(flag: string, v: string): number {
  const m = /^(\d+)([kmg])?b?$/i.exec(v.trim());
  const bytes = m ? Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] ?? ' ').toLowerCase()) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new UsageError(`${flag} must be a positive number of bytes (e.g. 2097152, 512k, 50M)`);
  return bytes;
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return v as T;
}
