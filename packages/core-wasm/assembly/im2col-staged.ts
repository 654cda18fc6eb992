/**
 * im2col from zero-padded copies of the input. Each thread copies the part of an image that the
 * filter windows cover, padding included, into its own staging area before it packs panels of
 * that image, so the packing reads every window without a bounds test: at the border as fast as
 * inside. Two slots (image parity) hold the two images a panel may straddle.
 */
import { Conv2dGeometry, geometryAt } from './conv2d-geometry';
import { ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';
import { storeTransposed4x4 } from './vector';

/** Staging is used while one thread's two padded images fit in this many floats (2 MiB). */
const STAGING_LIMIT: i64 = 1 << 19;

/** A whole batch is staged (for the filter gradient) up to this many floats (4 MiB). */
const BATCH_STAGING_LIMIT: i64 = 1 << 20;

/** Input channels below which the filter gradient packs from a staged batch. */
const NARROW_CHANNELS: i32 = 4;

/** Input rows the windows cover, from row -padTop: the padded image's height. */
@inline
function coveredHeight(g: Conv2dGeometry): i32 {
  return (g.outHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight + 1;
}

/** Input columns the windows cover, from column -padLeft. */
@inline
function coveredWidth(g: Conv2dGeometry): i32 {
  return (g.outWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth + 1;
}

/** Floats per row of a padded image: its covered columns times channels, rounded up to 4. */
@inline
function stagedRowFloats(g: Conv2dGeometry): i32 {
  return (coveredWidth(g) * g.inChannels + 3) & ~3;
}

/**
 * Floats of one thread's staging area for the geometry at `geometry`: one row of zeros (read
 * for panel rows past the last pixel), then two padded images. 0 when staging does not pay or
 * does not fit: fewer output pixels per image than a panel has rows (a panel would straddle
 * more than two images), or padded images larger than STAGING_LIMIT allows.
 */
export function im2colStagingFloats(geometry: usize): i32 {
  const g = geometryAt(geometry);
  if (g.outHeight * g.outWidth < ROW_PANEL) return 0;
  const row = <i64>stagedRowFloats(g);
  const image = <i64>coveredHeight(g) * row;
  if (row + 2 * image > STAGING_LIMIT) return 0;
  return <i32>(row + 2 * image);
}

/**
 * Floats of the whole batch staged as padded images, for the filter gradient of few input
 * channels (there four taps of a panel are rarely four channels of one pixel, and the panels
 * are packed pixel by pixel across images); 0 for more channels or past BATCH_STAGING_LIMIT.
 */
export function stagedBatchFloats(geometry: usize): i32 {
  const g = geometryAt(geometry);
  if (g.inChannels >= NARROW_CHANNELS || g.batch * g.outHeight * g.outWidth == 0) return 0;
  // One vector more: a shuffled panel's first load may read 3 floats past its window's last tap.
  const floats = <i64>g.batch * coveredHeight(g) * stagedRowFloats(g) + 4;
  return floats > BATCH_STAGING_LIMIT ? 0 : <i32>floats;
}

/** Stages every image of x, padded, at `staged` (stagedBatchFloats floats); threads split them. */
export function stageImages(
  x: usize,
  staged: usize,
  geometry: usize,
  threadIndex: i32,
  threadCount: i32,
): void {
  const g = geometryAt(geometry);
  const imageBytes = floatBytes(coveredHeight(g) * stagedRowFloats(g));
  const end = shareStart(g.batch, threadIndex + 1, threadCount);
  for (let image = shareStart(g.batch, threadIndex, threadCount); image < end; image++) {
    stageImage(x, staged + <usize>image * imageBytes, image, g);
  }
}

/**
 * Packs output pixels [pixelBegin, pixelEnd) of the transposed im2col matrix as A panels
 * [pixelEnd - pixelBegin][ROW_PANEL] for tap panels [panelBegin, panelEnd), like
 * packIm2colColumnPanels, from the batch staged by stageImages: a panel whose four taps are
 * adjacent in memory (the same filter row) is one vector per pixel, one whose taps are two
 * adjacent runs (across the end of a filter row) two vectors and a shuffle, others four floats.
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
        } else if (split == 1) {
          for (let k = 0; k < n; k++) {
            const low = v128.load(window + o0), high = v128.load(window + second);
            v128.store(out, v128.shuffle<f32>(low, high, 0, 5, 6, 7));
            window += pixelBytes;
            out += 16;
          }
        } else if (split == 2) {
          for (let k = 0; k < n; k++) {
            const low = v128.load(window + o0), high = v128.load(window + second);
            v128.store(out, v128.shuffle<f32>(low, high, 0, 1, 6, 7));
            window += pixelBytes;
            out += 16;
          }
        } else if (split == 3) {
          for (let k = 0; k < n; k++) {
            const low = v128.load(window + o0), high = v128.load(window + second);
            v128.store(out, v128.shuffle<f32>(low, high, 0, 1, 2, 7));
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

/** Copies image `index` of x, zero-padded, into `slot` ([coveredHeight][stagedRowFloats]). */
function stageImage(x: usize, slot: usize, index: i32, g: Conv2dGeometry): void {
  const channels = g.inChannels;
  const rowBytes = floatBytes(stagedRowFloats(g));
  const width = coveredWidth(g);
  // Padded column px holds input column px - padLeft: zeros, then the inside, then zeros.
  const left = min(g.padLeft, width);
  const insideEnd = min(width, g.padLeft + g.inWidth);
  const leftBytes = floatBytes(left * channels);
  const insideBytes = floatBytes(max(0, insideEnd - left) * channels);
  const rightBytes = rowBytes - leftBytes - insideBytes;
  const image = x + floatBytes(index * g.inHeight * g.inWidth * channels);
  const height = coveredHeight(g);
  let out = slot;
  for (let py = 0; py < height; py++) {
    const iy = py - g.padTop;
    if (<u32>iy >= <u32>g.inHeight) {
      zeroBytes(out, rowBytes);
    } else {
      const source = image + floatBytes((iy * g.inWidth + left - g.padLeft) * channels);
      zeroBytes(out, leftBytes);
      copyBytes(out + leftBytes, source, insideBytes);
      zeroBytes(out + leftBytes + insideBytes, rightBytes);
    }
    out += rowBytes;
  }
}

/** The images the two slots of this thread hold (-1: none). Globals are per instance: per thread. */
let heldEven: i32 = -1;
let heldOdd: i32 = -1;

/** The slot of image `image` (by parity), staged there first unless it already is. */
@inline
function stagedSlot(x: usize, slots: usize, slotBytes: usize, image: i32, g: Conv2dGeometry): usize {
  const odd = image & 1;
  const slot = slots + (odd ? slotBytes : 0);
  if ((odd ? heldOdd : heldEven) != image) {
    stageImage(x, slot, image, g);
    if (odd) heldOdd = image;
    else heldEven = image;
  }
  return slot;
}

/**
 * Below this many bytes a copy or fill is a loop: memory.copy and memory.fill are calls into the
 * engine, which cost more than moving a short image row (a 28-pixel grey row is 112 bytes).
 */
const BULK_BYTES: usize = 512;

/** Zeros `bytes` (a multiple of 4) bytes at `out`. */
@inline
function zeroBytes(out: usize, bytes: usize): void {
  if (bytes >= BULK_BYTES) {
    memory.fill(out, 0, bytes);
    return;
  }
  for (let at: usize = 0; at < bytes; at += 4) store<f32>(out + at, 0);
}

/** Copies `bytes` (a multiple of 4) bytes from `source` to `out` (not overlapping). */
@inline
function copyBytes(out: usize, source: usize, bytes: usize): void {
  if (bytes >= BULK_BYTES) {
    memory.copy(out, source, bytes);
    return;
  }
  let at: usize = 0;
  if (ASC_FEATURE_SIMD) {
    for (; at + 16 <= bytes; at += 16) v128.store(out + at, v128.load(source + at));
  }
  for (; at < bytes; at += 4) store<f32>(out + at, load<f32>(source + at));
}

/**
 * Packs im2col rows as A panels [taps * inChannels][ROW_PANEL] for panels [panelBegin,
 * panelEnd), like packIm2colRowPanels, through the thread's staging area `staging`
 * (im2colStagingFloats floats, which must not be 0 for this geometry).
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
  heldEven = heldOdd = -1;
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

/**
 * Interleaves `count` consecutive floats from each of four addresses: 4x4 transposes (SIMD
 * builds), then single floats. Returns the end of what it wrote.
 */
@inline
export function packFourSpans(
  out: usize,
  s0: usize,
  s1: usize,
  s2: usize,
  s3: usize,
  count: i32,
): usize {
  let t = 0;
  if (ASC_FEATURE_SIMD) {
    for (; t + 4 <= count; t += 4) {
      const offset = floatBytes(t);
      storeTransposed4x4(out, v128.load(s0 + offset), v128.load(s1 + offset),
        v128.load(s2 + offset), v128.load(s3 + offset));
      out += 64;
    }
  }
  for (; t < count; t++) {
    const offset = floatBytes(t);
    store<f32>(out, load<f32>(s0 + offset));
    store<f32>(out, load<f32>(s1 + offset), 4);
    store<f32>(out, load<f32>(s2 + offset), 8);
    store<f32>(out, load<f32>(s3 + offset), 12);
    out += ROW_PANEL << 2;
  }
  return out;
}
