// The facts of one command line of a file that starts an app's servers (a package.json script, a
// Procfile process): each port a server of the line listens on is an allocation of the app, other
// ports written there are mentions, and a server's port out of range is an invalid port.
import type { FileFacts } from '../../model';
import type { LineIndex } from '../../text/lineIndex';
import { serviceKey } from '../../syntax/names';
import { portsInCommandLine, type CommandLineOptions } from './commandPorts';

/** Commands longer than this are not read: no one starts a server with one. */
const MAX_COMMAND_LENGTH = 10_000;

export interface CommandPlace {
  facts: FileFacts;
  lines: LineIndex;
  /** The app: its name, or undefined when it has none (its ports are then only mentions). */
  service?: string;
  /** The role of every port the line starts (a Procfile's process type); else each server's own. */
  role?: string;
  environment?: string;
  /** Where the command is written (the offset of its name): its ports are one group. */
  group: number;
  /** The app's folder: a compose service that builds it is the same service, whatever its name. */
  folder: string;
  /**
   * The name of the app's folder, when the app goes by another (`web/` holding `storefront`): a
   * service of the folder's name (the compose service that builds it) is the app, never a clash.
   */
  folderName?: string;
}

/** Appends the ports of `line`, whose characters are at `offsetOf(index)` in the file. */
export function addCommandFacts(line: string, offsetOf: (index: number) => number, place: CommandPlace, opts: CommandLineOptions = {}): void {
  if (line.length > MAX_COMMAND_LENGTH) return;
  const { facts, lines } = place;
  const file = facts.file;
  const key = place.service === undefined ? '' : serviceKey(place.service);
  const folderKey = place.folderName === undefined ? '' : serviceKey(place.folderName);
  const folderNames = folderKey && folderKey !== key ? [folderKey] : [];
  let indexInGroup = 0;
  for (const found of portsInCommandLine(line, opts)) {
    const names = found.alias === undefined ? folderNames : [...folderNames, serviceKey(found.alias)];
    const span = digitsSpan(lines.text, found.at.map(offsetOf));
    if (!span) continue;
    const loc = lines.location(file, span.start, span.end);
    if (found.kind === 'invalid') {
      facts.problems.push({ rule: 'invalid-port', message: `${found.written} is not a valid port; ports are 1-65535`, port: found.port, loc });
    } else if (found.kind === 'mention' || !key) {
      facts.mentions.push({ port: found.port, loc });
    } else {
      facts.allocations.push({
        service: place.service!,
        serviceKey: key,
        role: place.role ?? found.role,
        port: found.port,
        protocol: 'tcp',
        scope: '',
        environment: place.environment,
        source: facts.kind,
        claim: false,
        group: place.group,
        indexInGroup: indexInGroup++,
        buildContext: place.folder,
        ...(names.length > 0 ? { names } : {}),
        loc,
      });
    }
  }
}

/**
 * The span of a port's digits in the file, when they are written there as plain digits; undefined
 * when an escape writes one of them (`30\u00300`), which no edit could change as a number.
 */
function digitsSpan(text: string, offsets: number[]): { start: number; end: number } | undefined {
  if (offsets.length === 0) return undefined;
  const start = offsets[0];
  const end = offsets[offsets.length - 1] + 1;
  return end - start === offsets.length && /^\d+$/.test(text.slice(start, end)) ? { start, end } : undefined;
}
