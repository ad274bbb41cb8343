import { setTimeout as delay } from 'node:timers/promises';
import { ConfigurationError } from 'crkit';

/** How a throttled Route 53 call is retried. */
export interface ThrottleRetryOptions {
  /** Tries in all, the first included. @default 8 */
  readonly attempts?: number;
  /** The first backoff's cap; each next one doubles it. @default 200 */
  readonly baseDelayMs?: number;
  /** The longest backoff. @default 5000 */
  readonly maxDelayMs?: number;
}

/** Retries a call that Route 53 refused for its rate. */
export type ThrottleRetry = <T>(call: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * Errors that mean "ask again later", nothing was changed: `Throttling` (over the account's request rate, HTTP 400)
 * and `PriorRequestNotComplete` (a change to the same zone is still being processed). Route 53 allows five
 * requests per second per account (Route 53 Developer Guide, "Quotas": "Five requests per second per AWS account";
 * re:Post knowledge center, "How can I avoid Route 53 API throttling errors?", which also names both codes).
 */
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'PriorRequestNotComplete',
  'TooManyRequestsException',
]);

/** Whether `error` is Route 53 asking to slow down. */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING.has(error.name);
}

function positive(option: string, value: number, integer = false): number {
  if (!(Number.isFinite(value) && value >= (integer ? 1 : 0) && (!integer || Number.isInteger(value)))) {
    throw new ConfigurationError(
      option,
      `expected ${integer ? 'an integer >= 1' : 'a number >= 0'}, got ${value}`,
    );
  }
  return value;
}

/**
 * A retry of throttled calls with exponential backoff and full jitter, as the Route 53 knowledge-center article
 * above recommends. Any other error, or the last throttling one, is thrown as it came; an aborted signal stops the
 * waiting and throws the last error.
 *
 * @throws {ConfigurationError} when an option is out of range.
 * @example
 * ```ts
 * import { throttleRetry } from './throttle-retry.js';
 * const retry = throttleRetry({ attempts: 5 });
 * const answer = await retry(async () => 'done');
 * ```
 */
export function throttleRetry(
  options: ThrottleRetryOptions = {},
  seams: { readonly sleep?: (ms: number) => Promise<void>; readonly random?: () => number } = {},
): ThrottleRetry {
  const attempts = positive('retry.attempts', options.attempts ?? 8, true);
  const base = positive('retry.baseDelayMs', options.baseDelayMs ?? 200);
  const max = positive('retry.maxDelayMs', options.maxDelayMs ?? 5000);
  const sleep = seams.sleep ?? ((ms: number) => delay(ms));
  const random = seams.random ?? Math.random;
  return async <T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!isThrottling(error) || attempt >= attempts || signal?.aborted) throw error;
        await sleep(Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1))));
      }
    }
  };
}
