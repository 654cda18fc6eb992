import { grad, noGrad } from './autograd.js';
import type { Backend } from './backend.js';
import { BatchSampler, checkDataset, type ImageDataset } from './data/dataset.js';
import { check } from './errors.js';
import { discriminatorLoss, generatorLoss } from './losses/gan-losses.js';
import { dcganDiscriminator, dcganGenerator } from './models/dcgan.js';
import { generate, type Samples } from './models/generator.js';
import { Network } from './models/network.js';
import { mean } from './ops/reduce.js';
import { sigmoid } from './ops/unary.js';
import { Adam } from './optimizers/adam.js';
import { Random } from './random.js';
import { tensor, tidy, type Tensor } from './tensor.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';

/** Figures of one training step. */
export interface StepEvent {
  step: number;
  steps: number;
  discriminatorLoss: number;
  generatorLoss: number;
  /** Mean D(real): the discriminator's probability that real is real. */
  realScore: number;
  /** Mean D(G(z)) during the discriminator step. */
  fakeScore: number;
  /** Wall time per step, averaged since the previous event. */
  secondsPerStep: number;
}

/** A grid's worth of samples from the fixed latent batch. */
export interface SamplesEvent extends Samples {
  step: number;
}

interface TrainerEvents {
  step: StepEvent;
  samples: SamplesEvent;
}

type Listener<T> = (event: T) => void;

/**
 * Trains a generator against a discriminator, alternating one
 * discriminator step and one generator step, each with its own Adam. Emits
 * 'step' every `logEvery` steps and 'samples' every `sampleEvery` steps
 * and at the end. Knows nothing of where the events are shown.
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly generator: Network;
  readonly discriminator: Network;
  /** Steps completed. */
  step = 0;
  private readonly generatorOptimizer: Adam;
  private readonly discriminatorOptimizer: Adam;
  private readonly random: Random;
  private readonly sampler: BatchSampler;
  private readonly fixedLatents: Float32Array;
  private readonly imageShape: [number, number, number];
  private readonly listeners: { [K in keyof TrainerEvents]: Listener<TrainerEvents[K]>[] } =
    { step: [], samples: [] };
  private stopRequested = false;

  constructor(
    readonly backend: Backend,
    readonly dataset: ImageDataset,
    config: Partial<TrainConfig> = {},
  ) {
    this.config = resolveTrainConfig(config);
    checkDataset(dataset);
    const { height, width, channels } = dataset;
    check(height === width && height % 4 === 0, 'BAD_DATASET', () =>
      `trainer: DCGAN needs square images with a side divisible by 4, ` +
      `${dataset.name} has ${height}x${width}`);
    this.imageShape = [height, width, channels];

    const c = this.config;
    this.random = new Random(c.seed);
    const size = { latentDim: c.latentDim, imageSize: height, channels,
      baseFilters: c.baseFilters };
    this.generator = new Network(backend, {
      role: 'generator', inputShape: [c.latentDim], layers: dcganGenerator(size),
    }, this.random);
    this.discriminator = new Network(backend, {
      role: 'discriminator', inputShape: [...this.imageShape],
      layers: dcganDiscriminator(size),
    }, this.random);
    this.generatorOptimizer = new Adam({ learningRate: c.generatorLearningRate,
      beta1: c.beta1, beta2: c.beta2 });
    this.discriminatorOptimizer = new Adam({
      learningRate: c.discriminatorLearningRate, beta1: c.beta1, beta2: c.beta2 });
    this.sampler = new BatchSampler(dataset, c.batchSize, this.random);
    this.fixedLatents = new Random(c.seed + 1).normalArray(
      c.sampleCount * c.latentDim);
  }

  /** Adds a listener for an event. */
  on<K extends keyof TrainerEvents>(
    event: K,
    listener: Listener<TrainerEvents[K]>,
  ): this {
    this.listeners[event].push(listener);
    return this;
  }

  /** Asks a running `run` to stop after the current step. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs until `config.steps` steps are done (or `stop` is called),
   * yielding to the event loop between steps so a page stays responsive.
   */
  async run(): Promise<void> {
    const c = this.config;
    let since = performance.now();
    let stepsSince = 0;
    this.stopRequested = false;
    while (this.step < c.steps && !this.stopRequested) {
      const figures = this.trainStep();
      stepsSince++;
      const last = this.step === c.steps;
      if (this.step % c.logEvery === 0 || last) {
        const now = performance.now();
        this.emit('step', { ...figures, step: this.step, steps: c.steps,
          secondsPerStep: (now - since) / 1000 / stepsSince });
        since = now;
        stepsSince = 0;
      }
      if (this.step % c.sampleEvery === 0 || last) {
        this.emit('samples', { step: this.step, ...this.sampleFixed() });
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** One discriminator step then one generator step. */
  trainStep(): Omit<StepEvent, 'step' | 'steps' | 'secondsPerStep'> {
    const batch = this.sampler.next();
    const discriminator = this.discriminatorStep(batch.images);
    const generatorLossValue = this.generatorStep();
    this.step++;
    return { ...discriminator, generatorLoss: generatorLossValue };
  }

  /** One update of the discriminator on a real batch and fresh fakes. */
  discriminatorStep(realImages: Float32Array) {
    const c = this.config;
    const parameters = this.discriminator.parameters().map((p) => p.tensor);
    return tidy(() => {
      const real = tensor(this.backend, realImages, [c.batchSize, ...this.imageShape]);
      // The generator is not trained here: no tape through it.
      const fake = noGrad(() => this.generator.apply(this.latents(), true));
      const realLogits = this.discriminator.apply(real, true);
      const fakeLogits = this.discriminator.apply(fake, true);
      const loss = discriminatorLoss(realLogits, fakeLogits,
        { labelSmoothing: c.labelSmoothing });
      const gradients = grad(loss, parameters);
      this.discriminatorOptimizer.update(parameters, gradients);
      return {
        discriminatorLoss: loss.item(),
        realScore: meanProbability(realLogits),
        fakeScore: meanProbability(fakeLogits),
      };
    });
  }

  /** One update of the generator through the discriminator. */
  generatorStep(): number {
    const parameters = this.generator.parameters().map((p) => p.tensor);
    return tidy(() => {
      const fake = this.generator.apply(this.latents(), true);
      const loss = generatorLoss(this.discriminator.apply(fake, true));
      // Only the generator's parameters are asked for and updated.
      const gradients = grad(loss, parameters);
      this.generatorOptimizer.update(parameters, gradients);
      return loss.item();
    });
  }

  private latents(): Tensor {
    const { batchSize, latentDim } = this.config;
    return tensor(this.backend, this.random.normalArray(batchSize * latentDim),
      [batchSize, latentDim]);
  }

  /** Samples of the fixed latent batch, in evaluation mode. */
  sampleFixed(): Samples {
    return generate(this.generator, this.fixedLatents, this.config.sampleCount);
  }

  /** The generator's file bytes, with the run's configuration. */
  saveGenerator(): Uint8Array {
    return this.generator.save({ config: this.config, step: this.step,
      dataset: this.dataset.name });
  }

  /** Releases both networks and both optimizers' state. */
  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
  }

  private emit<K extends keyof TrainerEvents>(event: K, value: TrainerEvents[K]) {
    for (const listener of this.listeners[event]) listener(value);
  }
}

function meanProbability(logits: Tensor): number {
  return noGrad(() => mean(sigmoid(logits)).item());
}
