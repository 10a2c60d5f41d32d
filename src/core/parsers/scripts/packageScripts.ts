// package.json: the ports its scripts start servers on (`"dev": "vite --port 5173"`, `"start":
// "PORT=3000 node server.js"`) are the package's: the service is the package's `name` without its
// npm scope (`@acme/web` → `web`), or its folder's name. Each script is a place of its own. A
// script that runs tests (`test:e2e`) may start the app on a port of its own on purpose, so its
// ports are compared with nothing else. A monorepo's root (one that lists `workspaces`) starts
// its packages' servers, whose ports are theirs: there they are only mentions. A script that runs
// `docker compose -f a.yml -f b.yml` names files Compose merges into one project.
import { emptyFacts, type FileFacts, type ParseContext } from '../../model';
import { composeSetsIn } from '../../syntax/composeSets';
import { VARIANT_PREFIX } from '../../syntax/names';
import { dirOf } from '../../syntax/paths';
import { LineIndex } from '../../text/lineIndex';
import { addCommandFacts } from './commandFacts';
import { readPackageManifest } from './packageManifest';

const TEST_WORDS = new Set(['test', 'tests', 'e2e', 'spec', 'ci', 'cypress', 'playwright', 'jest', 'vitest', 'mocha', 'karma']);

export function parsePackageScripts(text: string, ctx: ParseContext): FileFacts {
  const facts = emptyFacts(ctx.file, 'package');
  // Most manifests that start nothing have no scripts at all: they cost one search.
  if (!text.includes('"scripts"')) return facts;
  const manifest = readPackageManifest(text);
  if (!manifest) {
    facts.notes.push('not valid JSON: its scripts were not read');
    return facts;
  }
  const lines = new LineIndex(text);
  const service = manifest.workspaces ? undefined : packageService(manifest.name?.value, ctx.folderName);
  const folder = dirOf(ctx.file);
  for (const { name, command } of manifest.scripts) {
    const environment = isTestScript(name.value) ? `${VARIANT_PREFIX}test-script-${name.start}` : undefined;
    addCommandFacts(command.value, (i) => command.at[i], { facts, lines, service, environment, group: name.start, folder, folderName: ctx.folderName });
  }
  // `"up": "docker compose -f compose.yaml -f compose.metrics.yaml up"`: npm runs it in the package's folder.
  const sets = composeSetsIn(manifest.scripts.map((s) => s.command.value).join('\n'), folder);
  if (sets.length > 0) facts.composeSets = sets;
  return facts;
}

/** `@acme/web` → `web`; no name (or an empty one) → the folder's. */
function packageService(name: string | undefined, folderName: string | undefined): string | undefined {
  const unscoped = name?.trim().replace(/^@[^/]*\//, '');
  return unscoped || folderName;
}

function isTestScript(name: string): boolean {
  return name.toLowerCase().split(/[^a-z0-9]+/).some((word) => TEST_WORDS.has(word));
}
