import type { LossName, TrainConfig } from '@simdgan/gan';

import { CliError } from '../errors.js';
import { parseChoice, parseDecimal, parsePath, parseWholeNumber } from '../options.js';

/** The model pairs of `--model`. */
export const MODELS = ['dcgan', 'mlp'] as const;

/** The objectives of `--loss`, as the library names them. */
export const LOSSES = [
  'minimax', 'non-saturating', 'least-squares', 'hinge', 'wasserstein-clip',
  'wasserstein-gp', 'relativistic-average',
] as const satisfies readonly LossName[];

/** Losses that one-sided label smoothing applies to. */
const SMOOTHABLE: readonly string[] = [
  'minimax', 'non-saturating', 'least-squares', 'relativistic-average',
];

/** The model, loss and remedy flags of `simdgan train`, as commander gives them. */
export interface RawRemedyOptions {
  model?: string;
  conditional?: boolean;
  loss?: string;
  hiddenUnits?: string;
  featureMatching?: boolean;
  minibatchStddev?: boolean;
  spectralNorm?: boolean;
  criticSteps?: string;
  instanceNoise?: string;
  ema?: string;
  clip?: string;
  gradientPenalty?: string;
  resume?: string;
}

/** The flag that sets each configuration field, for messages. */
export const CONFIG_FLAGS: Partial<Record<keyof TrainConfig, string>> = {
  model: '--model', conditional: '--conditional', loss: '--loss', steps: '--steps',
  batchSize: '--batch-size', latentDim: '--latent-dim', baseFilters: '--base-filters',
  hiddenUnits: '--hidden-units', generatorLearningRate: '--lr-generator',
  discriminatorLearningRate: '--lr-discriminator', beta1: '--beta1',
  labelSmoothing: '--label-smoothing', featureMatching: '--feature-matching',
  minibatchStdDev: '--minibatch-stddev', spectralNorm: '--spectral-norm',
  criticSteps: '--critic-steps', instanceNoise: '--instance-noise', emaDecay: '--ema',
  clipValue: '--clip', gradientPenalty: '--gradient-penalty', seed: '--seed',
  sampleEvery: '--sample-every', logEvery: '--log-every', metricsEvery: '--metrics-every',
};

/**
 * Checks the model, loss and remedy flags into configuration fields (only
 * those given), with the rules that tie flags together: --clip goes with
 * --loss wasserstein-clip, --gradient-penalty with wasserstein-gp,
 * --label-smoothing with a loss that has labels (checkModelFlags ties
 * --hidden-units and --base-filters to their model). A resumed run
 * (--resume) keeps its configuration, so those rules are left to the
 * comparison with the run's.
 */
export function parseRemedyFlags(
  raw: RawRemedyOptions,
  labelSmoothing: number | undefined,
): Partial<TrainConfig> {
  const config: Partial<TrainConfig> = {};
  if (raw.model !== undefined) config.model = parseChoice('--model', raw.model, MODELS);
  if (raw.conditional) config.conditional = true;
  if (raw.loss !== undefined) config.loss = parseChoice('--loss', raw.loss, LOSSES);
  if (raw.hiddenUnits !== undefined) {
    config.hiddenUnits = parseWholeNumber('--hidden-units', raw.hiddenUnits, 1, 4096);
  }
  if (raw.featureMatching) config.featureMatching = true;
  if (raw.minibatchStddev) config.minibatchStdDev = true;
  if (raw.spectralNorm) config.spectralNorm = true;
  if (raw.criticSteps !== undefined) {
    config.criticSteps = parseWholeNumber('--critic-steps', raw.criticSteps, 1, 100);
  }
  if (raw.instanceNoise !== undefined) {
    config.instanceNoise = parseDecimal('--instance-noise', raw.instanceNoise,
      { atLeast: 0 });
  }
  if (raw.ema !== undefined) {
    config.emaDecay = parseDecimal('--ema', raw.ema, { atLeast: 0, below: 1 });
  }
  if (raw.clip !== undefined) {
    config.clipValue = parseDecimal('--clip', raw.clip, { above: 0 });
  }
  if (raw.gradientPenalty !== undefined) {
    config.gradientPenalty = parseDecimal('--gradient-penalty', raw.gradientPenalty,
      { atLeast: 0 });
  }
  if (raw.resume === undefined) checkTogether(config, labelSmoothing);
  return config;
}

function checkTogether(config: Partial<TrainConfig>, labelSmoothing?: number): void {
  const loss = config.loss ?? 'non-saturating';
  const onlyWith = (flag: string, what: string) => {
    throw new CliError('BAD_OPTION', `${flag}: only used with ${what}`);
  };
  if (config.clipValue !== undefined && loss !== 'wasserstein-clip') {
    onlyWith('--clip', '--loss wasserstein-clip');
  }
  if (config.gradientPenalty !== undefined && loss !== 'wasserstein-gp') {
    onlyWith('--gradient-penalty', '--loss wasserstein-gp');
  }
  if (labelSmoothing && !SMOOTHABLE.includes(loss)) {
    throw new CliError('BAD_OPTION', `--label-smoothing: has no meaning for --loss ` +
      `${loss}; use it with ${SMOOTHABLE.join(', ')}`);
  }
}

/** Configuration fields that only one model has: the MLP's width, the DCGAN's filters. */
const MODEL_FIELDS: Partial<Record<keyof TrainConfig, (typeof MODELS)[number]>> = {
  hiddenUnits: 'mlp', baseFilters: 'dcgan',
};

/**
 * Refuses a field of `given` that `model` does not have (--hidden-units
 * without the mlp model, --base-filters without the dcgan one), naming both
 * flags; `whence` says where the model came from when no --model chose it.
 */
export function checkModelFlags(given: Partial<TrainConfig>, model: string, whence = ''): void {
  for (const [key, only] of Object.entries(MODEL_FIELDS)) {
    if (given[key as keyof TrainConfig] === undefined || model === only) continue;
    throw new CliError('BAD_OPTION', `${CONFIG_FLAGS[key as keyof TrainConfig]}: only used ` +
      `with --model ${only}, not with --model ${model}${whence}`);
  }
}

/** Checks `--resume`: a path, and no `--out` beside it. */
export function parseResume(raw: { resume?: string; out?: string }): string | undefined {
  if (raw.resume === undefined) return undefined;
  const folder = parsePath('--resume', raw.resume);
  if (raw.out !== undefined) {
    throw new CliError('BAD_OPTION',
      `--out: not used with --resume; the run continues in ${folder}`);
  }
  return folder;
}
