import { check } from './errors.js';
import { LOSS_NAMES, type LossName } from './losses/gan-loss.js';
import { ganLoss } from './losses/registry.js';

/** The model pairs the trainer builds. */
export const MODEL_NAMES = ['dcgan', 'mlp'] as const;

/** Everything that defines a training run. */
export interface TrainConfig {
  /**
   * 'dcgan': convolutional pair for square images with a side divisible by
   * 4 (28, 32, ...); 'mlp': fully connected pair, for 2-D points.
   */
  model: 'dcgan' | 'mlp';
  /** Class-conditional networks: the data set's labels enter G and D. */
  conditional: boolean;
  /** The GAN objective (see losses/). */
  loss: LossName;
  steps: number;
  batchSize: number;
  latentDim: number;
  /** Filters of the DCGAN layer nearest the image (the other has twice). */
  baseFilters: number;
  /** Units of each hidden layer of the MLP pair. */
  hiddenUnits: number;
  generatorLearningRate: number;
  discriminatorLearningRate: number;
  beta1: number;
  beta2: number;
  /** One-sided label smoothing of the real targets; 0 for none. */
  labelSmoothing: number;
  /**
   * Feature matching (Salimans et al., 2016): the generator matches the
   * mean discriminator features of real data instead of its own loss.
   */
  featureMatching: boolean;
  /** A minibatch standard deviation feature in D (Karras et al., 2017). */
  minibatchStdDev: boolean;
  /** Spectral normalisation of D's weights (Miyato et al., 2018). */
  spectralNorm: boolean;
  /** Discriminator (critic) steps per generator step. */
  criticSteps: number;
  /**
   * Instance noise (Sønderby et al., 2016): the standard deviation of the
   * Gaussian noise added to D's real and fake inputs at the first step,
   * annealed linearly to 0 at the last; 0 for none.
   */
  instanceNoise: number;
  /**
   * Decay of the exponential moving average of the generator's weights
   * (Yazici et al., 2018) used for samples and saved; 0 for none.
   */
  emaDecay: number;
  /** Weight clipping bound of 'wasserstein-clip' (Arjovsky et al., 2017). */
  clipValue: number;
  /** Gradient penalty lambda of 'wasserstein-gp' (Gulrajani et al., 2017). */
  gradientPenalty: number;
  seed: number;
  /** Steps between sample grids of the fixed latent batch. */
  sampleEvery: number;
  /** Steps between 'step' events. */
  logEvery: number;
  /** Steps between 'metrics' events; 0 for none. */
  metricsEvery: number;
  /** Samples in each grid of the fixed latent batch. */
  sampleCount: number;
}

/**
 * DCGAN's published settings (batch 64, Adam 2e-4 with beta1 0.5) with the
 * non-saturating loss and no remedies; the Wasserstein settings are the
 * papers' (clip 0.01, lambda 10).
 */
export const defaultTrainConfig: TrainConfig = {
  model: 'dcgan',
  conditional: false,
  loss: 'non-saturating',
  steps: 2000,
  batchSize: 64,
  latentDim: 100,
  baseFilters: 64,
  hiddenUnits: 128,
  generatorLearningRate: 2e-4,
  discriminatorLearningRate: 2e-4,
  beta1: 0.5,
  beta2: 0.999,
  labelSmoothing: 0,
  featureMatching: false,
  minibatchStdDev: false,
  spectralNorm: false,
  criticSteps: 1,
  instanceNoise: 0,
  emaDecay: 0,
  clipValue: 0.01,
  gradientPenalty: 10,
  seed: 0,
  sampleEvery: 100,
  logEvery: 10,
  metricsEvery: 0,
  sampleCount: 64,
};

const positiveIntegers = [
  'steps', 'batchSize', 'latentDim', 'baseFilters', 'hiddenUnits',
  'sampleEvery', 'logEvery', 'sampleCount', 'criticSteps',
] as const;

const flags = [
  'conditional', 'featureMatching', 'minibatchStdDev', 'spectralNorm',
] as const;

/** Fills defaults and checks every field, naming the first bad one. */
export function resolveTrainConfig(partial: Partial<TrainConfig>): TrainConfig {
  const config = { ...defaultTrainConfig, ...partial };
  const bad = (key: string, rule: string) => () =>
    `config: ${key} must ${rule}, got ${JSON.stringify(
      (config as Record<string, unknown>)[key])}`;

  check((MODEL_NAMES as readonly string[]).includes(config.model), 'BAD_CONFIG',
    bad('model', `be one of ${MODEL_NAMES.join(', ')}`));
  check(LOSS_NAMES.includes(config.loss), 'BAD_CONFIG',
    bad('loss', `be one of ${LOSS_NAMES.join(', ')}`));
  for (const key of positiveIntegers) {
    const value = config[key];
    check(Number.isInteger(value) && value > 0, 'BAD_CONFIG',
      bad(key, 'be a positive integer'));
  }
  check(Number.isInteger(config.metricsEvery) && config.metricsEvery >= 0,
    'BAD_CONFIG', bad('metricsEvery', 'be a whole number (0 for none)'));
  for (const key of flags) {
    check(typeof config[key] === 'boolean', 'BAD_CONFIG', bad(key, 'be true or false'));
  }
  for (const key of ['generatorLearningRate', 'discriminatorLearningRate'] as const) {
    const value = config[key];
    check(Number.isFinite(value) && value > 0, 'BAD_CONFIG',
      bad(key, 'be a positive number'));
  }
  for (const key of ['beta1', 'beta2', 'labelSmoothing', 'emaDecay'] as const) {
    const value = config[key];
    check(Number.isFinite(value) && value >= 0 && value < 1, 'BAD_CONFIG',
      bad(key, 'lie in [0, 1)'));
  }
  check(Number.isFinite(config.instanceNoise) && config.instanceNoise >= 0,
    'BAD_CONFIG', bad('instanceNoise', 'be a number >= 0'));
  check(Number.isFinite(config.clipValue) && config.clipValue > 0, 'BAD_CONFIG',
    bad('clipValue', 'be a positive number'));
  check(Number.isFinite(config.gradientPenalty) && config.gradientPenalty >= 0,
    'BAD_CONFIG', bad('gradientPenalty', 'be a number >= 0'));
  check(Number.isInteger(config.seed), 'BAD_CONFIG', bad('seed', 'be an integer'));
  check(config.labelSmoothing === 0 || ganLoss(config.loss).smoothable,
    'BAD_CONFIG', () =>
      `config: labelSmoothing ${config.labelSmoothing} has no meaning for the ` +
      `${config.loss} loss; use it with minimax, non-saturating, ` +
      'least-squares or relativistic-average');
  return config;
}
