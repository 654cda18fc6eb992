import { Random } from '../random.js';
import { imageSize, type ImageDataset } from './dataset.js';
import { DataError } from './errors.js';

/** The modes of Stacked MNIST: one per triple of digits. */
export const STACKED_MNIST_MODES = 1000;

/**
 * Stacked MNIST (Metz et al., Unrolled GANs, 2017; Srivastava et al.,
 * VEEGAN, 2017): each image stacks three MNIST digits drawn uniformly at
 * random with `seed` as its three channels, `[count, 28, 28, 3]`, so the
 * data has 1000 modes. The label of an image is 100 d1 + 10 d2 + d3 for the
 * digits d1 (channel 0), d2 (channel 1) and d3 (channel 2); classCount 1000.
 * `mnist` must hold labelled one-channel images with digits 0..9.
 */
export function stackedMnist(
  mnist: ImageDataset,
  count: number,
  seed: number,
): ImageDataset {
  if (mnist.channels !== 1 || mnist.labels === undefined || mnist.count < 1) {
    throw new DataError('STACKED_MNIST_SOURCE',
      `stackedMnist: ${mnist.name} must hold labelled one-channel digits, got ` +
      `${mnist.count} images, ${mnist.channels} channel(s) each, ` +
      (mnist.labels ? 'with labels' : 'without labels'));
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new DataError('BAD_COUNT',
      `stackedMnist: count must be a whole number >= 1, got ${count}`);
  }

  const random = new Random(seed);
  const pixels = imageSize(mnist);
  const images = new Float32Array(count * pixels * 3);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let label = 0;
    for (let channel = 0; channel < 3; channel++) {
      const source = random.nextInt(mnist.count);
      const digit = mnist.labels[source];
      if (!(digit >= 0 && digit <= 9)) {
        throw new DataError('STACKED_MNIST_SOURCE',
          `stackedMnist: image ${source} of ${mnist.name} has label ${digit}, not a digit`);
      }
      label = 10 * label + digit;
      // Interleave: pixel p of the digit goes to channel `channel` of pixel p.
      const from = source * pixels;
      const to = i * pixels * 3 + channel;
      for (let p = 0; p < pixels; p++) images[to + 3 * p] = mnist.images[from + p];
    }
    labels[i] = label;
  }
  return {
    name: 'stacked-mnist', count, height: mnist.height, width: mnist.width, channels: 3,
    images, labels, classCount: STACKED_MNIST_MODES,
  };
}
