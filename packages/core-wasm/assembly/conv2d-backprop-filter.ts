/** Filter gradient of the 2-D convolution: dfilter = im2col(x)^T dy. */
import { geometryAt } from './conv2d-geometry';
import { packIm2colColumnPanels } from './im2col';
import { packStagedColumnPanels } from './im2col-staged';
import { DEPTH_BLOCK, multiplyDepthRange, multiplyPanels } from './micro-kernel';
import { COLUMN_PANEL, ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';

/**
 * Filter-row panels per thread below which threads split the output channels instead: a grey
 * 5x5 filter has 7 panels, which two threads would split 4 + 3.
 */
const FEW_PANELS_PER_THREAD: i32 = 4;

/**
 * Whether threads split the output channels (each packing every filter-row panel): when the
 * panels are few and there is a column panel of channels for every thread.
 */
@inline
function splitsChannels(taps: i32, outChannels: i32, threadCount: i32): bool {
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const columnPanels = (outChannels + COLUMN_PANEL - 1) / COLUMN_PANEL;
  return threadCount > 1 && panels < FEW_PANELS_PER_THREAD * threadCount &&
    columnPanels >= threadCount;
}

/**
 * dfilter[filterHeight, filterWidth, inChannels, outChannels] = sum over output pixels of
 * x-patch times dy, overwriting dfilter. `dyOperand` is dy [batch * outHeight * outWidth,
 * outChannels] packed by `matmulPackB` (n = outChannels, k = pixels), or, with `dyRowBytes` not
 * 0 (outChannels a multiple of COLUMN_PANEL), dy itself, read in place. Threads split the filter
 * rows (taps times input channels) in panels of 4, or, when those are few, the column panels of
 * the output channels; either way no sum over pixels is ever split between threads. Each walks
 * the pixels DEPTH_BLOCK at a time, packing that part of its panels into its own region of
 * `packedA` (filterGradientRegion floats), from the padded batch at `staged` when that is not
 * 0 (see stagedBatchFloats), and adding its product to dfilter.
 */
export function conv2dBackpropFilter(
  x: usize,
  dyOperand: usize,
  dyRowBytes: usize,
  dfilter: usize,
  packedA: usize,
  staged: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const pixels = g.batch * g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const columnPanels = (g.outChannels + COLUMN_PANEL - 1) / COLUMN_PANEL;
  let panelBegin = shareStart(panels, threadIndex, threadCount);
  let panelEnd = shareStart(panels, threadIndex + 1, threadCount);
  if (pixels == 0) {
    multiplyPanels(packedA, dyOperand, dfilter, taps, g.outChannels, 0, panelBegin, panelEnd);
    return;
  }
  let columnBegin = 0, columnEnd = columnPanels;
  if (splitsChannels(taps, g.outChannels, threadCount)) {
    panelBegin = 0;
    panelEnd = panels;
    columnBegin = shareStart(columnPanels, threadIndex, threadCount);
    columnEnd = shareStart(columnPanels, threadIndex + 1, threadCount);
    if (columnBegin == columnEnd) return;
  }
  const region = packedA +
    floatBytes(threadIndex * filterGradientRegion(taps, g.outChannels, threadCount));
  for (let pixelBegin = 0; pixelBegin < pixels; pixelBegin += DEPTH_BLOCK) {
    const pixelEnd = min(pixelBegin + DEPTH_BLOCK, pixels);
    const count = pixelEnd - pixelBegin;
    const origin = region - floatBytes(panelBegin * count * ROW_PANEL);
    if (staged) {
      packStagedColumnPanels(staged, origin, g, panelBegin, panelEnd, pixelBegin, pixelEnd);
    } else {
      packIm2colColumnPanels(x, origin, g, panelBegin, panelEnd, pixelBegin, pixelEnd);
    }
    multiplyDepthRange(origin, dyOperand, dfilter, taps, g.outChannels, pixels, pixelBegin,
      pixelEnd, panelBegin, panelEnd, columnBegin, columnEnd, dyRowBytes);
  }
}

/** Floats of one thread's packed-A region in the filter gradient: its panels, DEPTH_BLOCK deep. */
export function filterGradientRegion(taps: i32, outChannels: i32, threadCount: i32): i32 {
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const own = splitsChannels(taps, outChannels, threadCount)
    ? panels : (panels + threadCount - 1) / threadCount;
  return own * ROW_PANEL * DEPTH_BLOCK;
}
