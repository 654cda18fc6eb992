import { noGrad } from '../autograd.js';
import type { Backend } from '../backend.js';
import { check, GanError } from '../errors.js';
import { Random } from '../random.js';
import { tensor, tidy } from '../tensor.js';
import { Network } from './network.js';

/** Generated images: [count, height, width, channels] in [-1, 1]. */
export interface Samples {
  images: Float32Array;
  shape: [number, number, number, number];
}

/** A trained generator, ready to sample. */
export interface LoadedGenerator {
  readonly latentDim: number;
  readonly network: Network;
  /** `count` samples from latents drawn with `seed`; same seed, same values. */
  sample(count: number, seed: number): Samples;
  dispose(): void;
}

/** Runs a generator in evaluation mode on given latents [count, latentDim]. */
export function generate(
  network: Network,
  latents: Float32Array,
  count: number,
): Samples {
  const latentDim = network.inputShape[0];
  const [height, width, channels] = network.outputShape;
  const images = new Float32Array(count * height * width * channels);
  const chunk = 64;
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    const values = tidy(() => noGrad(() => {
      const z = tensor(network.backend, latents.subarray(
        start * latentDim, (start + size) * latentDim), [size, latentDim]);
      return network.apply(z, false).dataSync();
    }));
    images.set(values, start * height * width * channels);
  }
  return { images, shape: [count, height, width, channels] };
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
      `${source}: holds a ${network.description.role}, not an image generator`);
  }
  const latentDim = network.inputShape[0];
  return {
    latentDim,
    network,
    sample(count: number, seed: number): Samples {
      check(Number.isInteger(count) && count > 0, 'BAD_ARGUMENT', () =>
        `sample: count must be a positive integer, got ${count}`);
      const latents = new Random(seed).normalArray(count * latentDim);
      return generate(network, latents, count);
    },
    dispose: () => network.dispose(),
  };
}
