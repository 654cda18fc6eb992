import { check } from '../errors.js';
import { reshape } from '../ops/reshape.js';
import { sizeOf, type Tensor } from '../tensor.js';
import type { BuildContext, Layer } from './layer.js';

/** Reshapes each sample; `flatten` makes it one dimension. */
export type ReshapeSpec =
  | { type: 'reshape'; shape: number[] }
  | { type: 'flatten' };

/** Builds a reshape or flatten layer. */
export function buildReshape(spec: ReshapeSpec, context: BuildContext): Layer {
  const inputSize = sizeOf(context.inputShape);
  const outputShape = spec.type === 'flatten' ? [inputSize] : [...spec.shape];
  check(sizeOf(outputShape) === inputSize, 'SHAPE_MISMATCH', () =>
    `reshape layer: [${outputShape}] does not hold the ${inputSize} ` +
    `values of [${context.inputShape}]`);
  return {
    outputShape,
    apply: (x: Tensor) => reshape(x, [x.shape[0], ...outputShape]),
    parameters: () => [],
    buffers: () => [],
  };
}
