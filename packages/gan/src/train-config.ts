import { check } from './errors.js';

/** Everything that defines a training run. */
export interface TrainConfig {
  model: 'dcgan';
  steps: number;
  batchSize: number;
  latentDim: number;
  /** Filters of the DCGAN layer nearest the image (the other has twice). */
  baseFilters: number;
  generatorLearningRate: number;
  discriminatorLearningRate: number;
  beta1: number;
  beta2: number;
  /** One-sided label smoothing of the real targets; 0 for none. */
  labelSmoothing: number;
  seed: number;
  /** Steps between sample grids of the fixed latent batch. */
  sampleEvery: number;
  /** Steps between 'step' events. */
  logEvery: number;
  /** Images in each sample grid. */
  sampleCount: number;
}

/** DCGAN's published settings: batch 64, Adam 2e-4 with beta1 0.5. */
export const defaultTrainConfig: TrainConfig = {
  model: 'dcgan',
  steps: 2000,
  batchSize: 64,
  latentDim: 100,
  baseFilters: 64,
  generatorLearningRate: 2e-4,
  discriminatorLearningRate: 2e-4,
  beta1: 0.5,
  beta2: 0.999,
  labelSmoothing: 0,
  seed: 0,
  sampleEvery: 100,
  logEvery: 10,
  sampleCount: 64,
};

const positiveIntegers = [
  'steps', 'batchSize', 'latentDim', 'baseFilters', 'sampleEvery',
  'logEvery', 'sampleCount',
] as const;

/** Fills defaults and checks every field, naming the first bad one. */
export function resolveTrainConfig(partial: Partial<TrainConfig>): TrainConfig {
  const config = { ...defaultTrainConfig, ...partial };
  check(config.model === 'dcgan', 'BAD_CONFIG', () =>
    `config: model must be "dcgan", got ${JSON.stringify(config.model)}`);
  for (const key of positiveIntegers) {
    const value = config[key];
    check(Number.isInteger(value) && value > 0, 'BAD_CONFIG', () =>
      `config: ${key} must be a positive integer, got ${value}`);
  }
  for (const key of ['generatorLearningRate', 'discriminatorLearningRate'] as const) {
    const value = config[key];
    check(Number.isFinite(value) && value > 0, 'BAD_CONFIG', () =>
      `config: ${key} must be a positive number, got ${value}`);
  }
  for (const key of ['beta1', 'beta2'] as const) {
    const value = config[key];
    check(Number.isFinite(value) && value >= 0 && value < 1, 'BAD_CONFIG', () =>
      `config: ${key} must lie in [0, 1), got ${value}`);
  }
  check(config.labelSmoothing >= 0 && config.labelSmoothing < 1, 'BAD_CONFIG',
    () => `config: labelSmoothing must lie in [0, 1), got ${config.labelSmoothing}`);
  check(Number.isInteger(config.seed), 'BAD_CONFIG', () =>
    `config: seed must be an integer, got ${config.seed}`);
  return config;
}
