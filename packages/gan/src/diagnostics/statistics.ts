/**
 * Small robust statistics over short windows of training figures, in
 * float64. Inputs are plain arrays of finite numbers.
 */

/** The arithmetic mean; NaN for an empty list. */
export function meanOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** The median (mean of the two middle values for an even count). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Running median of width `width` (the output is `width - 1` shorter): like
 * a moving average it calms noise, but an isolated spike (shorter than
 * half the width) is dropped instead of smeared into a bump.
 */
export function movingMedian(values: readonly number[], width: number): number[] {
  const out: number[] = [];
  for (let end = width; end <= values.length; end++) {
    out.push(medianOf(values.slice(end - width, end)));
  }
  return out;
}

/** Least-squares line through (i, values[i]): value = intercept + slope * i. */
export function linearFit(values: readonly number[]): { intercept: number; slope: number } {
  const count = values.length;
  const meanIndex = (count - 1) / 2;
  const meanValue = meanOf(values);
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < count; i++) {
    covariance += (i - meanIndex) * (values[i] - meanValue);
    variance += (i - meanIndex) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  return { intercept: meanValue - slope * meanIndex, slope };
}

/** A list that keeps the last `capacity` values pushed. */
export class Window {
  private readonly values: number[] = [];

  constructor(readonly capacity: number) {}

  /** Adds a value, dropping the oldest when full. */
  push(value: number): void {
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
  }

  /** Whether `capacity` values have been pushed. */
  get full(): boolean {
    return this.values.length === this.capacity;
  }

  /** The values, oldest first. */
  get items(): readonly number[] {
    return this.values;
  }

  /** The values held, oldest first (for checkpoints). */
  state(): number[] {
    return [...this.values];
  }

  /** Holds `values` (oldest first), as `state` gave them; throws on anything else. */
  restore(values: unknown): void {
    if (!Array.isArray(values) || values.length > this.capacity ||
        !values.every((value) => typeof value === 'number')) {
      throw new Error(`a window of at most ${this.capacity} numbers expected`);
    }
    this.values.splice(0, this.values.length, ...values);
  }
}
