import * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { pathText, shown } from './format-issues.js';

/**
 * What a rule expects: a noun phrase (`an integer from 1 to 10`, said as `expected an integer from 1 to 10, got 0`),
 * or the whole message for the value that arrived.
 */
export type Expected = string | ((value: unknown, context: string | undefined) => string);

/** One rule an option's value must follow, as plain data: schemas are made from it on first use. */
export interface Rule {
  readonly expected: Expected;
  readonly test: (value: unknown) => boolean;
}

/** Each key of an options type `T` with its schema: the compiler keeps the two in step. */
export type OptionsShape<T> = { readonly [K in keyof T]-?: z.ZodType };

/** What each schema made here expects, read when a value fails it. */
const EXPECTED = new WeakMap<object, Expected>();
/** Per options object: a hint for a key that is not an option (e.g. a test seam passed as an option). */
const HINTS = new WeakMap<object, Readonly<Record<string, string>>>();

/** The schema of one option that follows `rule`. */
export function option<T = unknown>(rule: Rule): z.ZodType<T> {
  const schema = z.custom<T>(rule.test);
  EXPECTED.set(schema, rule.expected);
  return schema;
}

/** A list whose items each follow `item`; `noun` says what the list is (`a list of account ids`). */
export function listOf(item: Rule | z.ZodType, noun: string): z.ZodType<unknown[]> {
  const schema = z.array('test' in item ? option(item) : item);
  EXPECTED.set(schema, noun);
  return schema;
}

/**
 * An object of options that rejects any other key, naming it with the option it resembles; `hints` explain keys
 * that are known not to belong here.
 */
export function optionsObject<S extends z.core.$ZodLooseShape>(
  shape: S,
  hints: Readonly<Record<string, string>> = {},
): z.ZodType {
  const schema = z.strictObject(shape);
  EXPECTED.set(schema, 'an object of options');
  HINTS.set(schema, hints);
  return schema;
}

/** `build()`, made on first call and kept: schemas are built when first needed, not when a module loads. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

function unknownKeys(
  issue: z.core.$ZodRawIssue<z.core.$ZodIssueUnrecognizedKeys>,
  context: string | undefined,
) {
  const inst = issue.inst as z.ZodObject | undefined;
  const known = Object.keys(inst?._zod.def.shape ?? {});
  const hints = (inst && HINTS.get(inst)) ?? {};
  const of = context === undefined ? '' : ` of ${context}`;
  const advice = (key: string) =>
    hints[key] !== undefined
      ? ` (${hints[key]})`
      : didYouMean(key, known) || `; the options are ${known.join(', ')}`;
  const name = (key: string) =>
    issue.keys.length === 1 ? 'unknown option' : `unknown option ${JSON.stringify(key)}`;
  return issue.keys.map((key) => `${name(key)}${of}${advice(key)}`).join('; ');
}

function messageOf(issue: z.core.$ZodRawIssue, context: string | undefined): string | undefined {
  if (issue.code === 'unrecognized_keys') return unknownKeys(issue, context);
  const where = context === undefined ? '' : ` for ${context}`;
  const expected = issue.inst ? EXPECTED.get(issue.inst) : undefined;
  if (expected === undefined) return undefined;
  if (typeof expected === 'function') return expected(issue.input, context);
  return `expected ${expected}${where}, got ${shown(issue.input, 'nothing')}`;
}

/** Where a value is checked: `root` starts every option's path; `context` (e.g. a resource type) is named in each message. */
export interface ParseOptionsContext {
  /** The start of each option's path, e.g. `seams`; the name of the whole value when it is not an object. @default '' */
  readonly root?: string;
  /** What the options belong to, e.g. `Custom::Widget`. @default none */
  readonly context?: string | undefined;
}

/**
 * Checks `value` against `schema` and throws a {@link ConfigurationError} naming the first offending option (every
 * other one follows in the message), or returns `value` unchanged (functions and symbol keys included).
 */
export function parseOptions<T>(schema: z.ZodType, value: T, where: ParseOptionsContext = {}): T {
  const { root = '', context } = where;
  // jitless: an options object is checked once, so compiling a fast path for it would only cost time at cold start.
  const result = schema.safeParse(value, { jitless: true, error: (issue) => messageOf(issue, context) });
  if (result.success) return value;
  const problems = result.error.issues.map((issue) => {
    const single = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? issue.keys : [];
    const path = pathText(root, [...issue.path, ...single]);
    return { option: path === '' ? 'options' : path, message: issue.message };
  });
  const [first, ...rest] = problems as [(typeof problems)[number], ...typeof problems];
  const more = rest.map((problem) => `; ${problem.option}: ${problem.message}`).join('');
  throw new ConfigurationError(first.option, `${first.message}${more}`);
}
