import { check } from '../errors.js';
import type { LayerSpec } from '../layers/sequential.js';

/** The size of a DCGAN pair. */
export interface DcganOptions {
  latentDim: number;
  /** Image height and width; 28 (MNIST) or any multiple of 4. */
  imageSize: number;
  channels: number;
  /** Filters of the widest layer near the image; the other is twice that. */
  baseFilters: number;
}

const init = { type: 'normal', deviation: 0.02 } as const;

/**
 * The DCGAN generator (Radford et al., 2015) for small images: a dense
 * layer to a (size/4)^2 x 2f map, then two transposed convolutions of
 * 5x5, stride 2, with batch normalisation and ReLU between, tanh at the end.
 */
export function dcganGenerator(options: DcganOptions): LayerSpec[] {
  const { imageSize, channels, baseFilters: f } = options;
  check(imageSize % 4 === 0 && imageSize >= 4, 'BAD_ARGUMENT', () =>
    `dcgan: image size must be a multiple of 4, got ${imageSize}`);
  const start = imageSize / 4;
  return [
    { type: 'dense', units: start * start * 2 * f, useBias: false, init },
    { type: 'batchNorm' },
    { type: 'relu' },
    { type: 'reshape', shape: [start, start, 2 * f] },
    { type: 'conv2dTranspose', filters: f, kernelSize: 5, strides: 2,
      useBias: false, init },
    { type: 'batchNorm' },
    { type: 'relu' },
    { type: 'conv2dTranspose', filters: channels, kernelSize: 5, strides: 2,
      init },
    { type: 'tanh' },
  ];
}

/**
 * The DCGAN discriminator: two 5x5 stride-2 convolutions with LeakyReLU
 * (slope 0.2), then a dense layer to one logit per sample.
 */
export function dcganDiscriminator(options: DcganOptions): LayerSpec[] {
  const f = options.baseFilters;
  return [
    { type: 'conv2d', filters: f, kernelSize: 5, strides: 2, init },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'conv2d', filters: 2 * f, kernelSize: 5, strides: 2, init },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'flatten' },
    { type: 'dense', units: 1, init },
  ];
}
