/**
 * im2col panels packed from zero-padded copies of the input (staging.ts): row panels for the
 * forward pass, from a thread's two image slots, and transposed (column) panels for the filter
 * gradient, from a staged batch. Every window lies inside its copy: no bounds test.
 */
import { Conv2dGeometry } from './conv2d-geometry';
import { packFourSpans, ROW_PANEL } from './pack';
import { floatBytes } from './share';
import { coveredHeight, stagedRowFloats, stagedSlot } from './staging';

/**
 * Packs output pixels [pixelBegin, pixelEnd) of the transposed im2col matrix as A panels
 * [pixelEnd - pixelBegin][ROW_PANEL] for tap panels [panelBegin, panelEnd), like
 * packIm2colColumnPanels, from the batch staged by stageImages: a panel whose four taps are
 * adjacent in memory (the same filter row) is one vector per pixel, one whose taps are two
 * adjacent runs (across the end of a filter row) two vectors blended, others four floats.
 */
export function packStagedColumnPanels(
  staged: usize,
  packed: usize,
  g: Conv2dGeometry,
  panelBegin: i32,
  panelEnd: i32,
  pixelBegin: i32,
  pixelEnd: i32,
): void {
  const channels = g.inChannels;
  const depth = g.filterHeight * g.filterWidth * channels;
  const count = pixelEnd - pixelBegin;
  const rowFloats = stagedRowFloats(g);
  const imageBytes = floatBytes(coveredHeight(g) * rowFloats);
  const imagePixels = g.outHeight * g.outWidth;
  const pixelBytes = floatBytes(g.strideWidth * channels);
  const firstImage = pixelBegin / imagePixels;
  const firstY = (pixelBegin % imagePixels) / g.outWidth;
  const firstX = pixelBegin % g.outWidth;
  for (let i = panelBegin; i < panelEnd; i++) {
    let out = packed + floatBytes(i * count * ROW_PANEL);
    const firstTap = i * ROW_PANEL;
    const o0 = tapOffset(firstTap, g, rowFloats), o1 = tapOffset(firstTap + 1, g, rowFloats);
    const o2 = tapOffset(firstTap + 2, g, rowFloats), o3 = tapOffset(firstTap + 3, g, rowFloats);
    const whole = firstTap + ROW_PANEL <= depth;
    // Lanes [0, split) adjacent from o0 and [split, 4) adjacent from their first offset: one
    // vector from each and a shuffle (split 4: one vector). 0: neither, four floats.
    let split = 0;
    if (ASC_FEATURE_SIMD && whole) {
      const run1 = o1 == o0 + 4, run2 = o2 == o1 + 4, run3 = o3 == o2 + 4;
      if (run1 && run2 && run3) split = 4;
      else if (!run1 && run2 && run3) split = 1;
      else if (run1 && !run2 && run3) split = 2;
      else if (run1 && run2 && !run3) split = 3;
    }
    // The second vector starts 4 * split bytes before its first lane's offset.
    const second = split == 1 ? o1 - 4 : split == 2 ? o2 - 8 : o3 - 12;
    let image = firstImage, oy = firstY, ox = firstX;
    let pixel = pixelBegin;
    while (pixel < pixelEnd) {
      // The rest of output row oy within this block of pixels.
      const n = min(g.outWidth - ox, pixelEnd - pixel);
      let window = staged + <usize>image * imageBytes +
        floatBytes(oy * g.strideHeight * rowFloats + ox * g.strideWidth * channels);
      if (ASC_FEATURE_SIMD && split > 0) {
        if (split == 4) {
          for (let k = 0; k < n; k++) {
            v128.store(out, v128.load(window + o0));
            window += pixelBytes;
            out += 16;
          }
        } else {
          // Lanes below split from the first vector, the rest from the second.
          const lowLanes = i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(split));
          for (let k = 0; k < n; k++) {
            const low = v128.load(window + o0), high = v128.load(window + second);
            v128.store(out, v128.bitselect(low, high, lowLanes));
            window += pixelBytes;
            out += 16;
          }
        }
      } else if (whole) {
        for (let k = 0; k < n; k++) {
          store<f32>(out, load<f32>(window + o0));
          store<f32>(out, load<f32>(window + o1), 4);
          store<f32>(out, load<f32>(window + o2), 8);
          store<f32>(out, load<f32>(window + o3), 12);
          window += pixelBytes;
          out += 16;
        }
      } else {
        // The last panel: lanes past the last tap are zeros.
        for (let k = 0; k < n; k++) {
          store<f32>(out, load<f32>(window + o0));
          store<f32>(out, firstTap + 1 < depth ? load<f32>(window + o1) : 0, 4);
          store<f32>(out, firstTap + 2 < depth ? load<f32>(window + o2) : 0, 8);
          store<f32>(out, 0, 12);
          window += pixelBytes;
          out += 16;
        }
      }
      pixel += n;
      ox += n;
      if (ox == g.outWidth) {
        ox = 0;
        if (++oy == g.outHeight) { oy = 0; image++; }
      }
    }
  }
}

/** Byte offset of tap (ky, kx, ci) = `tap` from its window's first float in a staged image. */
@inline
function tapOffset(tap: i32, g: Conv2dGeometry, rowFloats: i32): usize {
  const position = tap / g.inChannels;
  const ky = position / g.filterWidth, kx = position % g.filterWidth;
  return floatBytes(ky * g.dilationHeight * rowFloats +
    (kx * g.dilationWidth) * g.inChannels + tap % g.inChannels);
}

/**
 * Packs im2col rows as A panels [taps * inChannels][ROW_PANEL] for panels [panelBegin,
 * panelEnd), like packIm2colRowPanels, through the thread's staging area `staging`
 * (im2colStagingFloats floats, which must not be 0 for this geometry), readied by beginStaging
 * once per call: images stay staged from one block of panels to the next.
 */
export function packStagedRowPanels(
  x: usize,
  packed: usize,
  g: Conv2dGeometry,
  panelBegin: i32,
  panelEnd: i32,
  staging: usize,
): void {
  const channels = g.inChannels;
  const depth = g.filterHeight * g.filterWidth * channels;
  const pixels = g.outHeight * g.outWidth;
  const rows = g.batch * pixels;
  const rowFloats = stagedRowFloats(g);
  const slotBytes = floatBytes(coveredHeight(g) * rowFloats);
  const zeros = staging;
  const slots = staging + floatBytes(rowFloats);
  const filterRowBytes = floatBytes(g.dilationHeight * rowFloats);
  const tapBytes = floatBytes(g.dilationWidth * channels);
  const pixelBytes = floatBytes(g.strideWidth * channels);
  const span = g.filterWidth * channels;
  // The output pixel of the next panel row, advanced one row at a time.
  let row = panelBegin * ROW_PANEL;
  let image = row / pixels;
  let oy = (row % pixels) / g.outWidth;
  let ox = row % g.outWidth;
  for (let i = panelBegin; i < panelEnd; i++) {
    let out = packed + floatBytes(i * depth * ROW_PANEL);
    let s0 = zeros, s1 = zeros, s2 = zeros, s3 = zeros;
    let step0: usize = 0, step1: usize = 0, step2: usize = 0, step3: usize = 0;
    if (row + ROW_PANEL <= rows && ox + ROW_PANEL <= g.outWidth) {
      // The usual panel: four neighbours on one output row, windows `pixelBytes` apart.
      const slot = stagedSlot(x, slots, slotBytes, image, g);
      s0 = slot + floatBytes(oy * g.strideHeight * rowFloats + ox * g.strideWidth * channels);
      s1 = s0 + pixelBytes; s2 = s1 + pixelBytes; s3 = s2 + pixelBytes;
      step0 = step1 = step2 = step3 = filterRowBytes;
      row += ROW_PANEL;
      ox += ROW_PANEL;
      if (ox == g.outWidth) {
        ox = 0;
        if (++oy == g.outHeight) { oy = 0; image++; }
      }
    } else {
      // A panel across a row or image end, or past the last pixel (zero lanes).
      for (let lane = 0; lane < ROW_PANEL && row < rows; lane++) {
        const slot = stagedSlot(x, slots, slotBytes, image, g);
        const window = slot + floatBytes(oy * g.strideHeight * rowFloats +
          ox * g.strideWidth * channels);
        if (lane == 0) { s0 = window; step0 = filterRowBytes; }
        else if (lane == 1) { s1 = window; step1 = filterRowBytes; }
        else if (lane == 2) { s2 = window; step2 = filterRowBytes; }
        else { s3 = window; step3 = filterRowBytes; }
        row++;
        if (++ox == g.outWidth) {
          ox = 0;
          if (++oy == g.outHeight) { oy = 0; image++; }
        }
      }
    }
    for (let ky = 0; ky < g.filterHeight; ky++) {
      if (g.dilationWidth == 1) {
        // The taps (kx, ci) of a filter row are `span` consecutive floats of each window row.
        out = packFourSpans(out, s0, s1, s2, s3, span);
      } else {
        for (let kx = 0; kx < g.filterWidth; kx++) {
          const offset = <usize>kx * tapBytes;
          out = packFourSpans(out, s0 + offset, s1 + offset, s2 + offset, s3 + offset, channels);
        }
      }
      s0 += step0; s1 += step1; s2 += step2; s3 += step3;
    }
  }
}
