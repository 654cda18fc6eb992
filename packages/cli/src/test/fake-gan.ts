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
  configs: Record<string, unknown>[];
  datasets: { name: string; count: number }[];
  disposed: string[];
  samples: { count: number; seed: number }[];
}

const GENERATOR_MAGIC = 'FAKEGEN';

/** A coded error like the library's: `code` plus a message naming the source. */
function libraryError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A stand-in for @simdgan/gan with the same shape: a trainer that emits
 * 'step' and 'samples' events like the real one (without training), 4x4
 * one-channel images, and generator files that hold the step they came from.
 */
export function fakeGan(): { gan: GanApi; calls: FakeCalls } {
  const calls: FakeCalls = {
    builds: [], configs: [], datasets: [], disposed: [], samples: [],
  };
  type Listener = (event: never) => void;

  class FakeTrainer {
    step = 0;
    private stopRequested = false;
    private readonly listeners = new Map<string, Listener[]>();
    constructor(
      _backend: unknown,
      dataset: { name: string; count: number },
      readonly config: { steps: number; logEvery: number; sampleEvery: number },
    ) {
      calls.configs.push({ ...config });
      calls.datasets.push({ name: dataset.name, count: dataset.count });
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    stop(): void {
      this.stopRequested = true;
    }
    async run(): Promise<void> {
      const { steps, logEvery, sampleEvery } = this.config;
      while (this.step < steps && !this.stopRequested) {
        this.step++;
        const last = this.step === steps;
        if (this.step % logEvery === 0 || last) {
          this.emit('step', {
            step: this.step, steps, discriminatorLoss: 1.25, generatorLoss: 0.75,
            realScore: 0.6, fakeScore: 0.4, secondsPerStep: 0.5,
          });
        }
        if (this.step % sampleEvery === 0 || last) {
          this.emit('samples', { step: this.step, ...sampleImages(4, this.step) });
        }
        await Promise.resolve();
      }
    }
    saveGenerator(): Uint8Array {
      return new TextEncoder().encode(`${GENERATOR_MAGIC} step=${this.step}`);
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
    },
    async createBackend(options: { build?: string } = {}) {
      calls.builds.push(options.build ?? 'auto');
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
      const [count, height, width] = shape;
      const rgba = new Uint8ClampedArray(count * height * width * 4);
      images.forEach((value, i) => rgba.fill((value + 1) * 127.5, 4 * i, 4 * i + 4));
      return { width: count * width, height, rgba };
    },
    loadGenerator(_backend: unknown, bytes: Uint8Array, source: string) {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith(GENERATOR_MAGIC)) {
        throw libraryError('NOT_SIMDGAN_FILE', `${source}: not a simdgan model file`);
      }
      return {
        latentDim: 100,
        sample(count: number, seed: number) {
          calls.samples.push({ count, seed });
          return sampleImages(count, seed);
        },
        dispose: () => calls.disposed.push('generator'),
      };
    },
  };
  return { gan: gan as unknown as GanApi, calls };
}

/** `count` 4x4 gray images in [-1, 1] whose values follow from `seed` alone. */
function sampleImages(count: number, seed: number) {
  const images = new Float32Array(count * 16);
  let state = seed + 1;
  for (let i = 0; i < images.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    images[i] = (state / 2 ** 32) * 2 - 1;
  }
  return { images, shape: [count, 4, 4, 1] as [number, number, number, number] };
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
