import { describe, expect, it } from 'vitest';

import { checkFormatFits, describeKind, formatFromPath, sampleKind } from './sample-kind.js';

describe('sample kinds and formats', () => {
  it('tells 2-D points from images by the sample shape', () => {
    expect(sampleKind([1, 1, 2])).toBe('points');
    expect(sampleKind([28, 28, 1])).toBe('images');
    expect(sampleKind([1, 1, 3])).toBe('images');
    expect(describeKind([28, 28, 1])).toBe('28x28x1 images');
  });

  it('takes the format from the --out name', () => {
    expect(formatFromPath('points.CSV')).toBe('csv');
    expect(formatFromPath('runs/fake.idx')).toBe('idx');
    expect(formatFromPath('fake-images-idx3-ubyte')).toBe('idx');
    expect(formatFromPath('grid.png')).toBe('png');
    expect(formatFromPath('samples')).toBe('png');
  });

  it('refuses a format that cannot hold the samples, naming what fits', () => {
    expect(() => checkFormatFits('csv', [28, 28, 1], 'g.sgan')).toThrow(
      '--format csv: g.sgan makes 28x28x1 images, which csv cannot hold; ' +
        'use --format png, idx or png-folder');
    expect(() => checkFormatFits('idx', [1, 1, 2], 'ring.sgan')).toThrow(
      expect.objectContaining({
        code: 'FORMAT_MISMATCH',
        message: '--format idx: ring.sgan makes 2-D points, which idx cannot hold; ' +
          'use --format csv',
      }));
    expect(() => checkFormatFits('png-folder', [28, 28, 1], 'g.sgan')).not.toThrow();
  });
});
