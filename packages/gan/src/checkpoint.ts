import type { ImageDataset } from './data/dataset.js';
import type { TrainingMonitorState } from './diagnostics/training-monitor.js';
import { GanError } from './errors.js';
import type { Network, NetworkDescription } from './models/network.js';
import type { Adam } from './optimizers/adam.js';
import type { RandomState } from './random.js';
import { crc32, decodeBundle, encodeBundle, type StoredTensor } from './serialize.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';
import type { Trainer } from './trainer.js';

/** The version of the checkpoint header; a different one is refused. */
export const CHECKPOINT_FORMAT = 1;

/** What identifies a data set in a checkpoint. */
export interface DatasetFingerprint {
  name: string;
  count: number;
  height: number;
  width: number;
  channels: number;
  classCount: number | null;
  /** CRC-32 of up to 65,536 evenly spaced values and of the labels. */
  hash: number;
}

/** The JSON header of a checkpoint file (kind 'checkpoint'). */
interface CheckpointHeader {
  kind: 'checkpoint';
  format: number;
  step: number;
  config: TrainConfig;
  dataset: DatasetFingerprint;
  random: RandomState;
  sampler: { epoch: number; position: number };
  optimizerSteps: { generator: number; discriminator: number };
  networks: {
    generator: NetworkDescription;
    discriminator: NetworkDescription;
    average: boolean;
  };
  /** The trainer's failure monitor (absent from older files: it then starts afresh). */
  monitor?: TrainingMonitorState | null;
}

/** A checked checkpoint, ready to restore into a trainer of `config`. */
export interface DecodedCheckpoint {
  header: CheckpointHeader;
  tensors: Map<string, StoredTensor>;
  /** The saved configuration, with a new `steps` when one was asked. */
  config: TrainConfig;
}

/** The fingerprint of a data set: its sizes and a hash of its values. */
export function datasetFingerprint(ds: ImageDataset): DatasetFingerprint {
  const stride = Math.max(1, Math.floor(ds.images.length / 65536));
  const picked = new Float32Array(Math.ceil(ds.images.length / stride));
  for (let i = 0; i < picked.length; i++) picked[i] = ds.images[i * stride];
  const labels = ds.labels ?? new Int32Array(0);
  const bytes = new Uint8Array(picked.byteLength + labels.byteLength);
  bytes.set(new Uint8Array(picked.buffer), 0);
  bytes.set(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength),
    picked.byteLength);
  return {
    name: ds.name, count: ds.count, height: ds.height, width: ds.width,
    channels: ds.channels, classCount: ds.classCount ?? null, hash: crc32(bytes),
  };
}

/**
 * A checkpoint in the serialize.ts format: both networks (parameters and
 * buffers: batch normalisation statistics, spectral-norm vectors), the
 * generator's moving average, both Adams' moments and step counts, the
 * random generator's and the batch sampler's state, the step, the config
 * and the data set's fingerprint.
 */
export function encodeCheckpoint(trainer: Trainer): Uint8Array {
  const state = trainer.sampler.getState();
  const header: CheckpointHeader = {
    kind: 'checkpoint',
    format: CHECKPOINT_FORMAT,
    step: trainer.step,
    config: trainer.config,
    dataset: datasetFingerprint(trainer.dataset),
    random: trainer.random.getState(),
    sampler: { epoch: state.epoch, position: state.position },
    optimizerSteps: {
      generator: trainer.generatorOptimizer.step,
      discriminator: trainer.discriminatorOptimizer.step,
    },
    networks: {
      generator: trainer.generator.description,
      discriminator: trainer.discriminator.description,
      average: trainer.averageGenerator !== null,
    },
    monitor: trainer.monitorState(),
  };
  const tensors = [
    ...prefixed('generator/', trainer.generator.snapshot()),
    ...prefixed('discriminator/', trainer.discriminator.snapshot()),
    ...(trainer.averageGenerator
      ? prefixed('average/', trainer.averageGenerator.snapshot())
      : []),
    ...moments('generator.adam/', trainer.generatorOptimizer, trainer.generator),
    ...moments('discriminator.adam/', trainer.discriminatorOptimizer,
      trainer.discriminator),
    // Indices below 2^24 are exact in float32.
    { name: 'sampler/order', shape: [state.order.length],
      values: Float32Array.from(state.order) },
  ];
  return encodeBundle({ ...header }, tensors);
}

/**
 * Reads and checks checkpoint bytes against the data set it continues on:
 * damaged files ('FILE_DAMAGED'), other simdgan files or formats
 * ('FILE_MISMATCH') and another data set ('CHECKPOINT_MISMATCH') are
 * refused with the reason, naming `source`. `steps` extends the run.
 */
export function decodeCheckpoint(
  bytes: Uint8Array,
  source: string,
  dataset: ImageDataset,
  steps?: number,
): DecodedCheckpoint {
  const { header: raw, tensors } = decodeBundle(bytes, source);
  if (raw.kind !== 'checkpoint') {
    throw new GanError('FILE_MISMATCH', `${source}: holds a ` +
      `${String(raw.kind)}, not a checkpoint; resume from checkpoint.sgan`);
  }
  const header = raw as unknown as CheckpointHeader;
  if (header.format !== CHECKPOINT_FORMAT) {
    throw new GanError('FILE_MISMATCH', `${source}: checkpoint format ` +
      `${String(header.format)}, this version reads ${CHECKPOINT_FORMAT}`);
  }
  if (steps !== undefined && steps < header.step) {
    throw new GanError('BAD_ARGUMENT', `${source}: the run is at step ` +
      `${header.step}; steps ${steps} would end it before that`);
  }
  let config: TrainConfig;
  try {
    config = resolveTrainConfig({ ...header.config, ...(steps !== undefined ? { steps } : {}) });
  } catch (error) {
    throw new GanError('FILE_MISMATCH', `${source}: its configuration is not ` +
      `valid here: ${(error as Error).message}`);
  }
  checkSameDataset(header.dataset, datasetFingerprint(dataset), source);
  return { header, tensors, config };
}

/** Overwrites a freshly built trainer's state with a decoded checkpoint. */
export function restoreCheckpoint(
  trainer: Trainer,
  decoded: DecodedCheckpoint,
  source: string,
): void {
  const { header, tensors } = decoded;
  const saved = header.networks;
  for (const [name, network] of [['generator', trainer.generator],
    ['discriminator', trainer.discriminator]] as const) {
    if (JSON.stringify(saved[name]) !== JSON.stringify(network.description)) {
      throw new GanError('CHECKPOINT_MISMATCH', `${source}: its ${name} ` +
        'differs from the one this version builds for its configuration');
    }
    network.restore(tensors, source, `${name}/`);
  }
  if (trainer.averageGenerator) {
    trainer.averageGenerator.restore(tensors, source, 'average/');
  }
  restoreMoments(tensors, source, 'generator.adam/', trainer.generatorOptimizer,
    trainer.generator);
  restoreMoments(tensors, source, 'discriminator.adam/',
    trainer.discriminatorOptimizer, trainer.discriminator);
  trainer.generatorOptimizer.step = header.optimizerSteps.generator;
  trainer.discriminatorOptimizer.step = header.optimizerSteps.discriminator;

  if (header.monitor) {
    try {
      trainer.restoreMonitor(header.monitor);
    } catch (error) {
      throw new GanError('FILE_MISMATCH', `${source}: its monitor state does not fit: ` +
        `${(error as Error).message}`);
    }
  }
  const order = tensors.get('sampler/order');
  try {
    trainer.random.setState(header.random);
    trainer.sampler.setState({ ...header.sampler,
      order: Array.from(order?.values ?? []) });
  } catch (error) {
    throw new GanError('FILE_MISMATCH', `${source}: its random or sampler ` +
      `state does not fit: ${(error as Error).message}`);
  }
  trainer.step = header.step;
}

function checkSameDataset(
  saved: DatasetFingerprint,
  current: DatasetFingerprint,
  source: string,
): void {
  const describe = (d: DatasetFingerprint) =>
    `${d.name} (${d.count} samples of ${d.height}x${d.width}x${d.channels}` +
    `${d.classCount ? `, ${d.classCount} classes` : ''})`;
  const same = saved.count === current.count && saved.height === current.height &&
    saved.width === current.width && saved.channels === current.channels &&
    saved.classCount === current.classCount;
  if (!same) {
    throw new GanError('CHECKPOINT_MISMATCH', `${source}: the run was trained on ` +
      `${describe(saved)}, not on ${describe(current)}`);
  }
  if (saved.hash !== current.hash) {
    throw new GanError('CHECKPOINT_MISMATCH', `${source}: the run was trained on ` +
      `${describe(saved)}; ${current.name} has the same sizes but other values`);
  }
}

function prefixed(prefix: string, stored: StoredTensor[]): StoredTensor[] {
  return stored.map((entry) => ({ ...entry, name: prefix + entry.name }));
}

function moments(prefix: string, optimizer: Adam, network: Network): StoredTensor[] {
  return network.parameters().flatMap(({ name, tensor }) => {
    const { m, v } = optimizer.momentsOf(tensor);
    return [
      { name: `${prefix}${name}/m`, shape: [...m.shape], values: m.dataSync() },
      { name: `${prefix}${name}/v`, shape: [...v.shape], values: v.dataSync() },
    ];
  });
}

function restoreMoments(
  tensors: Map<string, StoredTensor>,
  source: string,
  prefix: string,
  optimizer: Adam,
  network: Network,
): void {
  for (const { name, tensor } of network.parameters()) {
    const { m, v } = optimizer.momentsOf(tensor);
    for (const [suffix, target] of [['m', m], ['v', v]] as const) {
      const entry = tensors.get(`${prefix}${name}/${suffix}`);
      if (!entry || entry.values.length !== target.size) {
        throw new GanError('FILE_MISMATCH', `${source}: optimizer state ` +
          `${prefix}${name}/${suffix} is missing or of the wrong size`);
      }
      target.backend.write(target.dataId, entry.values);
    }
  }
}
