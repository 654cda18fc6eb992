import {
  conv2dGeometry,
  type Conv2dGeometry,
  type Conv2dOptions,
} from '@simdgan/core-wasm';
import { record } from '../autograd.js';
import { empty, type Tensor } from '../tensor.js';

/**
 * 2-D convolution (cross-correlation, as in every deep learning library).
 * x: [batch, height, width, inChannels]; filter: [filterHeight,
 * filterWidth, inChannels, outChannels]; 'same' padding follows TensorFlow.
 * Returns [batch, outHeight, outWidth, outChannels].
 */
export function conv2d(
  x: Tensor,
  filter: Tensor,
  options: Conv2dOptions = {},
): Tensor {
  x.assertAlive('conv2d');
  filter.assertAlive('conv2d');
  const geometry = conv2dGeometry(x.shape as number[],
    filter.shape as number[], options);
  return conv2dWithGeometry(x, filter, geometry);
}

/** conv2d with a geometry already worked out; used by gradient rules. */
export function conv2dWithGeometry(
  x: Tensor,
  filter: Tensor,
  geometry: Conv2dGeometry,
): Tensor {
  const g = geometry;
  const y = empty(x.backend, [g.batch, g.outHeight, g.outWidth, g.outChannels]);
  x.backend.conv2d(x.dataId, filter.dataId, y.dataId, g);
  return record(y, 'conv2d', [x, filter], (dy, needed) => [
    needed[0] ? conv2dBackpropInput(dy, filter, g) : null,
    needed[1] ? conv2dBackpropFilter(x, dy, g) : null,
  ]);
}

/**
 * The adjoint of conv2d with respect to its input: the transposed
 * convolution. dy: [batch, outHeight, outWidth, outChannels] of the forward
 * geometry `g`; returns [batch, inHeight, inWidth, inChannels].
 */
export function conv2dBackpropInput(
  dy: Tensor,
  filter: Tensor,
  g: Conv2dGeometry,
): Tensor {
  const dx = empty(dy.backend, [g.batch, g.inHeight, g.inWidth, g.inChannels]);
  dy.backend.conv2dBackpropInput(dy.dataId, filter.dataId, dx.dataId, g);
  // dx is linear in dy and in the filter: its adjoints are conv2d and the
  // filter gradient again.
  return record(dx, 'conv2dBackpropInput', [dy, filter], (ddx, needed) => [
    needed[0] ? conv2dWithGeometry(ddx, filter, g) : null,
    needed[1] ? conv2dBackpropFilter(ddx, dy, g) : null,
  ]);
}

/**
 * The gradient of conv2d with respect to its filter, for input x and
 * output gradient dy; returns [filterHeight, filterWidth, inChannels,
 * outChannels].
 */
export function conv2dBackpropFilter(
  x: Tensor,
  dy: Tensor,
  g: Conv2dGeometry,
): Tensor {
  const shape = [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels];
  const dfilter = empty(x.backend, shape);
  x.backend.conv2dBackpropFilter(x.dataId, dy.dataId, dfilter.dataId, g);
  // <dfilter, h> = <dy, conv(x, h)> = <x, convT(dy, h)>.
  return record(dfilter, 'conv2dBackpropFilter', [x, dy], (h, needed) => [
    needed[0] ? conv2dBackpropInput(dy, h, g) : null,
    needed[1] ? conv2dWithGeometry(x, h, g) : null,
  ]);
}
