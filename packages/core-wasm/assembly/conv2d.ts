/** Forward 2-D convolution, NHWC, as im2col panels times the packed filter. */
import { geometryAt } from './conv2d-geometry';
import { packIm2colRowPanels } from './im2col';
import { multiplyPanels } from './micro-kernel';
import { ROW_PANEL } from './pack';
import { shareStart } from './share';

/**
 * y[batch, outHeight, outWidth, outChannels] = conv(x, filter), overwriting y. The filter
 * [filterHeight * filterWidth * inChannels, outChannels] must already be packed by `matmulPackB`
 * (n = outChannels, k = taps * inChannels). `packedA` holds ceil(pixels / 4) * 4 * depth floats;
 * threads split the output pixels in panels of 4 and pack their own im2col panels there.
 */
export function conv2d(
  x: usize,
  packedFilter: usize,
  y: usize,
  packedA: usize,
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
  packIm2colRowPanels(x, packedA, g, panelBegin, panelEnd);
  multiplyPanels(packedA, packedFilter, y, rows, g.outChannels, depth, panelBegin, panelEnd);
}
