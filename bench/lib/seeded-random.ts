/**
 * A reproducible source of numbers in [0, 1) (mulberry32): every run of a suite draws the same readiness times and
 * waits, so two runs, or two rows of one run, face the same work.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * const waitMs = 50 + random() * 50; // from 50 to 100 ms
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
