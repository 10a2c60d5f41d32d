// The environment a compose file's services say they run in: `NODE_ENV=development` on every
// service that names one makes a `docker-compose.yml` the development stack, not the production
// one an `.env.production` beside it describes.

import { environmentFromText } from '../../syntax/names';
import { scalarText } from './scalarText';
import { mapEntries, resolve, seqItems } from './walk';
import type { Value, Walk } from './walk';

// The variables frameworks read their environment from.
const RUNTIME_KEY = /^(?:NODE_ENV|RAILS_ENV|RACK_ENV|APP_ENV|FLASK_ENV|DJANGO_ENV|MIX_ENV|GO_ENV|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT|ENVIRONMENT|ENV)$/;

/**
 * The one environment the services that name one say (`NODE_ENV: development`); undefined when
 * none does, or they say different ones, or a value is left to a variable.
 */
export function runtimeEnvironment(services: ReadonlyArray<readonly [string, Value]>, walk: Walk): string | undefined {
  let found: string | undefined;
  for (const [, node] of services) {
    const service = resolve(node, walk);
    if (service?.kind !== 'map') continue;
    const value = runtimeValue(mapEntries(service, walk).get('environment'), walk);
    if (value === undefined) continue;
    const environment = environmentFromText(value);
    if (environment === undefined || (found !== undefined && found !== environment)) return undefined;
    found = environment;
  }
  return found;
}

/** The value of the service's runtime variable, as a map or a `KEY=value` list writes it. */
function runtimeValue(node: Value, walk: Walk): string | undefined {
  const environment = resolve(node, walk);
  if (environment?.kind === 'map') {
    for (const [key, value] of mapEntries(environment, walk)) if (RUNTIME_KEY.test(key)) return scalarText(value, walk)?.value ?? '';
    return undefined;
  }
  for (const item of seqItems(environment, walk)) {
    const text = scalarText(item, walk)?.value;
    const eq = text?.indexOf('=') ?? -1;
    if (text !== undefined && eq > 0 && RUNTIME_KEY.test(text.slice(0, eq).trim())) return text.slice(eq + 1).trim();
  }
  return undefined;
}
