/**
 * Default tolerances of this package's tests: |got - want| <= absolute + relative * |want|,
 * where want is a float64 reference on the same float32 inputs. A test that needs another
 * tolerance says why next to it.
 */
export interface Tolerance {
  absolute: number;
  relative: number;
}

/**
 * One float32 rounding of a single operation, plus up to about 2 ulp of libm error (Mathf exp,
 * log, tanh, log1p are accurate to about 1 ulp): 3e-7 relative.
 */
export const ELEMENTWISE: Tolerance = { absolute: 1e-30, relative: 3e-7 };

/**
 * Float32 sums of up to a few hundred products of values in [-1, 1] (matmul, conv): rounding
 * grows like sqrt(depth) ulp of the partial sums, about 1e-6 at depth 100; 2e-5 leaves margin
 * while any indexing bug is off by order 0.1.
 */
export const ACCUMULATED: Tolerance = { absolute: 2e-5, relative: 1e-5 };

/** Scalar and SIMD builds must agree this closely (CASES K9: 1e-6 relative). */
export const BUILD_AGREEMENT: Tolerance = { absolute: 1e-7, relative: 1e-6 };

/** <conv(x), y> against <x, convTranspose(y)> relative to the sum of |terms| (CASES K7). */
export const ADJOINT_RELATIVE = 1e-5;

/**
 * Values quoted in CASES.md to 4 or 5 significant digits: 1e-4 relative covers the quoting;
 * the absolute term is tiny because some quoted values (Adam steps) are themselves about 1e-5.
 */
export const CASE_VALUE: Tolerance = { absolute: 1e-9, relative: 1e-4 };

/**
 * The relaxed build against the others: each fused multiply-add rounds once instead of twice,
 * so every partial sum may move by half an ulp of its size. The workload's longest sums (filter
 * gradients over a few hundred pixels of 9 images) have partial sums of size about
 * sqrt(depth), 15 to 20, whose half ulp is about 1e-6: over the sum the difference walks to
 * a few 1e-6, so 1e-5 absolute; an indexing bug is off by order 0.1.
 */
export const RELAXED_AGREEMENT: Tolerance = { absolute: 1e-5, relative: 1e-6 };
