// The servers whose command line says the port they listen on, and how: a flag (`vite --port
// 5173`, `next dev -p 3000`), an address (`gunicorn -b 0.0.0.0:8000`) or the `PORT` variable
// (`PORT=3000 react-scripts start`). Only these: the same flag of any other program may be
// something else (`uwsgi -p 4` is four processes, `redis-cli -p` the server it connects to), and a
// false warning costs more than a missed one.

export interface ServerTool {
  /** Flags whose value is the port (`--port 5173`, `--port=5173`). */
  readonly portFlags: readonly string[];
  /** Flags whose value is an address with the port last (`0.0.0.0:8000`, `tcp://0.0.0.0:3000`), or a bare port. */
  readonly bindFlags?: readonly string[];
  /** With no flag, the port is the `PORT` variable's. */
  readonly readsPort?: boolean;
  /** The subcommands that start the server, with the role of its port ('' for the main port). */
  readonly serves?: Readonly<Record<string, string>>;
  /** The role of its port when no subcommand is given; undefined when nothing starts without one. */
  readonly bare?: string;
  /** Its arguments are files, folders or modules, never subcommands (`http-server dist`). */
  readonly takesPaths?: boolean;
  /** It runs a script, and is a server only when given one (`node` alone is a prompt). */
  readonly runsScript?: boolean;
}

const MAIN = '';
const PORT_FLAGS = ['--port'];
const PORT_FLAGS_P = ['--port', '-p'];

const TOOLS: ReadonlyMap<string, ServerTool> = new Map<string, ServerTool>([
  // JavaScript dev servers and static servers.
  ['vite', { portFlags: PORT_FLAGS, serves: { dev: MAIN, serve: MAIN, preview: 'preview' }, bare: MAIN }],
  ['next', { portFlags: PORT_FLAGS_P, readsPort: true, serves: { dev: MAIN, start: MAIN }, bare: MAIN }],
  ['nuxt', { portFlags: PORT_FLAGS_P, readsPort: true, serves: { dev: MAIN, start: MAIN, preview: 'preview' }, bare: MAIN }],
  ['nuxi', { portFlags: PORT_FLAGS_P, readsPort: true, serves: { dev: MAIN, start: MAIN, preview: 'preview' } }],
  ['astro', { portFlags: PORT_FLAGS, serves: { dev: MAIN, start: MAIN, preview: 'preview' } }],
  ['webpack-dev-server', { portFlags: PORT_FLAGS, bare: MAIN, takesPaths: true }],
  ['webpack', { portFlags: PORT_FLAGS, serves: { serve: MAIN } }],
  ['react-scripts', { portFlags: [], readsPort: true, serves: { start: MAIN } }],
  ['ng', { portFlags: PORT_FLAGS, serves: { serve: MAIN, s: MAIN } }],
  ['vue-cli-service', { portFlags: PORT_FLAGS, serves: { serve: MAIN } }],
  ['http-server', { portFlags: PORT_FLAGS_P, readsPort: true, bare: MAIN, takesPaths: true }],
  // `serve -l 3000` or `-l tcp://0.0.0.0:3000`; `-p` is its older spelling.
  ['serve', { portFlags: PORT_FLAGS_P, bindFlags: ['--listen', '-l'], bare: MAIN, takesPaths: true }],
  ['live-server', { portFlags: PORT_FLAGS, bare: MAIN, takesPaths: true }],
  ['storybook', { portFlags: PORT_FLAGS_P, serves: { dev: 'storybook', start: 'storybook' } }],
  ['start-storybook', { portFlags: PORT_FLAGS_P, bare: 'storybook', takesPaths: true }],
  // Runtimes that run a server script, which reads PORT (the usual way a Node server is started).
  ['nodemon', { portFlags: [], readsPort: true, bare: MAIN, takesPaths: true }],
  ['node', { portFlags: [], readsPort: true, bare: MAIN, takesPaths: true, runsScript: true }],
  ['ts-node', { portFlags: [], readsPort: true, bare: MAIN, takesPaths: true, runsScript: true }],
  ['ts-node-dev', { portFlags: [], readsPort: true, bare: MAIN, takesPaths: true, runsScript: true }],
  ['tsx', { portFlags: [], readsPort: true, bare: MAIN, takesPaths: true, runsScript: true }],
  // Servers a Procfile starts.
  ['rails', { portFlags: PORT_FLAGS_P, serves: { server: MAIN, s: MAIN } }],
  ['puma', { portFlags: PORT_FLAGS_P, bindFlags: ['--bind', '-b'], bare: MAIN, takesPaths: true }],
  ['rackup', { portFlags: PORT_FLAGS_P, bare: MAIN, takesPaths: true }],
  ['thin', { portFlags: PORT_FLAGS_P, serves: { start: MAIN } }],
  ['flask', { portFlags: PORT_FLAGS_P, serves: { run: MAIN } }],
  ['uvicorn', { portFlags: PORT_FLAGS, bare: MAIN, takesPaths: true }],
  ['gunicorn', { portFlags: [], bindFlags: ['--bind', '-b'], bare: MAIN, takesPaths: true }],
  ['hypercorn', { portFlags: [], bindFlags: ['--bind', '-b'], bare: MAIN, takesPaths: true }],
  // Data and ML tools that serve a page.
  ['streamlit', { portFlags: ['--server.port'], serves: { run: MAIN } }],
  ['jupyter', { portFlags: PORT_FLAGS, serves: { lab: MAIN, notebook: MAIN, server: MAIN } }],
  ['mlflow', { portFlags: PORT_FLAGS_P, serves: { server: MAIN, ui: MAIN } }],
]);

/** The server a command's program is, by its name (`vite`, `./node_modules/.bin/vite`, `next.cmd`). */
export function serverTool(program: string): ServerTool | undefined {
  return TOOLS.get(programName(program));
}

/** A program's name without its folder and a launcher's extension (`node_modules/.bin/next.cmd` → `next`). */
export function programName(program: string): string {
  const base = program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
  return base.replace(/\.(?:cmd|exe|ps1|js|cjs|mjs)$/i, '').toLowerCase();
}

// Node's options that end it without running a script, or run something else than a server.
const NOT_A_SERVER_RUN = new Set(['-e', '--eval', '-p', '--print', '-c', '--check', '-i', '--interactive', '-v', '--version', '-h', '--help', '--test', '--run']);
// Node's options that take the next word as their value (`-r dotenv/config`).
const VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--conditions', '-C', '--title', '--watch-path']);

/**
 * The role of the port the tool starts a server on, given the words after its name; undefined
 * when these arguments start no server (`vite build`, `next lint`, `node -e ...`, `node` alone), or
 * start the project of another folder (`vite apps/web`, `next dev --config apps/web/next.config.js`),
 * whose port is that folder's package's.
 */
export function servedRole(tool: ServerTool, args: readonly string[]): string | undefined {
  if (tool.runsScript) return runsAScript(args) ? tool.bare : undefined;
  if (tool.takesPaths) return tool.bare;
  const first = args[0];
  const subcommand = first === undefined ? undefined : tool.serves?.[first];
  const role = first === undefined || first.startsWith('-') ? tool.bare : subcommand ?? (/[/.]/.test(first) ? tool.bare : undefined);
  if (role === undefined) return undefined;
  // The project's folder: a path after the tool or its subcommand, or an option's value.
  const root = subcommand !== undefined ? args[1] : first;
  const project = [root, ...args.map((arg, i) => (PROJECT_FLAGS.has(arg) ? args[i + 1] : PROJECT_FLAGS.has(arg.split('=')[0]) ? arg.slice(arg.indexOf('=') + 1) : undefined))];
  return project.some((path) => path !== undefined && !path.startsWith('-') && inAnotherFolder(path)) ? undefined : role;
}

// The options of the project tools (Vite, Next, Angular, Storybook, ...) that name a project's
// folder or configuration file.
const PROJECT_FLAGS = new Set(['--config', '-c', '--root', '--dir', '--cwd']);

/** `apps/web`, `../site/vite.config.ts`; not `.`, `./`, `vite.config.ts` or `./vite.config.ts`. */
function inAnotherFolder(path: string): boolean {
  return path.replace(/^\.\//, '').replace(/\/+$/, '').includes('/') || path.startsWith('..');
}

function runsAScript(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (NOT_A_SERVER_RUN.has(arg.split('=')[0])) return false;
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return true;
  }
  return false;
}
