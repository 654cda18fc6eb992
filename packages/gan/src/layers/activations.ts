import { leakyRelu, relu, sigmoid, tanh } from '../ops/unary.js';
import type { Tensor } from '../tensor.js';
import type { BuildContext, Layer } from './layer.js';

/** An elementwise activation layer. */
export type ActivationSpec =
  | { type: 'relu' }
  | { type: 'leakyRelu'; alpha?: number }
  | { type: 'tanh' }
  | { type: 'sigmoid' };

/** Builds an activation layer; it has no parameters. */
export function buildActivation(
  spec: ActivationSpec,
  context: BuildContext,
): Layer {
  const activation = pick(spec);
  return {
    outputShape: [...context.inputShape],
    apply: (x: Tensor) => activation(x),
    parameters: () => [],
    buffers: () => [],
  };
}

function pick(spec: ActivationSpec): (x: Tensor) => Tensor {
  switch (spec.type) {
    case 'relu':
      return relu;
    case 'leakyRelu': {
      const alpha = spec.alpha ?? 0.2;
      return (x) => leakyRelu(x, alpha);
    }
    case 'tanh':
      return tanh;
    case 'sigmoid':
      return sigmoid;
  }
}
