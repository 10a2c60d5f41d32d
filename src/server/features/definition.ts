// Go to Definition on a port number: the registry entry for that service and role, or the place
// with the majority port when no registry lists it; on a bare mention, the definitions of the
// services on that port.
import type { DefinitionParams, Location as LspLocation } from 'vscode-languageserver/node';
import type { Location } from '../../core/model';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { portsOf, targetAt, type PortTarget } from '../../core/query/at';
import { placesOn } from '../../core/query/lookup';
import { roleOfPlace, servicesOf } from '../../core/query/services';
import { placeKey, type RuleInput } from '../../core/rules/model';
import { toLocation, toPoint } from '../convert';
import type { FolderView, InDocument } from './feature';

export function definition(snapshot: FolderSnapshot, folder: FolderView, params: InDocument<DefinitionParams>): LspLocation[] | null {
  const input = snapshot.input;
  const target = targetAt(input, params.file, toPoint(params.position));
  if (!target || target.kind === 'range') return null;
  const locs = definitionsOf(input, target);
  return locs.length > 0 ? locs.map((loc) => toLocation(folder, loc)) : null;
}

/** Where the port under a target is defined (what references leave out without the declaration). */
export function definitionsOf(input: RuleInput, target: PortTarget): Location[] {
  const services = servicesOf(input);
  if (target.kind === 'place') {
    const found = roleOfPlace(input, target.place, services);
    return found ? [found.role.definition.loc] : [];
  }
  const [from, to] = portsOf(target);
  const out: Location[] = [];
  for (const place of placesOn(input, from, to).filter((p) => !p.claim)) {
    const found = roleOfPlace(input, place, services);
    if (found && found.role.port >= from && found.role.port <= to && !out.some((l) => placeKey(l) === placeKey(found.role.definition.loc))) {
      out.push(found.role.definition.loc);
    }
  }
  return out;
}
