import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';

import {
  checkPictureSize, checkPngData, jpegSize, MAX_PICTURE_PIXELS, MAX_PICTURE_SIDE, pngSize,
} from './image-header.js';
import { encodePng } from './png.js';
import { jpegStating, pngStating } from './test/stated-size.js';

const png = (width: number, height: number) =>
  encodePng({ width, height, rgba: new Uint8Array(width * height * 4).fill(255) });

const jpg = (width: number, height: number) => new Uint8Array(jpeg.encode(
  { width, height, data: new Uint8Array(width * height * 4).fill(255) }, 90).data);

describe('pngSize and jpegSize', () => {
  it('read the size a file states, before its pixels', () => {
    expect(pngSize(png(3, 2))).toEqual({ width: 3, height: 2 });
    expect(pngSize(pngStating(png(2, 2), 60000, 60000)))
      .toEqual({ width: 60000, height: 60000 });
    // jpeg-js writes APP0 and the quantisation tables before the frame header.
    expect(jpegSize(jpg(17, 5))).toEqual({ width: 17, height: 5 });
    expect(jpegSize(jpegStating(jpg(8, 8), 60000, 9))).toEqual({ width: 60000, height: 9 });
  });

  it('give nothing for a header cut short or missing, leaving the reason to the decoder', () => {
    expect(pngSize(png(3, 2).subarray(0, 20))).toBeUndefined();
    expect(jpegSize(jpg(8, 8).subarray(0, 20))).toBeUndefined();
    // Start of image, then at once the scan: no frame header.
    expect(jpegSize(Uint8Array.of(0xff, 0xd8, 0xff, 0xda, 0, 2))).toBeUndefined();
  });
});

describe('checkPictureSize', () => {
  it(`allows ${MAX_PICTURE_SIDE} on a side and ${MAX_PICTURE_PIXELS} pixels, no more`, () => {
    expect(() => checkPictureSize({ width: MAX_PICTURE_SIDE, height: 4882 })).not.toThrow();
    expect(() => checkPictureSize({ width: 8193, height: 1 })).toThrow(
      'its header says 8193x1 pixels, more than simdgan decodes (8192 on a side, ' +
      '40 megapixels)');
    expect(() => checkPictureSize({ width: 7000, height: 7000 })).toThrow(
      'its header says 7000x7000 pixels');
  });
});

describe('checkPngData', () => {
  it('accepts real pictures, even ones that compress very well', () => {
    for (const [width, height] of [[1, 1], [3, 2], [640, 480]]) {
      const bytes = png(width, height);
      expect(() => checkPngData(bytes, pngSize(bytes)!)).not.toThrow();
    }
  });

  it('refuses a header that states more pixels than the data can hold', () => {
    const lying = pngStating(png(16, 16), 6000, 6000);
    expect(() => checkPngData(lying, pngSize(lying)!)).toThrow(
      /^its image data ends early: \d+ compressed bytes cannot hold the 6000x6000 pixels/);
  });

  it('refuses a picture of no pixels', () => {
    expect(() => checkPictureSize({ width: 0, height: 5 })).toThrow(
      'its header says 0x5 pixels');
  });
});
