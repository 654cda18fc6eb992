/** Host side of the filter gradient of the 2-D convolution. */
import { checkProduct } from '../checks.js';
import type { Conv2dGeometry } from '../conv2d-geometry.js';
import { checkBuffers, type KernelContext, roundUp, withScratch } from './context.js';
import { checkGeometry, writeGeometry } from './conv2d-geometry-block.js';

/**
 * dfilter [filterHeight, filterWidth, inChannels, outChannels] = im2col(x)^T dy, overwriting
 * dfilter; `geometry` is the forward geometry, x its input and dy [batch, outHeight, outWidth,
 * outChannels] the gradient of its output. dy is the right operand (packed unless its rows are
 * whole column panels); each thread packs the transposed im2col panels of its own filter rows
 * (of all of them when it takes a share of the output channels or, for few filter rows, of the
 * pixels, whose chunks' sums are then added in a fixed order), from a padded copy of the batch
 * for fewer than 4 input channels when that fits in 4 MiB. No pixels give a zero gradient.
 */
export function conv2dBackpropFilter(
  context: KernelContext,
  x: number,
  dy: number,
  dfilter: number,
  geometry: Conv2dGeometry,
): void {
  const op = 'conv2dBackpropFilter';
  const sizes = checkGeometry(op, geometry);
  checkBuffers(context, op, { name: 'dfilter', pointer: dfilter, length: sizes.filter }, [
    { name: 'x', pointer: x, length: sizes.input },
    { name: 'dy', pointer: dy, length: sizes.output },
  ]);
  if (sizes.filter === 0) return;

  const { outChannels } = geometry;
  // The kernel addresses panels of the whole transposed im2col matrix: its size must be an i32.
  checkProduct(op, 'im2col panels', [roundUp(sizes.taps, context.rowPanel), sizes.pixels]);
  // Each thread packs its panels for a block of pixels at a time (filterGradientRegion).
  const threads = context.threadCount;
  const packedALength = threads *
    context.exports.filterGradientRegion(sizes.taps, outChannels, threads);
  // dy is read in place when its rows are whole column panels, else packed.
  const inPlace = outChannels % context.columnPanel === 0;
  const packedBLength = inPlace ? 0 : roundUp(outChannels, context.columnPanel) * sizes.pixels;
  const block = writeGeometry(context, geometry);
  // Few input channels: the batch is first copied padded, and panels are packed from that.
  const stagedLength = context.exports.stagedBatchFloats(block);
  // Few filter rows: threads split the pixels in chunks; all but the first chunk's sums are kept
  // apart and added in order afterwards.
  const partialsLength = context.exports.filterGradientPartials(block);
  const lengths = [packedALength, packedBLength, stagedLength, partialsLength];
  withScratch(context, lengths, ([packedA, packedB, staged, partials]) => {
    if (!inPlace) {
      context.parallel('matmulPackB', [dy, packedB, outChannels, sizes.pixels, 0],
        outChannels * sizes.pixels);
    }
    if (stagedLength > 0) context.parallel('stageImages', [x, staged, block], stagedLength);
    context.parallel('conv2dBackpropFilter', [x, inPlace ? dy : packedB,
      inPlace ? 4 * outChannels : 0, dfilter, packedA, stagedLength > 0 ? staged : 0,
      partialsLength > 0 ? partials : 0, block]);
    if (partialsLength > 0) {
      context.parallel('sumFilterChunks', [dfilter, partials, block], partialsLength);
    }
  });
}
