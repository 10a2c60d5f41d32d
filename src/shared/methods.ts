// The custom method names, with no dependency: the server imports these (and only types from
// protocol.ts), so its bundle does not carry the client's copy of the LSP protocol package.
export const ALLOCATIONS_METHOD = 'portolan/allocations';
export const DID_CHANGE_ALLOCATIONS_METHOD = 'portolan/didChangeAllocations';

// workspace/executeCommand commands the server implements (any LSP client can send them).
/** Arguments: [{ uri?: folder or file URI }]. Result: the YAML text of a proposed ports.yaml (nothing is written). */
export const CREATE_REGISTRY_COMMAND = 'portolan.createRegistry';
/** Arguments: [{ uri? }]. Result: the allocations as a Markdown document. */
export const EXPORT_MARKDOWN_COMMAND = 'portolan.exportMarkdown';
/** Arguments: [{ uri?, range: a range name or "8000-8009" }]. Result: FreePortResult, or null when the range is full or unknown. */
export const FIND_FREE_PORT_COMMAND = 'portolan.findFreePort';
export const SERVER_COMMANDS = [CREATE_REGISTRY_COMMAND, EXPORT_MARKDOWN_COMMAND, FIND_FREE_PORT_COMMAND];
