import type { Network } from './network.js';

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
