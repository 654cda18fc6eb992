import { PNG } from 'pngjs';

/** An RGBA picture: `rgba` is `[height, width, 4]`, row-major, bytes. */
export interface RgbaPicture {
  width: number;
  height: number;
  rgba: Uint8ClampedArray | Uint8Array;
}

/** How {@link encodePng} stores the picture. */
export interface PngOptions {
  /**
   * Write one gray channel (colour type 0) instead of RGB; for pictures
   * whose red, green and blue are equal, as one-channel samples are.
   */
  gray?: boolean;
}

/**
 * Encodes a picture as PNG bytes. Alpha is dropped (written as RGB, colour
 * type 2, or gray, colour type 0) because samples are opaque; the same
 * picture always gives the same bytes.
 */
export function encodePng(picture: RgbaPicture, options: PngOptions = {}): Uint8Array {
  const { width, height, rgba } = picture;
  if (rgba.length !== width * height * 4) {
    throw new Error(
      `encodePng: ${width}x${height} needs ${width * height * 4} RGBA bytes, got ${rgba.length}`,
    );
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: options.gray ? 0 : 2 });
}

/** Decodes PNG bytes into an RGBA picture (used by tests and tools). */
export function decodePng(bytes: Uint8Array): RgbaPicture {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
}
