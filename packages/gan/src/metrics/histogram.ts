import { GanError } from '../errors.js';

/**
 * How often each of `binCount` bins occurs among `indices` (values outside
 * [0, binCount) are not counted).
 */
export function histogram(indices: ArrayLike<number>, binCount: number): Float64Array {
  const counts = new Float64Array(binCount);
  for (let i = 0; i < indices.length; i++) {
    const bin = indices[i];
    if (Number.isInteger(bin) && bin >= 0 && bin < binCount) counts[bin]++;
  }
  return counts;
}

/** The bins with at least one count. */
export function binsCovered(counts: ArrayLike<number>): number {
  let covered = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) covered++;
  return covered;
}

/**
 * KL(p || uniform) in nats for the distribution p of the `counts`:
 * sum_i p_i log(p_i K) over K bins, with 0 log 0 = 0. It is 0 when every bin
 * is equally full and log K when all the mass sits in one bin. With no
 * counts at all p is undefined and the result is NaN.
 */
export function klToUniform(counts: ArrayLike<number>): number {
  const binCount = counts.length;
  if (binCount === 0) {
    throw new GanError('BAD_ARGUMENT', 'klToUniform: needs at least one bin');
  }
  let total = 0;
  for (let i = 0; i < binCount; i++) total += counts[i];
  if (!(total > 0)) return NaN;
  let kl = 0;
  for (let i = 0; i < binCount; i++) {
    const p = counts[i] / total;
    if (p > 0) kl += p * Math.log(p * binCount);
  }
  // Rounding can leave -1e-17 for a uniform histogram; KL is never negative.
  return Math.max(kl, 0);
}
