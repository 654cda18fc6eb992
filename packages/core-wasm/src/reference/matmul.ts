/** Plain float64 matrix product, the reference the kernels are tested against. */

/**
 * C[m, n] = op(A) op(B) in float64; A stored [m, k] (or [k, m] if transposeA), B stored [k, n]
 * (or [n, k] if transposeB).
 */
export function referenceMatmul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
  k: number,
  transposeA = false,
  transposeB = false,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const left = transposeA ? a[p * m + i] : a[i * k + p];
        const right = transposeB ? b[j * k + p] : b[p * n + j];
        sum += left * right;
      }
      c[i * n + j] = sum;
    }
  }
  return c;
}
