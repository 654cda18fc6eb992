import {
  conv2dTransposeGeometry,
  type Conv2dOptions,
} from '@simdgan/core-wasm';
import type { Tensor } from '../tensor.js';
import { conv2dBackpropInput } from './conv2d.js';

/**
 * Transposed convolution (sometimes called deconvolution): the exact
 * adjoint of conv2d. x: [batch, height, width, inChannels]; filter:
 * [filterHeight, filterWidth, outChannels, inChannels] (TensorFlow layout);
 * outputShape defaults to height * stride for 'same'. Returns
 * [batch, outHeight, outWidth, outChannels].
 */
export function conv2dTranspose(
  x: Tensor,
  filter: Tensor,
  options: Conv2dOptions = {},
  outputShape?: number[],
): Tensor {
  x.assertAlive('conv2dTranspose');
  filter.assertAlive('conv2dTranspose');
  const geometry = conv2dTransposeGeometry(x.shape as number[],
    filter.shape as number[], outputShape, options);
  return conv2dBackpropInput(x, filter, geometry);
}
