/** Filter gradient of the 2-D convolution: dfilter = im2col(x)^T dy. */
import { geometryAt } from './conv2d-geometry';
import { packIm2colColumnPanels } from './im2col';
import { DEPTH_BLOCK, multiplyDepthRange, multiplyPanels } from './micro-kernel';
import { ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';

/**
 * dfilter[filterHeight, filterWidth, inChannels, outChannels] = sum over output pixels of
 * x-patch times dy, overwriting dfilter. dy [batch * outHeight * outWidth, outChannels] must
 * already be packed by `matmulPackB` (n = outChannels, k = pixels). Threads split the filter
 * rows (taps times input channels) in panels of 4, so no sum over pixels is ever split between
 * threads; each walks the pixels DEPTH_BLOCK at a time, packing that part of its panels into
 * its own region of `packedA` (filterGradientRegion floats) and adding its product to dfilter.
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
  if (pixels == 0) {
    multiplyPanels(packedA, packedDy, dfilter, taps, g.outChannels, 0, panelBegin, panelEnd);
    return;
  }
  const region = packedA + floatBytes(threadIndex * filterGradientRegion(taps, threadCount));
  for (let pixelBegin = 0; pixelBegin < pixels; pixelBegin += DEPTH_BLOCK) {
    const pixelEnd = min(pixelBegin + DEPTH_BLOCK, pixels);
    const count = pixelEnd - pixelBegin;
    const origin = region - floatBytes(panelBegin * count * ROW_PANEL);
    packIm2colColumnPanels(x, origin, g, panelBegin, panelEnd, pixelBegin, pixelEnd);
    multiplyDepthRange(origin, packedDy, dfilter, taps, g.outChannels, pixels, pixelBegin,
      pixelEnd, panelBegin, panelEnd);
  }
}

/** Floats of one thread's packed-A region in the filter gradient: its panels, DEPTH_BLOCK deep. */
export function filterGradientRegion(taps: i32, threadCount: i32): i32 {
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  return (panels + threadCount - 1) / threadCount * ROW_PANEL * DEPTH_BLOCK;
}
