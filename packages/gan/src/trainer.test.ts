import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './backend.js';
import { sliceDataset, type ImageDataset } from './data/dataset.js';
import { loadMnist } from './data/mnist.js';
import { loadGenerator } from './models/generator.js';
import type { Network } from './models/network.js';
import { Trainer } from './trainer.js';

let backend: Backend;
let digits: ImageDataset;
beforeAll(async () => {
  backend = await createBackend();
  const mnist = await loadMnist();
  // 50 of each class: the data set is ordered by class.
  const perClass = Array.from({ length: 10 }, (_, digit) => {
    const first = mnist.labels!.indexOf(digit);
    return sliceDataset(mnist, first, 50);
  });
  const size = 28 * 28;
  digits = {
    ...perClass[0],
    name: 'mnist-500',
    count: 500,
    images: Float32Array.from(perClass.flatMap((d) => [...d.images])),
    labels: Int32Array.from(perClass.flatMap((d) => [...d.labels!])),
  };
  expect(digits.images.length).toBe(500 * size);
  // Reading the bundled digits' JSON takes seconds on a loaded machine.
}, 60_000);
afterAll(() => backend.dispose());

const small = { batchSize: 16, baseFilters: 8, latentDim: 16, sampleCount: 4,
  seed: 5, steps: 40, logEvery: 1, sampleEvery: 20 };

function snapshot(network: Network): Float32Array[] {
  return network.parameters().map((p) => p.tensor.dataSync());
}

describe('Trainer', () => {
  it('L4: each step updates only its own network', () => {
    const trainer = new Trainer(backend, digits, small);
    const generatorBefore = snapshot(trainer.generator);
    const discriminatorBefore = snapshot(trainer.discriminator);

    trainer.discriminatorStep(digits.images.subarray(0, 16 * 784));
    expect(snapshot(trainer.generator)).toEqual(generatorBefore);
    const discriminatorAfter = snapshot(trainer.discriminator);
    expect(discriminatorAfter).not.toEqual(discriminatorBefore);

    trainer.generatorStep();
    expect(snapshot(trainer.discriminator)).toEqual(discriminatorAfter);
    expect(snapshot(trainer.generator)).not.toEqual(generatorBefore);
    trainer.dispose();
  });

  it('lowers the discriminator loss on MNIST and leaves no NaN', async () => {
    const trainer = new Trainer(backend, digits, small);
    const losses: number[] = [];
    const samples: number[] = [];
    trainer.on('step', (e) => {
      expect(Number.isFinite(e.discriminatorLoss)).toBe(true);
      expect(Number.isFinite(e.generatorLoss)).toBe(true);
      losses.push(e.discriminatorLoss);
    });
    trainer.on('samples', (e) => {
      expect(e.shape).toEqual([4, 28, 28, 1]);
      expect(e.images.every((v) => v >= -1 && v <= 1)).toBe(true);
      samples.push(e.step);
    });
    const memoryBefore = backend.bytesInUse();
    await trainer.run();
    expect(losses).toHaveLength(40);
    expect(samples).toEqual([20, 40]);
    const start = (losses[0] + losses[1] + losses[2]) / 3;
    const end = losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(end).toBeLessThan(start);
    // Moments are made on the first update; after that no step leaks.
    expect(backend.bytesInUse()).toBeLessThan(memoryBefore * 2 + 4e6);
    const stepsMemory = backend.bytesInUse();
    trainer.trainStep();
    expect(backend.bytesInUse()).toBe(stepsMemory);
    trainer.dispose();
  });

  it('saves a generator that samples the same bytes for the same seed', () => {
    const trainer = new Trainer(backend, digits, { ...small, steps: 2 });
    trainer.trainStep();
    const bytes = trainer.saveGenerator();
    const loaded = loadGenerator(backend, bytes, 'g.sgan');
    const a = loaded.sample(5, 11);
    const b = loaded.sample(5, 11);
    const c = loaded.sample(5, 12);
    expect(a.shape).toEqual([5, 28, 28, 1]);
    expect(a.images).toEqual(b.images);
    expect(a.images).not.toEqual(c.images);
    loaded.dispose();
    trainer.dispose();
  });

  it('refuses damaged and foreign generator files with the reason', () => {
    const trainer = new Trainer(backend, digits, { ...small, steps: 1 });
    const bytes = trainer.saveGenerator();
    trainer.dispose();
    const flipped = bytes.slice();
    flipped[bytes.length >> 1] ^= 0x40;
    expect(() => loadGenerator(backend, flipped, 'g.sgan')).toThrow(
      'g.sgan: checksum does not match: the file is damaged or was cut short');
    expect(() => loadGenerator(backend, bytes.subarray(0, 1000), 'cut.sgan'))
      .toThrow(/cut\.sgan: checksum does not match/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0,
      0, 0, 0, 0, 0]);
    expect(() => loadGenerator(backend, png, 'grid.png'))
      .toThrow(/grid\.png: not a simdgan model file/);
  });

  it('names the bad field of a configuration', () => {
    expect(() => new Trainer(backend, digits, { batchSize: 0 }))
      .toThrow('config: batchSize must be a positive integer, got 0');
    expect(() => new Trainer(backend, digits, { beta1: 1 }))
      .toThrow('config: beta1 must lie in [0, 1), got 1');
  });
});
