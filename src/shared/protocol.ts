// Custom LSP requests between the Portolan server and its clients, typed in one place so the
// server, the VS Code client and other editors' integrations agree on them.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';
import { ALLOCATIONS_METHOD, DID_CHANGE_ALLOCATIONS_METHOD } from './methods';

export interface AllocationsParams {
  /** A workspace folder URI; omitted for every folder. */
  uri?: string;
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
  problems: ProblemSummary[];
  places: PlaceNode[];
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
}

export interface AllocationsResult {
  folders: FolderAllocations[];
}

export const AllocationsRequest = new RequestType<AllocationsParams, AllocationsResult, void>(ALLOCATIONS_METHOD);

export interface DidChangeAllocationsParams {
  /** The workspace folder that was re-checked (its diagnostics were published just before). */
  uri: string;
}

/** Sent by the server after each re-check of a folder, so a client can refresh its allocations view. */
export const DidChangeAllocationsNotification = new NotificationType<DidChangeAllocationsParams>(DID_CHANGE_ALLOCATIONS_METHOD);
