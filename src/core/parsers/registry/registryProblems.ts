// Turns YAML syntax errors and zod issues into problems placed on the exact YAML node, with
// messages that name the path and what was written ("ranges.core.to: expected a number, got "abc"").

import { isScalar, visit, type Document, type Scalar } from 'yaml';
import type { z } from 'zod';
import type { Location, ParseProblem } from '../../model';
import { isValidPort } from '../../syntax/ports';
import { describeValue, isPortPath, knownKeys } from './registrySchema';
import type { Path, YamlLocator } from '../yaml/yamlLocator';

type Issue = z.core.$ZodIssue;

export function yamlProblems(doc: Document.Parsed, at: YamlLocator): ParseProblem[] {
  return doc.errors.map((error) => {
    const duplicate = error.code === 'DUPLICATE_KEY' ? keyStartingAt(doc, error.pos[0]) : undefined;
    return duplicate
      ? schemaProblem(`duplicate key ${describeValue(String(duplicate.value))} (the last one counts)`, at.of(duplicate))
      : schemaProblem(`YAML syntax: ${error.message}`, at.span(error.pos[0], error.pos[1]));
  });
}

// yaml places a duplicate key error on the key's first character only.
function keyStartingAt(doc: Document.Parsed, offset: number): Scalar | undefined {
  let found: Scalar | undefined;
  visit(doc, {
    Pair: (_, pair) => {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) found = pair.key;
    },
  });
  return found;
}

/** Problems for the issues zod found in `input`, the parsed value of the located document. */
export function issueProblems(issues: readonly Issue[], input: unknown, at: YamlLocator): ParseProblem[] {
  const seen = new Set<string>();
  return leaves(issues, [])
    .flatMap(({ issue, path }) => leafProblems(issue, path, valueAt(input, path), at))
    // One bad number can fail several checks (min and int); it is one problem.
    .filter((problem) => {
      const id = `${problem.loc.span.startOffset}:${problem.loc.span.endOffset}:${problem.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

export function schemaProblem(message: string, loc: Location): ParseProblem {
  return { rule: 'registry-schema', message, loc };
}

/** Formats `path` the way a reader would write it: `services.gateway.ports.http`, `reserved[2]`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return 'top level';
  return path.map((segment, i) => {
    if (typeof segment === 'number') return `[${segment}]`;
    const name = String(segment);
    if (!/^[A-Za-z_][\w-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
    return i === 0 ? name : `.${name}`;
  }).join('');
}

interface Leaf {
  issue: Issue;
  path: Path;
}

// A union reports every branch's failure; when the value's type matched exactly one branch, that
// branch's issues say what is wrong far better than "matched no branch".
function leaves(issues: readonly Issue[], base: Path): Leaf[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    const branch = issue.code === 'invalid_union' ? typedBranch(issue.errors) : undefined;
    return branch ? leaves(branch, path) : [{ issue, path }];
  });
}

function typedBranch(branches: readonly Issue[][]): Issue[] | undefined {
  const typed = branches.filter((branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
  return typed.length === 1 ? typed[0] : undefined;
}

function leafProblems(issue: Issue, path: Path, value: unknown, at: YamlLocator): ParseProblem[] {
  if (isPortPath(path) && typeof value === 'number' && Number.isFinite(value) && !isValidPort(value)) {
    const message = `${formatPath(path)}: ${value} is not a valid port (1-65535)`;
    return [{ rule: 'invalid-port', message, port: value, loc: at.value(path) }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => schemaProblem(unknownKeyMessage(path, key), at.key([...path, key])));
  }
  return [schemaProblem(`${formatPath(path)}: ${issueMessage(issue, value)}`, at.value(path))];
}

function unknownKeyMessage(path: Path, key: string): string {
  const known = knownKeys(path);
  // Short keys are too close to each other for a two-letter slip to say which one was meant.
  const slack = key.length > 5 ? 2 : 1;
  const typo = known.find((candidate) => editDistance(candidate, key.toLowerCase()) <= slack);
  const hint = typo !== undefined ? ` (did you mean "${typo}"?)`
    : known.length > 0 ? ` (known keys: ${known.join(', ')})` : '';
  return `${formatPath(path)}: unknown key ${describeValue(key)}${hint}`;
}

/** Levenshtein distance; keys are short, so the quadratic table is cheap. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

function issueMessage(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected ${alternatives(issue.values.map(describeValue))}, got ${describeValue(value)}`;
    case 'invalid_union':
      return `${issue.message}, got ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

function alternatives(words: string[]): string {
  if (words.length <= 2) return words.join(' or ');
  return `one of ${words.join(', ')}`;
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
