import { describe, expect, it } from 'vitest';

import { CliError } from '../errors.js';
import { parseTrainOptions } from './train.js';

describe('data-dependent defaults of simdgan train', () => {
  it('trains ring and grid with the MLP pair and the mode-collapse settings', () => {
    expect(parseTrainOptions({ data: 'ring' }).config).toMatchObject({
      model: 'mlp', latentDim: 2, batchSize: 256,
      generatorLearningRate: 1e-3, discriminatorLearningRate: 1e-3,
    });
  });

  it('keeps what the flags say, and accepts --hidden-units for the implied MLP', () => {
    const { config } = parseTrainOptions({
      data: 'grid', batchSize: '100', lrGenerator: '0.0001', hiddenUnits: '256',
    });
    expect(config).toMatchObject({ model: 'mlp', batchSize: 100, hiddenUnits: 256,
      generatorLearningRate: 1e-4, discriminatorLearningRate: 1e-3 });
  });

  it('leaves image data with the library defaults', () => {
    const { config } = parseTrainOptions({ data: 'mnist' });
    expect(config.model).toBeUndefined();
    expect(config.batchSize).toBeUndefined();
  });

  it('reads --metrics-every, 0 switching evaluations off, and refuses a negative one', () => {
    expect(parseTrainOptions({ metricsEvery: '0' }).config.metricsEvery).toBe(0);
    expect(parseTrainOptions({ metricsEvery: '50' }).config.metricsEvery).toBe(50);
    let error: unknown;
    try {
      parseTrainOptions({ metricsEvery: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/^--metrics-every: /);
  });
});
