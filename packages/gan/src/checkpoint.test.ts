import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './backend.js';
import type { ImageDataset } from './data/dataset.js';
import { ringMixture } from './data/mixtures.js';
import { tinyImages, tinyPoints } from './test/tiny-data.js';
import type { TrainConfig } from './train-config.js';
import { Trainer } from './trainer.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

const points = tinyPoints(64);
const images = tinyImages(12, 8, 1);
const mlp: Partial<TrainConfig> = { model: 'mlp', batchSize: 8, latentDim: 4,
  hiddenUnits: 8, sampleCount: 4, seed: 11, steps: 6, logEvery: 1, sampleEvery: 3 };

/** The figures of `count` steps, without the wall time. */
function train(trainer: Trainer, count: number) {
  return Array.from({ length: count }, () => trainer.trainStep());
}

describe('a resumed run is the run that never stopped', () => {
  const cases: [string, ImageDataset, Partial<TrainConfig>][] = [
    ['DCGAN with batch normalisation and a moving average', images,
      { batchSize: 4, latentDim: 6, baseFilters: 4, sampleCount: 4, seed: 5,
        steps: 6, emaDecay: 0.9 }],
    ['conditional MLP, WGAN-GP, 2 critic steps, every D remedy', points,
      { ...mlp, conditional: true, loss: 'wasserstein-gp', criticSteps: 2,
        spectralNorm: true, minibatchStdDev: true, instanceNoise: 0.3, emaDecay: 0.5 }],
    ['relativistic loss with feature matching and label smoothing', points,
      { ...mlp, loss: 'relativistic-average', featureMatching: true,
        labelSmoothing: 0.1 }],
  ];
  for (const [label, data, config] of cases) {
    it(`${label}: 6 steps equal 2 + save + load + 4, bit for bit`, () => {
      const straight = new Trainer(backend, data, config);
      const expected = train(straight, 6);

      const first = new Trainer(backend, data, config);
      const figures = train(first, 2);
      const bytes = first.saveCheckpoint();
      first.dispose();
      const resumed = Trainer.fromCheckpoint(backend, data, bytes, 'c.sgan');
      expect(resumed.step).toBe(2);
      figures.push(...train(resumed, 4));

      expect(figures).toEqual(expected);
      // Networks, moments, random and sampler state, step: all the same.
      expect(resumed.saveCheckpoint()).toEqual(straight.saveCheckpoint());
      expect(resumed.sampleFixed()).toEqual(straight.sampleFixed());
      straight.dispose();
      resumed.dispose();
    });
  }

  it('warns after a resume exactly as the unbroken run does (the monitor is saved)',
    async () => {
      // Both learning rates far too high: the losses oscillate and the samples
      // collapse (the run built to fail of training-monitor.run.test.ts).
      const ring = ringMixture(2000, 1);
      const config: Partial<TrainConfig> = { model: 'mlp', batchSize: 64, latentDim: 4,
        hiddenUnits: 32, logEvery: 1, sampleEvery: 50, sampleCount: 64, seed: 2,
        loss: 'non-saturating', beta1: 0.9, discriminatorLearningRate: 0.05,
        generatorLearningRate: 0.05 };
      const warningsOf = async (trainer: Trainer, into: string[]) => {
        trainer.on('warning', (w) => into.push(`${w.step} ${w.name}`));
        await trainer.run();
      };
      const straight: string[] = [];
      const whole = new Trainer(backend, ring, { ...config, steps: 300 });
      await warningsOf(whole, straight);
      whole.dispose();

      // Stopped at step 150 (a sample step, so both runs see the same events).
      const split: string[] = [];
      const first = new Trainer(backend, ring, { ...config, steps: 150 });
      await warningsOf(first, split);
      const bytes = first.saveCheckpoint();
      first.dispose();
      const resumed = Trainer.fromCheckpoint(backend, ring, bytes, 'c.sgan', { steps: 300 });
      await warningsOf(resumed, split);
      resumed.dispose();
      expect(straight.some((w) => Number(w.split(' ')[0]) > 150)).toBe(true);
      expect(split).toEqual(straight);
    });

  it('runs on from the saved step, with more steps when asked', async () => {
    const first = new Trainer(backend, points, mlp);
    await first.run();
    const bytes = first.saveCheckpoint();
    first.dispose();
    const resumed = Trainer.fromCheckpoint(backend, points, bytes, 'c.sgan',
      { steps: 9 });
    const seen: number[] = [];
    const sampled: number[] = [];
    resumed.on('step', (e) => seen.push(e.step));
    resumed.on('samples', (e) => sampled.push(e.step));
    await resumed.run();
    expect(seen).toEqual([7, 8, 9]);
    expect(sampled).toEqual([9]);
    expect(resumed.config.steps).toBe(9);
    resumed.dispose();
  });
});

describe('damaged, foreign and mismatched checkpoints', () => {
  function checkpoint(config: Partial<TrainConfig> = mlp): Uint8Array {
    const trainer = new Trainer(backend, points, config);
    trainer.trainStep();
    const bytes = trainer.saveCheckpoint();
    trainer.dispose();
    return bytes;
  }
  const resume = (bytes: Uint8Array, data = points, steps?: number) => () =>
    Trainer.fromCheckpoint(backend, data, bytes, 'run/checkpoint.sgan', { steps });

  it('refuses a damaged or cut file with the reason', () => {
    const bytes = checkpoint();
    const flipped = bytes.slice();
    flipped[bytes.length >> 1] ^= 0x10;
    expect(resume(flipped)).toThrow(expect.objectContaining({ code: 'FILE_DAMAGED',
      message: 'run/checkpoint.sgan: checksum does not match: the file is damaged ' +
        'or was cut short' }));
    expect(resume(bytes.subarray(0, 200))).toThrow(
      expect.objectContaining({ code: 'FILE_DAMAGED' }));
  });

  it('refuses a generator file and a file of another kind', () => {
    const trainer = new Trainer(backend, points, mlp);
    const generator = trainer.saveGenerator();
    trainer.dispose();
    expect(resume(generator)).toThrow(expect.objectContaining({ code: 'FILE_MISMATCH',
      message: 'run/checkpoint.sgan: holds a network, not a checkpoint; resume from ' +
        'checkpoint.sgan' }));
    expect(resume(new TextEncoder().encode('{"step": 3, "config": {}}')))
      .toThrow(expect.objectContaining({ code: 'NOT_SIMDGAN_FILE' }));
  });

  it('refuses another data set, naming both', () => {
    const bytes = checkpoint();
    expect(resume(bytes, tinyPoints(64, 9))).toThrow(expect.objectContaining({
      code: 'CHECKPOINT_MISMATCH',
      message: 'run/checkpoint.sgan: the run was trained on tiny-points (64 samples ' +
        'of 1x1x2, 4 classes); tiny-points has the same sizes but other values' }));
    expect(resume(bytes, tinyPoints(32))).toThrow(
      'run/checkpoint.sgan: the run was trained on tiny-points (64 samples of 1x1x2, ' +
      '4 classes), not on tiny-points (32 samples of 1x1x2, 4 classes)');
  });

  it('refuses to end a run before its checkpoint step', () => {
    const trainer = new Trainer(backend, points, mlp);
    train(trainer, 3);
    const bytes = trainer.saveCheckpoint();
    trainer.dispose();
    expect(resume(bytes, points, 2)).toThrow(expect.objectContaining({
      code: 'BAD_ARGUMENT',
      message: 'run/checkpoint.sgan: the run is at step 3; steps 2 would end it ' +
        'before that' }));
  });
});
