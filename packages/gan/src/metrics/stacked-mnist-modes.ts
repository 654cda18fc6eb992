import { STACKED_MNIST_MODES } from '../data/stacked-mnist.js';
import { GanError } from '../errors.js';
import { binsCovered, histogram, klToUniform } from './histogram.js';

/** How generated Stacked MNIST images cover its 1000 modes. */
export interface StackedMnistModes {
  /** Modes (digit triples) found at least once, of 1000. */
  modesCovered: number;
  /** KL (nats) between the mode histogram and uniform over 1000 modes. */
  modeKl: number;
}

/**
 * The Stacked MNIST protocol (Metz et al., Unrolled GANs, 2017; Srivastava
 * et al., VEEGAN, 2017): each channel of a sample is classified as a digit,
 * the triple (d1, d2, d3) is its mode 100 d1 + 10 d2 + d3, and the result
 * counts the modes found and KL(p || uniform) of their histogram.
 * `digits` is `[count, 3]`: the predicted digit of channels 0, 1 and 2.
 */
export function stackedMnistModes(digits: ArrayLike<number>): StackedMnistModes {
  const count = digits.length / 3;
  if (!Number.isInteger(count) || count < 1) {
    throw new GanError('BAD_ARGUMENT',
      `stackedMnistModes: digits must hold 3 per sample, at least one sample; ` +
      `got ${digits.length} values`);
  }
  const modes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    modes[i] = 100 * digits[3 * i] + 10 * digits[3 * i + 1] + digits[3 * i + 2];
  }
  const counts = histogram(modes, STACKED_MNIST_MODES);
  return { modesCovered: binsCovered(counts), modeKl: klToUniform(counts) };
}
