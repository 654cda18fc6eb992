import type { Backend } from '../backend.js';
import { mixtureNamed } from '../data/mixtures.js';
import { loadMnist } from '../data/mnist.js';
import type { ImageDataset } from '../data/dataset.js';
import { STACKED_MNIST_MODES } from '../data/stacked-mnist.js';
import { GanError } from '../errors.js';
import { classCoverage } from './class-coverage.js';
import {
  frechetDistance, gaussianStatistics, type GaussianStatistics,
} from './frechet-distance.js';
import { inceptionScore } from './inception-score.js';
import { loadMnistClassifier } from './load-mnist-classifier.js';
import {
  MNIST_CLASSES, MNIST_FEATURE_DIMENSIONS, splitMnistForClassifier, type MnistClassifier,
} from './mnist-classifier.js';
import { modeCoverage, MODE_COVERAGE_SAMPLES } from './mode-coverage.js';
import { stackedMnistModes } from './stacked-mnist-modes.js';

/** The kinds of data that have metrics. */
export const METRICS_KINDS = ['ring', 'grid', 'mnist', 'stacked-mnist'] as const;
/** One of {@link METRICS_KINDS}. */
export type MetricsKind = (typeof METRICS_KINDS)[number];

/** Samples to evaluate: `images` of `shape` `[count, height, width, channels]`. */
export interface SampleSet {
  images: Float32Array;
  shape: readonly number[];
}

/** What the image metrics compare against; see {@link createMetricsReference}. */
export interface MetricsReference {
  /** Classifies digits: needed for 'mnist' and 'stacked-mnist'. */
  classifier?: MnistClassifier;
  /** The classifier's features of real digits, for the Frechet distance. */
  realStatistics?: GaussianStatistics;
}

/**
 * Samples each kind's protocol draws: 2,500 for the 2-D mixtures (as in the
 * mode-collapse literature), 10,000 digits, and 25,600 Stacked MNIST images
 * (Metz et al., 2017).
 */
export const METRICS_SAMPLE_COUNTS: Record<MetricsKind, number> = {
  ring: MODE_COVERAGE_SAMPLES,
  grid: MODE_COVERAGE_SAMPLES,
  mnist: 10_000,
  'stacked-mnist': 25_600,
};

/** The shape (without count) that each kind's samples must have. */
const SAMPLE_SHAPES: Record<MetricsKind, number[]> = {
  ring: [1, 1, 2],
  grid: [1, 1, 2],
  mnist: [28, 28, 1],
  'stacked-mnist': [28, 28, 3],
};

/**
 * The metrics of generated `samples` of a kind of data, by name:
 * - ring, grid: modesCovered, modeCount, highQualityPercent, modeKl
 *   (see modeCoverage);
 * - mnist: classesCovered, classKl, inceptionScore, and frechetDistance when
 *   the reference has real statistics (the classifier's features);
 * - stacked-mnist: modesCovered, modeCount (1000), modeKl.
 * The image kinds need `reference.classifier`. KL values are in nats and
 * NaN where undefined (no high-quality 2-D sample).
 */
export function evaluateSamples(
  kind: MetricsKind,
  samples: SampleSet,
  reference: MetricsReference = {},
): Record<string, number> {
  const expected = SAMPLE_SHAPES[kind];
  if (expected === undefined) {
    throw new GanError('BAD_ARGUMENT',
      `evaluateSamples: unknown kind '${kind}'; expected one of ${METRICS_KINDS.join(', ')}`);
  }
  const [count, ...shape] = samples.shape;
  const fits = shape.length === 3 && shape.every((d, i) => d === expected[i]) &&
    Number.isInteger(count) && count >= 1 &&
    samples.images.length === count * expected[0] * expected[1] * expected[2];
  if (!fits) {
    throw new GanError('SHAPE_MISMATCH',
      `evaluateSamples: ${kind} samples must be [count, ${expected.join(', ')}] with ` +
      `count >= 1, got [${samples.shape.join(', ')}] holding ${samples.images.length} values`);
  }

  if (kind === 'ring' || kind === 'grid') {
    return { ...modeCoverage(samples.images, mixtureNamed(kind)) };
  }
  const classifier = reference.classifier;
  if (classifier === undefined) {
    throw new GanError('MISSING_CLASSIFIER',
      `evaluateSamples: ${kind} metrics need reference.classifier (loadMnistClassifier)`);
  }
  if (kind === 'mnist') {
    const predictions = classifier.predict(samples.images, count);
    const metrics: Record<string, number> = {
      ...classCoverage(predictions.classes, MNIST_CLASSES),
      inceptionScore: inceptionScore(predictions.probabilities, MNIST_CLASSES),
    };
    if (reference.realStatistics !== undefined && count >= 2) {
      const generated = gaussianStatistics(predictions.features, MNIST_FEATURE_DIMENSIONS);
      metrics.frechetDistance = frechetDistance(generated, reference.realStatistics);
    }
    return metrics;
  }
  return {
    ...stackedMnistModes(classifier.predict(splitChannels(samples.images, count), 3 * count)
      .classes),
    modeCount: STACKED_MNIST_MODES,
  };
}

/**
 * Stacked images `[count, 28, 28, 3]` as `[3 count, 28, 28, 1]` digits, the
 * channels of sample i at rows 3i, 3i + 1 and 3i + 2.
 */
function splitChannels(images: Float32Array, count: number): Float32Array {
  const pixels = 28 * 28;
  const digits = new Float32Array(images.length);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < 3; c++) {
      const to = (3 * i + c) * pixels;
      for (let p = 0; p < pixels; p++) digits[to + p] = images[(i * pixels + p) * 3 + c];
    }
  }
  return digits;
}

/** A reference that owns its classifier: dispose it when done. */
export interface OwnedMetricsReference extends MetricsReference {
  dispose(): void;
}

/**
 * Everything `evaluateSamples` needs for `kind`: nothing for the mixtures;
 * the shipped classifier for the image kinds; for 'mnist' also the
 * statistics of its features on the 2,000 held-out digits of
 * splitMnistForClassifier (from `mnist`, or the bundled digits).
 */
export async function createMetricsReference(
  backend: Backend,
  kind: MetricsKind,
  mnist?: ImageDataset,
): Promise<OwnedMetricsReference> {
  if (kind === 'ring' || kind === 'grid') return { dispose: () => {} };
  const classifier = loadMnistClassifier(backend);
  try {
    let realStatistics: GaussianStatistics | undefined;
    if (kind === 'mnist') {
      const { heldOut } = splitMnistForClassifier(mnist ?? (await loadMnist()));
      const { features } = classifier.predict(heldOut.images, heldOut.count);
      realStatistics = gaussianStatistics(features, MNIST_FEATURE_DIMENSIONS);
    }
    return { classifier, realStatistics, dispose: () => classifier.dispose() };
  } catch (error) {
    classifier.dispose();
    throw error;
  }
}
