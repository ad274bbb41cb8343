import { describe, expect, it } from 'vitest';
import { markdownTable, msRange, ratio } from '../../../bench/lib/table.js';

describe('markdownTable', () => {
  it('right-aligns numeric columns and escapes pipes in cells', () => {
    const table = markdownTable(['variant', 'ms'], [['a|b', '12.5']]);

    expect(table.split('\n')).toEqual(['| variant | ms |', '|---|---:|', '| a\\|b | 12.5 |']);
  });
});

describe('ratio', () => {
  it('divides by the floor and shows a dash when there is no floor', () => {
    expect(ratio(110, 100)).toBe('×1.10');
    expect(ratio(110, undefined)).toBe('—');
  });
});

describe('msRange', () => {
  it('shows the median with the range in brackets', () => {
    expect(msRange({ median: 10, min: 9.04, max: 12.96 })).toBe('10.0 (9.0–13.0)');
  });
});
