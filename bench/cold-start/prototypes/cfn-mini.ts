// Prototype stand-in for src/cfn.ts on `zod/mini` (same helpers, inner schemas of either flavour), for measuring
// only: its types are looser than the real module's.
import * as z from 'zod/mini';

type Schema = z.core.$ZodType;
type Payload = { issues: unknown[] };

function fromString(expected: string, convert: (value: unknown) => unknown, inner: Schema): Schema {
  const converting = z.transform((value: unknown, ctx: Payload) => {
    const converted = convert(value);
    if (converted !== undefined) return converted;
    ctx.issues.push({ code: 'custom', message: `expected ${expected}`, input: value });
    return z.NEVER;
  });
  // The converted value is never null or undefined, which is what pipe's inner type demands.
  return z.pipe(converting, inner as z.core.$ZodType<unknown, NonNullable<unknown>>);
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

function toJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** CloudFormation's string-typed values, as in src/cfn.ts. */
export const cfn = {
  boolean: () => fromString('a boolean ("true" or "false")', toBoolean, z.boolean()),
  number: (inner?: Schema) => fromString('a number', toNumber, inner ?? z.number()),
  integer: (inner?: Schema) => fromString('an integer', toInteger, inner ?? z.number()),
  json: (inner?: Schema) => fromString('JSON text', toJson, inner ?? z.unknown()),
  list: (item?: Schema) =>
    fromString('a list (an array or comma-separated text)', toList, z.array(item ?? z.string())),
} as const;
