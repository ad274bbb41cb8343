import * as z from 'zod';
import { ACCOUNT_ID, accountId } from './validation/option-rules.js';

const ACCOUNT_ID_EXPECTED = `expected ${accountId.expected as string}`;

/**
 * A schema that accepts what CloudFormation sends (a string) or the native value (what CDK code passes), converts
 * the string, then validates the result with `inner`.
 */
function fromString<Input, Converted, Output>(
  expected: string,
  convert: (value: unknown) => Converted | undefined,
  inner: z.ZodType<Output, Converted>,
): z.ZodType<Output, Input> {
  const schema = z
    .custom<Input>(() => true)
    .transform((value, ctx) => {
      const converted = convert(value);
      if (converted === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected ${expected}`, input: value });
        return z.NEVER;
      }
      return converted;
    })
    // biome-ignore lint/suspicious/noExplicitAny: zod types a transform's output as Awaited<Converted>; inner takes Converted.
    .pipe(inner as z.ZodType<Output, any>);
  return schema as unknown as z.ZodType<Output, Input>;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function toInteger(value: unknown): number | undefined {
  const number = toNumber(value);
  return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
}

function toList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? [] : value.split(',').map((item) => item.trim());
}

/**
 * Schemas for CloudFormation's string-typed property values. CloudFormation sends every scalar in
 * `ResourceProperties` as a string (`"3"`, `"false"`), so `z.number()` rejects it and `z.coerce.boolean()` reads
 * `"false"` as `true`. Each helper accepts the string form and the native type, so one schema serves both the Lambda
 * and CDK code; each takes an optional inner schema that validates the converted value.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { cfn } from 'crkit';
 *
 * const Properties = z.object({
 *   Ttl: cfn.integer(z.number().min(60)),
 *   Enabled: cfn.boolean(),
 *   Weight: cfn.number().optional(),
 *   Values: cfn.list(),
 *   Settings: cfn.json(z.object({ mode: z.string() })),
 * });
 * Properties.parse({ Ttl: '300', Enabled: 'false', Values: 'a,b', Settings: '{"mode":"fast"}' });
 * // { Ttl: 300, Enabled: false, Values: ['a', 'b'], Settings: { mode: 'fast' } }
 * ```
 */
export const cfn = {
  /** `"true"` or `"false"` (any case) or a boolean. `"false"` is `false`. */
  boolean: () =>
    fromString<boolean | string, boolean, boolean>('a boolean ("true" or "false")', toBoolean, z.boolean()),

  /** A finite decimal number, as a string or a number; `inner` adds bounds. @default inner `z.number()` */
  number: <Output = number>(inner?: z.ZodType<Output, number>) =>
    fromString<number | string, number, Output>(
      'a number',
      toNumber,
      inner ?? (z.number() as unknown as z.ZodType<Output, number>),
    ),

  /** A safe integer, as a string or a number; `inner` adds bounds. @default inner `z.number()` */
  integer: <Output = number>(inner?: z.ZodType<Output, number>) =>
    fromString<number | string, number, Output>(
      'an integer',
      toInteger,
      inner ?? (z.number() as unknown as z.ZodType<Output, number>),
    ),

  /**
   * A JSON-encoded value (a string holding JSON) or the value itself, validated by `inner`.
   * @default inner `z.unknown()`
   */
  json: <Output = unknown>(inner?: z.ZodType<Output>): z.ZodType<Output, Output | string> =>
    z
      .custom<Output | string>(() => true)
      .transform((value, ctx) => {
        if (typeof value !== 'string') return value;
        try {
          return JSON.parse(value) as unknown;
        } catch {
          // V8's message quotes the text, which may be a secret: say only where it stops parsing.
          ctx.addIssue({
            code: 'custom',
            message: `expected JSON text (${value.length} characters that do not parse as JSON)`,
            input: value,
          });
          return z.NEVER;
        }
      })
      .pipe(inner ?? (z.unknown() as z.ZodType<Output>)) as unknown as z.ZodType<Output, Output | string>,

  /**
   * An AWS account id: 12 digits, as text ("the regex pattern for an account ID string requires exactly 12 digits",
   * AWS Organizations API Reference). A number is refused: it would have lost any leading zero.
   */
  accountId: () => z.string({ error: ACCOUNT_ID_EXPECTED }).regex(ACCOUNT_ID, { error: ACCOUNT_ID_EXPECTED }),

  /**
   * A list: an array (how CloudFormation passes a `List<...>` value) or a comma-separated string (`"a, b"`), each
   * item validated by `item`. An empty string is an empty list.
   * @default item `z.string()`
   */
  list: <Output = string>(item?: z.ZodType<Output>) =>
    fromString<readonly unknown[] | string, unknown[], Output[]>(
      'a list (an array or comma-separated text)',
      toList,
      z.array(item ?? (z.string() as unknown as z.ZodType<Output>)),
    ),
} as const;
