import type { Backend } from '../backend.js';
import { check, GanError } from '../errors.js';
import type { Random } from '../random.js';
import type { Tensor } from '../tensor.js';
import { buildActivation, type ActivationSpec } from './activations.js';
import { buildBatchNorm, type BatchNormSpec } from './batch-norm.js';
import { buildConv2d, type Conv2dSpec } from './conv2d.js';
import {
  buildConv2dTranspose,
  type Conv2dTransposeSpec,
} from './conv2d-transpose.js';
import { buildDense, type DenseSpec } from './dense.js';
import type { BuildContext, Layer, NamedTensor } from './layer.js';
import {
  buildMinibatchStdDev,
  type MinibatchStdDevSpec,
} from './minibatch-std-dev.js';
import { buildReshape, type ReshapeSpec } from './reshape.js';

/** Any layer, described as plain JSON so that models can be saved. */
export type LayerSpec =
  | DenseSpec
  | Conv2dSpec
  | Conv2dTransposeSpec
  | BatchNormSpec
  | ActivationSpec
  | ReshapeSpec
  | MinibatchStdDevSpec;

/** A network's output and the output of one chosen layer. */
export interface WithFeatures {
  output: Tensor;
  /** The chosen layer's output, [batch, ...that layer's outputShape]. */
  features: Tensor;
}

/** A chain of layers applied in order. */
export class Sequential {
  readonly outputShape: number[];
  private readonly layers: Layer[];

  /** Builds the layers for inputs of `inputShape` (batch excluded). */
  constructor(
    readonly backend: Backend,
    readonly specs: LayerSpec[],
    readonly inputShape: number[],
    random: Random,
  ) {
    let shape = [...inputShape];
    this.layers = specs.map((spec, index) => {
      const context: BuildContext = { backend, random, inputShape: shape };
      const layer = buildLayer(spec, context, index);
      shape = layer.outputShape;
      return layer;
    });
    this.outputShape = shape;
  }

  /** Runs the batch through every layer. */
  apply(x: Tensor, training: boolean): Tensor {
    let y = x;
    for (const layer of this.layers) y = layer.apply(y, training);
    return y;
  }

  /**
   * Runs the batch through every layer and also returns the output of layer
   * `featureLayer` (default: the one before the last, the discriminator's
   * features for feature matching).
   */
  applyWithFeatures(
    x: Tensor,
    training: boolean,
    featureLayer = this.layers.length - 2,
  ): WithFeatures {
    check(Number.isInteger(featureLayer) && featureLayer >= 0 &&
      featureLayer < this.layers.length, 'BAD_ARGUMENT', () =>
      `applyWithFeatures: feature layer ${featureLayer} is not one of the ` +
      `${this.layers.length} layers`);
    let y = x;
    let features = x;
    this.layers.forEach((layer, index) => {
      y = layer.apply(y, training);
      if (index === featureLayer) features = y;
    });
    return { output: y, features };
  }

  /**
   * One power iteration in every spectrally normalised layer; the trainer
   * calls it once per step of this network. Does nothing when none is.
   */
  powerIteration(): void {
    for (const layer of this.layers) layer.powerIteration?.();
  }

  /** Trainable tensors named `<index>.<name>`, in a stable order. */
  parameters(): NamedTensor[] {
    return this.collect((layer) => layer.parameters());
  }

  /** Saved but untrained state (running statistics). */
  buffers(): NamedTensor[] {
    return this.collect((layer) => layer.buffers());
  }

  /** Releases every parameter and buffer. */
  dispose(): void {
    for (const { tensor } of [...this.parameters(), ...this.buffers()]) {
      tensor.dispose();
    }
  }

  private collect(pick: (layer: Layer) => NamedTensor[]): NamedTensor[] {
    return this.layers.flatMap((layer, index) =>
      pick(layer).map(({ name, tensor }) => ({
        name: `${index}.${name}`,
        tensor,
      })));
  }
}

function buildLayer(spec: LayerSpec, context: BuildContext, index: number) {
  switch (spec.type) {
    case 'dense':
      return buildDense(spec, context);
    case 'conv2d':
      return buildConv2d(spec, context);
    case 'conv2dTranspose':
      return buildConv2dTranspose(spec, context);
    case 'batchNorm':
      return buildBatchNorm(spec, context);
    case 'relu':
    case 'leakyRelu':
    case 'tanh':
    case 'sigmoid':
      return buildActivation(spec, context);
    case 'reshape':
    case 'flatten':
      return buildReshape(spec, context);
    case 'minibatchStdDev':
      return buildMinibatchStdDev(spec, context);
    default:
      throw new GanError('UNKNOWN_LAYER',
        `layer ${index}: unknown type ${JSON.stringify((spec as LayerSpec).type)}`);
  }
}
