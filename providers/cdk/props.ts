import type { Duration } from 'aws-cdk-lib';
import * as z from 'zod';

/**
 * The zod schemas the ready-made providers' constructs check their props with (through `checkOptions` from
 * `crkit/advanced`, as a user's construct would), beside those the providers' factories use (`../options.ts`:
 * `anObject`, `checkedWhereUsed`). Construct code only: no provider Lambda loads this module.
 */

/** A `Duration`, read by its shape: an app may hold another copy of aws-cdk-lib than the provider's. */
export const aDuration = () =>
  z.custom<Duration>((value) => typeof (value as Partial<Duration> | null)?.toSeconds === 'function', {
    error: 'expected a Duration, such as Duration.seconds(300)',
  });

/** A string of at least one character; `noun` says what it names (`a domain name`). */
export const nonEmptyString = (noun: string) =>
  z.string({ error: `expected ${noun}` }).min(1, { error: `expected ${noun}` });

/**
 * `make()`, made at its first call and kept: a construct's props schema is built when the first construct is, not
 * when its module loads (the constructs' modules import each other through `crkit/cdk`, so a schema made at load
 * could meet a module not yet evaluated).
 */
export function lazySchema<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}
