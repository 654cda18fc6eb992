import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import {
  checkPictureSize, checkPngData, jpegSize, MAX_PICTURE_PIXELS, pngSize,
} from './image-header.js';

/** A decoded picture: `pixels` is `[height, width, 4]` RGBA bytes. */
export interface DecodedPicture {
  width: number;
  height: number;
  channels: 4;
  pixels: Uint8Array;
}

/** The first bytes of a PNG file. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The first bytes of a JPEG file (start of image, then a marker). */
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** The first bytes in hex, for saying what a file is not. */
function firstBytes(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Runs a decoder, saying in words what its own complaint (pngjs: "There are
 * some read requests waitng on finished stream") is about.
 */
function decoding<T>(format: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new Error(`the ${format} data cannot be decoded (${(error as Error).message}); ` +
      'the file is probably truncated or damaged');
  }
}

/**
 * Decodes PNG (pngjs) or JPEG (jpeg-js) bytes into RGBA, choosing the format
 * by the file's signature, not its name. The size in the file's header is
 * checked first (see checkPictureSize), so an absurd one costs no memory.
 * Throws an Error whose message is the reason alone (the caller adds the
 * path): an empty file, an unknown signature, a size too large, or the
 * decoder's own complaint.
 */
export function decodeImageFile(bytes: Uint8Array): DecodedPicture {
  if (bytes.length === 0) throw new Error('file is empty');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const size = pngSize(bytes);
    if (size) {
      checkPictureSize(size);
      checkPngData(bytes, size);
    }
    const png = decoding('PNG', () => PNG.sync.read(buffer));
    return { width: png.width, height: png.height, channels: 4, pixels: new Uint8Array(png.data) };
  }
  if (startsWith(bytes, JPEG_SIGNATURE)) {
    const size = jpegSize(bytes);
    if (size) checkPictureSize(size);
    // jpeg-js's own limit stays as a second guard (a height defined later, by DNL).
    const image = decoding('JPEG', () => jpeg.decode(buffer, {
      useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PICTURE_PIXELS / 1e6,
    }));
    return { width: image.width, height: image.height, channels: 4, pixels: image.data };
  }
  throw new Error(`not a PNG or JPEG file (it starts with ${firstBytes(bytes)})`);
}
