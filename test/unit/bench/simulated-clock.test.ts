import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../../../bench/lib/simulated-clock.js';

describe('createSimulatedClock', () => {
  it('wakes concurrent sleepers in time order on one shared timeline', async () => {
    const clock = createSimulatedClock(1000);
    const woke: string[] = [];

    await Promise.all([
      clock.sleep(1500).then(() => woke.push(`long at ${clock.now()}`)),
      clock.sleep(500).then(() => woke.push(`short at ${clock.now()}`)),
    ]);

    expect(woke).toEqual(['short at 1500', 'long at 2500']);
    expect(clock.now()).toBe(2500);
  });

  it('lets a sleeper that sleeps again keep its place among the others', async () => {
    const clock = createSimulatedClock(0);
    const twice = async () => {
      await clock.sleep(300);
      await clock.sleep(300);
      return clock.now();
    };

    const [a, b] = await Promise.all([twice(), clock.sleep(500).then(() => clock.now())]);

    expect([a, b]).toEqual([600, 500]);
  });

  it('moves forward when told to and refuses to go back', () => {
    const clock = createSimulatedClock(0);

    clock.advance(2000);

    expect(clock.now()).toBe(2000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
