import { mul, sub } from '../ops/binary.js';
import { concatLast } from '../ops/concat.js';
import { ones } from '../ops/creation.js';
import { mean, meanLeading } from '../ops/reduce.js';
import { reshape } from '../ops/reshape.js';
import { addScalar, sqrt, square } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';
import type { BuildContext, Layer } from './layer.js';

/**
 * Minibatch standard deviation (Karras et al., 2017, "Progressive Growing
 * of GANs"): the standard deviation of each feature over the batch,
 * averaged into one number, appended to every sample as one more feature
 * ([batch, features] to [batch, features + 1]) or one more constant channel
 * ([batch, height, width, channels] to [batch, height, width, channels + 1]).
 * A discriminator that sees it can tell a batch of near-identical fakes
 * from a varied real batch, which works against mode collapse. The group
 * is the whole batch; the variance is the biased one, as in the paper.
 */
export interface MinibatchStdDevSpec {
  type: 'minibatchStdDev';
  /** Added to the variance before the square root; default 1e-8. */
  epsilon?: number;
}

/** Builds the layer; it has no parameters. */
export function buildMinibatchStdDev(
  spec: MinibatchStdDevSpec,
  context: BuildContext,
): Layer {
  const { backend, inputShape } = context;
  const epsilon = spec.epsilon ?? 1e-8;
  const channels = inputShape[inputShape.length - 1];
  return {
    outputShape: [...inputShape.slice(0, -1), channels + 1],
    apply(x: Tensor): Tensor {
      const batch = x.shape[0];
      const rows = reshape(x, [batch, -1]);
      const centered = sub(rows, meanLeading(rows));
      const deviation = sqrt(addScalar(meanLeading(square(centered)), epsilon));
      const average = mean(deviation);
      const feature = mul(ones(backend, [...x.shape.slice(0, -1), 1]), average);
      return concatLast([x, feature]);
    },
    parameters: () => [],
    buffers: () => [],
  };
}
