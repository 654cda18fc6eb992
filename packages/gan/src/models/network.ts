import type { Backend } from '../backend.js';
import { check, GanError } from '../errors.js';
import {
  Sequential,
  type LayerSpec,
  type WithFeatures,
} from '../layers/sequential.js';
import { Random } from '../random.js';
import { decodeBundle, encodeBundle } from '../serialize.js';
import type { StoredTensor } from '../serialize.js';
import type { Tensor } from '../tensor.js';
import { appendLabels } from './conditioning.js';

/** What a saved network needs to be rebuilt. */
export interface NetworkDescription {
  role: 'generator' | 'discriminator';
  /**
   * Input shape without the batch dimension and without the condition:
   * [latentDim] for generators, one sample's shape for discriminators.
   */
  inputShape: number[];
  layers: LayerSpec[];
  /**
   * For a class-conditional network: the number of classes, whose one-hot
   * labels are appended to the input's last dimension (see appendLabels).
   */
  classCount?: number;
}

/** The shape the first layer sees: the input with the condition appended. */
function conditionedShape(description: NetworkDescription): number[] {
  const shape = [...description.inputShape];
  if (description.classCount) shape[shape.length - 1] += description.classCount;
  return shape;
}

/**
 * A Sequential network that knows its description, so it can be saved, and
 * that takes class labels when it is conditional. (`inputShape`, inherited,
 * includes the label channels; `description.inputShape` does not.)
 */
export class Network extends Sequential {
  constructor(
    backend: Backend,
    readonly description: NetworkDescription,
    random: Random,
  ) {
    super(backend, description.layers, conditionedShape(description), random);
  }

  /** The number of classes of a conditional network; undefined otherwise. */
  get classCount(): number | undefined {
    return this.description.classCount || undefined;
  }

  /**
   * The input the layers see: x with one-hot `labels` appended when the
   * network is conditional (labels are then required), x itself otherwise.
   */
  condition(x: Tensor, labels?: Int32Array): Tensor {
    const classCount = this.classCount;
    if (classCount === undefined) return x;
    check(labels !== undefined, 'LABELS_REQUIRED', () =>
      `${this.description.role}: a conditional network needs labels in ` +
      `[0, ${classCount}) for every sample`);
    return appendLabels(x, labels, classCount);
  }

  /** Runs the batch (with its labels when conditional) through the layers. */
  override apply(x: Tensor, training: boolean, labels?: Int32Array): Tensor {
    return super.apply(this.condition(x, labels), training);
  }

  /** applyWithFeatures of Sequential, with labels when conditional. */
  override applyWithFeatures(
    x: Tensor,
    training: boolean,
    featureLayer?: number,
    labels?: Int32Array,
  ): WithFeatures {
    return super.applyWithFeatures(this.condition(x, labels), training,
      featureLayer);
  }

  /** Every parameter and buffer as stored tensors, in a stable order. */
  snapshot(): StoredTensor[] {
    return [...this.parameters(), ...this.buffers()].map(({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      values: tensor.dataSync(),
    }));
  }

  /** Overwrites parameters and buffers from stored tensors; all must match. */
  restore(stored: Map<string, StoredTensor>, source: string, prefix = ''): void {
    for (const { name, tensor } of [...this.parameters(), ...this.buffers()]) {
      const entry = stored.get(prefix + name);
      check(entry !== undefined, 'FILE_MISMATCH', () =>
        `${source}: tensor ${prefix + name} is missing`);
      check(entry.values.length === tensor.size, 'FILE_MISMATCH', () =>
        `${source}: tensor ${prefix + name} has ${entry.values.length} values, ` +
        `the model expects shape [${tensor.shape}]`);
      tensor.backend.write(tensor.dataId, entry.values);
    }
  }

  /** Copies every parameter and buffer of a network of the same description. */
  copyFrom(other: Network): void {
    const source = [...other.parameters(), ...other.buffers()];
    const target = [...this.parameters(), ...this.buffers()];
    check(source.length === target.length, 'SHAPE_MISMATCH', () =>
      `copyFrom: ${source.length} tensors into a network of ${target.length}`);
    target.forEach(({ tensor }, i) => {
      check(source[i].tensor.size === tensor.size, 'SHAPE_MISMATCH', () =>
        `copyFrom: tensor ${source[i].name} has ${source[i].tensor.size} ` +
        `values, not ${tensor.size}`);
      this.backend.unary('copy', source[i].tensor.dataId, tensor.dataId,
        tensor.size);
    });
  }

  /** The file bytes of this network alone. */
  save(extra: Record<string, unknown> = {}): Uint8Array {
    return encodeBundle(
      { kind: 'network', description: this.description, ...extra },
      this.snapshot(),
    );
  }

  /** Rebuilds a network from file bytes; `source` names it in errors. */
  static load(backend: Backend, bytes: Uint8Array, source: string): Network {
    const { header, tensors } = decodeBundle(bytes, source);
    const description = header.description as NetworkDescription | undefined;
    if (header.kind !== 'network' || !description ||
      !Array.isArray(description.layers)) {
      throw new GanError('FILE_MISMATCH',
        `${source}: holds a ${String(header.kind)}, not a saved network`);
    }
    return Network.rebuild(backend, description, tensors, source);
  }

  /**
   * Builds a network of `description` and fills it from stored tensors
   * named `<prefix><name>`; refuses, naming `source`, what does not fit.
   */
  static rebuild(
    backend: Backend,
    description: NetworkDescription,
    tensors: Map<string, StoredTensor>,
    source: string,
    prefix = '',
  ): Network {
    let network: Network;
    try {
      network = new Network(backend, description, new Random(0));
    } catch (error) {
      throw new GanError('FILE_MISMATCH',
        `${source}: its network description cannot be built: ` +
        (error as Error).message);
    }
    try {
      network.restore(tensors, source, prefix);
    } catch (error) {
      network.dispose();
      throw error;
    }
    return network;
  }
}
