import { check } from '../errors.js';
import type { LayerSpec } from '../layers/sequential.js';
import type { DiscriminatorRemedies } from './dcgan.js';

/** The size of an MLP pair. */
export interface MlpOptions {
  /** Units of each hidden layer. */
  hiddenUnits: number;
  /** Hidden layers of each network; default 3. */
  hiddenLayers?: number;
}

/** What the MLP generator makes. */
export interface MlpGeneratorOptions extends MlpOptions {
  /** One sample's shape: [1, 1, 2] for 2-D points, [h, w, c] for images. */
  outputShape: number[];
  /** 'linear' for points, 'tanh' for images in [-1, 1]. */
  outputActivation: 'linear' | 'tanh';
}

/**
 * The MLP generator for 2-D points (and small images): hidden dense layers
 * with ReLU, then a linear layer to the sample's values, reshaped to
 * `outputShape`. The sizes follow the 2-D mixture experiments of the
 * unrolled GAN (Metz et al., 2017) and VEEGAN (Srivastava et al., 2017),
 * whose networks have hidden layers of 128 units; the depth is a setting.
 */
export function mlpGenerator(options: MlpGeneratorOptions): LayerSpec[] {
  const values = options.outputShape.reduce((n, d) => n * d, 1);
  const layers: LayerSpec[] = [
    ...hidden(options, () => ({ type: 'relu' })),
    { type: 'dense', units: values },
  ];
  if (options.outputActivation === 'tanh') layers.push({ type: 'tanh' });
  layers.push({ type: 'reshape', shape: [...options.outputShape] });
  return layers;
}

/**
 * The MLP discriminator: flatten, hidden dense layers with LeakyReLU
 * (slope 0.2), then one logit. With `minibatchStdDev` the batch's standard
 * deviation joins the last hidden features; with `spectralNorm` every
 * dense weight is spectrally normalised.
 */
export function mlpDiscriminator(
  options: MlpOptions & DiscriminatorRemedies,
): LayerSpec[] {
  const spectralNorm = options.spectralNorm === true;
  const layers: LayerSpec[] = [
    { type: 'flatten' },
    ...hidden(options, () => ({ type: 'leakyRelu', alpha: 0.2 }), spectralNorm),
  ];
  if (options.minibatchStdDev) layers.push({ type: 'minibatchStdDev' });
  layers.push(spectralNorm
    ? { type: 'dense', units: 1, spectralNorm }
    : { type: 'dense', units: 1 });
  return layers;
}

function hidden(
  options: MlpOptions,
  activation: () => LayerSpec,
  spectralNorm = false,
): LayerSpec[] {
  const { hiddenUnits } = options;
  const count = options.hiddenLayers ?? 3;
  check(Number.isInteger(count) && count >= 1, 'BAD_ARGUMENT', () =>
    `mlp: hidden layers must be a whole number >= 1, got ${count}`);
  return Array.from({ length: count }, () => [
    spectralNorm
      ? { type: 'dense', units: hiddenUnits, spectralNorm } as LayerSpec
      : { type: 'dense', units: hiddenUnits } as LayerSpec,
    activation(),
  ]).flat();
}
