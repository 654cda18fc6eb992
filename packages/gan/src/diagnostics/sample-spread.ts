import { check } from '../errors.js';

/**
 * The spread of a batch of samples `[count, ...sampleShape]`: the root mean
 * over features of the variance across the batch,
 *
 *   spread = sqrt(mean_f (1/n) sum_i (x_if - mean_i x_if)^2),
 *
 * in the samples' own units (pixels in [-1, 1], or point coordinates). It
 * equals sqrt(mean over all pairs (i, j) of ||x_i - x_j||^2 / (2 d)) for d
 * features, so it is the mean pairwise distance's square-mean cousin at
 * O(n d) cost instead of O(n^2 d). A generator that maps every latent to
 * nearly the same sample has a spread near 0. Sums in float64.
 */
export function sampleSpread(samples: Float32Array, shape: readonly number[]): number {
  const [count] = shape;
  const features = shape.slice(1).reduce((product, size) => product * size, 1);
  check(shape.length >= 2 && Number.isInteger(count) && count >= 1, 'BAD_ARGUMENT', () =>
    `sampleSpread: shape must be [count >= 1, ...sampleShape], got [${shape.join(', ')}]`);
  check(samples.length === count * features, 'BAD_ARGUMENT', () =>
    `sampleSpread: shape [${shape.join(', ')}] needs ${count * features} values, ` +
    `got ${samples.length}`);

  const means = new Float64Array(features);
  for (let i = 0; i < count; i++) {
    for (let f = 0; f < features; f++) means[f] += samples[i * features + f];
  }
  for (let f = 0; f < features; f++) means[f] /= count;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    for (let f = 0; f < features; f++) {
      squares += (samples[i * features + f] - means[f]) ** 2;
    }
  }
  return Math.sqrt(squares / (count * features));
}
