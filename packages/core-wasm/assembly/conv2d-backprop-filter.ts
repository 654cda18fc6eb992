/** Filter gradient of the 2-D convolution: dfilter = im2col(x)^T dy. */
import { geometryAt } from './conv2d-geometry';
import { packIm2colColumnPanels } from './im2col';
import { multiplyPanels } from './micro-kernel';
import { ROW_PANEL } from './pack';
import { shareStart } from './share';

/**
 * dfilter[filterHeight, filterWidth, inChannels, outChannels] = sum over output pixels of
 * x-patch times dy, overwriting dfilter. dy [batch * outHeight * outWidth, outChannels] must
 * already be packed by `matmulPackB` (n = outChannels, k = pixels). `packedA` holds
 * ceil(taps * inChannels / 4) * 4 * pixels floats; threads split the filter rows (taps times
 * input channels) in panels of 4, so no sum over pixels is ever split between threads.
 */
export function conv2dBackpropFilter(
  x: usize,
  packedDy: usize,
  dfilter: usize,
  packedA: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const pixels = g.batch * g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const panelBegin = shareStart(panels, threadIndex, threadCount);
  const panelEnd = shareStart(panels, threadIndex + 1, threadCount);
  packIm2colColumnPanels(x, packedA, g, panelBegin, panelEnd);
  multiplyPanels(packedA, packedDy, dfilter, taps, g.outChannels, pixels, panelBegin, panelEnd);
}
