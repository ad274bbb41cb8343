import type * as z from 'zod';
import { parseOrRefuse, type ZodShape } from '../validation/option-schemas.js';

/**
 * Each key of a props type `T` with its zod schema, so that the compiler keeps a construct's props and their checks
 * in step: `z.strictObject({ ... } satisfies PropsShape<WidgetProps>)`.
 */
export type PropsShape<T> = ZodShape<T>;

/** Where {@link checkProps} reports from. */
export interface CheckPropsContext {
  /** The start of each prop's path in a message, e.g. `props`. @default '' (the prop's own name) */
  readonly root?: string;
  /** What the props belong to, named in each message, e.g. `CrossAccountDnsRecord`. @default none */
  readonly context?: string;
}

/**
 * Checks a construct's props against a zod schema, at synth time, as crkit's own constructs check theirs: returns
 * the schema's output, or throws a `ConfigurationError` whose `option` is the path of the first offending prop, with
 * every other problem in its message. Declare objects with `z.strictObject` so that an unknown (misspelt) prop is
 * refused, named with the prop it resembles. A prop whose value CloudFormation decides at deploy time (a token) is
 * a string or number to zod: check its shape, not its value.
 *
 * @throws {ConfigurationError} when `props` fails `schema`.
 * @example
 * ```ts
 * import { checkProps } from 'crkit/cdk';
 * import * as z from 'zod';
 *
 * const WidgetProps = z.strictObject({ name: z.string().min(1), size: z.number().int().optional() });
 * checkProps(WidgetProps, { name: 'a', size: 2 }, { context: 'Widget' }); // { name: 'a', size: 2 }
 * // checkProps(WidgetProps, { name: 'a', sise: 2 }) throws ConfigurationError: sise: unknown option (did you mean "size"?)
 * ```
 */
export function checkProps<S extends z.ZodType>(
  schema: S,
  props: unknown,
  where: CheckPropsContext = {},
): z.output<S> {
  return parseOrRefuse(schema, props, where);
}
