import { describe, expect, it } from 'vitest';

import { decodeImageFile } from './image-file.js';
import { encodePng } from './png.js';

describe('decodeImageFile', () => {
  it('says a cut PNG is probably truncated, with the decoder words in brackets', () => {
    const whole = encodePng({ width: 8, height: 8, rgba: new Uint8Array(256).fill(90) });
    expect(decodeImageFile(whole).width).toBe(8);
    expect(() => decodeImageFile(whole.subarray(0, whole.length - 20))).toThrow(
      /^the PNG data cannot be decoded \(.+\); the file is probably truncated or damaged$/);
  });
});
