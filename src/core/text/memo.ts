// A workspace writes each name (a service, a variable) the same way in many places: pure functions
// of a name are worth computing once per spelling.
import { intern } from './intern';

/** A long-running server sees names come and go: past this many, a cache starts over. */
const MAX_ENTRIES = 1 << 14;

/**
 * `fn`, computed once per distinct argument. `fn` is given the interned copy of its argument, so
 * whatever it returns (a slice of it, say) holds no file's text alive in the cache.
 */
export function memoByText<T>(fn: (text: string) => T): (text: string) => T {
  let cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= MAX_ENTRIES) cache = new Map();
      const key = intern(text);
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
