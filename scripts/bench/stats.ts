/** Small statistics for noisy timings: medians and percentiles by nearest rank, spread as min..max. */

/** The value at quantile `q` (0..1) by the nearest-rank method; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  if (q < 0 || q > 1) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const p99 = (samples: readonly number[]) => quantile(samples, 0.99);

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: how far apart the runs were, relative to the typical one. */
  relative: number;
  runs: number;
}

/** The median of several runs with how far they spread, so a reader can tell signal from noise. */
export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, relative: Number.NaN, runs: 0 };
  const m = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: m, min, max, relative: m === 0 ? 0 : (max - min) / m, runs: samples.length };
}

/** "12.3 (11.9–13.0)" with a sensible number of digits. */
export function formatSpread(s: Spread, digits?: number): string {
  if (s.runs === 0) return 'n/a';
  if (s.runs === 1) return formatNumber(s.median, digits);
  return `${formatNumber(s.median, digits)} (${formatNumber(s.min, digits)}–${formatNumber(s.max, digits)})`;
}

export function formatNumber(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const d = digits ?? (abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
  return value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
