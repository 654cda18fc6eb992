/**
 * @simdgan/core-wasm: WebAssembly kernels (SIMD and scalar builds) for training GANs on CPUs,
 * and their TypeScript host. Tensors are float32, NHWC; buffers live in one shared memory.
 */
export { type BuildKind, buildBytes, supportedBuilds } from './builds.js';
export {
  type Conv2dGeometry,
  type Conv2dOptions,
  conv2dGeometry,
  conv2dTransposeGeometry,
  type Padding,
} from './conv2d-geometry.js';
export { createEngine, type Engine, type EngineOptions } from './engine.js';
export { ENGINE_ERROR_CODES, EngineError, type EngineErrorCode } from './errors.js';
export { BINARY_OPS, type BinaryOp, type BroadcastMode } from './kernels/binary.js';
export { DEFAULT_LEAKY_SLOPE, UNARY_OPS, type UnaryOp } from './kernels/unary.js';
export * as reference from './reference/index.js';
export {
  referenceConv2d,
  referenceConv2dBackpropFilter,
  referenceConv2dBackpropInput,
  referenceMatmul,
} from './reference/index.js';
