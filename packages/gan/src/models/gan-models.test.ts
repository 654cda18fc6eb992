import { describe, expect, it } from 'vitest';

import { defaultTrainConfig } from '../train-config.js';
import { buildGanDescriptions } from './gan-models.js';

const build = (sampleShape: [number, number, number], config = {}) => () =>
  buildGanDescriptions({ ...defaultTrainConfig, ...config }, { sampleShape, name: 'x.idx' });

describe('buildGanDescriptions refuses data it cannot train, before any weight exists', () => {
  it('samples with an empty side', () => {
    expect(build([0, 0, 1])).toThrow('trainer: x.idx has samples of 0x0x1: an empty side');
    expect(build([4, 4, 0], { model: 'mlp' })).toThrow('has samples of 4x4x0');
  });

  it('images of other than 1 or 3 channels, with either model', () => {
    expect(build([4, 4, 2], { model: 'mlp' })).toThrow(
      'trainer: the mlp model trains images of 1 (gray) or 3 (RGB) channels, x.idx has 2');
    expect(build([8, 8, 4])).toThrow('trainer: DCGAN trains images of 1 (gray) or 3 (RGB)');
    // 2-D points are not images.
    expect(build([1, 1, 2], { model: 'mlp' })).not.toThrow();
  });

  it('a DCGAN too large for the 2 GiB WebAssembly memory, with its estimate', () => {
    expect(build([1024, 1024, 3], { baseFilters: 4, batchSize: 1 })).toThrow(new RegExp(
      "^trainer: a DCGAN on x\\.idx's 1024x1024 images with 4 base filters and batch 1 " +
      'needs about 6\\.8 GiB, more than the 2 GiB of WebAssembly memory'));
    expect(build([28, 28, 1])).not.toThrow();
    expect(build([64, 64, 3], { baseFilters: 64, batchSize: 64 })).not.toThrow();
  });
});
