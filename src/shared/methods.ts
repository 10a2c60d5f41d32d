// The custom method names, with no dependency: the server imports these (and only types from
// protocol.ts), so its bundle does not carry the client's copy of the LSP protocol package.
export const ALLOCATIONS_METHOD = 'portolan/allocations';
export const DID_CHANGE_ALLOCATIONS_METHOD = 'portolan/didChangeAllocations';
