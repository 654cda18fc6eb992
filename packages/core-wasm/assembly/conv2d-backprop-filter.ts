/** Filter gradient of the 2-D convolution: dfilter = im2col(x)^T dy. */
import { Conv2dGeometry, geometryAt } from './conv2d-geometry';
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
 * Filter rows (taps times input channels) up to which the sum over pixels is cut in chunks (a
 * first layer's 25 or 75): threads then split the chunks, so that none packs panels another
 * packs too, and the chunks' sums are added in order afterwards (sumFilterChunks).
 */
const CHUNKED_TAPS: i32 = 64;

/** Most chunks of one sum: beyond, chunks grow by whole DEPTH_BLOCKs. */
const MOST_CHUNKS: i32 = 64;

/** Most floats of the chunks' partial gradients; a larger gradient is not cut. */
const MOST_PARTIAL_FLOATS: i64 = 1 << 22;

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
 * Pixels per chunk of the sum over pixels, or 0 when it is not cut (many filter rows, one
 * chunk's pixels or too large a gradient). Depends on the geometry alone, never on the
 * threads, so every thread count adds the same partial sums in the same order.
 */
function chunkPixels(g: Conv2dGeometry): i32 {
  const pixels = <i64>g.batch * g.outHeight * g.outWidth;
  const taps = <i64>g.filterHeight * g.filterWidth * g.inChannels;
  if (taps > CHUNKED_TAPS || pixels <= DEPTH_BLOCK) return 0;
  const blocks = (pixels + DEPTH_BLOCK - 1) / DEPTH_BLOCK;
  const size = <i64>DEPTH_BLOCK * ((blocks + MOST_CHUNKS - 1) / MOST_CHUNKS);
  const chunks = (pixels + size - 1) / size;
  return (chunks - 1) * taps * g.outChannels > MOST_PARTIAL_FLOATS ? 0 : <i32>size;
}

/**
 * Floats of the partial gradients of all chunks but the first (which goes to dfilter itself),
 * or 0 when the sum over pixels is not cut.
 */
export function filterGradientPartials(geometry: usize): i32 {
  const g = geometryAt(geometry);
  const size = chunkPixels(g);
  if (size == 0) return 0;
  const chunks = (g.batch * g.outHeight * g.outWidth + size - 1) / size;
  return (chunks - 1) * g.filterHeight * g.filterWidth * g.inChannels * g.outChannels;
}

/**
 * dfilter[filterHeight, filterWidth, inChannels, outChannels] = sum over output pixels of
 * x-patch times dy, overwriting dfilter. `dyOperand` is dy [batch * outHeight * outWidth,
 * outChannels] packed by `matmulPackB` (n = outChannels, k = pixels), or, with `dyRowBytes` not
 * 0 (outChannels a multiple of COLUMN_PANEL), dy itself, read in place. When the filter rows
 * are few the sum over pixels is cut in chunks (chunkPixels) that threads split; each chunk's
 * sum goes to dfilter (the first) or to `partials` (filterGradientPartials floats), which
 * sumFilterChunks then adds. Otherwise threads split the filter rows in panels of 4, or, when
 * those are few, the column panels of the output channels. Either way each partial sum is one
 * thread's. Each walks the pixels DEPTH_BLOCK at a time, packing that part of its panels into
 * its own region of `packedA` (filterGradientRegion floats), from the padded batch at `staged`
 * when that is not 0 (see stagedBatchFloats), and adding its product to its output.
 */
export function conv2dBackpropFilter(
  x: usize,
  dyOperand: usize,
  dyRowBytes: usize,
  dfilter: usize,
  packedA: usize,
  staged: usize,
  partials: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const pixels = g.batch * g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const columnPanels = (g.outChannels + COLUMN_PANEL - 1) / COLUMN_PANEL;
  const region = packedA +
    floatBytes(threadIndex * filterGradientRegion(taps, g.outChannels, threadCount));
  const size = chunkPixels(g);
  if (size > 0) {
    const chunks = (pixels + size - 1) / size;
    const chunkEnd = shareStart(chunks, threadIndex + 1, threadCount);
    for (let chunk = shareStart(chunks, threadIndex, threadCount); chunk < chunkEnd; chunk++) {
      const output = chunk == 0
        ? dfilter : partials + floatBytes((chunk - 1) * taps * g.outChannels);
      const first = chunk * size;
      addPixels(x, dyOperand, dyRowBytes, output, region, staged, g, 0, panels, 0, columnPanels,
        first, min(first + size, pixels));
    }
    return;
  }
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
  addPixels(x, dyOperand, dyRowBytes, dfilter, region, staged, g, panelBegin, panelEnd,
    columnBegin, columnEnd, 0, pixels);
}

/**
 * The sum over pixels [sumBegin, sumEnd) of filter-row panels [panelBegin, panelEnd) and column
 * panels [columnBegin, columnEnd), written to `output`, DEPTH_BLOCK pixels at a time.
 */
function addPixels(
  x: usize,
  dyOperand: usize,
  dyRowBytes: usize,
  output: usize,
  region: usize,
  staged: usize,
  g: Conv2dGeometry,
  panelBegin: i32,
  panelEnd: i32,
  columnBegin: i32,
  columnEnd: i32,
  sumBegin: i32,
  sumEnd: i32,
): void {
  const pixels = g.batch * g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  for (let pixelBegin = sumBegin; pixelBegin < sumEnd; pixelBegin += DEPTH_BLOCK) {
    const pixelEnd = min(pixelBegin + DEPTH_BLOCK, sumEnd);
    const count = pixelEnd - pixelBegin;
    const origin = region - floatBytes(panelBegin * count * ROW_PANEL);
    if (staged) {
      packStagedColumnPanels(staged, origin, g, panelBegin, panelEnd, pixelBegin, pixelEnd);
    } else {
      packIm2colColumnPanels(x, origin, g, panelBegin, panelEnd, pixelBegin, pixelEnd);
    }
    multiplyDepthRange(origin, dyOperand, output, taps, g.outChannels, pixels, pixelBegin,
      pixelEnd, panelBegin, panelEnd, columnBegin, columnEnd, dyRowBytes, sumBegin);
  }
}

/**
 * dfilter += each chunk's partial gradient in chunk order (after conv2dBackpropFilter cut the
 * sum over pixels); threads split the filter's elements, four at a time.
 */
export function sumFilterChunks(
  dfilter: usize,
  partials: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const length = g.filterHeight * g.filterWidth * g.inChannels * g.outChannels;
  const partialFloats = filterGradientPartials(geometry);
  const groups = (length + 3) >> 2;
  const begin = shareStart(groups, threadIndex, threadCount) << 2;
  const end = min(length, shareStart(groups, threadIndex + 1, threadCount) << 2);
  const vectorEnd = ASC_FEATURE_SIMD ? begin + ((end - begin) & ~3) : begin;
  for (let offset = 0; offset < partialFloats; offset += length) {
    const partial = partials + floatBytes(offset);
    if (ASC_FEATURE_SIMD) {
      for (let i = begin; i < vectorEnd; i += 4) {
        const at = dfilter + floatBytes(i);
        v128.store(at, f32x4.add(v128.load(at), v128.load(partial + floatBytes(i))));
      }
    }
    for (let i = vectorEnd; i < end; i++) {
      const at = dfilter + floatBytes(i);
      store<f32>(at, load<f32>(at) + load<f32>(partial + floatBytes(i)));
    }
  }
}

/** Floats of one thread's packed-A region in the filter gradient: its panels, DEPTH_BLOCK deep. */
export function filterGradientRegion(taps: i32, outChannels: i32, threadCount: i32): i32 {
  const panels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const own = taps <= CHUNKED_TAPS || splitsChannels(taps, outChannels, threadCount)
    ? panels : (panels + threadCount - 1) / threadCount;
  return own * ROW_PANEL * DEPTH_BLOCK;
}
