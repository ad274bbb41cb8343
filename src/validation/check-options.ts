import type * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { isZodSchema } from './option-rules.js';
import { type OptionsShape, parseOrRefuse } from './option-schemas.js';

export type { OptionsShape };

/** Where {@link checkOptions} reports from. */
export interface CheckOptionsContext {
  /** The start of each option's path in a message, e.g. `props`. @default '' (the option's own name) */
  readonly root?: string;
  /** What the options belong to, named in each message, e.g. `Custom::Widget` or a construct's name. @default none */
  readonly context?: string;
}

/**
 * Checks an options object (a factory's options, a construct's props) against a zod schema as crkit checks its
 * own: returns the schema's output, or throws a `ConfigurationError` whose `option` is the path of the first
 * offending option, every other problem following in its message. Declare objects with `z.strictObject`, so that an
 * unknown (misspelt) option is refused, named with the option it resembles; `OptionsShape<T>` keeps the schema's
 * keys in step with the options type. A getter or Proxy trap that throws is reported as the option it belongs to.
 *
 * @throws {ConfigurationError} when `options` fails `schema`, or `schema` is not a zod schema.
 * @example
 * ```ts
 * import { checkOptions, type OptionsShape } from 'crkit/advanced';
 * import * as z from 'zod';
 *
 * interface WidgetOptions { readonly name: string; readonly size?: number }
 * const WidgetOptions = z.strictObject({
 *   name: z.string().min(1),
 *   size: z.number().int().optional(),
 * } satisfies OptionsShape<WidgetOptions>);
 * checkOptions(WidgetOptions, { name: 'a', size: 2 }, { context: 'Widget' }); // { name: 'a', size: 2 }
 * // checkOptions(WidgetOptions, { name: 'a', sise: 2 }) throws ConfigurationError: sise: unknown option (did you mean "size"?)
 * ```
 */
export function checkOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  where: CheckOptionsContext = {},
): z.output<S> {
  if (!isZodSchema(schema)) {
    throw new ConfigurationError('schema', 'expected a zod schema, such as z.strictObject({ ... })');
  }
  const { root, context } = (where ?? {}) as CheckOptionsContext;
  if (
    (root !== undefined && typeof root !== 'string') ||
    (context !== undefined && typeof context !== 'string')
  ) {
    throw new ConfigurationError('where', 'expected { root?: string, context?: string }');
  }
  return parseOrRefuse(schema, options, { ...(root === undefined ? {} : { root }), context });
}
