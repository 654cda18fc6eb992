import { check } from '../errors.js';
import type { TrainConfig } from '../train-config.js';
import { dcganDiscriminator, dcganGenerator } from './dcgan.js';
import { mlpDiscriminator, mlpGenerator } from './mlp.js';
import type { NetworkDescription } from './network.js';

/** What the data looks like to the models. */
export interface DataShape {
  /** One sample: [height, width, channels]; 2-D points are [1, 1, 2]. */
  sampleShape: [number, number, number];
  /** Classes of a conditional pair; undefined for an unconditional one. */
  classCount?: number;
  /** The data set's name, for messages. */
  name: string;
}

/** Whether a sample shape is that of 2-D points, [1, 1, 2]. */
export function isPointShape(shape: readonly number[]): boolean {
  return shape[0] === 1 && shape[1] === 1 && shape[2] === 2;
}

/** Floats a WebAssembly memory holds (2 GiB). */
const MEMORY_FLOATS = 2 ** 29;

/**
 * Refuses a DCGAN whose activations cannot fit the 2 GiB WebAssembly
 * memory, before any weight is made: about 24 tensors the size of the
 * generator's widest layer (batch x side/2 x side/2 x baseFilters, with
 * samples drawn 64 at a time) live at the peak of a step (measured: 77 MB
 * for MNIST's 28x28, 64 filters, batch 64, where this gives 87 MB).
 */
function checkDcganMemory(config: TrainConfig, side: number, name: string): void {
  const batch = Math.max(config.batchSize, 64);
  const widest = batch * (side / 2) ** 2 * config.baseFilters;
  const weights = config.latentDim * (side / 4) ** 2 * 2 * config.baseFilters;
  const floats = 24 * widest + 4 * weights;
  check(floats <= MEMORY_FLOATS, 'BAD_DATASET', () =>
    `trainer: a DCGAN on ${name}'s ${side}x${side} images with ${config.baseFilters} base ` +
    `filters and batch ${config.batchSize} needs about ${(floats * 4 / 2 ** 30).toFixed(1)} ` +
    'GiB, more than the 2 GiB of WebAssembly memory; use smaller images, fewer base filters ' +
    'or a smaller batch');
}

/**
 * The generator and discriminator a config asks for, on data of `data`'s
 * shape: DCGAN (Radford et al., 2015) for square images with a side
 * divisible by 4, or the MLP pair (points, or any small sample). The
 * discriminator remedies of the config (spectral normalisation, minibatch
 * standard deviation) are built into D's layers; a conditional pair takes
 * one-hot labels in both networks.
 */
export function buildGanDescriptions(
  config: TrainConfig,
  data: DataShape,
): { generator: NetworkDescription; discriminator: NetworkDescription } {
  const [height, width, channels] = data.sampleShape;
  const remedies = {
    spectralNorm: config.spectralNorm,
    minibatchStdDev: config.minibatchStdDev,
  };
  const condition = data.classCount ? { classCount: data.classCount } : {};

  check(height > 0 && width > 0 && channels > 0, 'BAD_DATASET', () =>
    `trainer: ${data.name} has samples of ${height}x${width}x${channels}: an empty side`);
  // Samples are shown and written as gray or RGB pictures.
  check(isPointShape(data.sampleShape) || channels === 1 || channels === 3, 'BAD_DATASET',
    () => `trainer: ${config.model === 'dcgan' ? 'DCGAN' : 'the mlp model'} trains images ` +
      `of 1 (gray) or 3 (RGB) channels, ${data.name} has ${channels}`);

  let generatorLayers;
  let discriminatorLayers;
  if (config.model === 'dcgan') {
    check(height === width && height % 4 === 0, 'BAD_DATASET', () =>
      `trainer: DCGAN needs square images with a side divisible by 4, ` +
      `${data.name} has ${height}x${width}` +
      (isPointShape(data.sampleShape) ? '; use the mlp model for 2-D points' : ''));
    checkDcganMemory(config, height, data.name);
    const size = { latentDim: config.latentDim, imageSize: height, channels,
      baseFilters: config.baseFilters };
    generatorLayers = dcganGenerator(size);
    discriminatorLayers = dcganDiscriminator({ ...size, ...remedies });
  } else {
    const sizes = { hiddenUnits: config.hiddenUnits };
    generatorLayers = mlpGenerator({
      ...sizes,
      outputShape: [height, width, channels],
      outputActivation: isPointShape(data.sampleShape) ? 'linear' : 'tanh',
    });
    discriminatorLayers = mlpDiscriminator({ ...sizes, ...remedies });
  }
  return {
    generator: { role: 'generator', inputShape: [config.latentDim],
      layers: generatorLayers, ...condition },
    discriminator: { role: 'discriminator', inputShape: [height, width, channels],
      layers: discriminatorLayers, ...condition },
  };
}
