// Rename (F2) on a port number: the service's port moves everywhere it is written (registry,
// compose published port, env values and URLs, table cells, mermaid labels, env blocks in docs),
// in one WorkspaceEdit. A target port that is taken, reserved, kept free or not a port is refused
// with a message that says why.
import { LSPErrorCodes, ResponseError } from '../lsp';
import type { Position, PrepareRenameParams, Range, RenameParams, WorkspaceEdit } from 'vscode-languageserver/node';
import { whyNotFree } from '../../core/edits/freePort';
import { planMove } from '../../core/edits/movePort';
import type { FolderSnapshot } from '../../core/project/folderModel';
import { targetAt } from '../../core/query/at';
import type { Place, RuleInput } from '../../core/rules/model';
import { textHost, toPoint, toRange, toWorkspaceEdit } from '../convert';
import type { FolderView, InDocument } from './feature';

/** The service place under the cursor, or why there is nothing to rename there. */
function renamable(input: RuleInput, file: string, position: Position): Place | ResponseError<void> {
  const target = targetAt(input, file, toPoint(position));
  if (!target) return refuse('Portolan renames port numbers: there is no port here');
  if (target.kind === 'mention') return refuse(`${target.mention.port} here belongs to no service (it is only mentioned); rename it where a service's port is written`);
  if (target.kind !== 'place') return refuse('Portolan renames a service\'s port; this is a declared range or a reserved port');
  if (target.place.endPort !== undefined) return refuse(`${target.place.port}-${target.place.endPort} is a range of ports; only single ports can be renamed`);
  return target.place;
}

export function prepareRename(snapshot: FolderSnapshot, _folder: FolderView, params: InDocument<PrepareRenameParams>): { range: Range; placeholder: string } | ResponseError<void> {
  const place = renamable(snapshot.input, params.file, params.position);
  if (place instanceof ResponseError) return place;
  return { range: toRange(place.loc.span), placeholder: String(place.port) };
}

export function rename(snapshot: FolderSnapshot, folder: FolderView, params: InDocument<RenameParams>): WorkspaceEdit | ResponseError<void> {
  const input = snapshot.input;
  const place = renamable(input, params.file, params.position);
  if (place instanceof ResponseError) return place;
  const written = params.newName.trim();
  if (!/^\d{1,5}$/.test(written)) return refuse(`"${written}" is not a port number (1-65535)`);
  const port = Number(written);
  if (port === place.port) return { changes: {} };
  const why = whyNotFree(input, port, place);
  if (why) return refuse(`Cannot move ${place.service} to ${port}: ${why}`);
  const plan = planMove(input, place, port, textHost(folder));
  if (plan.edits.length === 0) return refuse(`Cannot move ${place.service} to ${port}: ${plan.skipped[0]?.reason ?? 'no place to edit'}`);
  return toWorkspaceEdit(folder, plan.edits);
}

function refuse(message: string): ResponseError<void> {
  return new ResponseError<void>(LSPErrorCodes.RequestFailed, message);
}
