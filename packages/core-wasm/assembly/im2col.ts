/**
 * im2col (Chellapilla et al., "High performance convolutional neural networks for document
 * processing", 2006), written straight into matmul panels so the column matrix is never stored
 * twice. Its rows are output pixels (b, oy, ox) in NHWC order, its columns filter taps
 * (ky, kx, ci) in filter order; taps that fall in the padding read as 0.
 */
import { Conv2dGeometry } from './conv2d-geometry';
import { packFourSpans, ROW_PANEL } from './pack';
import { floatBytes } from './share';
import { storeTransposed4x4 } from './vector';

/**
 * Byte address of x[image, iy, ix, 0], where `image` is the address of one image of x (0 for a
 * panel row past the end), or 0 when the pixel lies in the padding.
 */
@inline
function pixelAddress(image: usize, iy: i32, ix: i32, g: Conv2dGeometry): usize {
  const inside = image != 0 && <u32>iy < <u32>g.inHeight && <u32>ix < <u32>g.inWidth;
  return inside ? image + floatBytes((iy * g.inWidth + ix) * g.inChannels) : 0;
}

/**
 * Packs im2col rows as A panels [taps * inChannels][ROW_PANEL] for panels [panelBegin,
 * panelEnd): the left operand of the forward convolution.
 */
export function packIm2colRowPanels(
  x: usize,
  packed: usize,
  g: Conv2dGeometry,
  panelBegin: i32,
  panelEnd: i32,
): void {
  const inChannels = g.inChannels;
  const depth = g.filterHeight * g.filterWidth * inChannels;
  const pixels = g.outHeight * g.outWidth;
  const rows = g.batch * pixels;
  const vector = ASC_FEATURE_SIMD && inChannels % 4 == 0;
  const contiguous = g.dilationWidth == 1;
  const span = g.filterWidth * inChannels;
  const imageBytes = floatBytes(g.inHeight * g.inWidth * inChannels);
  // The output pixel of the next panel row, advanced one row at a time: no division per panel.
  let row = panelBegin * ROW_PANEL;
  let image = x + <usize>(row / pixels) * imageBytes;
  let oy = (row % pixels) / g.outWidth;
  let ox = row % g.outWidth;
  for (let i = panelBegin; i < panelEnd; i++) {
    let out = packed + floatBytes(i * depth * ROW_PANEL);
    // Per panel row: its image (0 past the last row) and the input position of tap (0, 0).
    const image0 = row < rows ? image : 0;
    const y0 = oy * g.strideHeight - g.padTop, x0 = ox * g.strideWidth - g.padLeft;
    if (++ox == g.outWidth) { ox = 0; if (++oy == g.outHeight) { oy = 0; image += imageBytes; } }
    const image1 = row + 1 < rows ? image : 0;
    const y1 = oy * g.strideHeight - g.padTop, x1 = ox * g.strideWidth - g.padLeft;
    if (++ox == g.outWidth) { ox = 0; if (++oy == g.outHeight) { oy = 0; image += imageBytes; } }
    const image2 = row + 2 < rows ? image : 0;
    const y2 = oy * g.strideHeight - g.padTop, x2 = ox * g.strideWidth - g.padLeft;
    if (++ox == g.outWidth) { ox = 0; if (++oy == g.outHeight) { oy = 0; image += imageBytes; } }
    const image3 = row + 3 < rows ? image : 0;
    const y3 = oy * g.strideHeight - g.padTop, x3 = ox * g.strideWidth - g.padLeft;
    if (++ox == g.outWidth) { ox = 0; if (++oy == g.outHeight) { oy = 0; image += imageBytes; } }
    row += ROW_PANEL;
    // A row whose filter window lies inside the image across its whole width.
    const widthSpan = (g.filterWidth - 1) * g.dilationWidth;
    const full0 = image0 != 0 && x0 >= 0 && x0 + widthSpan < g.inWidth;
    const full1 = image1 != 0 && x1 >= 0 && x1 + widthSpan < g.inWidth;
    const full2 = image2 != 0 && x2 >= 0 && x2 + widthSpan < g.inWidth;
    const full3 = image3 != 0 && x3 >= 0 && x3 + widthSpan < g.inWidth;
    const fullWidth = full0 && full1 && full2 && full3;
    for (let ky = 0; ky < g.filterHeight; ky++) {
      const dy = ky * g.dilationHeight;
      if (ASC_FEATURE_SIMD && contiguous && fullWidth &&
          <u32>(y0 + dy) < <u32>g.inHeight && <u32>(y1 + dy) < <u32>g.inHeight &&
          <u32>(y2 + dy) < <u32>g.inHeight && <u32>(y3 + dy) < <u32>g.inHeight) {
        // Without dilation across, the taps (kx, ci) of filter row ky are filterWidth *
        // inChannels consecutive floats of each row's input: transpose them 4 at a time.
        out = packFourSpans(out,
          pixelAddress(image0, y0 + dy, x0, g), pixelAddress(image1, y1 + dy, x1, g),
          pixelAddress(image2, y2 + dy, x2, g), pixelAddress(image3, y3 + dy, x3, g), span);
        continue;
      }
      for (let kx = 0; kx < g.filterWidth; kx++) {
        const dx = kx * g.dilationWidth;
        const s0 = pixelAddress(image0, y0 + dy, x0 + dx, g);
        const s1 = pixelAddress(image1, y1 + dy, x1 + dx, g);
        const s2 = pixelAddress(image2, y2 + dy, x2 + dx, g);
        const s3 = pixelAddress(image3, y3 + dy, x3 + dx, g);
        if (vector) {
          out = packFourVectors(out, s0, s1, s2, s3, inChannels);
          continue;
        }
        for (let ci = 0; ci < inChannels; ci++) {
          const offset = floatBytes(ci);
          store<f32>(out, s0 ? load<f32>(s0 + offset) : 0);
          store<f32>(out, s1 ? load<f32>(s1 + offset) : 0, 4);
          store<f32>(out, s2 ? load<f32>(s2 + offset) : 0, 8);
          store<f32>(out, s3 ? load<f32>(s3 + offset) : 0, 12);
          out += ROW_PANEL << 2;
        }
      }
    }
  }
}

/** Interleaves `channels` (a multiple of 4) floats from four pixels (0 = zeros); returns end. */
@inline
function packFourVectors(
  out: usize,
  s0: usize,
  s1: usize,
  s2: usize,
  s3: usize,
  channels: i32,
): usize {
  const zero = f32x4.splat(0);
  for (let ci = 0; ci < channels; ci += 4) {
    const offset = floatBytes(ci);
    storeTransposed4x4(
      out,
      s0 ? v128.load(s0 + offset) : zero,
      s1 ? v128.load(s1 + offset) : zero,
      s2 ? v128.load(s2 + offset) : zero,
      s3 ? v128.load(s3 + offset) : zero,
    );
    out += 64;
  }
  return out;
}

/**
 * Packs output pixels [pixelBegin, pixelEnd) of the transposed im2col matrix (rows are taps,
 * columns output pixels) as A panels [pixelEnd - pixelBegin][ROW_PANEL] for tap panels
 * [panelBegin, panelEnd): the left operand of the filter gradient, one part of its depth at a
 * time. With inChannels a multiple of 4 a panel's four taps are four adjacent channels of one
 * filter position, read as one vector.
 */
export function packIm2colColumnPanels(
  x: usize,
  packed: usize,
  g: Conv2dGeometry,
  panelBegin: i32,
  panelEnd: i32,
  pixelBegin: i32,
  pixelEnd: i32,
): void {
  const inChannels = g.inChannels;
  const depth = g.filterHeight * g.filterWidth * inChannels;
  const imagePixels = g.outHeight * g.outWidth;
  const count = pixelEnd - pixelBegin;
  const imageBytes = floatBytes(g.inHeight * g.inWidth * inChannels);
  const firstImage = pixelBegin / imagePixels;
  const firstY = (pixelBegin % imagePixels) / g.outWidth;
  const firstX = pixelBegin % g.outWidth;
  for (let i = panelBegin; i < panelEnd; i++) {
    const out = packed + floatBytes(i * count * ROW_PANEL);
    const firstTap = i * ROW_PANEL;
    const vector = ASC_FEATURE_SIMD && inChannels % 4 == 0 && firstTap + 4 <= depth;
    // The vector path fills all four lanes of a panel row at once.
    const lanes = vector ? 1 : ROW_PANEL;
    for (let r = 0; r < lanes; r++) {
      const tap = firstTap + r;
      let column = out + (<usize>r << 2);
      if (tap >= depth) {
        // Past the last tap: a lane of zeros.
        for (let pixel = pixelBegin; pixel < pixelEnd; pixel++) {
          store<f32>(column, 0);
          column += ROW_PANEL << 2;
        }
        continue;
      }
      const position = tap / inChannels;
      const ky = position / g.filterWidth, kx = position % g.filterWidth;
      const offsetY = ky * g.dilationHeight - g.padTop;
      const offsetX = kx * g.dilationWidth - g.padLeft;
      // Output columns whose input column ox * stride + offsetX lies inside: [lowX, highX).
      const lowX = offsetX >= 0 ? 0 : (g.strideWidth - 1 - offsetX) / g.strideWidth;
      const lastX = g.inWidth - 1 - offsetX;
      const highX = lastX < 0 ? 0 : min(g.outWidth, lastX / g.strideWidth + 1);
      const stepBytes = floatBytes(g.strideWidth * inChannels);
      const channelBytes = floatBytes(tap % inChannels);
      let image = x + <usize>firstImage * imageBytes;
      let oy = firstY, ox = firstX;
      let pixel = pixelBegin;
      while (pixel < pixelEnd) {
        // The rest of output row oy within this block of pixels.
        const endX = min(g.outWidth, ox + pixelEnd - pixel);
        const iy = oy * g.strideHeight + offsetY;
        let insideFrom = endX, insideTo = endX;
        if (<u32>iy < <u32>g.inHeight) {
          insideFrom = min(max(ox, lowX), endX);
          insideTo = max(insideFrom, min(highX, endX));
        }
        let source = image + floatBytes((iy * g.inWidth + insideFrom * g.strideWidth + offsetX) *
          inChannels) + channelBytes;
        for (let at = ox; at < insideFrom; at++) {
          if (vector) v128.store(column, f32x4.splat(0));
          else store<f32>(column, 0);
          column += ROW_PANEL << 2;
        }
        for (let at = insideFrom; at < insideTo; at++) {
          if (vector) v128.store(column, v128.load(source));
          else store<f32>(column, load<f32>(source));
          source += stepBytes;
          column += ROW_PANEL << 2;
        }
        for (let at = insideTo; at < endX; at++) {
          if (vector) v128.store(column, f32x4.splat(0));
          else store<f32>(column, 0);
          column += ROW_PANEL << 2;
        }
        pixel += endX - ox;
        ox = endX;
        if (ox == g.outWidth) {
          ox = 0;
          if (++oy == g.outHeight) {
            oy = 0;
            image += imageBytes;
          }
        }
      }
    }
  }
}
