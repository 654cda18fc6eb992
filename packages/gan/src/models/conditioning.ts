import { check } from '../errors.js';
import { concatLast } from '../ops/concat.js';
import { tensor, type Tensor } from '../tensor.js';

/**
 * Appends class labels to a batch as one-hot channels, the condition of a
 * conditional GAN (Mirza and Osindero, 2014): x [batch, ..., channels]
 * gives [batch, ..., channels + classCount], the one-hot vector repeated
 * at every position. A latent [batch, latentDim] gets the one-hot vector
 * concatenated; an image [batch, h, w, c] gets classCount constant
 * channels; a flattened input of an MLP sees the one-hot vector appended.
 */
export function appendLabels(
  x: Tensor,
  labels: Int32Array,
  classCount: number,
): Tensor {
  const batch = x.shape[0];
  check(labels.length === batch, 'SHAPE_MISMATCH', () =>
    `appendLabels: ${labels.length} labels for a batch of ${batch}`);
  const bad = labels.findIndex((label) =>
    !Number.isInteger(label) || label < 0 || label >= classCount);
  check(bad < 0, 'BAD_LABEL', () =>
    `appendLabels: label ${labels[bad]} of sample ${bad} is outside ` +
    `[0, ${classCount})`);

  const positions = x.size / (batch * x.shape[x.rank - 1]);
  const values = new Float32Array(batch * positions * classCount);
  for (let sample = 0; sample < batch; sample++) {
    for (let position = 0; position < positions; position++) {
      const row = sample * positions + position;
      values[row * classCount + labels[sample]] = 1;
    }
  }
  const maps = tensor(x.backend, values, [...x.shape.slice(0, -1), classCount]);
  return concatLast([x, maps]);
}
