import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './backend.js';
import { LOSS_NAMES } from './losses/gan-loss.js';
import { loadGenerator } from './models/generator.js';
import { Random } from './random.js';
import type { Network } from './models/network.js';
import { tinyImages, tinyPoints } from './test/tiny-data.js';
import type { TrainConfig } from './train-config.js';
import { Trainer } from './trainer.js';
import { instanceNoiseDeviation } from './training-step.js';
import type { StepEvent, WarningEvent } from './trainer-events.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

const points = tinyPoints(64);
const images = tinyImages(24, 8, 1);
const mlp: Partial<TrainConfig> = { model: 'mlp', batchSize: 8, latentDim: 4,
  hiddenUnits: 8, sampleCount: 4, seed: 3, steps: 4, logEvery: 1, sampleEvery: 2 };
const dcgan: Partial<TrainConfig> = { batchSize: 4, latentDim: 6, baseFilters: 4,
  sampleCount: 4, seed: 4, steps: 2, logEvery: 1, sampleEvery: 2 };

/** Parameters and buffers of a network, as arrays. */
function state(network: Network): Float32Array[] {
  return [...network.parameters(), ...network.buffers()]
    .map((p) => p.tensor.dataSync());
}

/** Runs a trainer to its end and returns its step events. */
async function steps(trainer: Trainer): Promise<StepEvent[]> {
  const events: StepEvent[] = [];
  trainer.on('step', (e) => events.push(e));
  await trainer.run();
  return events;
}

describe('every loss trains both model pairs', () => {
  for (const loss of LOSS_NAMES) {
    it(`${loss}: finite losses and gradient norms on points and images`, async () => {
      for (const [data, config] of [[points, mlp], [images, dcgan]] as const) {
        const trainer = new Trainer(backend, data, { ...config, loss });
        const events = await steps(trainer);
        expect(events).toHaveLength(config.steps!);
        for (const e of events) {
          for (const value of [e.discriminatorLoss, e.generatorLoss, e.realScore,
            e.fakeScore]) expect(Number.isFinite(value)).toBe(true);
          expect(e.generatorGradientNorm).toBeGreaterThan(0);
          expect(e.discriminatorGradientNorm).toBeGreaterThan(0);
        }
        trainer.dispose();
      }
    });
  }
});

describe('L4: each step updates only its own network', () => {
  const cases: [string, Partial<TrainConfig>][] = [
    ['feature matching', { featureMatching: true }],
    ['relativistic loss (G reads D(real))', { loss: 'relativistic-average' }],
    ['spectral norm, minibatch stddev, instance noise', { spectralNorm: true,
      minibatchStdDev: true, instanceNoise: 0.1 }],
    ['conditional WGAN-GP with 2 critic steps', { conditional: true,
      loss: 'wasserstein-gp', criticSteps: 2 }],
  ];
  for (const [label, remedies] of cases) {
    it(label, () => {
      const trainer = new Trainer(backend, points, { ...mlp, ...remedies });
      const generatorBefore = state(trainer.generator);
      const discriminatorBefore = state(trainer.discriminator);
      const batch = points.images.subarray(0, 16);
      trainer.discriminatorStep(batch, points.labels!.subarray(0, 8));
      expect(state(trainer.generator)).toEqual(generatorBefore);
      const discriminatorAfter = state(trainer.discriminator);
      expect(discriminatorAfter).not.toEqual(discriminatorBefore);

      const figures = trainer.generatorStep({ images: batch,
        labels: points.labels!.subarray(0, 8) });
      expect(Number.isFinite(figures.generatorLoss)).toBe(true);
      // Parameters and buffers (spectral-norm vectors) alike.
      expect(state(trainer.discriminator)).toEqual(discriminatorAfter);
      expect(state(trainer.generator)).not.toEqual(generatorBefore);
      trainer.dispose();
    });
  }
});

describe('remedies', () => {
  it('takes criticSteps discriminator updates per generator update', async () => {
    const trainer = new Trainer(backend, points, { ...mlp, criticSteps: 3,
      loss: 'wasserstein-gp' });
    await trainer.run();
    expect(trainer.generatorOptimizer.step).toBe(4);
    expect(trainer.discriminatorOptimizer.step).toBe(12);
    // 12 batches of 8 from 64 points: one epoch of 8 batches and 4 more.
    expect(trainer.sampler.getState()).toMatchObject({ epoch: 2, position: 32 });
    trainer.dispose();
  });

  it('adds instance noise to D\'s inputs, annealed linearly to 0', () => {
    const config = { instanceNoise: 0.5, steps: 10 };
    expect([0, 5, 10].map((step) => instanceNoiseDeviation(config, step)))
      .toEqual([0.5, 0.25, 0]);
    const firstScores = (instanceNoise: number) => {
      const trainer = new Trainer(backend, points, { ...mlp, instanceNoise });
      const { realScore, fakeScore } = trainer.trainStep();
      trainer.dispose();
      return [realScore, fakeScore];
    };
    expect(firstScores(0)).toEqual(firstScores(0));
    const [real, fake] = firstScores(1);
    expect(real).not.toBe(firstScores(0)[0]);
    expect(fake).not.toBe(firstScores(0)[1]);
  });

  it('clips every critic weight to [-clipValue, clipValue]', async () => {
    const trainer = new Trainer(backend, points, { ...mlp, loss: 'wasserstein-clip',
      clipValue: 0.05 });
    await trainer.run();
    const weights = state(trainer.discriminator).flatMap((w) => [...w]);
    expect(Math.max(...weights.map(Math.abs))).toBeLessThanOrEqual(Math.fround(0.05));
    expect(weights.some((w) => Math.abs(w) === Math.fround(0.05))).toBe(true);
    trainer.dispose();
  });

  it('keeps an exponential moving average of G and samples and saves it', () => {
    const decay = 0.75;
    const trainer = new Trainer(backend, images, { ...dcgan, emaDecay: decay });
    const average = trainer.averageGenerator!;
    const before = state(trainer.generator);
    expect(state(average)).toEqual(before);
    trainer.trainStep();
    const after = trainer.generator.parameters().map((p) => p.tensor.dataSync());
    average.parameters().forEach(({ tensor }, i) => {
      const expected = before[i].map((b, j) => decay * b + (1 - decay) * after[i][j]);
      const values = tensor.dataSync();
      for (let j = 0; j < values.length; j++) {
        expect(values[j]).toBeCloseTo(expected[j], 6);
      }
    });
    // Batch normalisation statistics are copied, then recomputed for the
    // average's own weights before it samples.
    expect(average.buffers().map((b) => b.tensor.dataSync()))
      .toEqual(trainer.generator.buffers().map((b) => b.tensor.dataSync()));
    expect(trainer.samplingGenerator).toBe(average);
    const saved = loadGenerator(backend, trainer.saveGenerator(), 'g.sgan');
    expect(state(saved.network)).toEqual(state(average));
    saved.dispose();
    trainer.dispose();
  });

  it("recomputes the average's batch-norm statistics as means over fixed batches", () => {
    const config = { ...dcgan, emaDecay: 0.5, seed: 3 };
    const trainer = new Trainer(backend, images, config);
    trainer.trainStep();
    trainer.trainStep();
    const average = trainer.samplingGenerator;
    // The first layers are dense (no bias), then batch normalisation: its
    // statistics are those of z W over the 8 calibration batches of latents
    // drawn from seed + 2, computed here in float64.
    const weight = average.parameters()[0].tensor;
    const [latentDim, units] = weight.shape;
    const w = weight.dataSync();
    const { batchSize } = trainer.config;
    const random = new Random(3 + 2);
    const mean = new Float64Array(units);
    const variance = new Float64Array(units);
    for (let batch = 0; batch < 8; batch++) {
      const z = random.normalArray(batchSize * latentDim);
      for (let u = 0; u < units; u++) {
        const values = Array.from({ length: batchSize }, (_, n) => {
          let total = 0;
          for (let k = 0; k < latentDim; k++) total += z[n * latentDim + k] * w[k * units + u];
          return total;
        });
        const m = values.reduce((a, b) => a + b, 0) / batchSize;
        mean[u] += m / 8;
        variance[u] += values.reduce((a, v) => a + (v - m) ** 2, 0) / batchSize / 8;
      }
    }
    const [runningMean, runningVariance] = average.buffers().map((b) => b.tensor.dataSync());
    for (let u = 0; u < units; u++) {
      expect(runningMean[u]).toBeCloseTo(mean[u], 5);
      expect(runningVariance[u]).toBeCloseTo(variance[u], 5);
    }
    // The generator being trained keeps its own moving statistics.
    expect(trainer.generator.buffers()[0].tensor.dataSync()).not.toEqual(runningMean);
    trainer.dispose();
  });

  it('conditional samples carry their labels, one class after another', async () => {
    const trainer = new Trainer(backend, images, { ...dcgan, conditional: true,
      sampleCount: 5 });
    const labels: number[][] = [];
    trainer.on('samples', (e) => labels.push([...e.labels!]));
    await trainer.run();
    expect(labels).toEqual([[0, 1, 2, 0, 1]]);
    const saved = loadGenerator(backend, trainer.saveGenerator(), 'g.sgan');
    expect(saved.classCount).toBe(3);
    const drawn = saved.sample(6, 1);
    expect(drawn.labels!.every((l) => l >= 0 && l < 3)).toBe(true);
    expect(saved.sample(2, 1, Int32Array.of(2, 2)).labels).toEqual(Int32Array.of(2, 2));
    saved.dispose();
    trainer.dispose();
  });

  it('refuses conditional training on data without labels', () => {
    const unlabelled = { ...images, labels: undefined, classCount: undefined };
    expect(() => new Trainer(backend, unlabelled, { ...dcgan, conditional: true }))
      .toThrow('trainer: conditional training needs labels; tiny-8x8x1 has none');
  });

  it('trains DCGAN on 32x32 colour images', async () => {
    const colour = tinyImages(4, 32, 3);
    const trainer = new Trainer(backend, colour, { ...dcgan, steps: 1 });
    const shapes: number[][] = [];
    trainer.on('samples', (e) => shapes.push(e.shape));
    await trainer.run();
    expect(shapes).toEqual([[4, 32, 32, 3]]);
    trainer.dispose();
  });

  it('refuses label smoothing where the loss has no labels', () => {
    expect(() => new Trainer(backend, points, { ...mlp, loss: 'hinge',
      labelSmoothing: 0.1 })).toThrow('config: labelSmoothing 0.1 has no meaning ' +
      'for the hinge loss; use it with minimax, non-saturating, least-squares or ' +
      'relativistic-average');
  });
});

describe('metrics', () => {
  it('emits the metrics function\'s figures every metricsEvery steps and at the end', async () => {
    const trainer = new Trainer(backend, points, { ...mlp, steps: 5, metricsEvery: 2 });
    const seen: [number, Record<string, number>][] = [];
    trainer.setMetrics((t) => ({ step: t.step, samples: t.sampleFixed().shape[0] }));
    trainer.on('metrics', (e) => seen.push([e.step, e.values]));
    await trainer.run();
    expect(seen).toEqual([[2, { step: 2, samples: 4 }], [4, { step: 4, samples: 4 }],
      [5, { step: 5, samples: 4 }]]);
    trainer.dispose();
  });
});

describe('non-finite values', () => {
  it('stop the run with a warning naming the tensor and the step', async () => {
    const broken = tinyPoints(64);
    broken.images[5] = Number.NaN;
    // The sampler's first epoch puts the NaN in the second batch or later.
    const trainer = new Trainer(backend, broken, { ...mlp, steps: 20,
      batchSize: 32 });
    const warnings: WarningEvent[] = [];
    const seen: number[] = [];
    trainer.on('warning', (w) => warnings.push(w));
    trainer.on('step', (e) => seen.push(e.step));
    let lastGood: Float32Array[] = [];
    trainer.on('step', () => (lastGood = state(trainer.discriminator)));
    await expect(trainer.run()).rejects.toMatchObject({ code: 'NON_FINITE' });
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    const step = seen.length + 1;
    expect(warning).toMatchObject({ name: 'non-finite', step });
    expect(warning.message).toBe(`trainer: the discriminator loss is NaN at step ${step}; ` +
      'training stopped before the update');
    expect(warning.figures.discriminatorLoss).toBeNaN();
    // The bad update was not applied.
    if (seen.length > 0) expect(state(trainer.discriminator)).toEqual(lastGood);
    expect(trainer.step).toBe(seen.length);
    trainer.dispose();
  });
});
