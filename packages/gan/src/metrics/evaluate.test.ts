import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBackend, type Backend } from '../backend.js';
import { sliceDataset, type ImageDataset } from '../data/dataset.js';
import { ringMixture, gridMixture } from '../data/mixtures.js';
import { loadMnist } from '../data/mnist.js';
import { stackedMnist } from '../data/stacked-mnist.js';
import {
  createMetricsReference, evaluateSamples, type OwnedMetricsReference,
} from './evaluate.js';
import { splitMnistForClassifier } from './mnist-classifier.js';

let backend: Backend;
let mnist: ImageDataset;
let heldOut: ImageDataset;
let reference: OwnedMetricsReference;
beforeAll(async () => {
  backend = await createBackend();
  mnist = await loadMnist();
  heldOut = splitMnistForClassifier(mnist).heldOut;
  reference = await createMetricsReference(backend, 'mnist', mnist);
});
afterAll(() => {
  reference.dispose();
  backend.dispose();
});

/** The images of a data set as samples. */
function samplesOf(data: ImageDataset) {
  return { images: data.images, shape: [data.count, data.height, data.width, data.channels] };
}

describe('evaluateSamples', () => {
  it('scores real ring and grid points as fully covered', () => {
    const ring = evaluateSamples('ring', samplesOf(ringMixture(2500, 9)));
    expect(ring).toMatchObject({ modesCovered: 8, modeCount: 8 });
    expect(ring.highQualityPercent).toBeGreaterThan(98);
    const grid = evaluateSamples('grid', samplesOf(gridMixture(2500, 9)));
    expect(grid).toMatchObject({ modesCovered: 25, modeCount: 25 });
  });

  it('scores real held-out digits: 10 classes, IS above 9.5, FD 0 against themselves', () => {
    const metrics = evaluateSamples('mnist', samplesOf(heldOut), reference);
    expect(metrics.classesCovered).toBe(10);
    expect(metrics.classKl).toBeLessThan(0.01);
    expect(metrics.inceptionScore).toBeGreaterThan(9.5);
    expect(metrics.frechetDistance).toBeLessThan(1e-6);
  });

  it('scores a generator collapsed onto zeros as one class with IS near 1', () => {
    const zeros = sliceDataset(mnist, 0, 500);
    const metrics = evaluateSamples('mnist', samplesOf(zeros), reference);
    expect(metrics.classesCovered).toBeLessThanOrEqual(3);
    expect(metrics.classKl).toBeGreaterThan(0.9 * Math.log(10));
    expect(metrics.inceptionScore).toBeLessThan(1.3);
    expect(metrics.frechetDistance).toBeGreaterThan(50);
  });

  it('counts the modes of real and collapsed Stacked MNIST', () => {
    const real = evaluateSamples('stacked-mnist', samplesOf(stackedMnist(heldOut, 3000, 4)),
      reference);
    // 3,000 uniform draws of 1,000 modes find 1000 (1 - e^-3) = 950 on average.
    expect(real.modesCovered).toBeGreaterThan(900);
    expect(real.modeCount).toBe(1000);
    const zeros = stackedMnist(sliceDataset(mnist, 0, 900), 300, 4);
    const collapsed = evaluateSamples('stacked-mnist', samplesOf(zeros), reference);
    expect(collapsed.modesCovered).toBeLessThan(10);
    expect(collapsed.modeKl).toBeGreaterThan(0.9 * Math.log(1000));
  });

  it('refuses samples of the wrong shape, an unknown kind and a missing classifier', () => {
    expect(() => evaluateSamples('mnist', samplesOf(ringMixture(4, 1)), reference)).toThrow(
      'evaluateSamples: mnist samples must be [count, 28, 28, 1] with count >= 1, ' +
      'got [4, 1, 1, 2] holding 8 values');
    expect(() => evaluateSamples('spiral' as 'ring', samplesOf(ringMixture(4, 1)))).toThrow(
      "evaluateSamples: unknown kind 'spiral'; expected one of ring, grid, mnist, stacked-mnist");
    expect(() => evaluateSamples('mnist', samplesOf(sliceDataset(mnist, 0, 2)))).toThrow(
      'evaluateSamples: mnist metrics need reference.classifier (loadMnistClassifier)');
  });
});
