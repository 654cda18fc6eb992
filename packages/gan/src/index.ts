/**
 * simdgan's GAN library: tensors with reverse-mode autograd on the
 * WebAssembly backend, layers, losses, Adam, DCGAN models, a trainer that
 * emits events, data sets and model files.
 */
export { createBackend } from './backend.js';
export type { Backend, BackendOptions } from './backend.js';
export { GanError } from './errors.js';
export { Random } from './random.js';
export type { RandomState } from './random.js';
export {
  Tensor, empty, keep, sizeOf, tensor, tidy, variable,
} from './tensor.js';
export { grad, noGrad } from './autograd.js';
export type { GradOptions } from './autograd.js';

export { add, binary, div, mul, mulPerSample, sub } from './ops/binary.js';
export { fill, ones, onesLike, zeros, zerosLike } from './ops/creation.js';
export {
  conv2d, conv2dBackpropFilter, conv2dBackpropInput,
} from './ops/conv2d.js';
export { conv2dTranspose } from './ops/conv2d-transpose.js';
export { matmul } from './ops/matmul.js';
export {
  mean, meanLeading, sum, sumLeading, sumTrailing,
} from './ops/reduce.js';
export { flatten, reshape } from './ops/reshape.js';
export { sigmoidCrossEntropy } from './ops/sigmoid-cross-entropy.js';
export { softmax } from './ops/softmax.js';
export { softmaxCrossEntropy } from './ops/softmax-cross-entropy.js';
export {
  abs, addScalar, clip, exp, leakyRelu, log, neg, reciprocal, relu, scale,
  sigmoid, sign, softplus, sqrt, square, step, tanh,
} from './ops/unary.js';

export { Sequential } from './layers/sequential.js';
export type { LayerSpec, WithFeatures } from './layers/sequential.js';
export type { Initializer, Layer, NamedTensor } from './layers/layer.js';
export { Adam } from './optimizers/adam.js';
export type { AdamOptions } from './optimizers/adam.js';
export { gradientNorm } from './optimizers/gradient-norm.js';
export { discriminatorLoss } from './losses/cross-entropy.js';
export type { CrossEntropyOptions } from './losses/cross-entropy.js';
export { minimaxLoss, saturatingGeneratorLoss } from './losses/minimax.js';
export { generatorLoss, nonSaturatingLoss } from './losses/non-saturating.js';
export {
  leastSquaresDiscriminatorLoss, leastSquaresGeneratorLoss, leastSquaresLoss,
} from './losses/least-squares.js';
export { hingeDiscriminatorLoss, hingeGeneratorLoss, hingeLoss } from './losses/hinge.js';
export {
  wassersteinClipLoss, wassersteinCriticLoss, wassersteinGeneratorLoss,
  wassersteinGpLoss,
} from './losses/wasserstein.js';
export {
  relativisticAverageLoss, relativisticDiscriminatorLoss,
  relativisticGeneratorLoss,
} from './losses/relativistic-average.js';
export {
  gradientPenalty, interpolate, penaltyFromNorms, perSampleNorms,
} from './losses/gradient-penalty.js';
export { clipWeights } from './losses/weight-clipping.js';
export { featureMatchingLoss } from './losses/feature-matching.js';
export { LOSS_NAMES } from './losses/gan-loss.js';
export type {
  DiscriminatorLossOptions, GanLoss, LossName,
} from './losses/gan-loss.js';
export { ganLoss } from './losses/registry.js';
export { concatLast, sliceLast } from './ops/concat.js';
export type { MinibatchStdDevSpec } from './layers/minibatch-std-dev.js';
export { spectralNorm } from './layers/spectral-norm.js';
export type { SpectralNorm } from './layers/spectral-norm.js';
export { dcganDiscriminator, dcganGenerator } from './models/dcgan.js';
export type { DcganOptions, DiscriminatorRemedies } from './models/dcgan.js';
export { mlpDiscriminator, mlpGenerator } from './models/mlp.js';
export type { MlpGeneratorOptions, MlpOptions } from './models/mlp.js';
export { appendLabels } from './models/conditioning.js';
export { updateAverage } from './models/ema.js';
export { buildGanDescriptions, isPointShape } from './models/gan-models.js';
export type { DataShape } from './models/gan-models.js';
export { Network } from './models/network.js';
export type { NetworkDescription } from './models/network.js';
export { generate, loadGenerator } from './models/generator.js';
export type { LoadedGenerator, Samples } from './models/generator.js';
export { crc32, decodeBundle, encodeBundle } from './serialize.js';
export type { StoredTensor } from './serialize.js';
export {
  defaultTrainConfig, MODEL_NAMES, resolveTrainConfig,
} from './train-config.js';
export type { TrainConfig } from './train-config.js';
export { Trainer } from './trainer.js';
export type { MetricsFunction, ResumeOptions } from './trainer.js';
export type {
  MetricsEvent, SamplesEvent, StepEvent, TrainerEvents, WarningEvent,
  WarningEventName,
} from './trainer-events.js';
export { NonFiniteError } from './non-finite.js';
export { instanceNoiseDeviation } from './training-step.js';
export type {
  DiscriminatorFigures, GeneratorFigures, RealBatch,
} from './training-step.js';
export { CHECKPOINT_FORMAT, datasetFingerprint } from './checkpoint.js';
export type { DatasetFingerprint } from './checkpoint.js';
export * from './data/index.js';
export * from './diagnostics/index.js';
export * from './metrics/index.js';
