/** A clock that only moves when everything waits on it: crkit's `now` and `sleep` options run on it. */
export interface SimulatedClock {
  /** The simulated time, in epoch milliseconds. */
  now(): number;
  /**
   * Resolves when the simulated time reaches now + `ms`. Time jumps once every pending task is asleep (checked after
   * the microtask queue drains), to the earliest wake-up, so concurrent sleepers share one timeline.
   */
  sleep(ms: number): Promise<void>;
  /** Moves the clock forward by `ms` (e.g. the delay of a re-queued message). */
  advance(ms: number): void;
}

/**
 * A simulated clock starting at `start`, for counting what a long-running operation costs (invocations, checks)
 * over minutes or hours of simulated time without waiting for them. Work that waits on real I/O meanwhile would
 * let time jump early: use it with in-memory fakes only.
 *
 * @example
 * ```ts
 * const clock = createSimulatedClock(0);
 * await Promise.all([clock.sleep(1500), clock.sleep(500)]);
 * clock.now(); // 1500
 * ```
 */
export function createSimulatedClock(start = Date.now()): SimulatedClock {
  let time = start;
  let sleepers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const check = (ms: number) => {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`cannot move the clock by ${ms} ms`);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs once the microtask queue is empty: every task has reached its next wait by then.
    setImmediate(jump);
  };
  function jump() {
    scheduled = false;
    if (sleepers.length === 0) return;
    time = Math.max(time, Math.min(...sleepers.map((sleeper) => sleeper.at)));
    const due = sleepers.filter((sleeper) => sleeper.at <= time);
    sleepers = sleepers.filter((sleeper) => sleeper.at > time);
    for (const sleeper of due) sleeper.wake();
    // The woken may sleep again (for less than the others): the next jump waits until they have.
    if (sleepers.length > 0) schedule();
  }
  return {
    now: () => time,
    advance(ms) {
      check(ms);
      time += ms;
    },
    sleep(ms) {
      check(ms);
      return new Promise<void>((wake) => {
        sleepers.push({ at: time + ms, wake });
        schedule();
      });
    },
  };
}
