import { conv2dGeometry, type Padding } from '@simdgan/core-wasm';
import { add } from '../ops/binary.js';
import { conv2d } from '../ops/conv2d.js';
import { check } from '../errors.js';
import { variable, type Tensor } from '../tensor.js';
import { spectralNorm, warmUp } from './spectral-norm.js';
import {
  initialWeights,
  type BuildContext,
  type Initializer,
  type Layer,
  type NamedTensor,
} from './layer.js';

/** A 2-D convolution layer over [batch, height, width, channels]. */
export interface Conv2dSpec {
  type: 'conv2d';
  filters: number;
  kernelSize: number;
  strides?: number;
  padding?: Padding;
  useBias?: boolean;
  init?: Initializer;
  /** Divide the filter by its spectral norm (Miyato et al., 2018). */
  spectralNorm?: boolean;
}

/** Builds a conv2d layer with filter [k, k, inChannels, filters]. */
export function buildConv2d(spec: Conv2dSpec, context: BuildContext): Layer {
  const { backend, random, inputShape } = context;
  check(inputShape.length === 3, 'SHAPE_MISMATCH', () =>
    `conv2d: input must be [batch, height, width, channels], ` +
    `got [batch, ${inputShape}]`);
  const [height, width, inChannels] = inputShape;
  const k = spec.kernelSize;
  const options = { strides: spec.strides ?? 1, padding: spec.padding ?? 'same' };
  const filterShape = [k, k, inChannels, spec.filters];
  const g = conv2dGeometry([1, height, width, inChannels], filterShape, options);
  const init = spec.init ?? { type: 'glorot' };
  const filter = variable(backend,
    initialWeights(random, init, k * k * inChannels * spec.filters,
      k * k * inChannels, k * k * spec.filters), filterShape);
  const bias = spec.useBias === false
    ? null
    : variable(backend, new Float32Array(spec.filters), [spec.filters]);
  // The filter seen as a matrix [k * k * inChannels, filters].
  const norm = spec.spectralNorm
    ? spectralNorm(backend, random, k * k * inChannels, spec.filters)
    : null;
  if (norm) warmUp(norm, filter);

  return {
    outputShape: [g.outHeight, g.outWidth, spec.filters],
    apply(x: Tensor): Tensor {
      const y = conv2d(x, norm ? norm.normalise(filter) : filter, options);
      return bias ? add(y, bias) : y;
    },
    parameters(): NamedTensor[] {
      const named = [{ name: 'filter', tensor: filter }];
      return bias ? [...named, { name: 'bias', tensor: bias }] : named;
    },
    buffers: () => norm?.buffers() ?? [],
    powerIteration: norm ? () => norm.powerIteration(filter) : undefined,
  };
}
