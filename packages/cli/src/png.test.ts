import { describe, expect, it } from 'vitest';

import { decodePng, encodePng } from './png.js';

describe('encodePng', () => {
  it('round-trips an opaque picture through pngjs', () => {
    const width = 5;
    const height = 3;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba.set([i * 17, 255 - i, (i * 40) & 255, 255], i * 4);
    }
    const bytes = encodePng({ width, height, rgba });
    expect(Array.from(bytes.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    const decoded = decodePng(bytes);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Array.from(decoded.rgba)).toEqual(Array.from(rgba));
  });

  it('writes one gray channel (colour type 0) when asked', () => {
    const levels = [0, 1, 127, 128, 254, 255];
    const rgba = new Uint8ClampedArray(levels.flatMap((v) => [v, v, v, 255]));
    const bytes = encodePng({ width: 3, height: 2, rgba }, { gray: true });
    // IHDR data starts at byte 16: width, height, bit depth, colour type.
    expect(bytes[16 + 9]).toBe(0);
    expect(Array.from(decodePng(bytes).rgba)).toEqual(Array.from(rgba));
  });

  it('gives the same bytes for the same picture', () => {
    const rgba = new Uint8ClampedArray(4 * 4 * 4).fill(200);
    expect(encodePng({ width: 4, height: 4, rgba })).toEqual(
      encodePng({ width: 4, height: 4, rgba: rgba.slice() }),
    );
  });

  it('refuses pixels that do not fill the size', () => {
    expect(() => encodePng({ width: 2, height: 2, rgba: new Uint8Array(15) })).toThrow(
      'encodePng: 2x2 needs 16 RGBA bytes, got 15',
    );
  });
});
