import * as z from 'zod';
import { errorText } from '../error-text.js';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { pathText, shown } from './format-issues.js';
import { readOnce, UnreadableOption } from './read-once.js';

/**
 * What a rule expects: a noun phrase (`an integer from 1 to 10`, said as `expected an integer from 1 to 10, got 0`),
 * or the whole message for the value that arrived.
 */
export type Expected = string | ((value: unknown, context: string | undefined) => string);

/** One rule an option's value must follow, as plain data. */
export interface Rule {
  readonly expected: Expected;
  readonly test: (value: unknown) => boolean;
}

/** What an {@link OptionSpec} declares. */
export type Declared =
  | { readonly kind: 'rule'; readonly rule: Rule }
  | { readonly kind: 'list'; readonly item: OptionSpec; readonly noun: string }
  | {
      readonly kind: 'object';
      readonly shape: Readonly<Record<string, OptionSpec>>;
      readonly hints: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'optional'; readonly inner: OptionSpec };

/**
 * The declaration of an option: one rule, a list, an object of options, or any of them optional. Declarations are
 * plain data, cheap to make when a handler is built; the zod schema of one is made from it, once, when first needed.
 */
export class OptionSpec {
  constructor(readonly declared: Declared) {}

  /** The same option, which may also be left out. */
  optional(): OptionSpec {
    return new OptionSpec({ kind: 'optional', inner: this });
  }
}

/** Each key of an options type `T` with its zod schema: the compiler keeps the two in step. */
export type OptionsShape<T> = { readonly [K in keyof T]-?: z.ZodType };

/** Each key of an options type `T` with its declaration: the compiler keeps the two in step. */
export type RulesShape<T> = { readonly [K in keyof T]-?: OptionSpec };

/** An option that follows `rule`. */
export const option = (rule: Rule): OptionSpec => new OptionSpec({ kind: 'rule', rule });

/** A list whose items each follow `item`; `noun` says what the list is (`a list of account ids`). */
export const listOf = (item: Rule | OptionSpec, noun: string): OptionSpec =>
  new OptionSpec({ kind: 'list', item: item instanceof OptionSpec ? item : option(item), noun });

/**
 * An object of options that refuses any other key, naming it with the option it resembles; `hints` explain keys
 * known not to belong here (e.g. a test seam passed as an option).
 */
export const optionsObject = (
  shape: Readonly<Record<string, OptionSpec>>,
  hints: Readonly<Record<string, string>> = {},
): OptionSpec => new OptionSpec({ kind: 'object', shape, hints });

/** `build()`, made on first call and kept. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

/** Whether `value` follows `declared`: the rules run directly, with no schema built (a handler's init stays fast). */
export function accepts(spec: OptionSpec, value: unknown): boolean {
  const { declared } = spec;
  switch (declared.kind) {
    case 'optional':
      return value === undefined || accepts(declared.inner, value);
    case 'rule':
      return declared.rule.test(value);
    case 'list':
      return Array.isArray(value) && value.every((item) => accepts(declared.item, item));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const given = value as Record<string, unknown>;
      // Inherited enumerable keys too (`Object.create({ timeoutMargin: 1 })`), as the zod schema sees them.
      for (const key in given) if (!Object.hasOwn(declared.shape, key)) return false;
      return Object.entries(declared.shape).every(([key, option]) => accepts(option, given[key]));
    }
    default:
      return declared satisfies never;
  }
}

/** What each schema made here expects, and the hints of each options object, read when a value fails them. */
const EXPECTED = new WeakMap<object, Expected>();
const HINTS = new WeakMap<object, Readonly<Record<string, string>>>();
const SCHEMAS = new WeakMap<OptionSpec, z.ZodType>();

/** The zod schema of a declaration: strict objects, lists and custom rules, made once per declaration. */
export function schemaOf(spec: OptionSpec): z.ZodType {
  const made = SCHEMAS.get(spec);
  if (made) return made;
  const { declared } = spec;
  let schema: z.ZodType;
  switch (declared.kind) {
    case 'optional':
      schema = schemaOf(declared.inner).optional();
      break;
    case 'rule':
      schema = z.custom(declared.rule.test);
      EXPECTED.set(schema, declared.rule.expected);
      break;
    case 'list':
      schema = z.array(schemaOf(declared.item));
      EXPECTED.set(schema, declared.noun);
      break;
    case 'object':
      schema = z.strictObject(
        Object.fromEntries(Object.entries(declared.shape).map(([key, o]) => [key, schemaOf(o)])),
      );
      EXPECTED.set(schema, 'an object of options');
      HINTS.set(schema, declared.hints);
      break;
    default:
      return declared satisfies never;
  }
  SCHEMAS.set(spec, schema);
  return schema;
}

function unknownKeys(
  issue: z.core.$ZodRawIssue<z.core.$ZodIssueUnrecognizedKeys>,
  context: string | undefined,
) {
  const inst = issue.inst as z.ZodObject | undefined;
  const known = Object.keys(inst?._zod.def.shape ?? {});
  const hints = (inst && HINTS.get(inst)) ?? {};
  const of = context === undefined ? '' : ` of ${context}`;
  // Own keys only: `constructor` or `toString` is an unknown option, not Object.prototype's.
  const hinted = (key: string) => (Object.hasOwn(hints, key) ? ` (${hints[key]})` : didYouMean(key, known));
  const list = `; the options are ${known.join(', ')}`;
  if (issue.keys.length === 1) {
    const key = issue.keys[0] ?? '';
    return `unknown option${of}${hinted(key) || list}`;
  }
  // Several at once: each named with its hint, the known options listed once.
  const named = issue.keys.map((key) => `${JSON.stringify(key)}${hinted(key)}`).join(', ');
  return `unknown options${of}: ${named}${list}`;
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
  /** The start of each option's path, e.g. `testSeams`; the name of the whole value when it is not an object. @default '' */
  readonly root?: string;
  /** What the options belong to, e.g. `Custom::Widget`. @default none */
  readonly context?: string | undefined;
}

/**
 * Checks `value` against `spec` and returns it as checked: each option read once ({@link readOnce}: objects of
 * options copied, functions, clients and loggers kept, symbol keys left out), so that a caller using the result sees what was checked.
 * Throws a {@link ConfigurationError} naming the first offending option, every other one following in the message.
 * The rules run first, directly; only a value they refuse is parsed with the declaration's zod schema, whose issues
 * (paths, unknown keys) make the message.
 */
export function parseOptions<T>(spec: OptionSpec, value: T, where: ParseOptionsContext = {}): T {
  const read = readOrRefuse(spec, value, where);
  if (readSafely(() => accepts(spec, read), read, where)) return read;
  parseOrRefuse(schemaOf(spec), read, where);
  // The schema runs the same rules, so it refuses what they refuse; should it not, the value is refused all the same.
  throw new ConfigurationError(where.root || 'options', 'refused by its rules');
}

/** {@link readOnce}, or a {@link ConfigurationError} naming the option whose read threw, with what it threw. */
function readOrRefuse<T>(spec: OptionSpec, value: T, { root = '' }: ParseOptionsContext): T {
  try {
    return readOnce(spec, value) as T;
  } catch (error) {
    if (!(error instanceof UnreadableOption)) throw error;
    throw new ConfigurationError(
      pathText(root, error.path) || 'options',
      `could not be read (${errorText(error.thrown)}); pass plain values`,
      { cause: error.thrown },
    );
  }
}

/** Whether `error` is crkit's own refusal; a thrown Proxy whose traps throw is not. */
function isConfigurationError(error: unknown): boolean {
  try {
    return error instanceof ConfigurationError;
  } catch {
    return false;
  }
}

/**
 * `check()`, or a {@link ConfigurationError} when reading the options threw (a getter, a Proxy trap): it names the
 * first top-level option whose read throws, else the options object, with what was thrown.
 */
function readSafely<T>(check: () => T, value: unknown, { root = '' }: ParseOptionsContext): T {
  try {
    return check();
  } catch (error) {
    if (isConfigurationError(error)) throw error;
    let option = root || 'options';
    try {
      for (const key of Object.keys(value as object)) {
        try {
          void (value as Record<string, unknown>)[key];
        } catch {
          option = pathText(root, [key]);
          break;
        }
      }
    } catch {
      // The keys themselves could not be listed: the options object as a whole is named.
    }
    throw new ConfigurationError(option, `could not be read (${errorText(error)}); pass plain values`, {
      cause: error,
    });
  }
}

/**
 * Parses `value` with `schema` and returns its output when it passes; else throws a {@link ConfigurationError}
 * naming the first offending option (its path from `where.root`), every other one following in the message. An
 * unknown key of a strict object is named with the known key it resembles. Messages come from the rules a schema
 * was built from, else from the schema's own `error`, else from zod.
 */
export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: ParseOptionsContext = {},
): z.output<S> {
  const { root = '', context } = where;
  // jitless: a schema parsed once, to explain a refusal, is not worth compiling a fast path for.
  const result = readSafely(
    () => schema.safeParse(value, { jitless: true, error: (issue) => messageOf(issue, context) }),
    value,
    where,
  );
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // Unknown keys are named by the first of them; the message names them all.
    const single = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
    const path = pathText(root, [...issue.path, ...single]);
    return { option: path === '' ? 'options' : path, message: issue.message };
  });
  const [first, ...rest] = problems as [(typeof problems)[number], ...typeof problems];
  const more = rest.map((problem) => `; ${problem.option}: ${problem.message}`).join('');
  throw new ConfigurationError(first.option, `${first.message}${more}`);
}
