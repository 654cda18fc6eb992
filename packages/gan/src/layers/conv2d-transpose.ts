import { conv2dTransposeGeometry, type Padding } from '@simdgan/core-wasm';
import { add } from '../ops/binary.js';
import { conv2dTranspose } from '../ops/conv2d-transpose.js';
import { check } from '../errors.js';
import { variable, type Tensor } from '../tensor.js';
import {
  initialWeights,
  type BuildContext,
  type Initializer,
  type Layer,
  type NamedTensor,
} from './layer.js';

/** A transposed convolution layer, upsampling by its stride. */
export interface Conv2dTransposeSpec {
  type: 'conv2dTranspose';
  filters: number;
  kernelSize: number;
  strides?: number;
  padding?: Padding;
  useBias?: boolean;
  init?: Initializer;
}

/** Builds the layer with filter [k, k, filters, inChannels] (TF layout). */
export function buildConv2dTranspose(
  spec: Conv2dTransposeSpec,
  context: BuildContext,
): Layer {
  const { backend, random, inputShape } = context;
  check(inputShape.length === 3, 'SHAPE_MISMATCH', () =>
    `conv2dTranspose: input must be [batch, height, width, channels], ` +
    `got [batch, ${inputShape}]`);
  const [height, width, inChannels] = inputShape;
  const k = spec.kernelSize;
  const options = { strides: spec.strides ?? 1, padding: spec.padding ?? 'same' };
  const filterShape = [k, k, spec.filters, inChannels];
  const g = conv2dTransposeGeometry([1, height, width, inChannels],
    filterShape, undefined, options);
  const outputShape = [g.inHeight, g.inWidth, spec.filters];
  const init = spec.init ?? { type: 'glorot' };
  const filter = variable(backend,
    initialWeights(random, init, k * k * inChannels * spec.filters,
      k * k * inChannels, k * k * spec.filters), filterShape);
  const bias = spec.useBias === false
    ? null
    : variable(backend, new Float32Array(spec.filters), [spec.filters]);

  return {
    outputShape,
    apply(x: Tensor): Tensor {
      const y = conv2dTranspose(x, filter, options,
        [x.shape[0], ...outputShape]);
      return bias ? add(y, bias) : y;
    },
    parameters(): NamedTensor[] {
      const named = [{ name: 'filter', tensor: filter }];
      return bias ? [...named, { name: 'bias', tensor: bias }] : named;
    },
    buffers: () => [],
  };
}
