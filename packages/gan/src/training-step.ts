import { grad, noGrad } from './autograd.js';
import { randomBelow } from './data/random-index.js';
import { check } from './errors.js';
import { featureMatchingLoss } from './losses/feature-matching.js';
import { gradientPenalty } from './losses/gradient-penalty.js';
import { clipWeights } from './losses/weight-clipping.js';
import { checkFinite } from './non-finite.js';
import { add } from './ops/binary.js';
import { mean } from './ops/reduce.js';
import { sigmoid } from './ops/unary.js';
import { gradientNorm } from './optimizers/gradient-norm.js';
import { tensor, tidy, type Tensor } from './tensor.js';
import type { TrainConfig } from './train-config.js';
import type { Trainer } from './trainer.js';

/** A batch of real samples [batch, ...sampleShape] and their labels. */
export interface RealBatch {
  images: Float32Array;
  labels?: Int32Array;
}

/** What a discriminator step reports. */
export interface DiscriminatorFigures {
  discriminatorLoss: number;
  discriminatorGradientNorm: number;
  realScore: number;
  fakeScore: number;
}

/** What a generator step reports. */
export interface GeneratorFigures {
  generatorLoss: number;
  generatorGradientNorm: number;
}

/**
 * One update of the trainer's discriminator (critic) on a real batch and
 * fresh fakes made with the real batch's labels (conditional runs). With
 * spectral normalisation a power iteration comes first; with
 * 'wasserstein-gp' the gradient penalty is added to the loss; with
 * 'wasserstein-clip' the weights are clipped after the update. Throws a
 * NonFiniteError, before updating, when the loss or a gradient is not
 * finite. Random draws, in order: latents, instance noise (real, fake),
 * interpolation weights; none for a remedy that is off.
 */
export function discriminatorStep(
  trainer: Trainer,
  real: RealBatch,
): DiscriminatorFigures {
  const { config: c, discriminator, generator, loss } = trainer;
  const step = trainer.step + 1;
  const labels = trainer.classCount === undefined ? undefined : real.labels;
  check(trainer.classCount === undefined || labels !== undefined,
    'LABELS_REQUIRED', () =>
      'discriminatorStep: a conditional run needs the real batch\'s labels');
  if (c.spectralNorm) discriminator.powerIteration();
  const parameters = discriminator.parameters().map((p) => p.tensor);

  const figures = tidy(() => {
    const realImages = tensor(trainer.backend, real.images,
      [c.batchSize, ...discriminator.description.inputShape]);
    // The generator is not trained here: no tape through it.
    const fake = noGrad(() => generator.apply(latents(trainer), true, labels));
    const deviation = noiseDeviation(trainer);
    const realInput = withNoise(trainer, realImages, deviation);
    const fakeInput = withNoise(trainer, fake, deviation);
    const realLogits = discriminator.apply(realInput, true, labels);
    const fakeLogits = discriminator.apply(fakeInput, true, labels);
    let total = loss.discriminator(realLogits, fakeLogits,
      { labelSmoothing: c.labelSmoothing });
    if (loss.lipschitz === 'penalty' && c.gradientPenalty > 0) {
      const weights = trainer.random.uniformArray(c.batchSize);
      total = add(total, gradientPenalty(
        (x) => discriminator.apply(x, true, labels),
        realInput, fakeInput, weights, c.gradientPenalty));
    }
    const gradients = grad(total, parameters);

    const value = total.item();
    const norm = gradientNorm(gradients);
    const seen = { discriminatorLoss: value, discriminatorGradientNorm: norm };
    checkFinite(value, 'the discriminator loss', step, seen);
    checkFinite(norm, 'the discriminator\'s gradients (their L2 norm)', step, seen);
    trainer.discriminatorOptimizer.update(parameters, gradients);
    return {
      ...seen,
      realScore: score(trainer, realLogits),
      fakeScore: score(trainer, fakeLogits),
    };
  });
  if (loss.lipschitz === 'clip') clipWeights(parameters, c.clipValue);
  return figures;
}

/**
 * One update of the trainer's generator through the discriminator: its
 * loss on fresh fakes (with labels drawn from the data set's labels), or
 * feature matching against `real`. `real` is required when the loss reads
 * D(real) or feature matching is on. Only the generator's gradients are
 * computed. Random draws, in order: labels, latents, instance noise
 * (fake, then real).
 */
export function generatorStep(
  trainer: Trainer,
  real?: RealBatch,
): GeneratorFigures {
  const { config: c, discriminator, generator, loss } = trainer;
  const step = trainer.step + 1;
  const parameters = generator.parameters().map((p) => p.tensor);

  return tidy(() => {
    const labels = trainer.classCount === undefined
      ? undefined
      : drawLabels(trainer, c.batchSize);
    const fake = generator.apply(latents(trainer), true, labels);
    const deviation = noiseDeviation(trainer);
    const fakeInput = withNoise(trainer, fake, deviation);
    // D(real) enters as a constant: nothing flows back to D.
    const realInput = () => noGrad(() => withNoise(trainer, tensor(
      trainer.backend, real!.images,
      [c.batchSize, ...discriminator.description.inputShape]), deviation));
    let total: Tensor;
    if (c.featureMatching) {
      const realFeatures = noGrad(() => discriminator.applyWithFeatures(
        realInput(), true, undefined, real!.labels).features);
      const fakeFeatures = discriminator.applyWithFeatures(
        fakeInput, true, undefined, labels).features;
      total = featureMatchingLoss(realFeatures, fakeFeatures);
    } else {
      const fakeLogits = discriminator.apply(fakeInput, true, labels);
      const realLogits = loss.generatorNeedsReal
        ? noGrad(() => discriminator.apply(realInput(), true, real!.labels))
        : undefined;
      total = loss.generator(fakeLogits, realLogits);
    }
    const gradients = grad(total, parameters);

    const value = total.item();
    const norm = gradientNorm(gradients);
    const seen = { generatorLoss: value, generatorGradientNorm: norm };
    checkFinite(value, 'the generator loss', step, seen);
    checkFinite(norm, 'the generator\'s gradients (their L2 norm)', step, seen);
    trainer.generatorOptimizer.update(parameters, gradients);
    return seen;
  });
}

/** A batch of standard normal latents [batch, latentDim]. */
function latents(trainer: Trainer): Tensor {
  const { batchSize, latentDim } = trainer.config;
  return tensor(trainer.backend,
    trainer.random.normalArray(batchSize * latentDim), [batchSize, latentDim]);
}

/** Labels drawn from the data set's labels (its class frequencies). */
function drawLabels(trainer: Trainer, count: number): Int32Array {
  const labels = trainer.dataset.labels!;
  return Int32Array.from({ length: count },
    () => labels[randomBelow(trainer.random, labels.length)]);
}

/**
 * Instance noise (Sønderby et al., 2016): the standard deviation of the
 * noise at a step (steps completed before it), annealed linearly from
 * `instanceNoise` at step 0 to 0 at `steps`.
 */
export function instanceNoiseDeviation(
  config: Pick<TrainConfig, 'instanceNoise' | 'steps'>,
  step: number,
): number {
  return config.instanceNoise * Math.max(0, 1 - step / config.steps);
}

function noiseDeviation(trainer: Trainer): number {
  return instanceNoiseDeviation(trainer.config, trainer.step);
}

/** x plus Gaussian noise of `deviation`; x itself (no draw) for 0. */
function withNoise(trainer: Trainer, x: Tensor, deviation: number): Tensor {
  if (deviation === 0) return x;
  const noise = trainer.random.normalArray(x.size, 0, deviation);
  return add(x, tensor(trainer.backend, noise, x.shape));
}

/** Mean probability (losses on logits) or mean raw score (the others). */
function score(trainer: Trainer, logits: Tensor): number {
  return noGrad(() => (trainer.loss.outputs === 'logits'
    ? mean(sigmoid(logits))
    : mean(logits)).item());
}
