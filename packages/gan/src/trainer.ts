import type { Backend } from './backend.js';
import { decodeCheckpoint, encodeCheckpoint, restoreCheckpoint } from './checkpoint.js';
import { BatchSampler, checkDataset, type ImageDataset } from './data/dataset.js';
import { check } from './errors.js';
import type { GanLoss } from './losses/gan-loss.js';
import { ganLoss } from './losses/registry.js';
import { recalibrateAverage, updateAverage } from './models/ema.js';
import { buildGanDescriptions } from './models/gan-models.js';
import { generate, type Samples } from './models/generator.js';
import { Network } from './models/network.js';
import { NonFiniteError } from './non-finite.js';
import { Adam } from './optimizers/adam.js';
import { Random } from './random.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';
import type { StepEvent, TrainerEvents, WarningEvent } from './trainer-events.js';
import {
  TrainingMonitor, type TrainingMonitorState,
} from './diagnostics/training-monitor.js';
import {
  discriminatorStep,
  generatorStep,
  type DiscriminatorFigures,
  type GeneratorFigures,
  type RealBatch,
} from './training-step.js';

type Listener<T> = (event: T) => void;

/** Computes evaluation figures from the trainer's current generator. */
export type MetricsFunction = (trainer: Trainer) => Record<string, number>;

/** Options of {@link Trainer.fromCheckpoint}. */
export interface ResumeOptions {
  /** A new total of steps (at least the checkpoint's step); default: the saved one. */
  steps?: number;
}

/**
 * Trains a generator against a discriminator: `criticSteps` discriminator
 * (critic) steps, then one generator step, each network with its own Adam,
 * with the loss and remedies of the config. Emits 'step' every `logEvery`
 * steps, 'samples' every `sampleEvery`, 'metrics' every `metricsEvery`
 * (when a metrics function is set) and at the end, and 'warning' when a
 * value turns non-finite, which also stops the run. Knows nothing of where
 * the events are shown. A step counts generator updates.
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly generator: Network;
  readonly discriminator: Network;
  /** The moving average of the generator when `emaDecay` > 0 (Yazici et al., 2018). */
  readonly averageGenerator: Network | null;
  /** Steps completed. */
  step = 0;
  /** The optimizers' and sampler's state, exposed for checkpoints. */
  readonly generatorOptimizer: Adam;
  readonly discriminatorOptimizer: Adam;
  readonly random: Random;
  readonly sampler: BatchSampler;
  /** The objective named by `config.loss`. */
  readonly loss: GanLoss;
  /** Classes of a conditional run; undefined otherwise. */
  readonly classCount?: number;
  private readonly fixedLatents: Float32Array;
  private readonly fixedLabels?: Int32Array;
  private readonly listeners: {
    [K in keyof TrainerEvents]: Listener<TrainerEvents[K]>[];
  } = { step: [], samples: [], metrics: [], warning: [] };
  private metricsFunction: MetricsFunction | null = null;
  /** Watches the events for vanishing gradients, oscillation and collapse. */
  private monitor: TrainingMonitor | null;
  private stopRequested = false;
  /** Whether the average's batch-norm statistics predate its latest weights. */
  private averageStale = true;

  constructor(
    readonly backend: Backend,
    readonly dataset: ImageDataset,
    config: Partial<TrainConfig> = {},
  ) {
    this.config = resolveTrainConfig(config);
    checkDataset(dataset);
    this.monitor = new TrainingMonitor({ loss: this.config.loss });
    const c = this.config;
    this.loss = ganLoss(c.loss);
    if (c.conditional) {
      check(dataset.labels !== undefined, 'BAD_DATASET', () =>
        `trainer: conditional training needs labels; ${dataset.name} has none`);
      this.classCount = dataset.classCount ??
        dataset.labels.reduce((most, label) => Math.max(most, label + 1), 0);
    }
    const { height, width, channels } = dataset;
    const descriptions = buildGanDescriptions(c, {
      sampleShape: [height, width, channels], classCount: this.classCount,
      name: dataset.name,
    });

    this.random = new Random(c.seed);
    this.generator = new Network(backend, descriptions.generator, this.random);
    this.discriminator = new Network(backend, descriptions.discriminator,
      this.random);
    this.averageGenerator = null;
    if (c.emaDecay > 0) {
      this.averageGenerator = new Network(backend, descriptions.generator,
        new Random(0));
      this.averageGenerator.copyFrom(this.generator);
    }
    this.generatorOptimizer = new Adam({ learningRate: c.generatorLearningRate,
      beta1: c.beta1, beta2: c.beta2 });
    this.discriminatorOptimizer = new Adam({
      learningRate: c.discriminatorLearningRate, beta1: c.beta1, beta2: c.beta2 });
    this.sampler = new BatchSampler(dataset, c.batchSize, this.random);
    this.fixedLatents = new Random(c.seed + 1).normalArray(
      c.sampleCount * c.latentDim);
    if (this.classCount !== undefined) {
      const classes = this.classCount;
      this.fixedLabels = Int32Array.from({ length: c.sampleCount },
        (_, i) => i % classes);
    }
  }

  /**
   * Continues a run from checkpoint bytes made by {@link saveCheckpoint} on
   * the same data set; the run then goes on exactly as if it had never
   * stopped. Damaged, foreign or mismatched files are refused with the
   * reason, naming `source`.
   */
  static fromCheckpoint(
    backend: Backend,
    dataset: ImageDataset,
    bytes: Uint8Array,
    source: string,
    options: ResumeOptions = {},
  ): Trainer {
    const decoded = decodeCheckpoint(bytes, source, dataset, options.steps);
    const trainer = new Trainer(backend, dataset, decoded.config);
    try {
      restoreCheckpoint(trainer, decoded, source);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return trainer;
  }

  /** Adds a listener for an event. */
  on<K extends keyof TrainerEvents>(
    event: K,
    listener: Listener<TrainerEvents[K]>,
  ): this {
    this.listeners[event].push(listener);
    return this;
  }

  /** Sets what the 'metrics' events report, every `metricsEvery` steps. */
  setMetrics(compute: MetricsFunction | null): this {
    this.metricsFunction = compute;
    return this;
  }

  /**
   * Replaces the diagnostics (vanishing gradients, oscillation, mode
   * collapse) that turn events into 'warning' events; null switches them off.
   */
  /** The monitor's memory, for checkpoints; null without a monitor. */
  monitorState(): TrainingMonitorState | null {
    return this.monitor?.state() ?? null;
  }

  /** Gives the monitor back a state from `monitorState` (a resumed run). */
  restoreMonitor(state: TrainingMonitorState): void {
    this.monitor?.restore(state);
  }

  setMonitor(monitor: TrainingMonitor | null): this {
    this.monitor = monitor;
    return this;
  }

  /** Asks a running `run` to stop after the current step. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs until `config.steps` steps are done (or `stop` is called),
   * yielding to the event loop between steps so a page stays responsive.
   * Rejects with a NonFiniteError (code 'NON_FINITE') after emitting its
   * 'warning' when a loss or gradient turns NaN or infinite.
   */
  async run(): Promise<void> {
    const c = this.config;
    let since = performance.now();
    let stepsSince = 0;
    this.stopRequested = false;
    while (this.step < c.steps && !this.stopRequested) {
      const figures = this.trainStepReporting();
      stepsSince++;
      const last = this.step === c.steps;
      if (this.step % c.logEvery === 0 || last) {
        const now = performance.now();
        const event = { ...figures, step: this.step, steps: c.steps,
          secondsPerStep: (now - since) / 1000 / stepsSince };
        this.emit('step', event);
        this.warn(this.monitor?.observeStep(event));
        since = now;
        stepsSince = 0;
      }
      if (this.step % c.sampleEvery === 0 || last) {
        const event = { step: this.step, ...this.sampleFixed() };
        this.emit('samples', event);
        this.warn(this.monitor?.observeSamples(event));
      }
      const metrics = this.metricsFunction;
      if (metrics && c.metricsEvery > 0 && (this.step % c.metricsEvery === 0 || last)) {
        const event = { step: this.step, values: metrics(this) };
        this.emit('metrics', event);
        this.warn(this.monitor?.observeMetrics(event));
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  private trainStepReporting() {
    try {
      return this.trainStep();
    } catch (error) {
      if (error instanceof NonFiniteError) this.emit('warning', error.warning);
      throw error;
    }
  }

  /** `criticSteps` discriminator steps, then one generator step. */
  trainStep(): Omit<StepEvent, 'step' | 'steps' | 'secondsPerStep'> {
    let discriminator: DiscriminatorFigures | undefined;
    let real: RealBatch | undefined;
    for (let i = 0; i < this.config.criticSteps; i++) {
      real = this.sampler.next();
      discriminator = this.discriminatorStep(real.images, real.labels);
    }
    const generator = this.generatorStep(real);
    this.step++;
    return { ...discriminator!, ...generator };
  }

  /** One update of the discriminator on a real batch and fresh fakes. */
  discriminatorStep(
    realImages: Float32Array,
    realLabels?: Int32Array,
  ): DiscriminatorFigures {
    return discriminatorStep(this, { images: realImages, labels: realLabels });
  }

  /**
   * One update of the generator through the discriminator. `real` is the
   * batch the losses that read real data use (relativistic, feature
   * matching); a fresh one is drawn when they need it and none is given.
   */
  generatorStep(real?: RealBatch): GeneratorFigures {
    const needsReal = this.loss.generatorNeedsReal || this.config.featureMatching;
    const figures = generatorStep(this,
      needsReal ? real ?? this.sampler.next() : undefined);
    if (this.averageGenerator) {
      updateAverage(this.averageGenerator, this.generator, this.config.emaDecay);
      this.averageStale = true;
    }
    return figures;
  }

  /**
   * The generator samples come from: the moving average when there is one.
   * Its batch-norm statistics are then recomputed for its own weights (see
   * recalibrateBatchNorm) whenever they have changed since the last time,
   * from latents fixed by the seed, so a resumed run samples the same.
   */
  get samplingGenerator(): Network {
    const average = this.averageGenerator;
    if (!average) return this.generator;
    if (this.averageStale) {
      recalibrateAverage(average, this.config, this.classCount);
      this.averageStale = false;
    }
    return average;
  }

  /** Samples of the fixed latent batch (and labels), in evaluation mode. */
  sampleFixed(): Samples {
    return generate(this.samplingGenerator, this.fixedLatents,
      this.config.sampleCount, this.fixedLabels);
  }

  /** The generator's file bytes (the moving average if any), with the config. */
  saveGenerator(): Uint8Array {
    return this.samplingGenerator.save({ config: this.config, step: this.step,
      dataset: this.dataset.name });
  }

  /** Everything needed to continue this run exactly; see fromCheckpoint. */
  saveCheckpoint(): Uint8Array {
    return encodeCheckpoint(this);
  }

  /** Releases the networks and both optimizers' state. */
  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.averageGenerator?.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
  }

  private warn(warnings: WarningEvent[] | undefined): void {
    for (const warning of warnings ?? []) this.emit('warning', warning);
  }

  private emit<K extends keyof TrainerEvents>(event: K, value: TrainerEvents[K]) {
    for (const listener of this.listeners[event]) listener(value);
  }
}
