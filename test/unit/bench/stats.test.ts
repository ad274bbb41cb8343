import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../../bench/lib/stats.js';

describe('summarize', () => {
  it('reports the median of an odd number of runs as the middle value, whatever their order', () => {
    const summary = summarize([30, 10, 20]);

    expect(summary).toMatchObject({ runs: 3, median: 20, min: 10, max: 30 });
  });

  it('averages the two middle values of an even number of runs', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('keeps one slow process from moving the median', () => {
    const summary = summarize([10, 11, 12, 13, 500]);

    expect(summary.median).toBe(12);
    expect(summary.max).toBe(500);
  });
});

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([0, 10], 25)).toBe(2.5);
  });

  it('refuses an empty list and a percentile outside 0-100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(/\[0, 100\]/);
  });
});
