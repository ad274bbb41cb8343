/** When a poller makes its k-th completion check (k from 0), in milliseconds after the operation started. */
export type CheckSchedule = (k: number) => number;

/** What a poller on a schedule makes of an operation that is ready at a given time. */
export interface Detection {
  /** When the first check that finds it ready runs. */
  readonly detectedMs: number;
  /** How long after readiness that is. */
  readonly delayMs: number;
  /** Checks made, the successful one included. */
  readonly checks: number;
}

/**
 * A fixed interval: the first check at `firstMs`, then one every `intervalMs` (CDK's waiter state machine, a
 * `rate(...)` rule).
 *
 * @example
 * ```ts
 * const cdk = fixedSchedule(0, 5000);
 * cdk(2); // 10000
 * ```
 */
export function fixedSchedule(firstMs: number, intervalMs: number): CheckSchedule {
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be > 0, got ${intervalMs}`);
  return (k) => firstMs + k * intervalMs;
}

/**
 * An exponential backoff: before check k the poller waits `min(maxMs, initialMs * factor^k)` (crkit's
 * `pollUntilComplete`, whose waits start at 250 ms and grow 1.5 times up to 1 s).
 *
 * @example
 * ```ts
 * const crkit = backoffSchedule(250, 1.5, 1000);
 * crkit(1); // 625: 250 + 375
 * ```
 */
export function backoffSchedule(initialMs: number, factor: number, maxMs: number): CheckSchedule {
  if (!(initialMs > 0 && factor >= 1 && maxMs >= initialMs)) {
    throw new RangeError(`backoff needs initialMs > 0, factor >= 1, maxMs >= initialMs`);
  }
  const times: number[] = [];
  return (k) => {
    while (times.length <= k) {
      const i = times.length;
      times.push((times[i - 1] ?? 0) + Math.min(maxMs, initialMs * factor ** i));
    }
    return times[k] as number;
  };
}

/**
 * The first check of `schedule` at or after `readyMs`: when a poller on that schedule notices the operation is
 * done, and how many checks it made. Delays of the checks themselves (a Lambda invocation, a state transition) are
 * not counted: the result is a lower bound for pollers that pay them.
 *
 * @example
 * ```ts
 * detectReadiness(12_000, fixedSchedule(0, 5000)); // { detectedMs: 15000, delayMs: 3000, checks: 4 }
 * ```
 */
export function detectReadiness(readyMs: number, schedule: CheckSchedule, maxChecks = 1_000_000): Detection {
  for (let k = 0; k < maxChecks; k++) {
    const at = schedule(k);
    if (at >= readyMs) return { detectedMs: at, delayMs: at - readyMs, checks: k + 1 };
  }
  throw new RangeError(`no check at or after ${readyMs} ms within ${maxChecks} checks`);
}
