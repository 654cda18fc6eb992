import { describe, expect, it } from 'vitest';

import { checkDataset } from '../data/dataset.js';
import { DataError } from '../data/errors.js';
import { imagesToDataset, resizeImage, type DecodedImage } from './resize.js';

/** A gray image from rows of bytes. */
function gray(rows: number[][]): DecodedImage {
  return { width: rows[0].length, height: rows.length, channels: 1,
    pixels: Uint8Array.from(rows.flat()) };
}

/** The result back in bytes: (v + 1) * 127.5, for reading expected values. */
function bytes(values: Float32Array): number[] {
  return Array.from(values, (v) => Math.round((v + 1) * 127.5 * 1000) / 1000);
}

describe('resizeImage', () => {
  it('keeps an image of the target size and maps 0 and 255 to -1 and 1', () => {
    const image = gray([[0, 255], [51, 102]]);
    const result = resizeImage(image, { size: 2, channels: 1 });
    expect(Array.from(result)).toEqual([-1, 1, 51 / 127.5 - 1, 102 / 127.5 - 1].map(Math.fround));
  });

  it('averages 2x2 blocks when halving', () => {
    const image = gray([[0, 4, 8, 12], [4, 8, 12, 16], [100, 100, 0, 0], [100, 100, 0, 200]]);
    expect(bytes(resizeImage(image, { size: 2, channels: 1 }))).toEqual([4, 12, 100, 50]);
  });

  it('weights partly covered pixels by their area when shrinking 3 to 2', () => {
    // Target pixel 0 covers source [0, 1.5): pixel 0 fully, pixel 1 half.
    const image = gray([[30, 60, 90], [30, 60, 90], [30, 60, 90]]);
    expect(bytes(resizeImage(image, { size: 2, channels: 1 }))).toEqual([40, 80, 40, 80]);
  });

  it('interpolates bilinearly between half-pixel centres when enlarging 2 to 4', () => {
    // Targets sit at source -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    const image = gray([[0, 200], [0, 200]]);
    expect(bytes(resizeImage(image, { size: 4, channels: 1 }))).toEqual(
      [0, 50, 150, 200, 0, 50, 150, 200, 0, 50, 150, 200, 0, 50, 150, 200]);
  });

  it('cuts the centred square out of a wide or tall image', () => {
    const wide = gray([[9, 1, 2, 9], [9, 3, 4, 9]]);
    expect(bytes(resizeImage(wide, { size: 2, channels: 1 }))).toEqual([1, 2, 3, 4]);
    const tall = gray([[9, 9], [1, 2], [3, 4], [9, 9]]);
    expect(bytes(resizeImage(tall, { size: 2, channels: 1 }))).toEqual([1, 2, 3, 4]);
  });

  it('turns RGB into BT.601 gray, gray into RGB, and composites alpha over black', () => {
    const rgba: DecodedImage = { width: 2, height: 1, channels: 4,
      pixels: Uint8Array.of(255, 0, 0, 255, 100, 200, 50, 51) };
    expect(bytes(resizeImage({ ...rgba, width: 1, pixels: rgba.pixels.subarray(0, 4) },
      { size: 1, channels: 1 }))).toEqual([76.245]);
    expect(bytes(resizeImage({ ...rgba, width: 1, pixels: rgba.pixels.subarray(4) },
      { size: 1, channels: 3 }))).toEqual([20, 40, 10]);
    const grayAlpha: DecodedImage = { width: 1, height: 1, channels: 2,
      pixels: Uint8Array.of(200, 255) };
    expect(bytes(resizeImage(grayAlpha, { size: 1, channels: 3 }))).toEqual([200, 200, 200]);
    const rgb: DecodedImage = { width: 1, height: 1, channels: 3,
      pixels: Uint8Array.of(10, 20, 30) };
    expect(bytes(resizeImage(rgb, { size: 1, channels: 3 }))).toEqual([10, 20, 30]);
  });

  it('keeps a constant image constant at any size (awkward sizes)', () => {
    const image = { width: 17, height: 13, channels: 3,
      pixels: new Uint8Array(17 * 13 * 3).fill(80) };
    for (const size of [1, 3, 5, 13, 28, 31]) {
      for (const value of bytes(resizeImage(image, { size, channels: 3 }))) {
        expect(value).toBeCloseTo(80, 3);
      }
    }
  });

  it('refuses bad images and options, naming the source and the values', () => {
    const error = (() => {
      try {
        resizeImage({ width: 2, height: 2, channels: 3, pixels: new Uint8Array(11) },
          { size: 4, channels: 3, source: 'cat.png' });
      } catch (caught) {
        return caught as DataError;
      }
    })();
    expect(error).toBeInstanceOf(DataError);
    expect(error!.code).toBe('IMAGE_SHAPE');
    expect(error!.message).toBe('cat.png: 2x2x3 needs 12 bytes but holds 11');
    expect(() => resizeImage(gray([[1]]), { size: 0, channels: 1 })).toThrow(
      'resizeImage: size must be a whole number >= 1, got 0');
    expect(() => resizeImage(gray([[1]]), { size: 2, channels: 4 })).toThrow(
      'resizeImage: channels must be 1 (gray) or 3 (RGB), got 4');
    expect(() => resizeImage({ width: 1, height: 1, channels: 5, pixels: new Uint8Array(5) },
      { size: 1, channels: 1 })).toThrow(
      'image: size 1x1 with 5 channels is not an image (needs whole sizes >= 1 and 1 to 4 ' +
      'channels)');
  });
});

describe('imagesToDataset', () => {
  it('resizes every image into one labelled data set', () => {
    const images = [gray([[0, 0], [0, 0]]), gray([[255]])];
    const data = imagesToDataset(images, { name: 'mine', size: 2, channels: 3,
      labels: Int32Array.of(1, 0), classCount: 2 });
    checkDataset(data);
    expect(data).toMatchObject({ name: 'mine', count: 2, height: 2, width: 2, channels: 3,
      classCount: 2 });
    expect(Array.from(data.images)).toEqual([...new Array(12).fill(-1),
      ...new Array(12).fill(1)]);
    expect(() => imagesToDataset(images, { name: 'mine', size: 2, channels: 1,
      labels: Int32Array.of(0) })).toThrow('mine: 2 images but 1 labels');
  });
});
