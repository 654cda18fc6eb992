/** Input gradient of the 2-D convolution (the transposed convolution): the col2im gather. */
import { Conv2dGeometry, geometryAt } from './conv2d-geometry';
import { multiplyPanels } from './micro-kernel';
import { A_BLOCK_PANELS, packedARegion, packRowPanels, panelOrigin, ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';

/**
 * Second phase of the input gradient. `columns` = dy times filter^T, shaped [batch * outHeight *
 * outWidth, filterHeight * filterWidth * inChannels] (computed by `matmul`). Writes
 * dx[b, iy, ix, :] = sum over taps (ky, kx) whose forward output pixel (oy, ox) exists of
 * columns[(b, oy, ox), (ky, kx, :)], taps in filter order. Threads split the dx pixels: each
 * gathers into its own pixels, so shares never write the same memory.
 */
export function conv2dBackpropInput(
  columns: usize,
  dx: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const imagePixels = g.inHeight * g.inWidth;
  const pixels = g.batch * imagePixels;
  const begin = shareStart(pixels, threadIndex, threadCount);
  const end = shareStart(pixels, threadIndex + 1, threadCount);
  if (begin < end) gather(columns, dx, g, begin, end);
}

/** Gathers dx pixels [begin, end): without a division per tap when there is no dilation. */
function gather(columns: usize, dx: usize, g: Conv2dGeometry, begin: i32, end: i32): void {
  if (g.dilationHeight == 1 && g.dilationWidth == 1) {
    gatherUndilated(columns, dx, g, begin, end);
  } else {
    gatherGeneral(columns, dx, g, begin, end);
  }
}

/**
 * The whole input gradient one image at a time, so that the columns of an image ([outHeight *
 * outWidth, taps]) are gathered while they are still in cache and no thread ever holds more
 * than one image's. The filter must be packed transposed by `matmulPackB` (n = taps, k =
 * outChannels). Threads split the images; each uses its own region of `packedA`
 * (packedARegion(outHeight * outWidth, outChannels) floats) and of `columns` (outHeight *
 * outWidth * taps floats). Every value is summed in the same order as by `matmul` then
 * `conv2dBackpropInput`, so both ways give the same bits.
 */
export function conv2dBackpropInputByImage(
  dy: usize,
  packedFilter: usize,
  dx: usize,
  packedA: usize,
  columns: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const outPixels = g.outHeight * g.outWidth;
  const inPixels = g.inHeight * g.inWidth;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const depth = g.outChannels;
  const imageEnd = shareStart(g.batch, threadIndex + 1, threadCount);
  const region = packedA + floatBytes(threadIndex * packedARegion(outPixels, depth));
  const own = columns + floatBytes(threadIndex * outPixels * taps);
  const panels = (outPixels + ROW_PANEL - 1) / ROW_PANEL;
  for (let image = shareStart(g.batch, threadIndex, threadCount); image < imageEnd; image++) {
    const imageDy = dy + floatBytes(image * outPixels * depth);
    for (let block = 0; block < panels; block += A_BLOCK_PANELS) {
      const blockEnd = min(block + A_BLOCK_PANELS, panels);
      const origin = panelOrigin(region, block, depth);
      packRowPanels(imageDy, origin, outPixels, depth, false, block, blockEnd);
      multiplyPanels(origin, packedFilter, own, outPixels, taps, depth, block, blockEnd);
    }
    // The gathers address rows of the whole batch: shift so that this image's rows land in own.
    const shifted = own - floatBytes(image * outPixels * taps);
    gather(shifted, dx, g, image * inPixels, (image + 1) * inPixels);
  }
}

/**
 * The gather without dilation, and without a division per tap: the filter rows that reach
 * input row iy are ky = (iy + padTop) % stride, then every stride-th row after it, with output
 * rows oy = (iy + padTop - ky) / stride falling by one each time (columns likewise). Taps are
 * visited in filter order, as gatherGeneral visits them, so both sum in the same order.
 */
function gatherUndilated(columns: usize, dx: usize, g: Conv2dGeometry, begin: i32, end: i32): void {
  const inChannels = g.inChannels;
  const imagePixels = g.inHeight * g.inWidth;
  const rowBytes = floatBytes(g.filterHeight * g.filterWidth * inChannels);
  const strideHeight = g.strideHeight, strideWidth = g.strideWidth;
  let image = begin / imagePixels;
  let iy = (begin % imagePixels) / g.inWidth;
  let ix = begin % g.inWidth;
  for (let pixel = begin; pixel < end; pixel++) {
    const out = dx + floatBytes(pixel * inChannels);
    const rowTotal = iy + g.padTop;
    const columnTotal = ix + g.padLeft;
    const firstKx = columnTotal % strideWidth;
    const firstOx = columnTotal / strideWidth;
    let single: f32 = 0;
    if (inChannels != 1) memory.fill(out, 0, floatBytes(inChannels));
    let oy = rowTotal / strideHeight;
    for (let ky = rowTotal % strideHeight; ky < g.filterHeight && oy >= 0; ky += strideHeight) {
      if (oy < g.outHeight) {
        const outputRow = (image * g.outHeight + oy) * g.outWidth;
        let ox = firstOx;
        for (let kx = firstKx; kx < g.filterWidth && ox >= 0; kx += strideWidth) {
          if (ox < g.outWidth) {
            const source = columns + <usize>(outputRow + ox) * rowBytes +
              floatBytes((ky * g.filterWidth + kx) * inChannels);
            if (inChannels == 1) single += load<f32>(source);
            else addInto(out, source, inChannels);
          }
          ox--;
        }
      }
      oy--;
    }
    if (inChannels == 1) store<f32>(out, single);
    if (++ix == g.inWidth) {
      ix = 0;
      if (++iy == g.inHeight) {
        iy = 0;
        image++;
      }
    }
  }
}

/** The gather for any dilation: each tap tests whether a forward output pixel reaches it. */
function gatherGeneral(columns: usize, dx: usize, g: Conv2dGeometry, begin: i32, end: i32): void {
  const inChannels = g.inChannels;
  const imagePixels = g.inHeight * g.inWidth;
  const rowBytes = floatBytes(g.filterHeight * g.filterWidth * inChannels);
  for (let pixel = begin; pixel < end; pixel++) {
    const image = pixel / imagePixels;
    const iy = (pixel % imagePixels) / g.inWidth;
    const ix = pixel % g.inWidth;
    const out = dx + floatBytes(pixel * inChannels);
    memory.fill(out, 0, floatBytes(inChannels));
    for (let ky = 0; ky < g.filterHeight; ky++) {
      // Signed: the forward row oy * stride lands at iy + padTop - ky * dilation, maybe < 0.
      const rowNumerator = iy + g.padTop - ky * g.dilationHeight;
      if (rowNumerator < 0) break;
      if (rowNumerator % g.strideHeight != 0) continue;
      const oy = rowNumerator / g.strideHeight;
      if (oy >= g.outHeight) continue;
      for (let kx = 0; kx < g.filterWidth; kx++) {
        const columnNumerator = ix + g.padLeft - kx * g.dilationWidth;
        if (columnNumerator < 0) break;
        if (columnNumerator % g.strideWidth != 0) continue;
        const ox = columnNumerator / g.strideWidth;
        if (ox >= g.outWidth) continue;
        const row = (image * g.outHeight + oy) * g.outWidth + ox;
        const tap = ky * g.filterWidth + kx;
        addInto(out, columns + <usize>row * rowBytes + floatBytes(tap * inChannels), inChannels);
      }
    }
  }
}

/** out[0..count) += source[0..count). */
@inline
function addInto(out: usize, source: usize, count: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= count; i += 4) {
      const offset = floatBytes(i);
      v128.store(out + offset, f32x4.add(v128.load(out + offset), v128.load(source + offset)));
    }
  }
  for (; i < count; i++) {
    const offset = floatBytes(i);
    store<f32>(out + offset, load<f32>(out + offset) + load<f32>(source + offset));
  }
}
