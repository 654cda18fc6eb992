/** Host side of the input gradient of the 2-D convolution (the transposed convolution). */
import { checkProduct } from '../checks.js';
import type { Conv2dGeometry } from '../conv2d-geometry.js';
import {
  checkBuffers, type KernelContext, packedALength, roundUp, withScratch,
} from './context.js';
import { checkGeometry, writeGeometry } from './conv2d-geometry-block.js';

/**
 * Images per thread from which the input gradient runs image by image: fewer would leave
 * threads idle (a batch split by whole images); below it the batch's columns are computed
 * whole and the gather is split by pixels.
 */
const BY_IMAGE_BATCHES = 4;

/**
 * dx [batch, inHeight, inWidth, inChannels] = the adjoint of the forward convolution `geometry`
 * applied to dy [batch, outHeight, outWidth, outChannels], overwriting dx: filter^T is packed,
 * then columns = dy filter^T [pixels, taps] and a col2im gather in which each thread sums into
 * its own dx pixels (so no two threads write one element). With enough images per thread
 * (or one thread) each thread does both for one image at a time (with fewer than 4 input
 * channels, the image's columns transposed and scattered tap by tap); otherwise the columns of
 * the whole batch are computed first. Every way sums in the same order: the same bits.
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
  const packedBLength = roundUp(taps, context.columnPanel) * outChannels;
  const threads = context.threadCount;
  if (threads === 1 || geometry.batch >= BY_IMAGE_BATCHES * threads) {
    const imagePixels = geometry.outHeight * geometry.outWidth;
    checkProduct(op, 'image columns', [threads, imagePixels, taps]);
    const block = writeGeometry(context, geometry);
    const narrow = context.exports.narrowInputGradientRegion(block);
    if (narrow > 0) {
      // Few input channels: transposed columns of one image, scattered tap by tap.
      checkProduct(op, 'narrow work', [threads, narrow]);
      withScratch(context, [threads * narrow], ([work]) => {
        context.parallel('conv2dBackpropInputNarrow', [dy, filter, dx, work, block]);
      });
      return;
    }
    // One image at a time per thread: columns of one image per thread, not of the batch.
    const scratch = [threads * imagePixels * taps,
      packedALength(context, imagePixels, outChannels), packedBLength];
    withScratch(context, scratch, ([columns, packedA, packedB]) => {
      context.parallel('matmulPackB', [filter, packedB, taps, outChannels, 1], taps * outChannels);
      context.parallel('conv2dBackpropInputByImage', [dy, packedB, dx, packedA, columns, block]);
    });
    return;
  }
  const columnsLength = checkProduct(op, 'columns', [pixels, taps]);
  // `matmul` packs each thread's whole share of dy.
  const packedA = checkProduct(op, 'dy panels', [roundUp(pixels, context.rowPanel), outChannels]);
  const scratch = [columnsLength, packedA, packedBLength];
  withScratch(context, scratch, ([columns, packedAPointer, packedB]) => {
    // The filter [taps, outChannels] read transposed is B = filter^T [outChannels, taps].
    context.parallel('matmulPackB', [filter, packedB, taps, outChannels, 1], taps * outChannels);
    context.parallel('matmul',
      [dy, packedB, columns, packedAPointer, pixels, taps, outChannels, 0]);
    const block = writeGeometry(context, geometry);
    context.parallel('conv2dBackpropInput', [columns, dx, block]);
  });
}
