/**
 * Metrics of generated samples: mode coverage of the 2-D mixtures, and, with
 * a small MNIST classifier shipped in the package, class coverage, the
 * inception score, the Frechet distance and Stacked MNIST modes.
 */
export { classCoverage } from './class-coverage.js';
export type { ClassCoverage } from './class-coverage.js';
export {
  createMetricsReference, evaluateSamples, METRICS_KINDS, METRICS_SAMPLE_COUNTS,
} from './evaluate.js';
export type {
  MetricsKind, MetricsReference, OwnedMetricsReference, SampleSet,
} from './evaluate.js';
export { frechetDistance, gaussianStatistics } from './frechet-distance.js';
export type { GaussianStatistics } from './frechet-distance.js';
export { binsCovered, histogram, klToUniform } from './histogram.js';
export { inceptionScore } from './inception-score.js';
export { loadMnistClassifier } from './load-mnist-classifier.js';
export {
  MNIST_CLASSES, MNIST_CLASSIFIER_LAYERS, MNIST_FEATURE_DIMENSIONS, MNIST_HELD_OUT_COUNT,
  MNIST_SHAPE, MNIST_SPLIT_SEED, MnistClassifier, splitMnistForClassifier,
} from './mnist-classifier.js';
export type { MnistPredictions } from './mnist-classifier.js';
export { MNIST_CLASSIFIER_HELD_OUT_ACCURACY } from './mnist-classifier-weights.js';
export { modeCoverage, MODE_COVERAGE_SAMPLES } from './mode-coverage.js';
export type { ModeCoverage } from './mode-coverage.js';
export { stackedMnistModes } from './stacked-mnist-modes.js';
export type { StackedMnistModes } from './stacked-mnist-modes.js';
export { sqrtSymmetric, symmetricEigen } from './symmetric-eigen.js';
export { trainingMetrics } from './training-metrics.js';
export type { TrainingMetricsOptions } from './training-metrics.js';
export type { SymmetricEigen } from './symmetric-eigen.js';
