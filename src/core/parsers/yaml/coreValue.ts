// The plain value of a block reader tree (blockYaml.ts), as the `yaml` package's toJS() makes it
// with YAML 1.2's core schema, for documents where that is certain. Anything this does not mirror
// exactly makes it answer undefined, and the caller asks yaml: anchors and aliases, keys that
// collide once they are strings, `<<` and `__proto__` keys, keys that are not strings or decimal
// integers, and plain scalars the core schema reads as octal, hexadecimal or floating point
// numbers.

import { notSure, unlessNotSure } from './notSure';
import type { ScalarNode, YamlNode } from './tree';

// The core schema's tags for plain scalars, as yaml writes them (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** The value of `root`, or undefined when yaml's could differ from it. */
export function coreValue(root: YamlNode): { value: unknown } | undefined {
  return unlessNotSure(() => ({ value: valueOf(root) }));
}

// Recursive: the block reader stops at 64 levels of nesting, far inside the stack.
function valueOf(node: YamlNode | null): unknown {
  if (node === null || node.kind === 'alias' || node.anchor !== undefined) notSure();
  if (node.kind === 'scalar') return scalarValue(node);
  if (node.kind === 'seq') return node.items.map(valueOf);
  const map: Record<string, unknown> = {};
  for (const { key, value } of node.pairs) {
    const name = keyOf(key);
    if (Object.prototype.hasOwnProperty.call(map, name)) notSure();
    map[name] = valueOf(value);
  }
  return map;
}

function scalarValue(node: ScalarNode): unknown {
  const { value } = node;
  if (value === null) return null;
  if (node.type !== 'PLAIN') return value;
  if (NULL.test(value)) return null;
  if (TRUE.test(value)) return true;
  if (FALSE.test(value)) return false;
  if (DECIMAL.test(value)) return parseInt(value, 10);
  if (OTHER_NUMBER.test(value)) notSure();
  return value;
}

/** A map key as toJS() names it in a plain object. */
export function keyOf(key: YamlNode | null): string {
  if (key?.kind !== 'scalar' || key.anchor !== undefined) notSure();
  const value = scalarValue(key);
  const name = typeof value === 'number' ? String(value) : value;
  if (typeof name !== 'string' || name === '<<' || name === '__proto__') notSure();
  return name;
}
