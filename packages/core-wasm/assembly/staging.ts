/**
 * Zero-padded copies of convolution inputs ("staging"): the part of an image that the filter
 * windows cover, padding included, copied so that packing can read every window without a
 * bounds test, at the border as fast as inside. A thread stages its images into two slots
 * (image parity: a panel straddles at most two images) for the forward pass; the filter
 * gradient of few input channels stages the whole batch once.
 */
import { Conv2dGeometry, geometryAt, NARROW_CHANNELS } from './conv2d-geometry';
import { ROW_PANEL } from './pack';
import { floatBytes, shareStart } from './share';

/** Staging is used while one thread's two padded images fit in this many floats (2 MiB). */
const STAGING_LIMIT: i64 = 1 << 19;

/** A whole batch is staged (for the filter gradient) up to this many floats (4 MiB). */
const BATCH_STAGING_LIMIT: i64 = 1 << 20;

/** Input rows the windows cover, from row -padTop: the padded image's height. */
@inline
export function coveredHeight(g: Conv2dGeometry): i32 {
  return (g.outHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight + 1;
}

/** Input columns the windows cover, from column -padLeft. */
@inline
function coveredWidth(g: Conv2dGeometry): i32 {
  return (g.outWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth + 1;
}

/** Floats per row of a padded image: its covered columns times channels, rounded up to 4. */
@inline
export function stagedRowFloats(g: Conv2dGeometry): i32 {
  return (coveredWidth(g) * g.inChannels + 3) & ~3;
}

/**
 * Floats of one padded image and of its rows, in i64: a huge stride or padding would wrap the
 * i32 sizes that the packing uses once staging is known to fit.
 */
function paddedImageFloats(g: Conv2dGeometry): i64 {
  const height = <i64>(g.outHeight - 1) * g.strideHeight +
    <i64>(g.filterHeight - 1) * g.dilationHeight + 1;
  const width = <i64>(g.outWidth - 1) * g.strideWidth +
    <i64>(g.filterWidth - 1) * g.dilationWidth + 1;
  return height * ((width * g.inChannels + 3) & ~3);
}

/**
 * Floats of one thread's staging area for the geometry at `geometry`: one row of zeros (read
 * for panel rows past the last pixel), then two padded images. 0 when staging does not pay or
 * does not fit: fewer output pixels per image than a panel has rows (a panel would straddle
 * more than two images), or a row and two padded images over STAGING_LIMIT (a padded image of
 * about 1 MiB).
 */
export function im2colStagingFloats(geometry: usize): i32 {
  const g = geometryAt(geometry);
  if (<i64>g.outHeight * g.outWidth < ROW_PANEL) return 0;
  const image = paddedImageFloats(g);
  if (2 * image >= STAGING_LIMIT) return 0;
  const floats = <i64>stagedRowFloats(g) + 2 * image;
  return floats > STAGING_LIMIT ? 0 : <i32>floats;
}

/**
 * Floats of the whole batch staged as padded images, for the filter gradient of few input
 * channels (there four taps of a panel are rarely four channels of one pixel, and the panels
 * are packed pixel by pixel across images); 0 for more channels or past BATCH_STAGING_LIMIT.
 */
export function stagedBatchFloats(geometry: usize): i32 {
  const g = geometryAt(geometry);
  if (g.inChannels >= NARROW_CHANNELS || <i64>g.batch * g.outHeight * g.outWidth == 0) return 0;
  const image = paddedImageFloats(g);
  if (image > BATCH_STAGING_LIMIT) return 0;
  // One vector more: a shuffled panel's first load may read 3 floats past its window's last tap.
  const floats = <i64>g.batch * image + 4;
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

/** Copies image `index` of x, zero-padded, into `slot` ([coveredHeight][stagedRowFloats]). */
export function stageImage(x: usize, slot: usize, index: i32, g: Conv2dGeometry): void {
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

/** The images this thread's two slots hold (-1: none); globals are per instance, so per thread. */
let heldEven: i32 = -1;
let heldOdd: i32 = -1;

/**
 * Readies a thread's staging area (im2colStagingFloats floats at `staging`) for one call: zeros
 * its first row, which panel rows past the last pixel read, and forgets what the slots held
 * (the area is fresh scratch, and x may be another tensor).
 */
export function beginStaging(staging: usize, g: Conv2dGeometry): void {
  zeroBytes(staging, floatBytes(stagedRowFloats(g)));
  heldEven = heldOdd = -1;
}

/** The slot of image `image` (by parity), staged there first unless it already is. */
@inline
export function stagedSlot(
  x: usize,
  slots: usize,
  slotBytes: usize,
  image: i32,
  g: Conv2dGeometry,
): usize {
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
