import { noGrad } from '../autograd.js';
import { recalibrateBatchNorm } from '../layers/batch-norm.js';
import { Random } from '../random.js';
import { tensor, tidy } from '../tensor.js';
import type { Network } from './network.js';

/** Training-mode passes that recompute a moving average's batch-norm statistics. */
const CALIBRATION_BATCHES = 8;

/**
 * Recomputes the batch-norm statistics of an averaged generator for its own
 * weights (see recalibrateBatchNorm): 8 training-mode passes of `batchSize`
 * latents drawn from `seed + 2`, labels cycling through the classes for a
 * conditional one. Same weights and seed, same statistics, so a resumed run
 * samples as the unbroken one. A network without batch norm is left alone.
 */
export function recalibrateAverage(
  network: Network,
  config: { batchSize: number; latentDim: number; seed: number },
  classCount?: number,
): void {
  // Only batch-norm statistics: other buffers (a spectral norm's vectors) are left as copied.
  const buffers = network.buffers()
    .filter(({ name }) => name.endsWith('.runningMean') || name.endsWith('.runningVariance'))
    .map(({ tensor: buffer }) => buffer);
  if (buffers.length === 0) return;
  const { batchSize, latentDim, seed } = config;
  const random = new Random(seed + 2);
  const labels = classCount === undefined ? undefined
    : Int32Array.from({ length: batchSize }, (_, i) => i % classCount);
  recalibrateBatchNorm(buffers, CALIBRATION_BATCHES, () => tidy(() => noGrad(() => {
    const z = tensor(network.backend, random.normalArray(batchSize * latentDim),
      [batchSize, latentDim]);
    network.apply(z, true, labels);
  })));
}

/**
 * One step of an exponential moving average of weights (Yazici et al.,
 * 2018, "The Unusual Effectiveness of Averaging in GAN Training"):
 * average = decay * average + (1 - decay) * current for every parameter,
 * in place. Buffers (batch normalisation statistics) are copied; they
 * belong to the current weights, so the trainer recomputes them for the
 * average's own weights before it samples (recalibrateBatchNorm).
 */
export function updateAverage(
  average: Network,
  current: Network,
  decay: number,
): void {
  const backend = current.backend;
  const targets = average.parameters();
  const sources = current.parameters();
  targets.forEach(({ tensor: target }, i) => {
    const source = sources[i].tensor;
    const scaled = backend.alloc(source.size);
    backend.unary('scale', source.dataId, scaled, source.size, 1 - decay);
    backend.unary('scale', target.dataId, target.dataId, target.size, decay);
    backend.binary('add', target.dataId, scaled, target.dataId, target.size,
      target.size);
    backend.free(scaled);
  });
  const averageBuffers = average.buffers();
  current.buffers().forEach(({ tensor }, i) => {
    backend.unary('copy', tensor.dataId, averageBuffers[i].tensor.dataId,
      tensor.size);
  });
}
