import { describe, expect, it } from 'vitest';
import { interleave } from '../../../bench/lib/interleave.js';

describe('interleave', () => {
  it('measures every item once per round and drops the warm-up round', async () => {
    const order: string[] = [];

    const samples = await interleave(['a', 'b', 'c'], 2, async (item, round) => {
      order.push(`${item}${round}`);
      return round;
    });

    expect(order).toHaveLength(9);
    expect(order.slice(0, 3).sort()).toEqual(['a-1', 'b-1', 'c-1']);
    expect(samples.get('a')).toEqual([0, 1]);
    expect(samples.get('c')).toEqual([0, 1]);
  });

  it('changes the order between rounds so that no item is always measured first', async () => {
    const orders: string[][] = [];
    const values = [0.9, 0.1, 0.5, 0.2, 0.8, 0.3];
    let next = 0;
    const random = () => values[next++ % values.length] as number;

    await interleave(
      ['a', 'b', 'c'],
      4,
      async (item, round) => {
        orders[round] = [...(orders[round] ?? []), item];
      },
      { warmupRounds: 0, random },
    );

    expect(orders.every((order) => [...order].sort().join('') === 'abc')).toBe(true);
    expect(new Set(orders.map((order) => order[0])).size).toBeGreaterThan(1);
  });
});
