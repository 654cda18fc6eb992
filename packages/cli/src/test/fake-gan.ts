import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CliContext, GanApi } from '../context.js';
import type { OutputStream } from '../progress.js';

/** An output stream that keeps what is written, for assertions. */
export class MemoryStream implements OutputStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(text: string): boolean {
    this.text += text;
    return true;
  }
  /** The lines written so far, without the final empty one. */
  lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}

/** What the fake library was asked to do. */
export interface FakeCalls {
  builds: string[];
  /** The `threads` each createBackend call was given (undefined: the default). */
  threads: (number | undefined)[];
  configs: Record<string, unknown>[];
  datasets: { name: string; count: number }[];
  disposed: string[];
  samples: { count: number; seed: number }[];
}

const GENERATOR_MAGIC = 'FAKEGEN';
const CHECKPOINT_MAGIC = 'FAKECKPT ';

/** How the fake library misbehaves, for error paths. */
export interface FakeGanOptions {
  /** The step at which training meets a NaN: 'warning' event, NON_FINITE error. */
  nonFiniteAt?: number;
}

/** A coded error like the library's: `code` plus a message naming the source. */
function libraryError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A stand-in for @simdgan/gan with the same shape: a trainer that emits
 * 'step' and 'samples' events like the real one (without training), 4x4
 * one-channel images, and generator files that hold the step they came from.
 */
export function fakeGan(options: FakeGanOptions = {}): { gan: GanApi; calls: FakeCalls } {
  const calls: FakeCalls = {
    builds: [], threads: [], configs: [], datasets: [], disposed: [], samples: [],
  };
  type Listener = (event: never) => void;

  class FakeTrainer {
    step = 0;
    private stopRequested = false;
    private readonly listeners = new Map<string, Listener[]>();
    constructor(
      _backend: unknown,
      readonly dataset: { name: string; count: number },
      readonly config: {
        steps: number; logEvery: number; sampleEvery: number; metricsEvery?: number;
      },
    ) {
      calls.configs.push({ ...config });
      calls.datasets.push({ name: dataset.name, count: dataset.count });
    }
    /** Checkpoints are `FAKECKPT {"step","config","dataset"}`. */
    static fromCheckpoint(
      backend: unknown,
      dataset: { name: string; count: number },
      bytes: Uint8Array,
      source: string,
      resume: { steps?: number } = {},
    ): FakeTrainer {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith(CHECKPOINT_MAGIC)) {
        throw libraryError('FILE_MISMATCH', `${source}: not a checkpoint`);
      }
      const saved = JSON.parse(text.slice(CHECKPOINT_MAGIC.length));
      if (saved.dataset !== dataset.name) {
        throw libraryError('CHECKPOINT_MISMATCH',
          `${source}: the run was trained on ${saved.dataset}, not on ${dataset.name}`);
      }
      const trainer = new FakeTrainer(backend, dataset,
        { ...saved.config, steps: resume.steps ?? saved.config.steps });
      trainer.step = saved.step;
      return trainer;
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    stop(): void {
      this.stopRequested = true;
    }
    private metrics: ((trainer: unknown) => Record<string, number>) | null = null;
    setMetrics(compute: (trainer: unknown) => Record<string, number>): this {
      this.metrics = compute;
      return this;
    }
    async run(): Promise<void> {
      const { steps, logEvery, sampleEvery } = this.config;
      while (this.step < steps && !this.stopRequested) {
        if (options.nonFiniteAt === this.step + 1) {
          const message = `trainer: the discriminator loss is NaN at step ${this.step + 1}; ` +
            'training stopped before the update';
          this.emit('warning', { step: this.step + 1, name: 'non-finite', message,
            figures: { discriminatorLoss: Number.NaN } });
          throw libraryError('NON_FINITE', message);
        }
        this.step++;
        const last = this.step === steps;
        if (this.step % logEvery === 0 || last) {
          this.emit('step', {
            step: this.step, steps, discriminatorLoss: 1.25, generatorLoss: 0.75,
            realScore: 0.6, fakeScore: 0.4, secondsPerStep: 0.5,
            generatorGradientNorm: 0.3, discriminatorGradientNorm: 1.5,
          });
        }
        if (this.step % sampleEvery === 0 || last) {
          this.emit('samples', { step: this.step, ...sampleImages(4, this.step) });
        }
        const every = this.config.metricsEvery ?? 0;
        if (this.metrics && every > 0 && (this.step % every === 0 || last)) {
          this.emit('metrics', { step: this.step, values: this.metrics(this) });
        }
        await Promise.resolve();
      }
    }
    saveGenerator(): Uint8Array {
      return new TextEncoder().encode(`${GENERATOR_MAGIC} step=${this.step}`);
    }
    saveCheckpoint(): Uint8Array {
      const saved = { step: this.step, config: this.config, dataset: this.dataset.name };
      return new TextEncoder().encode(CHECKPOINT_MAGIC + JSON.stringify(saved));
    }
    dispose(): void {
      calls.disposed.push('trainer');
    }
    private emit(event: string, value: unknown): void {
      for (const listener of this.listeners.get(event) ?? []) {
        (listener as (v: unknown) => void)(value);
      }
    }
  }

  const gan = {
    defaultTrainConfig: {
      model: 'dcgan', steps: 2000, batchSize: 64, latentDim: 100, baseFilters: 64,
      generatorLearningRate: 2e-4, discriminatorLearningRate: 2e-4, beta1: 0.5, beta2: 0.999,
      labelSmoothing: 0, seed: 0, sampleEvery: 100, logEvery: 10, sampleCount: 64,
      conditional: false, loss: 'non-saturating', hiddenUnits: 128, featureMatching: false,
      minibatchStdDev: false, spectralNorm: false, criticSteps: 1, instanceNoise: 0,
      emaDecay: 0, clipValue: 0.01, gradientPenalty: 10, metricsEvery: 0,
    },
    async createBackend(options: { build?: string, threads?: number } = {}) {
      calls.builds.push(options.build ?? 'auto');
      calls.threads.push(options.threads);
      const dispose = () => calls.disposed.push('backend');
      return { name: `fake-${options.build ?? 'auto'}`, threadCount: 1, dispose };
    },
    Trainer: FakeTrainer,
    async loadMnist() {
      return { name: 'mnist', count: 8, height: 4, width: 4, channels: 1,
        images: new Float32Array(8 * 16), labels: new Int32Array(8), classCount: 10 };
    },
    parseIdx(bytes: Uint8Array, source: string) {
      if (bytes[0] !== 0 || bytes.length < 4) {
        throw libraryError('IDX_BAD_MAGIC', `${source}: not an IDX file`);
      }
      return { dims: [bytes.length - 4, 1, 1], data: bytes.subarray(4), source };
    },
    idxToDataset(images: { dims: number[] }, _labels: unknown, name: string) {
      const count = images.dims[0];
      const images1 = new Float32Array(count);
      return { name, count, height: 1, width: 1, channels: 1, images: images1 };
    },
    imageGrid(images: Float32Array, shape: [number, number, number, number]) {
      // The images side by side in memory order: a true grid for count 1.
      const [count, height, width, channels] = shape;
      const rgba = new Uint8ClampedArray(count * height * width * 4).fill(255);
      for (let pixel = 0; pixel < count * height * width; pixel++) {
        for (let c = 0; c < 3; c++) {
          rgba[4 * pixel + c] = (images[pixel * channels + (channels === 3 ? c : 0)] + 1) * 127.5;
        }
      }
      return { width: count * width, height, rgba };
    },
    encodeIdx(dims: number[], data: Uint8Array) {
      // The IDX layout (LeCun's MNIST page): 00 00 08 DD, sizes, bytes.
      const out = new Uint8Array(4 + 4 * dims.length + data.length);
      const view = new DataView(out.buffer);
      out[2] = 0x08;
      out[3] = dims.length;
      dims.forEach((size, i) => view.setUint32(4 + 4 * i, size));
      out.set(data, 4 + 4 * dims.length);
      return out;
    },
    loadGenerator(_backend: unknown, bytes: Uint8Array, source: string) {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith(GENERATOR_MAGIC)) {
        throw libraryError('NOT_SIMDGAN_FILE', `${source}: not a simdgan model file`);
      }
      // 'FAKEGEN points' makes 2-D points, 'rgb' 4x4x3 images, and
      // 'classes=K' makes it conditional on K classes.
      const classCount = Number(/classes=(\d+)/.exec(text)?.[1] ?? 0) || undefined;
      const outputShape = text.includes('points') ? [1, 1, 2]
        : text.includes('rgb') ? [4, 4, 3] : [4, 4, 1];
      return {
        latentDim: 100,
        classCount,
        outputShape,
        sample(count: number, seed: number, labels?: Int32Array) {
          calls.samples.push({ count, seed });
          const samples = sampleImages(count, seed, outputShape);
          if (classCount === undefined) return samples;
          const drawn = labels ?? Int32Array.from({ length: count },
            (_, i) => (seed * 7 + i * 3) % classCount);
          return { ...samples, labels: drawn };
        },
        dispose: () => calls.disposed.push('generator'),
      };
    },
    // Data sets and metrics: shapes like the real ones, values that follow
    // from the arguments alone.
    ringMixture: (count: number, seed: number) => fakePoints('ring', count, seed),
    gridMixture: (count: number, seed: number) => fakePoints('grid', count, seed),
    stackedMnist(_mnist: unknown, count: number) {
      return { name: 'stacked-mnist', count, height: 4, width: 4, channels: 3,
        images: new Float32Array(count * 48), labels: new Int32Array(count),
        classCount: 1000 };
    },
    resizeImage(image: { pixels: Uint8Array }, options: { size: number; channels: number }) {
      const { size, channels } = options;
      return new Float32Array(size * size * channels).fill(image.pixels[0] / 127.5 - 1);
    },
    splitMnistForClassifier: (mnist: unknown) => ({ train: mnist, heldOut: mnist }),
    METRICS_SAMPLE_COUNTS: { ring: 2500, grid: 2500, mnist: 10000, 'stacked-mnist': 25600 },
    async createMetricsReference() {
      return { dispose: () => calls.disposed.push('reference') };
    },
    trainingMetrics: (kind: string) => () => ({ modesCovered: kind.length }),
    evaluateSamples(kind: string, samples: { shape: number[] }) {
      return { count: samples.shape[0], kindLength: kind.length };
    },
  };
  return { gan: gan as unknown as GanApi, calls };
}

/** `count` samples (4x4 gray images unless `sampleShape` says) from `seed` alone. */
function sampleImages(count: number, seed: number, sampleShape = [4, 4, 1]) {
  const images = new Float32Array(count * sampleShape.reduce((a, b) => a * b, 1));
  let state = seed + 1;
  for (let i = 0; i < images.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    images[i] = (state / 2 ** 32) * 2 - 1;
  }
  return { images, shape: [count, ...sampleShape] as [number, number, number, number] };
}

/** `count` 2-D points of a fake mixture: [count, 1, 1, 2], all at (seed, -seed). */
function fakePoints(name: string, count: number, seed: number) {
  const images = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) images.set([seed, -seed], 2 * i);
  return { name, count, height: 1, width: 1, channels: 2, images };
}

/** A context with memory streams, a fixed clock and the given library. */
export function testContext(gan: GanApi, options: { tty?: boolean } = {}) {
  const stdout = new MemoryStream(options.tty ?? false);
  const stderr = new MemoryStream();
  let interruptHandler: (() => void) | undefined;
  const context: CliContext = {
    stdout,
    stderr,
    env: {},
    loadGan: async () => gan,
    now: () => new Date(2024, 4, 1, 12, 30, 5),
    onInterrupt(handler) {
      interruptHandler = handler;
      return () => (interruptHandler = undefined);
    },
  };
  return { context, stdout, stderr, interrupt: () => interruptHandler?.() };
}

/** A fresh temporary folder and a function that removes it. */
export function temporaryFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'simdgan-cli-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
