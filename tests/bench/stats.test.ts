import { describe, expect, it } from 'vitest';
import { formatSpread, median, p99, quantile, spread } from '../../scripts/bench/stats.ts';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is NaN for no samples rather than a made-up zero', () => {
    expect(median([])).toBeNaN();
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('p99', () => {
  it('is the 99th of 100 samples by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(p99(samples)).toBe(99);
  });

  it('is the largest sample when there are fewer than 100', () => {
    expect(p99([5, 50, 7, 1])).toBe(50);
  });

  it('lets one slow outlier in 1,000 through at p99 but not the median', () => {
    const samples = [...Array.from({ length: 999 }, () => 10), 5000];
    expect(median(samples)).toBe(10);
    expect(p99(samples)).toBe(10);
    expect(quantile(samples, 1)).toBe(5000);
  });

  it('refuses a quantile outside 0..1', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('spread', () => {
  it('reports the median with the range of the runs and the range relative to the median', () => {
    expect(spread([10, 12, 8])).toEqual({ median: 10, min: 8, max: 12, relative: 0.4, runs: 3 });
  });

  it('has no spread for one run', () => {
    expect(spread([7])).toMatchObject({ median: 7, min: 7, max: 7, relative: 0, runs: 1 });
  });

  it('formats as "median (min–max)", and a single run as just its value', () => {
    expect(formatSpread(spread([1000, 1200, 900]), 0)).toBe('1,000 (900–1,200)');
    expect(formatSpread(spread([2.5]))).toBe('2.50');
    expect(formatSpread(spread([]))).toBe('n/a');
  });
});
