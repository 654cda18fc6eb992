/** Forward 2-D convolution, NHWC, as im2col panels times the packed filter. */
import { geometryAt } from './conv2d-geometry';
import { packIm2colRowPanels } from './im2col';
import { packStagedRowPanels } from './im2col-staged';
import { multiplyPanels } from './micro-kernel';
import { A_BLOCK_PANELS, packedARegion, panelOrigin, ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';
import { beginStaging, im2colStagingFloats } from './staging';

/**
 * y[batch, outHeight, outWidth, outChannels] = conv(x, filter), overwriting y. The filter
 * [filterHeight * filterWidth * inChannels, outChannels] must already be packed by `matmulPackB`
 * (n = outChannels, k = taps * inChannels). Threads split the output pixels in panels of 4;
 * each packs blocks of its im2col panels into its own region of `packedA` (threadCount regions
 * of packedARegion(pixels, depth) floats) and multiplies each block while it is in cache.
 * With `staging` not 0 (threadCount areas of im2colStagingFloats floats), panels are packed
 * from zero-padded copies of the images there.
 */
export function conv2d(
  x: usize,
  packedFilter: usize,
  y: usize,
  packedA: usize,
  staging: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const rows = g.batch * g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const panels = (rows + ROW_PANEL - 1) / ROW_PANEL;
  const panelBegin = shareStart(panels, threadIndex, threadCount);
  const panelEnd = shareStart(panels, threadIndex + 1, threadCount);
  const region = packedA + floatBytes(threadIndex * packedARegion(rows, depth));
  const stagingFloats = im2colStagingFloats(geometry);
  const ownStaging = staging ? staging + floatBytes(threadIndex * stagingFloats) : 0;
  // Each image is copied once per call, when its first panel is packed.
  if (ownStaging) beginStaging(ownStaging, g);
  for (let block = panelBegin; block < panelEnd; block += A_BLOCK_PANELS) {
    const blockEnd = min(block + A_BLOCK_PANELS, panelEnd);
    const origin = panelOrigin(region, block, depth);
    if (ownStaging) packStagedRowPanels(x, origin, g, block, blockEnd, ownStaging);
    else packIm2colRowPanels(x, origin, g, block, blockEnd);
    multiplyPanels(origin, packedFilter, y, rows, g.outChannels, depth, block, blockEnd);
  }
}
