import { errorText } from './error-text.js';
import { ConfigurationError } from './errors.js';
import type { ResponseTransport } from './response/transport.js';
import { aFunction } from './validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from './validation/option-schemas.js';

/**
 * The key under which `testSeams` (from `crkit/testing`) puts test seams on an options object. A symbol is no
 * option: production code never sees it in the options' types, and the options' checks do not look at it.
 * `Symbol.for`, so that two copies of crkit (the test kit's and the provider's) agree on it.
 */
export const TEST_SEAMS: unique symbol = Symbol.for('crkit.testSeams') as never;

/** The I/O crkit reaches through a seam, so that a test can pass a fake. Each has a real default. */
export interface TestSeams {
  /** How the response PUT is sent. @default undici, falling back to `node:https` when undici throws */
  readonly transport?: ResponseTransport;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Waits between tries and between completion checks. @default node:timers/promises setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The jitter of retries, in [0, 1). @default Math.random */
  readonly random?: () => number;
  /**
   * How the SNS and SQS entries wait for the end of a batch: `ms` milliseconds, or less when `signal` aborts; it
   * must not reject. @default node:timers/promises setTimeout
   */
  readonly wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const HINT = 'a test seam: pass it with ...testSeams({ ... }) from crkit/testing';

/** The names of the seams, each with the hint an options check gives when one is passed as an option. */
export const TEST_SEAM_HINTS: Readonly<Record<keyof TestSeams, string>> = {
  transport: HINT,
  now: HINT,
  sleep: HINT,
  random: HINT,
  wait: HINT,
};

/**
 * The test seams spread into `options` with `testSeams` (from `crkit/testing`), or none: how a factory of your own
 * honours them, as the ready-made providers do, without listing them among its options.
 *
 * @example
 * ```ts
 * import { testSeamsOf } from 'crkit/advanced';
 *
 * function createClock(options: object = {}) {
 *   const now = testSeamsOf(options).now ?? Date.now;
 *   return () => new Date(now()).toISOString();
 * }
 * ```
 */
export function testSeamsOf(options: object | undefined): TestSeams {
  let seams: unknown;
  try {
    seams = (options as { readonly [TEST_SEAMS]?: unknown } | undefined)?.[TEST_SEAMS];
  } catch (error) {
    throw new ConfigurationError('testSeams', `could not be read (${errorText(error)}); pass plain values`);
  }
  return seams === undefined ? {} : checkTestSeams(seams);
}

const seamsSpec = lazy(() => {
  const fn = option(aFunction()).optional();
  return optionsObject({
    transport: fn,
    now: fn,
    sleep: fn,
    random: fn,
    wait: fn,
  } satisfies RulesShape<TestSeams>);
});

/**
 * The seams checked (each a function, no other key) and copied once, so that a change to the object after the
 * check changes nothing; however they arrive (`testSeams`, or the symbol written by hand).
 *
 * @throws {ConfigurationError} naming the seam, `testSeams.now`, when one is not a function or is unknown.
 */
export function checkTestSeams(seams: unknown): TestSeams {
  // parseOptions returns its own copy, each seam read once: frozen, it is what the handler uses.
  return Object.freeze(parseOptions(seamsSpec(), seams as TestSeams, { root: 'testSeams' }));
}

/**
 * `options` (a copy crkit made) carrying `seams`, already checked, under the seams' symbol: how the options an entry
 * checked keep the seams it was given, for what it builds from them (the entry of a misdirected event).
 */
export function withTestSeams<O extends object>(options: O, seams: TestSeams): O {
  return Object.defineProperty(options, TEST_SEAMS, { value: seams, enumerable: true });
}
