import { describe, expect, it } from 'vitest';

import { classCoverage } from './class-coverage.js';
import { stackedMnistModes } from './stacked-mnist-modes.js';

describe('classCoverage', () => {
  it('counts 10 classes and KL 0 for perfectly even predictions', () => {
    const predicted = Int32Array.from({ length: 1000 }, (_, i) => i % 10);
    expect(classCoverage(predicted, 10)).toEqual({ classesCovered: 10, classKl: 0 });
  });

  it('counts 1 class and KL log 10 for a collapsed generator', () => {
    const result = classCoverage(new Int32Array(64).fill(7), 10);
    expect(result.classesCovered).toBe(1);
    expect(result.classKl).toBeCloseTo(Math.log(10), 15);
  });

  it('gives KL log(10 / 5) for five even classes', () => {
    const result = classCoverage([0, 2, 4, 6, 8, 0, 2, 4, 6, 8], 10);
    expect(result).toEqual({ classesCovered: 5, classKl: Math.log(2) });
  });
});

describe('stackedMnistModes', () => {
  it('counts all 1000 modes with KL 0 when each triple appears once', () => {
    const digits = Int32Array.from({ length: 3000 }, (_, i) => {
      const mode = Math.floor(i / 3);
      return [Math.floor(mode / 100), Math.floor(mode / 10) % 10, mode % 10][i % 3];
    });
    expect(stackedMnistModes(digits)).toEqual({ modesCovered: 1000, modeKl: 0 });
  });

  it('counts 1 mode with KL log 1000 when every sample is the same triple', () => {
    const digits = Int32Array.from({ length: 300 }, (_, i) => [4, 0, 2][i % 3]);
    const result = stackedMnistModes(digits);
    expect(result.modesCovered).toBe(1);
    expect(result.modeKl).toBeCloseTo(Math.log(1000), 12);
  });

  it('keeps the channel order: (1, 2, 3) and (3, 2, 1) are two modes', () => {
    expect(stackedMnistModes([1, 2, 3, 3, 2, 1]).modesCovered).toBe(2);
    expect(() => stackedMnistModes([1, 2])).toThrow(
      'stackedMnistModes: digits must hold 3 per sample, at least one sample; got 2 values');
  });
});
