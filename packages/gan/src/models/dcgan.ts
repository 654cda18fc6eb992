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

/** Discriminator remedies that change its layers. */
export interface DiscriminatorRemedies {
  /** Spectral normalisation of every weight (Miyato et al., 2018). */
  spectralNorm?: boolean;
  /** A minibatch standard deviation feature (Karras et al., 2017). */
  minibatchStdDev?: boolean;
}

const init = { type: 'normal', deviation: 0.02 } as const;

/**
 * The DCGAN generator (Radford et al., 2015) for small images: a dense
 * layer to a (size/4)^2 x 2f map, then two transposed convolutions of
 * 5x5, stride 2, with batch normalisation and ReLU between, tanh at the end.
 * 28x28 (MNIST) starts from 7x7, 32x32 (CIFAR-10 sized, 1 or 3 channels)
 * from 8x8.
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
 * (slope 0.2), then a dense layer to one logit per sample. With
 * `minibatchStdDev` the batch's standard deviation becomes one more channel
 * of the last feature map; with `spectralNorm` every weight is spectrally
 * normalised. Without remedies the layers are exactly DCGAN's.
 */
export function dcganDiscriminator(
  options: DcganOptions & DiscriminatorRemedies,
): LayerSpec[] {
  const f = options.baseFilters;
  const norm = options.spectralNorm ? { spectralNorm: true } : {};
  return [
    { type: 'conv2d', filters: f, kernelSize: 5, strides: 2, init, ...norm },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'conv2d', filters: 2 * f, kernelSize: 5, strides: 2, init, ...norm },
    { type: 'leakyRelu', alpha: 0.2 },
    ...(options.minibatchStdDev ? [{ type: 'minibatchStdDev' } as const] : []),
    { type: 'flatten' },
    { type: 'dense', units: 1, init, ...norm },
  ];
}
