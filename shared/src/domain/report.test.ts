import { describe, expect, it } from 'vitest';
import { improvement, percentileCont } from './report.js';

describe('percentileCont (P50/P90 as PostgreSQL computes them)', () => {
  it('interpolates between the closest ranks of the sorted values', () => {
    // Sorted: 10 20 30 40 50 60 70 80 90 100. P50: rank 4.5 → 55. P90: rank 8.1 → 91.
    const values = [100, 10, 90, 20, 80, 30, 70, 40, 60, 50];
    expect(percentileCont(values, 0.5)).toBe(55);
    expect(percentileCont(values, 0.9)).toBeCloseTo(91, 10);
  });

  it('takes a value itself when the rank falls on one, and handles one value and none', () => {
    expect(percentileCont([5, 1, 3], 0.5)).toBe(3);
    expect(percentileCont([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 10);
    expect(percentileCont([42], 0.9)).toBe(42);
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([7, 9], 0)).toBe(7);
    expect(percentileCont([7, 9], 1)).toBe(9);
  });

  it('does not reorder the values it was given', () => {
    const values = [3, 1, 2];
    percentileCont(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('improvement', () => {
  it('is how much shorter the current time is than the previous one', () => {
    expect(improvement(70, 100)).toBeCloseTo(0.3, 10);
    expect(improvement(120, 100)).toBeCloseTo(-0.2, 10);
    expect(improvement(null, 100)).toBeNull();
    expect(improvement(50, null)).toBeNull();
    expect(improvement(50, 0)).toBeNull();
  });
});
