/** Host side of the forward 2-D convolution. */
import { checkProduct } from '../checks.js';
import type { Conv2dGeometry } from '../conv2d-geometry.js';
import {
  checkBuffers, type KernelContext, packedALength, roundUp, withScratch,
} from './context.js';
import { checkGeometry, writeGeometry } from './conv2d-geometry-block.js';

/**
 * y [batch, outHeight, outWidth, outChannels] = conv(x [batch, inHeight, inWidth, inChannels],
 * filter [filterHeight, filterWidth, inChannels, outChannels]), overwriting y: the filter is
 * packed as the right matmul operand, then each thread packs im2col panels of its output pixels
 * (from zero-padded copies of the images where those are small enough) and multiplies them.
 * An empty output writes nothing.
 */
export function conv2d(
  context: KernelContext,
  x: number,
  filter: number,
  y: number,
  geometry: Conv2dGeometry,
): void {
  const op = 'conv2d';
  const sizes = checkGeometry(op, geometry);
  checkBuffers(context, op, { name: 'y', pointer: y, length: sizes.output }, [
    { name: 'x', pointer: x, length: sizes.input },
    { name: 'filter', pointer: filter, length: sizes.filter },
  ]);
  if (sizes.output === 0) return;

  const { outChannels } = geometry;
  // The kernel addresses panels of the whole im2col matrix: its size must be an i32.
  checkProduct(op, 'im2col panels', [roundUp(sizes.pixels, context.rowPanel), sizes.taps]);
  const packedA = packedALength(context, sizes.pixels, sizes.taps);
  const packedBLength = roundUp(outChannels, context.columnPanel) * sizes.taps;
  const block = writeGeometry(context, geometry);
  const staging = context.threadCount * context.exports.im2colStagingFloats(block);
  withScratch(context, [packedA, packedBLength, staging], ([packedAPointer, packedB, area]) => {
    context.parallel('matmulPackB', [filter, packedB, outChannels, sizes.taps, 0],
      outChannels * sizes.taps);
    context.parallel('conv2d', [x, packedB, y, packedAPointer, staging ? area : 0, block]);
  });
}
