import { noGrad } from '../autograd.js';
import { add, mul, sub } from '../ops/binary.js';
import { batchNormTraining } from '../ops/batch-norm.js';
import { reshape } from '../ops/reshape.js';
import { addScalar, reciprocal, scale, sqrt } from '../ops/unary.js';
import { keep, tensor, variable, type Tensor } from '../tensor.js';
import type { BuildContext, Layer, NamedTensor } from './layer.js';

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) over the last axis: each
 * channel is normalised by the batch's mean and variance in training and by
 * running averages in evaluation, then scaled by gamma and shifted by beta.
 */
export interface BatchNormSpec {
  type: 'batchNorm';
  /** Weight of the new batch in the running averages (PyTorch's sense). */
  momentum?: number;
  epsilon?: number;
}

/**
 * While set, training-mode passes add batch statistics times `weight` to the
 * running averages instead of moving them by the momentum (see
 * {@link recalibrateBatchNorm}).
 */
let accumulation: { weight: number } | null = null;

/**
 * Recomputes the running statistics of every batch normalisation layer of a
 * network as the plain mean, over `batches` training-mode passes, of the
 * batch statistics (the "standing statistics" of Brock et al., 2019).
 * A moving average of weights (EMA) needs this: the statistics of the
 * network it averages belong to other weights. `runBatch(i)` runs pass i
 * in training mode; `buffers` are the network's running statistics.
 */
export function recalibrateBatchNorm(
  buffers: Tensor[],
  batches: number,
  runBatch: (index: number) => void,
): void {
  for (const buffer of buffers) {
    buffer.backend.unary('fill', buffer.dataId, buffer.dataId, buffer.size, 0);
  }
  accumulation = { weight: 1 / batches };
  try {
    for (let i = 0; i < batches; i++) runBatch(i);
  } finally {
    accumulation = null;
  }
}

/** Builds a batch normalisation layer over the last input dimension. */
export function buildBatchNorm(
  spec: BatchNormSpec,
  context: BuildContext,
): Layer {
  const { backend, inputShape } = context;
  const channels = inputShape[inputShape.length - 1];
  const momentum = spec.momentum ?? 0.1;
  const epsilon = spec.epsilon ?? 1e-5;
  const gamma = variable(backend, new Float32Array(channels).fill(1), [channels]);
  const beta = variable(backend, new Float32Array(channels), [channels]);
  const runningMean = keep(tensor(backend, new Float32Array(channels), [channels]));
  const runningVariance = keep(tensor(backend,
    new Float32Array(channels).fill(1), [channels]));

  function updateRunning(running: Tensor, batchValue: Tensor): void {
    noGrad(() => {
      const next = accumulation
        ? add(running, scale(batchValue, accumulation.weight))
        : add(scale(running, 1 - momentum), scale(batchValue, momentum));
      backend.unary('copy', next.dataId, running.dataId, channels);
      next.dispose();
    });
  }

  return {
    outputShape: [...inputShape],
    apply(x: Tensor, training: boolean): Tensor {
      if (training) {
        const { output, mean, variance } = batchNormTraining(x, gamma, beta, epsilon);
        updateRunning(runningMean, mean);
        updateRunning(runningVariance, variance);
        mean.dispose();
        variance.dispose();
        return output;
      }
      const rows = reshape(x, [-1, channels]);
      const centered = sub(rows, runningMean);
      const inverseDeviation = reciprocal(sqrt(addScalar(runningVariance, epsilon)));
      const normalised = mul(centered, inverseDeviation);
      return reshape(add(mul(normalised, gamma), beta), x.shape);
    },
    parameters: (): NamedTensor[] => [
      { name: 'gamma', tensor: gamma },
      { name: 'beta', tensor: beta },
    ],
    buffers: (): NamedTensor[] => [
      { name: 'runningMean', tensor: runningMean },
      { name: 'runningVariance', tensor: runningVariance },
    ],
  };
}
