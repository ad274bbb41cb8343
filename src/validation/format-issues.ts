import type * as z from 'zod';
import type { PropertyIssue } from '../errors.js';

const ARTICLES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  bigint: 'a bigint',
  date: 'a date',
};

const UNIT: Record<string, string> = { string: 'character', array: 'item', set: 'item', file: 'byte' };

/** `3 characters`, `1 character`, or the bare count for an origin without a unit. */
function counted(count: number | bigint, origin: string): string {
  const unit = UNIT[origin];
  return unit === undefined ? String(count) : `${count} ${unit}${Number(count) === 1 ? '' : 's'}`;
}

/** Formats zod names after what a string must hold rather than its own name (`starts_with`). */
function formatExpectation(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === 'regex' && 'pattern' in issue)
    return `expected text matching ${String(issue.pattern)}`;
  if ('prefix' in issue) return `expected text starting with ${JSON.stringify(issue.prefix)}`;
  if ('suffix' in issue) return `expected text ending with ${JSON.stringify(issue.suffix)}`;
  if ('includes' in issue) return `expected text containing ${JSON.stringify(issue.includes)}`;
  if (issue.format === 'lowercase' || issue.format === 'uppercase') return `expected ${issue.format} text`;
  return `expected ${issue.format === 'email' ? 'an email address' : `a valid ${issue.format}`}`;
}

/** CloudFormation turns every scalar into a string; a schema that expects the native type needs a `cfn` helper. */
const CFN_HINT =
  ' (CloudFormation sends values as strings: use cfn.number(), cfn.integer(), cfn.boolean() or cfn.list())';

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${ARTICLES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint')
        return `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
      return `expected ${issue.exact ? 'exactly' : 'at least'} ${counted(issue.minimum, issue.origin)}`;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'bigint')
        return `expected a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
      return `expected ${issue.exact ? 'exactly' : 'at most'} ${counted(issue.maximum, issue.origin)}`;
    case 'invalid_format':
      return formatExpectation(issue);
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** A short, safe rendering of the value that arrived. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing (the property is missing)';
  if (typeof value === 'string') {
    const text = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(text);
  }
  if (Array.isArray(value)) return `an array of ${counted(value.length, 'array')}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function pathText(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    root,
  );
}

/** Options of {@link formatIssues}. */
export interface FormatIssuesOptions {
  /** The name of the object validated, e.g. `ResourceProperties`. */
  readonly root: string;
  /** Top-level keys whose values must never be echoed (secrets passed as properties). @default none */
  readonly sensitive?: readonly string[];
}

/**
 * Turns zod issues into messages a reader can act on: where, what was expected, what arrived. Parse with
 * `{ reportInput: true }` so each issue carries the value that arrived.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { cfn } from 'crkit';
 * import { formatIssues } from './format-issues.js';
 * const result = z.object({ Ttl: cfn.integer() }).safeParse({ Ttl: 'abc' }, { reportInput: true });
 * if (!result.success) formatIssues(result.error.issues, { root: 'ResourceProperties' });
 * // [{ path: 'ResourceProperties.Ttl', message: 'expected an integer, got "abc"' }]
 * ```
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  options: FormatIssuesOptions,
): PropertyIssue[] {
  return issues.map((issue) => {
    const path = pathText(options.root, issue.path);
    if (issue.code === 'unrecognized_keys') return { path, message: expectation(issue) };
    const secret = typeof issue.path[0] === 'string' && options.sensitive?.includes(issue.path[0]);
    const input = 'input' in issue ? issue.input : undefined;
    const got = secret ? 'a value not shown (sensitive)' : shown(input);
    const hint =
      issue.code === 'invalid_type' && typeof input === 'string' && issue.expected !== 'string'
        ? CFN_HINT
        : '';
    return { path, message: `${expectation(issue)}, got ${got}${hint}` };
  });
}
