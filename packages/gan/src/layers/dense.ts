import { add } from '../ops/binary.js';
import { matmul } from '../ops/matmul.js';
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

/** A fully connected layer: [batch, inFeatures] to [batch, units]. */
export interface DenseSpec {
  type: 'dense';
  units: number;
  useBias?: boolean;
  init?: Initializer;
  /** Divide the weight by its spectral norm (Miyato et al., 2018). */
  spectralNorm?: boolean;
}

/** Builds a dense layer: y = x W + b with W of shape [inFeatures, units]. */
export function buildDense(spec: DenseSpec, context: BuildContext): Layer {
  const { backend, random, inputShape } = context;
  check(inputShape.length === 1, 'SHAPE_MISMATCH', () =>
    `dense: input must be [batch, features], got [batch, ${inputShape}]; ` +
    'add a flatten layer first');
  const inFeatures = inputShape[0];
  const init = spec.init ?? { type: 'glorot' };
  const weight = variable(backend,
    initialWeights(random, init, inFeatures * spec.units, inFeatures,
      spec.units), [inFeatures, spec.units]);
  const bias = spec.useBias === false
    ? null
    : variable(backend, new Float32Array(spec.units), [spec.units]);
  const norm = spec.spectralNorm
    ? spectralNorm(backend, random, inFeatures, spec.units)
    : null;
  if (norm) warmUp(norm, weight);

  return {
    outputShape: [spec.units],
    apply(x: Tensor): Tensor {
      const y = matmul(x, norm ? norm.normalise(weight) : weight);
      return bias ? add(y, bias) : y;
    },
    parameters(): NamedTensor[] {
      const named = [{ name: 'weight', tensor: weight }];
      return bias ? [...named, { name: 'bias', tensor: bias }] : named;
    },
    buffers: () => norm?.buffers() ?? [],
    powerIteration: norm ? () => norm.powerIteration(weight) : undefined,
  };
}
