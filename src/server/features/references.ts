// Find All References on a port number: every place the number is written (allocations,
// references and mentions; for a service's port, in its scope), without its definitions when the
// client leaves the declaration out.
import type { Location as LspLocation, ReferenceParams } from 'vscode-languageserver/node';
import type { Location } from '../../core/model';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { portsOf, targetAt } from '../../core/query/at';
import { samePlace } from '../../core/query/findings';
import { mentionsOn, placesOn } from '../../core/query/lookup';
import { compareLocations, placeKey, type Place } from '../../core/rules/model';
import { describeSame } from '../../core/project/relations';
import { covers, documentHome } from '../../core/project/roles';
import { dirOf } from '../../core/syntax/paths';
import { toLocation, toPoint } from '../convert';
import { definitionsOf } from './definition';
import type { FolderView, InDocument } from './feature';

export function references(snapshot: FolderSnapshot, folder: FolderView, params: InDocument<ReferenceParams>): LspLocation[] | null {
  const input = snapshot.input;
  const target = targetAt(input, params.file, toPoint(params.position));
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
  const declarations = params.context.includeDeclaration ? [] : definitionsOf(input, target);
  const unique: Location[] = [];
  for (const loc of locs.sort(compareLocations)) {
    if (unique.some((u) => samePlace(u, loc)) || declarations.some((d) => placeKey(d) === placeKey(loc))) continue;
    unique.push(loc);
  }
  return unique.map((loc) => toLocation(folder, loc));
}

/** A mention in a file under the place's own folder, or in a document that speaks for it. */
function sameHome(file: string, place: Place): boolean {
  return covers(place.fileRole.home, dirOf(file)) || covers(documentHome(file), place.fileRole.home);
}
