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
export {
  abs, addScalar, clip, exp, leakyRelu, log, neg, reciprocal, relu, scale,
  sigmoid, sign, softplus, sqrt, square, step, tanh,
} from './ops/unary.js';

export { Sequential } from './layers/sequential.js';
export type { LayerSpec } from './layers/sequential.js';
export type { Initializer, Layer, NamedTensor } from './layers/layer.js';
export { Adam } from './optimizers/adam.js';
export type { AdamOptions } from './optimizers/adam.js';
export {
  discriminatorLoss, generatorLoss, saturatingGeneratorLoss,
} from './losses/gan-losses.js';
export type { CrossEntropyOptions } from './losses/gan-losses.js';
export { dcganDiscriminator, dcganGenerator } from './models/dcgan.js';
export type { DcganOptions } from './models/dcgan.js';
export { Network } from './models/network.js';
export type { NetworkDescription } from './models/network.js';
export { generate, loadGenerator } from './models/generator.js';
export type { LoadedGenerator, Samples } from './models/generator.js';
export { crc32, decodeBundle, encodeBundle } from './serialize.js';
export type { StoredTensor } from './serialize.js';
export { defaultTrainConfig, resolveTrainConfig } from './train-config.js';
export type { TrainConfig } from './train-config.js';
export { Trainer } from './trainer.js';
export type { SamplesEvent, StepEvent } from './trainer.js';
export * from './data/index.js';
