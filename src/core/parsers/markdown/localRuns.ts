// A section that runs the app on the machine itself, outside containers ("### Option 2: Local",
// "Running without Docker", then `npm run dev` in a block), gives the ports its dev servers take
// (Vite's 5173) where the compose stack beside it publishes its own (an nginx build on 3000). Its
// places are an environment of their own, compared with nothing the compose stack says: a
// variant, as an alternative stack is. The services it starts with compose (`docker compose up -d
// db`, the app's database) stay the stack's.
import { environmentFromText, LOCAL_RUN_ENVIRONMENT, serviceKey } from '../../syntax/names';
import type { MdState } from './state';

/** A heading that says its section runs without containers, or for development on this machine. */
const LOCAL_HEADING = /\b(?:without (?:docker|containers?)|from source|manual(?:ly)?|bare[- ]metal|natively|locally|native)\b/i;
/**
 * A heading that names the way of running as one apart from containers (`Backend services (local
 * run)`, `Without Docker`): its section needs no command to say so. "Running locally" may mean
 * `docker compose up` on the laptop, so it does.
 */
const RUN_MODE_HEADING = /\b(?:local[- ]runs?|without (?:docker|containers?)|outside (?:docker|containers?)|bare[- ]metal)\b/i;
/** A dev server or an app started on the machine, not a container. */
const RUN_COMMAND = /(?:^|[\s;&|(])(?:(?:npm|pnpm|yarn|bun) (?:run )?(?:dev|start|serve)\b|npx (?:vite|next|nuxt)\b|go run\b|cargo run\b|dotnet run\b|flask run\b|uvicorn\b|python3? (?:\S+\/)?manage\.py runserver\b|rails s(?:erver)?\b|mvn\S* spring-boot:run\b|\S*gradlew bootRun\b)/m;
// A word every RUN_COMMAND has: most documents have none, and this finds that without RUN_COMMAND's
// look at every word for a command it might start.
const RUN_COMMAND_WORD = /npm|yarn|bun|npx|go run|cargo run|dotnet run|flask run|uvicorn|manage\.py|rails s|spring-boot:run|gradlew bootRun/;
// `docker compose up -d db cache`: the services after the verb, up to the end of the command.
const COMPOSE_UP = /\bdocker(?:-compose|[ \t]+compose)\b[^\n;&|]*?\b(?:up|start|run)\b([^\n;&|]*)/g;

/** Headings as readMarkdown collects them: level and 1-based line. */
interface Heading {
  level: number;
  line: number;
  text: string;
}

/** Puts the places of each section that runs the app on the machine itself in the local-run environment. */
export function separateLocalRuns(state: MdState, headings: readonly Heading[]): void {
  // Most documents start nothing on the machine: one look at the whole text says so.
  if (state.facts.allocations.length === 0 || (!runsCommand(state.text) && !headings.some((h, i) => RUN_MODE_HEADING.test(h.text) || besideDocker(headings, i)))) return;
  const lastLine = state.lines.lineCount;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const runMode = RUN_MODE_HEADING.test(h.text) || besideDocker(headings, i);
    if (!runMode && environmentFromText(h.text) !== 'development' && !LOCAL_HEADING.test(h.text)) continue;
    let end = lastLine + 1;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        end = headings[j].line;
        break;
      }
    }
    const body = state.text.slice(state.lines.lineStart(h.line), end > lastLine ? state.text.length : state.lines.lineStart(end));
    if (!runMode && !runsCommand(body)) continue;
    const inCompose = composeStarted(body);
    if (inCompose === 'all') continue;
    for (const a of state.facts.allocations) {
      const line = a.loc.span.startLine;
      if (line > h.line && line < end && a.fence === undefined && !inCompose.has(a.serviceKey) && (a.environment === undefined || a.environment === 'development')) a.environment = LOCAL_RUN_ENVIRONMENT;
    }
  }
}

const DOCKER_HEADING = /\b(?:docker|containeri[sz]ed|compose)\b/i;
// A heading that names the development setting itself (`Development Environment`, `Local`), not a
// category of tools (`Development Tools`).
const DEVELOPMENT_SETTING = /\b(?:development|dev|local)(?:\s+(?:environment|env|mode|setup))?\s*$/i;

/**
 * `## URLs - Development Environment` beside `## URLs - Docker`: a development section whose sibling
 * (a heading of its level under the same parent) runs the app in containers runs it on the machine.
 */
function besideDocker(headings: readonly Heading[], i: number): boolean {
  const h = headings[i];
  if (!DEVELOPMENT_SETTING.test(h.text) || DOCKER_HEADING.test(h.text)) return false;
  for (const step of [-1, 1]) {
    for (let j = i + step; j >= 0 && j < headings.length && headings[j].level >= h.level; j += step) {
      if (headings[j].level === h.level && DOCKER_HEADING.test(headings[j].text)) return true;
    }
  }
  return false;
}

function runsCommand(text: string): boolean {
  return RUN_COMMAND_WORD.test(text) && RUN_COMMAND.test(text);
}

/**
 * The services the section's compose commands start, by key (`docker compose up -d db`: the
 * database the app run on the machine uses); 'all' where one starts the whole stack.
 */
function composeStarted(body: string): Set<string> | 'all' {
  const started = new Set<string>();
  for (const m of body.matchAll(COMPOSE_UP)) {
    const named = m[1].split(/\s+/).filter((word) => word !== '' && !word.startsWith('-'));
    if (named.length === 0) return 'all';
    for (const name of named) started.add(serviceKey(name));
  }
  return started;
}
