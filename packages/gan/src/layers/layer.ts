import type { Backend } from '../backend.js';
import type { Random } from '../random.js';
import type { Tensor } from '../tensor.js';

/** A tensor owned by a layer, with a name unique within the layer. */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

/** How weights are first drawn. */
export type Initializer =
  | { type: 'normal'; deviation: number }
  | { type: 'glorot' };

/**
 * A layer of a network. `apply` maps a batch `[batch, ...inputShape]` to
 * `[batch, ...outputShape]`; `training` selects batch statistics (training)
 * or running statistics (evaluation) in normalisation layers.
 */
export interface Layer {
  readonly outputShape: number[];
  apply(x: Tensor, training: boolean): Tensor;
  /** Trainable tensors. */
  parameters(): NamedTensor[];
  /** State that is saved but not trained (running statistics). */
  buffers(): NamedTensor[];
  /**
   * One power iteration of the layer's spectral normalisation, once per
   * training step of its network; absent when the layer has none.
   */
  powerIteration?(): void;
}

/** What a layer factory is given. */
export interface BuildContext {
  backend: Backend;
  random: Random;
  /** The input shape without the batch dimension. */
  inputShape: number[];
}

/** Draws initial weights of `shape` with `fanIn` and `fanOut`. */
export function initialWeights(
  random: Random,
  init: Initializer,
  length: number,
  fanIn: number,
  fanOut: number,
): Float32Array {
  if (init.type === 'normal') {
    return random.normalArray(length, 0, init.deviation);
  }
  // Glorot and Bengio (2010): uniform in +-sqrt(6 / (fanIn + fanOut)).
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return random.uniformArray(length, -limit, limit);
}
