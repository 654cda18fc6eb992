/** Input gradient of the 2-D convolution (the transposed convolution): the col2im gather. */
import { geometryAt } from './conv2d-geometry';
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
  const inChannels = g.inChannels;
  const imagePixels = g.inHeight * g.inWidth;
  const pixels = g.batch * imagePixels;
  const taps = g.filterHeight * g.filterWidth;
  const rowBytes = floatBytes(taps * inChannels);
  const pixelEnd = shareStart(pixels, threadIndex + 1, threadCount);
  for (let pixel = shareStart(pixels, threadIndex, threadCount); pixel < pixelEnd; pixel++) {
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
