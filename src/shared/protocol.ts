// What the Portolan server and its clients exchange beyond LSP, typed in one place so the server,
// the VS Code client and other editors' integrations agree on it: a request, a notification and
// the server's workspace/executeCommand commands, each a descriptor (its name; its arguments and
// result as types), and the source of Portolan's diagnostics.
// Nothing is imported at run time: the server bundles this module and must not carry the client's
// copy of the LSP protocol package, so each end sends and handles these by name through its own
// library (src/server/portolanMethods.ts, src/vscode/portolanMethods.ts).
import type { Range } from 'vscode-languageserver-protocol';

/** A request: its method; its params and result exist only as types. */
export interface RequestDescriptor<P, R> {
  readonly method: string;
  /** Never set: carries the types. */
  readonly signature?: (params: P) => R;
}

/** A notification: its method; its params exist only as a type. */
export interface NotificationDescriptor<P> {
  readonly method: string;
  /** Never set: carries the type. */
  readonly signature?: (params: P) => void;
}

/** A workspace/executeCommand command, sent with one argument (`arguments: [args]`). */
export interface CommandDescriptor<A, R> {
  readonly command: string;
  /** Never set: carries the types. */
  readonly signature?: (args: A) => R;
}

/** The `source` of every diagnostic the server publishes: how a client tells Portolan's from others'. */
export const DIAGNOSTIC_SOURCE = 'portolan';

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
  source: 'registry' | 'compose' | 'env' | 'markdown' | 'package' | 'procfile' | 'kubernetes' | 'dockerfile' | 'devcontainer' | 'commands';
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

/** The allocation table of one folder, or of every folder. */
export const AllocationsRequest: RequestDescriptor<AllocationsParams, AllocationsResult> = { method: 'portolan/allocations' };

export interface DidChangeAllocationsParams {
  /** The workspace folder that was re-checked (its diagnostics were published just before). */
  uri: string;
}

/** Sent by the server after each re-check of a folder, so a client can refresh its allocations view. */
export const DidChangeAllocationsNotification: NotificationDescriptor<DidChangeAllocationsParams> = { method: 'portolan/didChangeAllocations' };

// The server's workspace/executeCommand commands: any LSP client can send them. They answer with
// text and numbers and write nothing.

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

/** The YAML text of a proposed ports.yaml for the folder. */
export const CreateRegistryCommand: CommandDescriptor<FolderCommandArgs, string> = { command: 'portolan.createRegistry' };

/** The folder's allocations as a Markdown document. */
export const ExportMarkdownCommand: CommandDescriptor<FolderCommandArgs, string> = { command: 'portolan.exportMarkdown' };

/** The next free port of a range, or null when the range is full or unknown. */
export const FindFreePortCommand: CommandDescriptor<FindFreePortArgs, FreePortResult | null> = { command: 'portolan.findFreePort' };
