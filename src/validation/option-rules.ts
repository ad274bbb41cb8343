import { type OptionSpec, option, type Rule } from './option-schemas.js';

/**
 * The rules options share, each written once. Rules are plain data; `option(rule)` declares an option that follows
 * one.
 */

/**
 * An AWS account id: "the regex pattern for an account ID string requires exactly 12 digits" (AWS Organizations API
 * Reference, e.g. `DescribeAccount`).
 */
export const ACCOUNT_ID = /^\d{12}$/;
/** An AWS Organizations id: "o-" followed by 10 to 32 lower-case letters or digits (AWS Organizations API Reference). */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

const matches = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** An AWS account id, `111111111111`. */
export const accountId: Rule = {
  expected: 'an account id of 12 digits, like "111111111111"',
  test: matches(ACCOUNT_ID),
};

/** An AWS Organizations id, `o-exampleorgid`. */
export const organizationId: Rule = {
  expected: 'an organization id like "o-exampleorgid" ("o-" and 10 to 32 lower-case letters or digits)',
  test: matches(ORGANIZATION_ID),
};

/** A function; `noun` says which (`a function (event) => reason | undefined`). */
export const aFunction = (noun = 'a function'): Rule => ({
  expected: noun,
  test: (value) => typeof value === 'function',
});

export const aBoolean: Rule = { expected: 'true or false', test: (value) => typeof value === 'boolean' };

export const aString: Rule = { expected: 'a string', test: (value) => typeof value === 'string' };

/** A string with something other than blanks in it. */
export const nonEmptyString = (noun = 'a non-empty string'): Rule => ({
  expected: noun,
  test: (value) => typeof value === 'string' && value.trim() !== '',
});

/** A string matching `pattern`, said as `noun`. */
export const matching = (pattern: RegExp, noun: string): Rule => ({ expected: noun, test: matches(pattern) });

/** One of `values`, each shown as JSON in the message: `"debug", "info", "warn" or "error"`. */
export const oneOf = (values: readonly unknown[]): Rule => {
  const shown = values.map((value) => JSON.stringify(value));
  return {
    expected: `${shown.slice(0, -1).join(', ')}${shown.length > 1 ? ' or ' : ''}${shown.at(-1) ?? 'nothing'}`,
    test: (value) => values.includes(value),
  };
};

/** An integer from `min` to `max` (inclusive; no upper bound when `max` is undefined), in `unit` if any. */
export const integerFrom = (min: number, max?: number, unit = ''): Rule => ({
  expected:
    max === undefined
      ? `an integer >= ${min}${unit && ` ${unit}`}`
      : `an integer from ${min} to ${max}${unit && ` ${unit}`}`,
  test: (value) =>
    Number.isInteger(value) && (value as number) >= min && (max === undefined || (value as number) <= max),
});

/** A duration in milliseconds, zero included. */
export const milliseconds: Rule = {
  expected: 'a number of milliseconds >= 0',
  test: (value) => isNumber(value) && value >= 0,
};

/** A number above zero, in `unit` (`milliseconds`, `seconds`), at most `max` if given (`max` says why). */
export const positive = (unit: string, max?: { readonly value: number; readonly why: string }): Rule => ({
  expected:
    max === undefined
      ? `a number of ${unit} > 0`
      : `a number of ${unit} > 0 and at most ${max.value} (${max.why})`,
  test: (value) => isNumber(value) && value > 0 && (max === undefined || value <= max.value),
});

/**
 * An object with the given methods, e.g. a logger (`debug`, `info`, `warn`, `error`), or one of `alternatives`;
 * `example` says what fits. The message lists the methods missing.
 */
export const withMethods = (
  methods: readonly string[],
  example: string,
  alternatives: readonly unknown[] = [],
): Rule => {
  const missing = (value: unknown) =>
    methods.filter((name) => typeof (value as Record<string, unknown> | null)?.[name] !== 'function');
  const names =
    methods.length > 1 ? `${methods.slice(0, -1).join(', ')} and ${methods.at(-1)}` : (methods[0] ?? 'no');
  const noun = methods.length === 1 ? 'method' : 'methods';
  return {
    expected: (value) =>
      `expected an object with ${names} ${noun} (${example}); missing ${missing(value).join(', ')}`,
    test: (value) =>
      alternatives.includes(value) ||
      (typeof value === 'object' && value !== null && missing(value).length === 0),
  };
};

/** Whether `value` is a zod 4 schema (zod 3's lack `_zod`). */
export const isZodSchema = (value: unknown): boolean =>
  typeof (value as { safeParse?: unknown } | null)?.safeParse === 'function' && '_zod' in (value as object);

/** A zod 4 schema; `noun` says of what. */
export const zodSchema = (noun: string): Rule => ({ expected: noun, test: isZodSchema });

/**
 * A key that is an option whose value is checked where it is used (by a properties schema, or by the construct it
 * is passed on to), so that its message names it there.
 */
export const checkedElsewhere = (): OptionSpec =>
  option({ expected: 'anything', test: () => true }).optional();
