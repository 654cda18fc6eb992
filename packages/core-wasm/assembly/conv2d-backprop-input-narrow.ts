/**
 * The input gradient for few input channels (a grey or colour first layer), image by image:
 * the image's columns transposed, then scattered tap by tap (see conv2d-backprop-input.ts for
 * the gather it agrees with bit for bit).
 */
import { Conv2dGeometry, geometryAt, NARROW_CHANNELS } from './conv2d-geometry';
import { multiplyPanels } from './micro-kernel';
import { COLUMN_PANEL, packColumnPanels, packRowPanels, ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';

/**
 * Floats of one thread's region for conv2dBackpropInputNarrow: the filter as A panels, one
 * image of dy packed as B panels, and that image's columns, transposed ([taps][out pixels]).
 * 0 when the geometry has too many input channels for the narrow way, or the region would not
 * be an i32 (sizes in i64, so that a huge image cannot wrap to a small region).
 */
export function narrowInputGradientRegion(geometry: usize): i32 {
  const g = geometryAt(geometry);
  if (g.inChannels >= NARROW_CHANNELS) return 0;
  const taps = <i64>g.filterHeight * g.filterWidth * g.inChannels;
  const outPixels = <i64>g.outHeight * g.outWidth;
  const filterPanels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const dyPanels = (outPixels + COLUMN_PANEL - 1) / COLUMN_PANEL;
  const floats = (filterPanels * ROW_PANEL + dyPanels * COLUMN_PANEL) * g.outChannels +
    taps * outPixels;
  return floats > i32.MAX_VALUE ? 0 : <i32>floats;
}

/**
 * The input gradient image by image for few input channels (a grey or colour first layer),
 * where the taps are too few for the gather to add vectors: the columns of an image are
 * computed transposed, filter times dy^T ([taps, out pixels], so the short side is the one the
 * micro-kernel's rows cover), then scattered tap by tap, taps in filter order. Each dx element
 * receives the same products in the same order as from the gather, so every way of computing
 * the input gradient gives the same bits. Threads split the images; each uses its own region
 * of `work` (narrowInputGradientRegion floats).
 */
export function conv2dBackpropInputNarrow(
  dy: usize,
  filter: usize,
  dx: usize,
  work: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const outPixels = g.outHeight * g.outWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const depth = g.outChannels;
  const imageBegin = shareStart(g.batch, threadIndex, threadCount);
  const imageEnd = shareStart(g.batch, threadIndex + 1, threadCount);
  if (imageBegin == imageEnd) return;
  const filterPanels = (taps + ROW_PANEL - 1) / ROW_PANEL;
  const dyPanels = (outPixels + COLUMN_PANEL - 1) / COLUMN_PANEL;
  const packedFilter = work + floatBytes(threadIndex * narrowInputGradientRegion(geometry));
  const packedDy = packedFilter + floatBytes(filterPanels * ROW_PANEL * depth);
  const columns = packedDy + floatBytes(dyPanels * COLUMN_PANEL * depth);
  packRowPanels(filter, packedFilter, taps, depth, false, 0, filterPanels);
  const inImageBytes = floatBytes(g.inHeight * g.inWidth * g.inChannels);
  for (let image = imageBegin; image < imageEnd; image++) {
    const imageDy = dy + floatBytes(image * outPixels * depth);
    // dy of one image is [out pixels, depth]: B = dy^T, read transposed.
    packColumnPanels(imageDy, packedDy, depth, outPixels, true, 0, 1);
    multiplyPanels(packedFilter, packedDy, columns, taps, outPixels, depth, 0, filterPanels);
    scatterTaps(columns, dx + <usize>image * inImageBytes, g);
  }
}

/**
 * dx of one image = the sum over taps, in filter order, of each tap's row of `columns`
 * ([taps][out pixels]) added at the input pixels the tap reaches. One grey channel at stride 2
 * takes two neighbouring taps at once: their rows interleaved cover consecutive dx pixels.
 */
function scatterTaps(columns: usize, dx: usize, g: Conv2dGeometry): void {
  const channels = g.inChannels;
  memory.fill(dx, 0, floatBytes(g.inHeight * g.inWidth * channels));
  const pairs = ASC_FEATURE_SIMD && channels == 1 && g.strideWidth == 2 && g.dilationWidth == 1;
  const tapBytes = floatBytes(g.outHeight * g.outWidth);
  for (let ky = 0; ky < g.filterHeight; ky++) {
    let kx = 0;
    if (pairs) {
      for (; kx < g.filterWidth; kx += 2) {
        scatterPair(columns + <usize>(ky * g.filterWidth + kx) * tapBytes, dx, ky, kx,
          kx + 1 < g.filterWidth, g);
      }
    }
    for (; kx < g.filterWidth; kx++) {
      for (let ci = 0; ci < channels; ci++) {
        const tap = (ky * g.filterWidth + kx) * channels + ci;
        scatterTap(columns + <usize>tap * tapBytes, dx, ky, kx, ci, g);
      }
    }
  }
}

/** Output columns ox whose input column ox * stride + kx * dilation - padLeft is inside. */
@inline
function insideLow(kx: i32, g: Conv2dGeometry): i32 {
  const offsetX = kx * g.dilationWidth - g.padLeft;
  return offsetX >= 0 ? 0 : (g.strideWidth - 1 - offsetX) / g.strideWidth;
}

/** End of the output columns that insideLow begins. */
@inline
function insideHigh(kx: i32, g: Conv2dGeometry): i32 {
  const lastX = g.inWidth - 1 - (kx * g.dilationWidth - g.padLeft);
  return lastX < 0 ? 0 : min(g.outWidth, lastX / g.strideWidth + 1);
}

/** Output rows oy whose input row oy * stride + ky * dilation - padTop is inside. */
@inline
function insideTop(ky: i32, g: Conv2dGeometry): i32 {
  const offsetY = ky * g.dilationHeight - g.padTop;
  return offsetY >= 0 ? 0 : (g.strideHeight - 1 - offsetY) / g.strideHeight;
}

/** End of the output rows that insideTop begins. */
@inline
function insideBottom(ky: i32, g: Conv2dGeometry): i32 {
  const lastY = g.inHeight - 1 - (ky * g.dilationHeight - g.padTop);
  return lastY < 0 ? 0 : min(g.outHeight, lastY / g.strideHeight + 1);
}

/** Bytes of dx from one output row's input row to the next's. */
@inline
function dxRowStep(g: Conv2dGeometry): usize {
  return floatBytes(g.strideHeight * g.inWidth * g.inChannels);
}

/**
 * dx at output pixel (oy, ox = 0) of tap (ky, kx, ci): dx[oy * strideHeight + ky * dilation -
 * padTop, kx * dilation - padLeft, ci] (an address outside the row when ox 0 lands outside).
 */
@inline
function dxAt(dx: usize, oy: i32, ky: i32, kx: i32, ci: i32, g: Conv2dGeometry): usize {
  const iy = oy * g.strideHeight + ky * g.dilationHeight - g.padTop;
  const ix = kx * g.dilationWidth - g.padLeft;
  return dx + floatBytes((iy * g.inWidth + ix) * g.inChannels + ci);
}

/** Adds tap (ky, kx, ci)'s row `source` ([out pixels]) into dx of one image. */
function scatterTap(source: usize, dx: usize, ky: i32, kx: i32, ci: i32, g: Conv2dGeometry): void {
  const top = insideTop(ky, g), bottom = insideBottom(ky, g);
  if (top >= bottom) return;
  addColumns(dxAt(dx, top, ky, kx, ci, g), source + floatBytes(top * g.outWidth),
    insideLow(kx, g), insideHigh(kx, g), bottom - top,
    floatBytes(g.strideWidth * g.inChannels), g);
}

/**
 * Adds the rows of taps (ky, kx) and (ky, kx + 1) of one grey channel at stride 2 (`source`,
 * the second row after the first): tap kx reaches dx columns 2 ox + kx - padLeft, tap kx + 1 the
 * ones between, so four output columns of both, interleaved, are eight consecutive dx pixels.
 * The two taps never reach the same pixel, so each pixel still gets its taps in filter order.
 * Without a `second` tap (kx the filter's last column) zeros stand for it where it would fall
 * inside the row: adding +0 changes no sum begun at +0 (only -0 + +0 = +0 changes a value, and
 * a sum begun at +0 is never -0).
 */
function scatterPair(
  source: usize,
  dx: usize,
  ky: i32,
  kx: i32,
  second: bool,
  g: Conv2dGeometry,
): void {
  const tapBytes = floatBytes(g.outHeight * g.outWidth);
  const lowA = insideLow(kx, g), highA = insideHigh(kx, g);
  const lowB = insideLow(kx + 1, g), highB = insideHigh(kx + 1, g);
  // Output columns where both taps land inside, four at a time.
  const low = max(lowA, lowB);
  const high = max(low, min(highA, highB));
  const vectorEnd = low + ((high - low) & ~3);
  const top = insideTop(ky, g), bottom = insideBottom(ky, g);
  if (top >= bottom) return;
  const dxFirst = dxAt(dx, top, ky, kx, 0, g);
  const dxRowBytes = dxRowStep(g);
  const sourceFirst = source + floatBytes(top * g.outWidth);
  let dxRow = dxFirst;
  let rowA = sourceFirst;
  for (let oy = top; oy < bottom; oy++) {
    const rowB = rowA + tapBytes;
    for (let ox = low; ox < vectorEnd; ox += 4) {
      const a = v128.load(rowA + floatBytes(ox));
      const b = second ? v128.load(rowB + floatBytes(ox)) : f32x4.splat(0);
      const out = dxRow + floatBytes(2 * ox);
      v128.store(out, f32x4.add(v128.load(out), v128.shuffle<f32>(a, b, 0, 4, 1, 5)));
      v128.store(out, f32x4.add(v128.load(out, 16), v128.shuffle<f32>(a, b, 2, 6, 3, 7)), 16);
    }
    dxRow += dxRowBytes;
    rowA += floatBytes(g.outWidth);
  }
  // The columns outside [low, vectorEnd), one tap and one column at a time down the rows (each
  // tap its own pixels, so the order among them does not matter).
  const rows = bottom - top;
  addColumns(dxFirst, sourceFirst, lowA, min(low, highA), rows, 8, g);
  addColumns(dxFirst, sourceFirst, max(lowA, vectorEnd), highA, rows, 8, g);
  if (second) {
    addColumns(dxFirst + 4, sourceFirst + tapBytes, lowB, min(low, highB), rows, 8, g);
    addColumns(dxFirst + 4, sourceFirst + tapBytes, max(lowB, vectorEnd), highB, rows, 8, g);
  }
}

/**
 * For output columns ox in [begin, end): the float at dx + ox * columnBytes += source[ox],
 * then the same an output row further down each (an input row step in dx), `rows` times.
 */
function addColumns(
  dx: usize,
  source: usize,
  begin: i32,
  end: i32,
  rows: i32,
  columnBytes: usize,
  g: Conv2dGeometry,
): void {
  const dxRowBytes = dxRowStep(g);
  const sourceRowBytes = floatBytes(g.outWidth);
  for (let ox = begin; ox < end; ox++) {
    let at = dx + <usize>ox * columnBytes;
    let from = source + floatBytes(ox);
    for (let row = 0; row < rows; row++) {
      store<f32>(at, load<f32>(at) + load<f32>(from));
      at += dxRowBytes;
      from += sourceRowBytes;
    }
  }
}
