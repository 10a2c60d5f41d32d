// Find All References and Go to Definition on a port number. References are every place the
// number is written (allocations, references and mentions; for a service's port, in its scope).
// The definition is the registry entry for that service and role, or the place with the majority
// port when no registry lists it; on a bare mention, the definitions of the services on that port.
import type { Location as LspLocation, Position } from 'vscode-languageserver/node';
import type { Location } from '../core/model';
import { portsOf, targetAt, type PortTarget } from '../core/query/at';
import { samePlace } from '../core/query/findings';
import { mentionsOn, placesOn } from '../core/query/lookup';
import { roleOfPlace, servicesOf } from '../core/query/services';
import { compareLocations, placeKey, type Place, type RuleInput } from '../core/rules/model';
import { describeSame } from '../core/project/relations';
import { covers, documentHome } from '../core/project/roles';
import { dirOf } from '../core/syntax/paths';
import { toLocation, toPoint } from './convert';
import type { FolderState } from './folderState';

export function references(folder: FolderState, file: string, position: Position, includeDeclaration: boolean): LspLocation[] | null {
  const input = folder.ruleInput();
  const target = targetAt(input, file, toPoint(position));
  if (!target || target.kind === 'range') return null;
  const [from, to] = portsOf(target);
  // From a service's place: the places of its scope that speak of the same deployment (another
  // stack's 8000 in an examples collection is not this one); from a mention, every place.
  const near = (p: Place) => target.kind !== 'place' || (p.scope === target.place.scope && describeSame(p, target.place));
  const locs: Location[] = [
    ...placesOn(input, from, to).filter(near).map((p) => p.loc),
    ...mentionsOn(input, from, to).filter((m) => target.kind !== 'place' || sameHome(m.loc.file, target.place)).map((m) => m.loc),
  ];
  if (target.kind === 'reserved') locs.push(target.loc);
  const declarations = includeDeclaration ? [] : definitions(input, target);
  const unique: Location[] = [];
  for (const loc of locs.sort(compareLocations)) {
    if (unique.some((u) => samePlace(u, loc)) || declarations.some((d) => placeKey(d) === placeKey(loc))) continue;
    unique.push(loc);
  }
  return unique.map((loc) => toLocation(folder, loc));
}

export function definition(folder: FolderState, file: string, position: Position): LspLocation[] | null {
  const input = folder.ruleInput();
  const target = targetAt(input, file, toPoint(position));
  if (!target || target.kind === 'range') return null;
  const locs = definitions(input, target);
  return locs.length > 0 ? locs.map((loc) => toLocation(folder, loc)) : null;
}

function definitions(input: RuleInput, target: PortTarget): Location[] {
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

/** A mention in a file under the place's own folder, or in a document that speaks for it. */
function sameHome(file: string, place: Place): boolean {
  return covers(place.fileRole.home, dirOf(file)) || covers(documentHome(file), place.fileRole.home);
}
