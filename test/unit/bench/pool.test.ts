import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../bench/lib/pool.js';
import { seededRandom } from '../../../bench/lib/seeded-random.js';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and keeps the order of the results', async () => {
    let running = 0;
    let peak = 0;

    const results = await mapWithConcurrency([30, 10, 20, 5, 15], 2, async (ms, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return index;
    });

    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('refuses a concurrency below one', async () => {
    await expect(mapWithConcurrency([1], 0, async (x) => x)).rejects.toThrow(RangeError);
  });
});

describe('seededRandom', () => {
  it('draws the same numbers in [0, 1) for the same seed, and others for another seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 100 }, () => random());
    };

    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
