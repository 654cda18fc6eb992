import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBackend, type Backend } from '../backend.js';
import { ringMixture } from '../data/mixtures.js';
import type { TrainConfig } from '../train-config.js';
import { Trainer } from '../trainer.js';
import type { StepEvent } from '../trainer-events.js';
import { TrainingMonitor } from './training-monitor.js';
import type { TrainingWarning } from './warning.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

// The 8-Gaussian ring (radius 1, deviation 0.01) and a small MLP pair.
const ring = ringMixture(2000, 1);
const small: Partial<TrainConfig> = { model: 'mlp', batchSize: 64, latentDim: 4,
  hiddenUnits: 32, logEvery: 1, sampleEvery: 50, sampleCount: 64, seed: 2 };

/** Trains with a monitor on every event; returns its warnings and the step events. */
async function monitoredRun(config: Partial<TrainConfig>) {
  const trainer = new Trainer(backend, ring, { ...small, ...config });
  const monitor = new TrainingMonitor({ loss: trainer.config.loss });
  const warnings: TrainingWarning[] = [];
  const steps: StepEvent[] = [];
  trainer.on('step', (event) => {
    steps.push(event);
    warnings.push(...monitor.observeStep(event));
  });
  trainer.on('samples', (event) => warnings.push(...monitor.observeSamples(event)));
  await trainer.run();
  trainer.dispose();
  return { warnings, steps };
}

describe('TrainingMonitor on real runs built to fail', () => {
  it('says vanishing-gradients when a fast discriminator beats a minimax generator', async () => {
    // D learns 5000 times faster than G and the generator minimises the
    // saturating log(1 - D(G(z))) (Goodfellow et al., 2014): D(fake) goes to
    // 0 and with it the generator's gradient (CASES L2).
    const { warnings, steps } = await monitoredRun({ loss: 'minimax', hiddenUnits: 64,
      discriminatorLearningRate: 0.05, generatorLearningRate: 1e-5, steps: 60 });
    const vanishing = warnings.filter((w) => w.name === 'vanishing-gradients');
    expect(vanishing).toHaveLength(1);
    const [warning] = vanishing;
    expect(warning.step).toBeLessThanOrEqual(40);
    expect(warning.figures.discriminatorLoss).toBeLessThan(0.05);
    expect(warning.figures.gradientRatio).toBeLessThan(0.1);
    expect(warning.message).toMatch(/^the discriminator wins outright/);
    const at = steps.find((event) => event.step === warning.step)!;
    expect(at.fakeScore).toBeLessThan(0.05);
    expect(at.realScore).toBeGreaterThan(0.95);
  });

  it('says oscillation and mode-collapse when both learning rates are far too high',
    async () => {
      const { warnings } = await monitoredRun({ loss: 'non-saturating', beta1: 0.9,
        discriminatorLearningRate: 0.05, generatorLearningRate: 0.05, steps: 300 });
      const names = new Set(warnings.map((w) => w.name));
      expect([...names].sort()).toEqual(['mode-collapse', 'oscillation']);
      const collapse = warnings.find((w) => w.name === 'mode-collapse')!;
      expect(collapse.figures.spreadRatio).toBeLessThan(0.25);
    });

  it('stays silent on healthy runs, with either loss', async () => {
    for (const config of [
      { loss: 'non-saturating', discriminatorLearningRate: 1e-3, generatorLearningRate: 1e-3 },
      { loss: 'minimax', discriminatorLearningRate: 1e-2, generatorLearningRate: 1e-4 },
    ] as const) {
      const { warnings } = await monitoredRun({ ...config, steps: 300 });
      expect(warnings).toEqual([]);
    }
  });
});
