// Command-line parsing for `portolan check|list|lsp`.

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'never';

export interface CliArgs {
  command: 'check' | 'list' | 'lsp' | 'help' | 'version';
  paths: string[];
  format: Format;
  failOn: FailOn;
  /** Files larger than this many bytes are skipped (named on stderr); undefined keeps the default. */
  maxFileSize?: number;
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  portolan check [paths...] [--format text|json|sarif] [--fail-on error|warning|never] [--max-file-size BYTES]
  portolan list [paths...] [--max-file-size BYTES]
  portolan lsp --stdio | --node-ipc | --socket=<port> | --pipe=<name>
  portolan --help | --version

check  Index ports.yaml, compose, .env and Markdown files under each path and report problems.
       Exit 1 when a finding reaches --fail-on (default: error), 2 on bad usage or an unreadable path.
       Files larger than --max-file-size (default 2097152 bytes; 512k, 50M) are skipped and named on stderr.
list   Print the allocation table (range, service, role, port, places), sorted by port.
lsp    Run the language server (diagnostics, hover, allocations) for any LSP client.`;

export function parseArgs(argv: string[]): CliArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help', paths: [], format: 'text', failOn: 'error' };
  if (first === '--version' || first === '-v') return { command: 'version', paths: [], format: 'text', failOn: 'error' };
  if (first === 'lsp') return parseLspArgs(rest);
  if (first !== 'check' && first !== 'list') throw new UsageError(`unknown command: ${first}`);
  const args: CliArgs = { command: first, paths: [], format: 'text', failOn: 'error' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') args.format = oneOf(flag, value(), ['text', 'json', 'sarif']);
    else if (flag === '--fail-on') args.failOn = oneOf(flag, value(), ['error', 'warning', 'never']);
    else if (flag === '--max-file-size') args.maxFileSize = byteSize(flag, value());
    else if (flag.startsWith('-')) throw new UsageError(`unknown option: ${flag}`);
    else args.paths.push(arg);
  }
  if (args.paths.length === 0) args.paths.push('.');
  return args;
}

/** The transport flags are read from argv by the server itself; here they are only checked. */
function parseLspArgs(rest: string[]): CliArgs {
  const transport = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (transport.test(arg) || /^--clientProcessId=\d+$/.test(arg)) continue;
    if ((arg === '--socket' || arg === '--pipe' || arg === '--clientProcessId') && rest[i + 1] !== undefined) {
      i++;
      continue;
    }
    throw new UsageError(`unknown lsp option: ${arg}`);
  }
  if (!rest.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) throw new UsageError('lsp needs a transport: --stdio, --node-ipc, --socket=<port> or --pipe=<name>');
  return { command: 'lsp', paths: [], format: 'text', failOn: 'error' };
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
