// Every rule, once: its id, default severity, summary and checks live in its own file, and this
// list is the only place that names them all. The Checker runs the rules from it; the rule ids and
// levels a configuration may set, SARIF's rule list, and (held equal by test/unit/catalog.test.ts)
// package.json's portolan.rules, resources/portolan.config.schema.json and the README's Rules
// section come from it. The order is the one those lists show.
import { invalidPort } from './invalidPort';
import { keptFreePort } from './keptFreePort';
import { outOfRange } from './outOfRange';
import { portConflict } from './portConflict';
import { portMismatch } from './portMismatch';
import { rangeOverlap } from './rangeOverlap';
import { registrySchema } from './registrySchema';
import { reservedPort } from './reservedPort';
import type { Rule } from './rule';
import { unregisteredPort } from './unregisteredPort';

export const RULES: readonly Rule[] = [
  portConflict,
  portMismatch,
  outOfRange,
  reservedPort,
  rangeOverlap,
  invalidPort,
  registrySchema,
  keptFreePort,
  unregisteredPort,
];
