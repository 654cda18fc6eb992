import { noGrad } from '../autograd.js';
import type { Backend } from '../backend.js';
import { randomBelow } from '../data/random-index.js';
import { check, GanError } from '../errors.js';
import { Random } from '../random.js';
import { tensor, tidy } from '../tensor.js';
import { Network } from './network.js';

/**
 * Generated samples: [count, height, width, channels], images in [-1, 1]
 * or 2-D points [count, 1, 1, 2]; `labels` [count] for a conditional
 * generator.
 */
export interface Samples {
  images: Float32Array;
  shape: [number, number, number, number];
  labels?: Int32Array;
}

/** A trained generator, ready to sample. */
export interface LoadedGenerator {
  readonly latentDim: number;
  /** Classes of a conditional generator; undefined otherwise. */
  readonly classCount?: number;
  /** One sample's shape: [height, width, channels] ([1, 1, 2] for points). */
  readonly outputShape: [number, number, number];
  readonly network: Network;
  /**
   * `count` samples from latents drawn with `seed`; same seed, same values.
   * A conditional generator uses `labels` [count], or draws them uniformly
   * from the same seed after the latents when none are given.
   */
  sample(count: number, seed: number, labels?: Int32Array): Samples;
  dispose(): void;
}

/**
 * Runs a generator in evaluation mode on given latents [count, latentDim]
 * (and labels [count] when it is conditional), 64 samples at a time.
 */
export function generate(
  network: Network,
  latents: Float32Array,
  count: number,
  labels?: Int32Array,
): Samples {
  const latentDim = network.description.inputShape[0];
  const [height, width, channels] = network.outputShape;
  const sampleSize = height * width * channels;
  const images = new Float32Array(count * sampleSize);
  const chunk = 64;
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    const values = tidy(() => noGrad(() => {
      const z = tensor(network.backend, latents.subarray(
        start * latentDim, (start + size) * latentDim), [size, latentDim]);
      return network.apply(z, false,
        labels?.subarray(start, start + size)).dataSync();
    }));
    images.set(values, start * sampleSize);
  }
  const shape: Samples['shape'] = [count, height, width, channels];
  return labels ? { images, shape, labels } : { images, shape };
}

/** Loads a generator saved by the trainer; `source` names it in errors. */
export function loadGenerator(
  backend: Backend,
  bytes: Uint8Array,
  source: string,
): LoadedGenerator {
  const network = Network.load(backend, bytes, source);
  if (network.description.role !== 'generator' ||
    network.outputShape.length !== 3) {
    network.dispose();
    throw new GanError('FILE_MISMATCH',
      `${source}: holds a ${network.description.role}, not a generator of ` +
      'images or points');
  }
  const latentDim = network.description.inputShape[0];
  const classCount = network.classCount;
  const [height, width, channels] = network.outputShape;
  return {
    latentDim,
    classCount,
    outputShape: [height, width, channels],
    network,
    sample(count: number, seed: number, labels?: Int32Array): Samples {
      check(Number.isInteger(count) && count > 0, 'BAD_ARGUMENT', () =>
        `sample: count must be a positive integer, got ${count}`);
      check(labels === undefined || classCount !== undefined, 'BAD_ARGUMENT',
        () => `sample: ${source} is not conditional; it takes no labels`);
      check(labels === undefined || labels.length === count, 'BAD_ARGUMENT',
        () => `sample: ${labels!.length} labels for ${count} samples`);
      const random = new Random(seed);
      const latents = random.normalArray(count * latentDim);
      const chosen = classCount === undefined
        ? undefined
        : labels ?? Int32Array.from({ length: count },
          () => randomBelow(random, classCount));
      return generate(network, latents, count, chosen);
    },
    dispose: () => network.dispose(),
  };
}
