/** Host side of the matrix product. */
import { checkCount, checkProduct } from '../checks.js';
import { checkBuffers, type KernelContext, roundUp, withScratch } from './context.js';

/**
 * C[m, n] = op(A) op(B), overwriting C. A is stored [m, k] ([k, m] if transposeA), B [k, n]
 * ([n, k] if transposeB). B is packed into column panels once (all threads), then each thread
 * packs its own row panels of A and computes its rows of C; both scratch buffers are freed after.
 */
export function matmul(
  context: KernelContext,
  a: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
): void {
  const op = 'matmul';
  checkCount(op, 'm', m);
  checkCount(op, 'n', n);
  checkCount(op, 'k', k);
  const aLength = checkProduct(op, 'A', [m, k]);
  const bLength = checkProduct(op, 'B', [k, n]);
  const cLength = checkProduct(op, 'C', [m, n]);
  checkBuffers(context, op, { name: 'c', pointer: c, length: cLength }, [
    { name: 'a', pointer: a, length: aLength },
    { name: 'b', pointer: b, length: bLength },
  ]);
  if (cLength === 0) return;

  const packedALength = checkProduct(op, 'packed A', [roundUp(m, context.rowPanel), k]);
  const packedBLength = roundUp(n, context.columnPanel) * k;
  withScratch(context, [packedALength, packedBLength], ([packedA, packedB]) => {
    // A small B (a filter, a dense layer's weights) is packed on the calling thread alone.
    context.parallel('matmulPackB', [b, packedB, n, k, transposeB ? 1 : 0], n * k);
    context.parallel('matmul', [a, packedB, c, packedA, m, n, k, transposeA ? 1 : 0]);
  });
}
