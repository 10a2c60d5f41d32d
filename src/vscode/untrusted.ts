// What an untrusted workspace (VS Code Workspace Trust) lets the server do: read and check files,
// but never probe this machine's ports. Kept free of the `vscode` module so it is unit-tested.

/** The `workspace/configuration` answer for the server, with live status off in every `portolan` section. */
export function untrustedConfiguration(items: ReadonlyArray<{ section?: string }>, result: unknown[]): unknown[] {
  return result.map((value, i) => (items[i]?.section === 'portolan' && typeof value === 'object' && value !== null
    ? { ...value, liveStatus: false }
    : value));
}
