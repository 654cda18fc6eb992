import type { Backend } from '../backend.js';
import { check, GanError } from '../errors.js';
import { Sequential, type LayerSpec } from '../layers/sequential.js';
import { Random } from '../random.js';
import { decodeBundle, encodeBundle } from '../serialize.js';
import type { StoredTensor } from '../serialize.js';

/** What a saved network needs to be rebuilt. */
export interface NetworkDescription {
  role: 'generator' | 'discriminator';
  /** Input shape without the batch dimension ([latentDim] for generators). */
  inputShape: number[];
  layers: LayerSpec[];
}

/** A Sequential network that knows its description, so it can be saved. */
export class Network extends Sequential {
  constructor(
    backend: Backend,
    readonly description: NetworkDescription,
    random: Random,
  ) {
    super(backend, description.layers, description.inputShape, random);
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
  restore(stored: Map<string, StoredTensor>, source: string): void {
    for (const { name, tensor } of [...this.parameters(), ...this.buffers()]) {
      const entry = stored.get(name);
      check(entry !== undefined, 'FILE_MISMATCH', () =>
        `${source}: tensor ${name} is missing`);
      check(entry.values.length === tensor.size, 'FILE_MISMATCH', () =>
        `${source}: tensor ${name} has ${entry.values.length} values, ` +
        `the model expects shape [${tensor.shape}]`);
      tensor.backend.write(tensor.dataId, entry.values);
    }
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
    let network: Network;
    try {
      network = new Network(backend, description, new Random(0));
    } catch (error) {
      throw new GanError('FILE_MISMATCH',
        `${source}: its network description cannot be built: ` +
        (error as Error).message);
    }
    try {
      network.restore(tensors, source);
    } catch (error) {
      network.dispose();
      throw error;
    }
    return network;
  }
}
