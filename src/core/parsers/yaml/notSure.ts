// How the fast YAML path gives up: the block reader, coreValue and TreeLocator throw notSure()
// from wherever they meet something they do not mirror exactly, and their callers get undefined
// ("ask yaml") from unlessNotSure.

/** Thrown to leave a reading; unlessNotSure turns it into undefined. */
const NOT_SURE: unique symbol = Symbol('not sure');

/** Gives up on the text or tree being read. */
export function notSure(): never {
  throw NOT_SURE;
}

/** What `read` returns, or undefined when it gave up. */
export function unlessNotSure<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err === NOT_SURE) return undefined;
    throw err;
  }
}
