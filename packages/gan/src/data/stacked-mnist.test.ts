import { describe, expect, it } from 'vitest';

import type { ImageDataset } from './dataset.js';
import { checkDataset } from './dataset.js';
import { stackedMnist } from './stacked-mnist.js';

/** Ten 2x2 "digits": digit d has every pixel d / 10, labelled d. */
function toyDigits(): ImageDataset {
  const images = new Float32Array(10 * 4);
  for (let d = 0; d < 10; d++) images.fill(d / 10, 4 * d, 4 * d + 4);
  const labels = Int32Array.from({ length: 10 }, (_, d) => d);
  return { name: 'toy', count: 10, height: 2, width: 2, channels: 1, images, labels,
    classCount: 10 };
}

describe('stackedMnist', () => {
  it('stacks three digits as channels with label 100 d1 + 10 d2 + d3', () => {
    const data = stackedMnist(toyDigits(), 500, 7);
    checkDataset(data);
    expect(data).toMatchObject({ name: 'stacked-mnist', count: 500, height: 2, width: 2,
      channels: 3, classCount: 1000 });
    for (let i = 0; i < data.count; i++) {
      const label = data.labels![i];
      const digits = [Math.floor(label / 100), Math.floor(label / 10) % 10, label % 10];
      for (let p = 0; p < 4; p++) {
        for (let c = 0; c < 3; c++) {
          expect(data.images[i * 12 + 3 * p + c]).toBeCloseTo(digits[c] / 10, 6);
        }
      }
    }
    // 500 draws of 1000 equally likely modes: about 393 distinct expected.
    expect(new Set(data.labels).size).toBeGreaterThan(350);
    expect(stackedMnist(toyDigits(), 500, 7).images).toEqual(data.images);
  });

  it('refuses unlabelled or colour sources and bad counts, saying what it got', () => {
    const unlabelled = { ...toyDigits(), labels: undefined };
    expect(() => stackedMnist(unlabelled, 5, 0)).toThrow(
      'stackedMnist: toy must hold labelled one-channel digits, got 10 images, ' +
      '1 channel(s) each, without labels');
    expect(() => stackedMnist(toyDigits(), 1.5, 0)).toThrow(
      'stackedMnist: count must be a whole number >= 1, got 1.5');
  });
});
