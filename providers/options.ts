import { checkOptions } from 'crkit/advanced';
import * as z from 'zod';

/**
 * How the ready-made providers check their factories' options: with `checkOptions` from `crkit/advanced`, as a
 * user's provider would. The schema is built only for options that hold something: the defaults (`{}`, nothing) need
 * no check, and a provider Lambda builds its definition at init.
 */
export function checkProviderOptions(schema: () => z.ZodType, options: unknown, context: string): void {
  let empty = false;
  try {
    empty =
      typeof options === 'object' &&
      options !== null &&
      Object.getPrototypeOf(options) === Object.prototype &&
      Reflect.ownKeys(options).length === 0;
  } catch {
    // A Proxy whose traps throw: checkOptions reports it, naming the options.
  }
  if (options === undefined || empty) return;
  checkOptions(schema(), options, { context });
}

/** An object passed on as it is (an AWS SDK client, a client configuration); `noun` says which. */
export const anObject = (noun: string) =>
  z.custom<object>((value) => typeof value === 'object' && value !== null, { error: `expected ${noun}` });

/** A function; `noun` says which. */
export const aFunction = (noun: string) =>
  z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
    error: `expected ${noun}`,
  });

/**
 * A value checked where it is used (the completion options by `defineResource`, an allowlist by
 * `checkDnsAllowlist`), so that its message names it there.
 */
export const checkedWhereUsed = () => z.unknown().optional();
