/** Host side of the input gradient of the 2-D convolution (the transposed convolution). */
import { checkProduct } from '../checks.js';
import type { Conv2dGeometry } from '../conv2d-geometry.js';
import {
  checkBuffers, type KernelContext, packedALength, roundUp, withScratch,
} from './context.js';
import { checkGeometry, writeGeometry } from './conv2d-geometry-block.js';

/**
 * dx [batch, inHeight, inWidth, inChannels] = the adjoint of the forward convolution `geometry`
 * applied to dy [batch, outHeight, outWidth, outChannels], overwriting dx. Three passes: pack
 * filter^T, columns = dy filter^T [pixels, taps] by matmul, then a col2im gather in which each
 * thread sums into its own dx pixels (so no two threads write one element).
 */
export function conv2dBackpropInput(
  context: KernelContext,
  dy: number,
  filter: number,
  dx: number,
  geometry: Conv2dGeometry,
): void {
  const op = 'conv2dBackpropInput';
  const sizes = checkGeometry(op, geometry);
  checkBuffers(context, op, { name: 'dx', pointer: dx, length: sizes.input }, [
    { name: 'dy', pointer: dy, length: sizes.output },
    { name: 'filter', pointer: filter, length: sizes.filter },
  ]);
  if (sizes.input === 0) return;

  const { outChannels } = geometry;
  const { pixels, taps } = sizes;
  const columnsLength = checkProduct(op, 'columns', [pixels, taps]);
  checkProduct(op, 'dy panels', [roundUp(pixels, context.rowPanel), outChannels]);
  const packedA = packedALength(context, pixels, outChannels);
  const packedBLength = roundUp(taps, context.columnPanel) * outChannels;
  const scratch = [columnsLength, packedA, packedBLength];
  withScratch(context, scratch, ([columns, packedAPointer, packedB]) => {
    // The filter [taps, outChannels] read transposed is B = filter^T [outChannels, taps].
    context.parallel('matmulPackB', [filter, packedB, taps, outChannels, 1]);
    context.parallel('matmul', [dy, packedB, columns, packedAPointer, pixels, taps, outChannels, 0]);
    const block = writeGeometry(context, geometry);
    context.parallel('conv2dBackpropInput', [columns, dx, block]);
  });
}
