import { GanError } from '../errors.js';

/** Eigenvalues and eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** The n eigenvalues, in the order of the columns of `vectors`. */
  values: Float64Array;
  /** n x n, row-major; column i is the unit eigenvector of `values[i]`. */
  vectors: Float64Array;
}

/** Most sweeps before giving up; cyclic Jacobi converges quadratically in under 15. */
const MAX_SWEEPS = 100;

/**
 * The eigendecomposition A = V diag(values) V^T of a symmetric n x n matrix
 * (row-major, float64) by the cyclic Jacobi method (Jacobi, 1846; in the form
 * of Golub and Van Loan, Matrix Computations, section 8.5): sweeps of plane
 * rotations, each zeroing one off-diagonal entry, until the off-diagonal mass
 * is negligible next to the whole matrix. Accurate to a few ulps of the
 * largest eigenvalue, which is what the Frechet distance needs. The upper
 * triangle is read; `matrix` is not changed.
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1 || matrix.length !== n * n) {
    throw new GanError('BAD_ARGUMENT',
      `symmetricEigen: ${matrix.length} values do not form an ${n} x ${n} matrix`);
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      a[i * n + j] = matrix[i * n + j];
      a[j * n + i] = matrix[i * n + j];
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (off <= 1e-32 * total || !Number.isFinite(off)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    }
  }

  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** Applies the Jacobi rotation that zeroes a[p][q] to a (both sides) and v. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number) {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  // The smaller root of t^2 + 2 t theta - 1 = 0, for stability.
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/**
 * The square root of a symmetric positive semi-definite matrix,
 * V diag(sqrt(max(values, 0))) V^T: eigenvalues that rounding made slightly
 * negative count as 0.
 */
export function sqrtSymmetric(matrix: ArrayLike<number>, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const roots = values.map((value) => Math.sqrt(Math.max(value, 0)));
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k] * roots[k] * vectors[j * n + k];
      result[i * n + j] = sum;
      result[j * n + i] = sum;
    }
  }
  return result;
}
