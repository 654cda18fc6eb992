import { noGrad } from '../autograd.js';
import type { Backend } from '../backend.js';
import { splitDataset, type ImageDataset } from '../data/dataset.js';
import { check, GanError } from '../errors.js';
import type { NamedTensor } from '../layers/layer.js';
import { Sequential, type LayerSpec } from '../layers/sequential.js';
import { softmax } from '../ops/softmax.js';
import { Random } from '../random.js';
import { decodeBundle, encodeBundle } from '../serialize.js';
import { tensor, tidy, type Tensor } from '../tensor.js';

/** The digits' size: `[28, 28, 1]` in [-1, 1]. */
export const MNIST_SHAPE = [28, 28, 1] as const;
/** Length of the feature vector the Frechet distance is taken on. */
export const MNIST_FEATURE_DIMENSIONS = 64;
/** The ten digit classes. */
export const MNIST_CLASSES = 10;

const init = { type: 'glorot' } as const;

/**
 * The classifier's layers: two 5x5 stride-2 convolutions (16 and 32
 * filters) with LeakyReLU, a dense layer of 64 with LeakyReLU (the features),
 * then a dense layer to the 10 class logits (the head). Small on purpose:
 * its weights ship inside the package and it classifies 10,000 digits in
 * seconds on a CPU.
 */
export const MNIST_CLASSIFIER_LAYERS: { features: LayerSpec[]; head: LayerSpec[] } = {
  features: [
    { type: 'conv2d', filters: 16, kernelSize: 5, strides: 2, init },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'conv2d', filters: 32, kernelSize: 5, strides: 2, init },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'flatten' },
    { type: 'dense', units: MNIST_FEATURE_DIMENSIONS, init },
    { type: 'leakyRelu', alpha: 0.2 },
  ],
  head: [{ type: 'dense', units: MNIST_CLASSES, init }],
};

/** The seed of the fixed split of the bundled digits into training and held-out. */
export const MNIST_SPLIT_SEED = 20240501;
/** Digits held out from the classifier's training: 2,000 of the 10,000. */
export const MNIST_HELD_OUT_COUNT = 2000;

/**
 * The fixed split of the bundled MNIST digits (see loadMnist) that the
 * shipped classifier was trained on: `heldOut` holds 2,000 digits it never
 * saw, for its accuracy and as the real reference of the metrics.
 */
export function splitMnistForClassifier(
  mnist: ImageDataset,
): { train: ImageDataset; heldOut: ImageDataset } {
  return splitDataset(mnist, MNIST_HELD_OUT_COUNT / mnist.count, new Random(MNIST_SPLIT_SEED));
}

/** What the classifier says about a batch of digits. */
export interface MnistPredictions {
  /** p(y|x), `[count, 10]`. */
  probabilities: Float32Array;
  /** The most probable digit of each image, `[count]`. */
  classes: Int32Array;
  /** The penultimate layer's activations, `[count, 64]`. */
  features: Float32Array;
}

/** Images classified per call of the networks. */
const CHUNK = 256;

/** A small CNN that classifies 28x28 MNIST digits, for the image metrics. */
export class MnistClassifier {
  readonly features: Sequential;
  readonly head: Sequential;

  /** A classifier with fresh weights drawn from `random` (for training). */
  constructor(readonly backend: Backend, random: Random) {
    this.features = new Sequential(backend, MNIST_CLASSIFIER_LAYERS.features,
      [...MNIST_SHAPE], random);
    this.head = new Sequential(backend, MNIST_CLASSIFIER_LAYERS.head,
      this.features.outputShape, random);
  }

  /** Class logits `[batch, 10]` of images `[batch, 28, 28, 1]`. */
  logits(images: Tensor, training = false): Tensor {
    return this.head.apply(this.features.apply(images, training), training);
  }

  /**
   * Classifies `images` `[count, 28, 28, 1]` in [-1, 1] without recording
   * gradients, in chunks so that memory stays small for any count.
   */
  predict(images: Float32Array, count: number): MnistPredictions {
    const pixels = MNIST_SHAPE[0] * MNIST_SHAPE[1] * MNIST_SHAPE[2];
    check(Number.isInteger(count) && count >= 1 && images.length === count * pixels,
      'SHAPE_MISMATCH', () =>
        `MnistClassifier.predict: ${count} images of 28x28x1 need ${count * pixels} values, ` +
        `got ${images.length}`);
    const probabilities = new Float32Array(count * MNIST_CLASSES);
    const features = new Float32Array(count * MNIST_FEATURE_DIMENSIONS);
    for (let start = 0; start < count; start += CHUNK) {
      const size = Math.min(CHUNK, count - start);
      const [p, f] = tidy(() => noGrad(() => {
        const x = tensor(this.backend, images.subarray(start * pixels, (start + size) * pixels),
          [size, ...MNIST_SHAPE]);
        const feature = this.features.apply(x, false);
        return [softmax(this.head.apply(feature, false)).dataSync(), feature.dataSync()];
      }));
      probabilities.set(p, start * MNIST_CLASSES);
      features.set(f, start * MNIST_FEATURE_DIMENSIONS);
    }
    const classes = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      let best = 0;
      for (let j = 1; j < MNIST_CLASSES; j++) {
        if (probabilities[i * MNIST_CLASSES + j] > probabilities[i * MNIST_CLASSES + best]) {
          best = j;
        }
      }
      classes[i] = best;
    }
    return { probabilities, classes, features };
  }

  /** Trainable tensors, named `features.<i>.<name>` and `head.<i>.<name>`. */
  parameters(): NamedTensor[] {
    const named = (prefix: string, list: NamedTensor[]) =>
      list.map(({ name, tensor: t }) => ({ name: `${prefix}.${name}`, tensor: t }));
    return [...named('features', this.features.parameters()),
      ...named('head', this.head.parameters())];
  }

  /** The weights in simdgan's file format, with `extra` in its header. */
  save(extra: Record<string, unknown> = {}): Uint8Array {
    const stored = this.parameters().map(({ name, tensor: t }) => ({
      name, shape: [...t.shape], values: t.dataSync(),
    }));
    return encodeBundle({ kind: 'mnist-classifier', ...extra }, stored);
  }

  /** Rebuilds a classifier saved by `save`; `source` names it in errors. */
  static load(backend: Backend, bytes: Uint8Array, source: string): MnistClassifier {
    const { header, tensors } = decodeBundle(bytes, source);
    if (header.kind !== 'mnist-classifier') {
      throw new GanError('FILE_MISMATCH',
        `${source}: holds a ${String(header.kind)}, not an MNIST classifier`);
    }
    const classifier = new MnistClassifier(backend, new Random(0));
    for (const { name, tensor: t } of classifier.parameters()) {
      const entry = tensors.get(name);
      if (entry === undefined || entry.values.length !== t.size) {
        classifier.dispose();
        throw new GanError('FILE_MISMATCH',
          `${source}: tensor ${name} of shape [${t.shape}] is missing or of another size`);
      }
      backend.write(t.dataId, entry.values);
    }
    return classifier;
  }

  /** Releases the weights. */
  dispose(): void {
    this.features.dispose();
    this.head.dispose();
  }
}
