import { GanError } from '../errors.js';
import { sqrtSymmetric, symmetricEigen } from './symmetric-eigen.js';

/** The mean and covariance of a set of feature vectors, in float64. */
export interface GaussianStatistics {
  /** Vectors the statistics were taken from. */
  count: number;
  /** Length of each vector. */
  dimensions: number;
  mean: Float64Array;
  /** dimensions x dimensions, row-major, unbiased (divided by count - 1). */
  covariance: Float64Array;
}

/** Mean and covariance of `features` `[count, dimensions]`, count >= 2. */
export function gaussianStatistics(
  features: ArrayLike<number>,
  dimensions: number,
): GaussianStatistics {
  const count = features.length / dimensions;
  if (!Number.isInteger(dimensions) || dimensions < 1 || !Number.isInteger(count) ||
    count < 2) {
    throw new GanError('BAD_ARGUMENT',
      `gaussianStatistics: needs at least 2 vectors of ${dimensions} values; ` +
      `got ${features.length} values`);
  }
  const mean = new Float64Array(dimensions);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dimensions; d++) mean[d] += features[i * dimensions + d];
  }
  for (let d = 0; d < dimensions; d++) mean[d] /= count;

  const covariance = new Float64Array(dimensions * dimensions);
  const centred = new Float64Array(dimensions);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dimensions; d++) centred[d] = features[i * dimensions + d] - mean[d];
    for (let r = 0; r < dimensions; r++) {
      const x = centred[r];
      for (let c = r; c < dimensions; c++) covariance[r * dimensions + c] += x * centred[c];
    }
  }
  for (let r = 0; r < dimensions; r++) {
    for (let c = r; c < dimensions; c++) {
      const value = covariance[r * dimensions + c] / (count - 1);
      covariance[r * dimensions + c] = value;
      covariance[c * dimensions + r] = value;
    }
  }
  return { count, dimensions, mean, covariance };
}

/**
 * The Frechet distance between two Gaussians (Dowson and Landau, 1982), as
 * the FID of Heusel et al. (GANs Trained by a Two Time-Scale Update Rule,
 * 2017) uses it on a network's features:
 *   ||mu_a - mu_b||^2 + tr(S_a) + tr(S_b) - 2 tr((S_a S_b)^(1/2)).
 * tr((S_a S_b)^(1/2)) is taken as tr((S_a^(1/2) S_b S_a^(1/2))^(1/2)), whose
 * argument is symmetric, so both roots come from Jacobi eigendecompositions
 * in float64. Rounding can make the distance of identical statistics a tiny
 * negative number; it is clamped at 0.
 */
export function frechetDistance(a: GaussianStatistics, b: GaussianStatistics): number {
  if (a.dimensions !== b.dimensions) {
    throw new GanError('SHAPE_MISMATCH',
      `frechetDistance: statistics of ${a.dimensions} and ${b.dimensions} dimensions`);
  }
  const n = a.dimensions;
  let meanTerm = 0;
  let traces = 0;
  for (let i = 0; i < n; i++) {
    meanTerm += (a.mean[i] - b.mean[i]) ** 2;
    traces += a.covariance[i * n + i] + b.covariance[i * n + i];
  }

  const rootA = sqrtSymmetric(a.covariance, n);
  const product = multiply(multiply(rootA, b.covariance, n), rootA, n);
  const { values } = symmetricEigen(product, n);
  let crossTrace = 0;
  for (const value of values) crossTrace += Math.sqrt(Math.max(value, 0));
  return Math.max(meanTerm + traces - 2 * crossTrace, 0);
}

/** The product of two n x n row-major matrices. */
function multiply(x: Float64Array, y: Float64Array, n: number): Float64Array {
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const xik = x[i * n + k];
      if (xik === 0) continue;
      for (let j = 0; j < n; j++) result[i * n + j] += xik * y[k * n + j];
    }
  }
  return result;
}
