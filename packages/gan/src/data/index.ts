/**
 * Data for training: datasets in memory, minibatch sampling, IDX files,
 * the bundled MNIST digits, and image grids for showing samples.
 */
export {
  BatchSampler,
  checkDataset,
  imageSize,
  sliceDataset,
  splitDataset,
} from './dataset.js';
export type { BatchSamplerState, ImageDataset } from './dataset.js';
export { DataError } from './errors.js';
export { encodeIdx, idxToDataset, parseIdx } from './idx.js';
export type { IdxFile } from './idx.js';
export { loadMnist } from './mnist.js';
export {
  GRID_MIXTURE, gridMixture, mixtureNamed, RING_MIXTURE, ringMixture, sampleMixture,
} from './mixtures.js';
export type { GaussianMixture } from './mixtures.js';
export { STACKED_MNIST_MODES, stackedMnist } from './stacked-mnist.js';
export { randomBelow, shuffleInPlace } from './random-index.js';
export type { Uint32Random } from './random-index.js';
export { imageGrid } from '../image/grid.js';
export type { GridOptions, RgbaImage } from '../image/grid.js';
export { imagesToDataset, resizeImage } from '../image/resize.js';
export type {
  DecodedImage, ImagesToDatasetOptions, ResizeOptions,
} from '../image/resize.js';
