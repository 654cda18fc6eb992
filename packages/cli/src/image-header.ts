/** Width and height of a picture, in pixels, as its header states them. */
export interface PictureSize {
  width: number;
  height: number;
}

/** Longest side decoded: larger pictures are refused before decoding. */
export const MAX_PICTURE_SIDE = 8192;
/** Most pixels decoded (40 megapixels: 160 MB of RGBA). */
export const MAX_PICTURE_PIXELS = 40_000_000;

/**
 * The size a PNG file states in its IHDR chunk, which the format puts first:
 * the 8-byte signature, the chunk's length and type, then width and height
 * as big-endian 32-bit numbers (bytes 16 to 23). Undefined when the file is
 * too short or the first chunk is not IHDR; the decoder then says why.
 */
export function pngSize(bytes: Uint8Array): PictureSize | undefined {
  if (bytes.length < 24) return undefined;
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Markers of a JPEG frame header (SOF0 to SOF15, without DHT, JPG and DAC). */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf &&
    marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * The size a JPEG file states in its frame header (the SOF segment of
 * ITU-T T.81, 1992, B.2.2): the segments before it are stepped over by their
 * lengths, and the header holds the height, then the width, as big-endian
 * 16-bit numbers after the sample precision. Undefined when no frame header
 * comes before the scan or the end of the bytes; the decoder then says why.
 */
export function jpegSize(bytes: Uint8Array): PictureSize | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1];
    // Fill bytes, and the markers that stand alone (TEM, RSTn, SOI): no length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    // The scan or the end of the image before any frame header.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (isFrameMarker(marker)) {
      if (length < 7 || offset + 9 > bytes.length) return undefined;
      const height = (bytes[offset + 5] << 8) | bytes[offset + 6];
      const width = (bytes[offset + 7] << 8) | bytes[offset + 8];
      return { width, height };
    }
    offset += 2 + length;
  }
  return undefined;
}

/**
 * Throws an Error (the reason alone, for the caller to put after the path)
 * when `size` is more than {@link MAX_PICTURE_SIDE} on a side or
 * {@link MAX_PICTURE_PIXELS} in all, so that a header claiming 60000x60000
 * is refused before gigabytes are allocated for it.
 */
export function checkPictureSize(size: PictureSize): void {
  const { width, height } = size;
  if (width === 0 || height === 0) throw new Error(`its header says ${width}x${height} pixels`);
  if (width <= MAX_PICTURE_SIDE && height <= MAX_PICTURE_SIDE &&
    width * height <= MAX_PICTURE_PIXELS) {
    return;
  }
  throw new Error(`its header says ${width}x${height} pixels, more than simdgan decodes ` +
    `(${MAX_PICTURE_SIDE} on a side, ${MAX_PICTURE_PIXELS / 1e6} megapixels)`);
}

/** Channels of each PNG colour type (gray, RGB, palette, gray + alpha, RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Deflate's largest expansion: one compressed byte unpacks to at most about
 * 1032 (runs of 258 bytes coded in 2 bits).
 */
const DEFLATE_MAX_RATIO = 1032;

/**
 * Throws an Error (the reason alone) when a PNG's compressed data (its IDAT
 * chunks) is too small to unpack to the rows its header states, even at
 * deflate's largest expansion: a header that claims more pixels than the
 * file holds would otherwise be decoded into a picture of zeros at full size.
 */
export function checkPngData(bytes: Uint8Array, size: PictureSize): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bitDepth = bytes[24];
  const channels = PNG_CHANNELS[bytes[25]] ?? 1;
  const rowBytes = 1 + Math.ceil((size.width * channels * bitDepth) / 8);
  const needed = size.height * rowBytes;
  let compressed = 0;
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (type === 'IDAT') compressed += Math.min(length, bytes.length - offset - 8);
    offset += 12 + length;
  }
  if (compressed * DEFLATE_MAX_RATIO < needed) {
    throw new Error(`its image data ends early: ${compressed} compressed bytes cannot hold ` +
      `the ${size.width}x${size.height} pixels its header says (truncated or damaged)`);
  }
}
