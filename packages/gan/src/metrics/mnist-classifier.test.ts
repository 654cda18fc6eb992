import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBackend, type Backend } from '../backend.js';
import type { ImageDataset } from '../data/dataset.js';
import { loadMnist } from '../data/mnist.js';
import { GanError } from '../errors.js';
import { Random } from '../random.js';
import { encodeBundle } from '../serialize.js';
import { loadMnistClassifier } from './load-mnist-classifier.js';
import { MnistClassifier, splitMnistForClassifier } from './mnist-classifier.js';
import { MNIST_CLASSIFIER_HELD_OUT_ACCURACY } from './mnist-classifier-weights.js';

let backend: Backend;
let mnist: ImageDataset;
let classifier: MnistClassifier;
beforeAll(async () => {
  backend = await createBackend();
  mnist = await loadMnist();
  classifier = loadMnistClassifier(backend);
});
afterAll(() => {
  classifier.dispose();
  backend.dispose();
});

describe('the shipped MNIST classifier', () => {
  it('holds out a fixed 2,000 of the 10,000 bundled digits', () => {
    const { train, heldOut } = splitMnistForClassifier(mnist);
    expect([train.count, heldOut.count]).toEqual([8000, 2000]);
    expect(splitMnistForClassifier(mnist).heldOut.images).toEqual(heldOut.images);
    const perClass = new Array(10).fill(0);
    for (const label of heldOut.labels!) perClass[label]++;
    expect(Math.min(...perClass)).toBeGreaterThan(150);
  });

  it('is at least 97% accurate on the held-out digits, as its module states', () => {
    const { heldOut } = splitMnistForClassifier(mnist);
    const { classes } = classifier.predict(heldOut.images, heldOut.count);
    const right = classes.filter((digit, i) => digit === heldOut.labels![i]).length;
    const accuracy = right / heldOut.count;
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
    // The kernels give the same results on any thread count: the exact figure.
    expect(accuracy).toBe(MNIST_CLASSIFIER_HELD_OUT_ACCURACY);
  });

  it('gives probabilities that sum to 1 and 64 features per digit', () => {
    const count = 300;
    const images = mnist.images.subarray(0, count * 784);
    const { probabilities, classes, features } = classifier.predict(images, count);
    expect(probabilities.length).toBe(count * 10);
    expect(features.length).toBe(count * 64);
    for (let i = 0; i < count; i++) {
      const row = probabilities.subarray(i * 10, i * 10 + 10);
      expect(row.reduce((s, v) => s + v)).toBeCloseTo(1, 5);
      expect(row[classes[i]]).toBe(Math.max(...row));
    }
    // The first 1,001 bundled digits are zeros.
    expect(classes.filter((digit) => digit === 0).length).toBeGreaterThan(290);
  });

  it('refuses images of the wrong size, naming the counts', () => {
    let error: GanError | undefined;
    try {
      classifier.predict(new Float32Array(100), 1);
    } catch (caught) {
      error = caught as GanError;
    }
    expect(error?.code).toBe('SHAPE_MISMATCH');
    expect(error?.message).toBe(
      'MnistClassifier.predict: 1 images of 28x28x1 need 784 values, got 100');
  });

  it('saves and loads its weights, and refuses files of another kind', () => {
    const fresh = new MnistClassifier(backend, new Random(5));
    const copy = MnistClassifier.load(backend, fresh.save(), 'fresh.sgan');
    const images = mnist.images.subarray(0, 5 * 784);
    expect(copy.predict(images, 5).probabilities).toEqual(fresh.predict(images, 5).probabilities);
    fresh.dispose();
    copy.dispose();
    const other = encodeBundle({ kind: 'network' }, []);
    expect(() => MnistClassifier.load(backend, other, 'g.sgan')).toThrow(
      'g.sgan: holds a network, not an MNIST classifier');
    const empty = encodeBundle({ kind: 'mnist-classifier' }, []);
    expect(() => MnistClassifier.load(backend, empty, 'e.sgan')).toThrow(
      'e.sgan: tensor features.0.filter of shape [5,5,1,16] is missing or of another size');
  });
});
