import { join } from 'node:path';

import { parseIdx } from '@simdgan/gan';
import { describe, expect, it } from 'vitest';

import { fakeGan } from '../test/fake-gan.js';
import { idxSampleFiles, labelsPathFor } from './idx-samples.js';

const { encodeIdx } = fakeGan().gan;

describe('idxSampleFiles', () => {
  it('names the labels file after the images file', () => {
    expect(labelsPathFor(join('runs', 'fake.idx'))).toBe(join('runs', 'fake-labels.idx'));
    expect(labelsPathFor('fake-images-idx3-ubyte')).toBe('fake-images-idx3-ubyte-labels.idx');
    expect(labelsPathFor('fake.bin')).toBe('fake.bin-labels.idx');
  });

  it('writes one channel as [count, height, width] and more as 4 dimensions', () => {
    const images = Float32Array.from({ length: 2 * 2 * 3 }, (_, i) => i / 6 - 1);
    const [gray] = idxSampleFiles(encodeIdx, { images, shape: [2, 2, 3, 1] }, 'g.idx');
    const parsed = parseIdx(gray.bytes as Uint8Array, 'g.idx');
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect(Array.from(parsed.data)).toEqual(
      Array.from(images, (v) => Math.round((v + 1) * 127.5)));
    const [rgb] = idxSampleFiles(encodeIdx, { images, shape: [1, 2, 2, 3] }, 'c.idx');
    expect(parseIdx(rgb.bytes as Uint8Array, 'c.idx').dims).toEqual([1, 2, 2, 3]);
  });

  it('refuses labels that do not fit a byte', () => {
    const samples = { images: new Float32Array(2), shape: [2, 1, 1, 1],
      labels: Int32Array.from([3, 999]) };
    expect(() => idxSampleFiles(encodeIdx, samples, 's.idx')).toThrow(
      '--format idx: labels up to 999 do not fit IDX unsigned bytes (0 to 255); ' +
        'use --format png-folder, which writes labels.csv');
  });
});
