// Custom LSP requests between the Portolan server and its clients, typed in one place so the
// server, the VS Code client and other editors' integrations agree on them.
// `import = require`, not an ES import: in the extension's bundle that would copy all of the
// protocol module's exports as it loads (see src/vscode/languageClient.ts).
import protocol = require('vscode-languageserver-protocol');
import type { Range } from 'vscode-languageserver-protocol';
import { ALLOCATIONS_METHOD, DID_CHANGE_ALLOCATIONS_METHOD } from './methods';

export interface AllocationsParams {
  /** A workspace folder URI; omitted for every folder. */
  uri?: string;
  /** Also say which ports are listening on this machine now (when the `portolan.liveStatus` setting allows). */
  live?: boolean;
}

export interface ProblemSummary {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface PlaceNode {
  uri: string;
  range: Range;
  source: 'registry' | 'compose' | 'env' | 'markdown';
  /** A reference (URL, `*_URL`) rather than an allocation. */
  claim: boolean;
}

export interface AllocationNode {
  port: number;
  endPort?: number;
  service: string;
  role?: string;
  environment?: string;
  scope: string;
  /** The stack (its folder) a service with a generic name (`web`, `api`) belongs to: one per stack. */
  stack?: string;
  problems: ProblemSummary[];
  places: PlaceNode[];
  /** Listening on this machine now (only when live status was asked for and is on). */
  listening?: boolean;
}

/** A port listening now inside a declared range that nothing in the folder claims. */
export interface UnclaimedNode {
  port: number;
  range: { name: string; from: number; to: number; scope: string };
}

export interface RangeNode {
  name: string;
  from: number;
  to: number;
  scope: string;
  /** Distinct ports of the range that some allocation uses. */
  used: number;
  capacity: number;
  /** A range kept free for later (allocations in it are notable, not forbidden). */
  keptFree?: boolean;
  declaredAt: PlaceNode[];
  allocations: AllocationNode[];
}

export interface ReservedNode {
  from: number;
  to: number;
  reason: string;
  declaredAt: PlaceNode;
}

export interface FolderAllocations {
  uri: string;
  name: string;
  ranges: RangeNode[];
  /** Allocations no declared range contains. */
  outside: AllocationNode[];
  reserved: ReservedNode[];
  problemCount: number;
  /** How listening ports were found, when live status was asked for and is on: 'proc' (every port) or 'connect' (only probed ports). */
  live?: 'proc' | 'connect';
  unclaimed?: UnclaimedNode[];
}

export interface AllocationsResult {
  folders: FolderAllocations[];
}

export const AllocationsRequest = new protocol.RequestType<AllocationsParams, AllocationsResult, void>(ALLOCATIONS_METHOD);

export interface DidChangeAllocationsParams {
  /** The workspace folder that was re-checked (its diagnostics were published just before). */
  uri: string;
}

/** Sent by the server after each re-check of a folder, so a client can refresh its allocations view. */
export const DidChangeAllocationsNotification = new protocol.NotificationType<DidChangeAllocationsParams>(DID_CHANGE_ALLOCATIONS_METHOD);

/** Arguments of the server's workspace/executeCommand commands (see methods.ts). */
export interface FolderCommandArgs {
  /** A workspace folder URI, or a file URI inside one; omitted for the first folder. */
  uri?: string;
}

export interface FindFreePortArgs extends FolderCommandArgs {
  /** A declared range's name (`core`, `Core Infrastructure`) or a range written out (`8000-8009`). */
  range: string;
}

export interface FreePortResult {
  port: number;
  range: { name: string; from: number; to: number; scope: string };
}
