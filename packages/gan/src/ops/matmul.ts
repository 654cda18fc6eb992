import { record } from '../autograd.js';
import { check } from '../errors.js';
import { empty, type Tensor } from '../tensor.js';

/**
 * Matrix product op(a) op(b) of two rank-2 tensors, where op transposes
 * when asked: a is [m, k] (or [k, m] with transposeA), b is [k, n] (or
 * [n, k] with transposeB); the result is [m, n].
 */
export function matmul(
  a: Tensor,
  b: Tensor,
  transposeA = false,
  transposeB = false,
): Tensor {
  a.assertAlive('matmul');
  b.assertAlive('matmul');
  check(a.rank === 2 && b.rank === 2, 'SHAPE_MISMATCH', () =>
    `matmul: operands must be rank 2, got [${a.shape}] and [${b.shape}]`);
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
  const [kB, n] = transposeB ? [b.shape[1], b.shape[0]] : b.shape;
  check(k === kB, 'SHAPE_MISMATCH', () =>
    `matmul: inner dimensions ${k} and ${kB} differ ` +
    `(shapes [${a.shape}] and [${b.shape}], ` +
    `transposeA ${transposeA}, transposeB ${transposeB})`);

  const c = empty(a.backend, [m, n]);
  a.backend.matmul(a.dataId, b.dataId, c.dataId, m, n, k,
    transposeA, transposeB);

  return record(c, 'matmul', [a, b], (dc, needed) => [
    !needed[0] ? null : transposeA
      ? matmul(b, dc, transposeB, true)
      : matmul(dc, b, false, !transposeB),
    !needed[1] ? null : transposeB
      ? matmul(dc, a, true, transposeA)
      : matmul(a, dc, !transposeA, false),
  ]);
}
