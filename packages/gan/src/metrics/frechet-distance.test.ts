import { describe, expect, it } from 'vitest';

import { Random } from '../random.js';
import {
  frechetDistance, gaussianStatistics, type GaussianStatistics,
} from './frechet-distance.js';
import { sqrtSymmetric, symmetricEigen } from './symmetric-eigen.js';

const random = new Random(21);

/** A random symmetric positive definite n x n matrix B B^T + 0.1 I. */
function randomSpd(n: number): Float64Array {
  const b = Array.from({ length: n * n }, () => random.normal());
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = i === j ? 0.1 : 0;
      for (let k = 0; k < n; k++) sum += b[i * n + k] * b[j * n + k];
      result[i * n + j] = sum;
    }
  }
  return result;
}

function statistics(mean: number[], covariance: Float64Array): GaussianStatistics {
  return { count: 100, dimensions: mean.length, mean: Float64Array.from(mean), covariance };
}

function multiply(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: n * n }, (_, index) => {
    const [i, j] = [Math.floor(index / n), index % n];
    let sum = 0;
    for (let k = 0; k < n; k++) sum += x[i * n + k] * y[k * n + j];
    return sum;
  });
}

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('finds the eigenvalues 1 and 3 of [[2, 1], [1, 2]]', () => {
    const { values } = symmetricEigen([2, 1, 1, 2], 2);
    expect(Array.from(values).sort()).toEqual([1, 3].map((v) => expect.closeTo(v, 14)));
  });

  it('rebuilds random symmetric matrices from orthonormal vectors (n = 1, 3, 17)', () => {
    for (const n of [1, 3, 17]) {
      const a = randomSpd(n);
      const { values, vectors } = symmetricEigen(a, n);
      const scaled = Array.from({ length: n * n },
        (_, index) => vectors[index] * values[index % n]);
      const transposed = Array.from({ length: n * n }, (_, index) =>
        vectors[(index % n) * n + Math.floor(index / n)]);
      const rebuilt = multiply(scaled, transposed, n);
      const identity = multiply(transposed, vectors, n);
      for (let i = 0; i < n * n; i++) {
        expect(rebuilt[i]).toBeCloseTo(a[i], 9);
        expect(identity[i]).toBeCloseTo(Math.floor(i / n) === i % n ? 1 : 0, 12);
      }
    }
  });

  it('gives a square root whose square is the matrix', () => {
    const a = randomSpd(6);
    const root = sqrtSymmetric(a, 6);
    multiply(root, root, 6).forEach((value, i) => expect(value).toBeCloseTo(a[i], 9));
  });
});

describe('frechetDistance', () => {
  it('is (mu_a - mu_b)^2 + (sigma_a - sigma_b)^2 in one dimension', () => {
    const a = statistics([1], Float64Array.of(4));
    const b = statistics([-2], Float64Array.of(9));
    expect(frechetDistance(a, b)).toBeCloseTo(9 + 1, 12);
  });

  it('matches the closed form of 2 x 2 covariances on random pairs (float64 reference)', () => {
    // For 2 x 2 M with positive eigenvalues, tr(sqrt(M)) = sqrt(tr M + 2 sqrt(det M)).
    for (let trial = 0; trial < 5; trial++) {
      const [sa, sb] = [randomSpd(2), randomSpd(2)];
      const [ma, mb] = [[random.normal(), random.normal()], [random.normal(), random.normal()]];
      const product = multiply(sa, sb, 2);
      const det = (m: ArrayLike<number>) => m[0] * m[3] - m[1] * m[2];
      const crossTrace = Math.sqrt(product[0] + product[3] + 2 * Math.sqrt(det(sa) * det(sb)));
      const expected = (ma[0] - mb[0]) ** 2 + (ma[1] - mb[1]) ** 2 +
        sa[0] + sa[3] + sb[0] + sb[3] - 2 * crossTrace;
      expect(frechetDistance(statistics(ma, sa), statistics(mb, sb))).toBeCloseTo(expected, 10);
    }
  });

  it('sums per-dimension terms for diagonal covariances (n = 17)', () => {
    const n = 17;
    const [sa, sb] = [new Float64Array(n * n), new Float64Array(n * n)];
    let expected = 0;
    for (let i = 0; i < n; i++) {
      sa[i * n + i] = 0.5 + i;
      sb[i * n + i] = 2 + 0.25 * i;
      expected += (Math.sqrt(sa[i * n + i]) - Math.sqrt(sb[i * n + i])) ** 2 + 0.01 * i * i;
    }
    const ma = new Array(n).fill(0);
    const mb = Array.from({ length: n }, (_, i) => 0.1 * i);
    expect(frechetDistance(statistics(ma, sa), statistics(mb, sb))).toBeCloseTo(expected, 10);
  });

  it('is 0 between a set of features and itself, and symmetric', () => {
    const dims = 12;
    const x = gaussianStatistics(random.normalArray(300 * dims), dims);
    expect(frechetDistance(x, x)).toBeLessThan(1e-9);
    const y = gaussianStatistics(random.normalArray(200 * dims, 0.3, 2), dims);
    expect(frechetDistance(x, y)).toBeCloseTo(frechetDistance(y, x), 9);
    expect(frechetDistance(x, y)).toBeGreaterThan(1);
  });

  it('takes unbiased statistics of features', () => {
    const s = gaussianStatistics([1, 2, 3, 6, 5, 10], 2);
    expect(Array.from(s.mean)).toEqual([3, 6]);
    expect(Array.from(s.covariance)).toEqual([4, 8, 8, 16]);
    expect(() => gaussianStatistics([1, 2], 2)).toThrow(
      'gaussianStatistics: needs at least 2 vectors of 2 values; got 2 values');
    expect(() => frechetDistance(s, gaussianStatistics([1, 2, 3, 4, 5, 6], 3))).toThrow(
      'frechetDistance: statistics of 2 and 3 dimensions');
  });
});
