/**
 * Geometry of 2-D convolutions, NHWC, with TensorFlow's padding rules: 'same' gives
 * out = ceil(in / stride) with total padding max((out - 1) * stride + effectiveKernel - in, 0),
 * the smaller half at top/left; 'valid' pads nothing. effectiveKernel = (k - 1) * dilation + 1.
 */
import { EngineError } from './errors.js';

/** Everything a conv kernel needs; padBottom and padRight follow from the sizes. */
export interface Conv2dGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

/** 'same', 'valid', or explicit [[top, bottom], [left, right]] padding. */
export type Padding = 'same' | 'valid' | [[number, number], [number, number]];

/** Options of conv2dGeometry: strides and dilations default to 1, padding to 'valid'. */
export interface Conv2dOptions {
  strides?: number | [number, number];
  padding?: Padding;
  dilations?: number | [number, number];
}

function checkShape(op: string, name: string, shape: number[], layout: string): void {
  const valid = Array.isArray(shape) && shape.length === 4 &&
    shape.every((size) => Number.isInteger(size) && size >= 0);
  if (!valid) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: ${name} shape must be 4 non-negative integers ${layout}, ` +
        `got ${JSON.stringify(shape)}`,
    );
  }
}

function checkPair(
  op: string,
  name: string,
  value: number | [number, number] | undefined,
): [number, number] {
  const pair: unknown[] =
    value === undefined ? [1, 1] : Array.isArray(value) ? value : [value, value];
  if (pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && (v as number) >= 1)) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `${op}: ${name} must be a positive integer or two of them, got ${JSON.stringify(value)}`,
    );
  }
  return pair as [number, number];
}

/** Padding of one axis: 'same', 'valid', or explicit [before, after]. */
type AxisPadding = 'same' | 'valid' | [number, number];

function checkPadding(op: string, padding: Padding | undefined): [AxisPadding, AxisPadding] {
  const value = padding ?? 'valid';
  if (value === 'same' || value === 'valid') return [value, value];
  const explicit = Array.isArray(value) && value.length === 2 &&
    value.every((axis) => Array.isArray(axis) && axis.length === 2 &&
      axis.every((pad) => Number.isInteger(pad) && pad >= 0));
  if (!explicit) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      `${op}: padding must be 'same', 'valid' or [[top, bottom], [left, right]] of non-negative ` +
        `integers, got ${JSON.stringify(padding)}`,
    );
  }
  return [value[0], value[1]];
}

/** Output size and leading pad of one axis. */
function axisGeometry(
  size: number,
  effectiveKernel: number,
  stride: number,
  padding: AxisPadding,
): { out: number; before: number } {
  if (padding === 'same') {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + effectiveKernel - size, 0);
    return { out, before: Math.floor(total / 2) };
  }
  const [before, after] = padding === 'valid' ? [0, 0] : padding;
  const span = size + before + after;
  const out = span >= effectiveKernel ? Math.floor((span - effectiveKernel) / stride) + 1 : 0;
  return { out, before };
}

function forwardGeometry(
  op: string,
  inputShape: number[],
  filterShape: number[],
  options: Conv2dOptions,
): Conv2dGeometry {
  checkShape(op, 'input', inputShape, '[batch, height, width, inChannels]');
  checkShape(op, 'filter', filterShape, '[filterHeight, filterWidth, inChannels, outChannels]');
  const [batch, inHeight, inWidth, inChannels] = inputShape;
  const [filterHeight, filterWidth, filterChannels, outChannels] = filterShape;
  if (filterHeight < 1 || filterWidth < 1) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: filter height and width must be at least 1, got ${filterHeight}x${filterWidth}`,
    );
  }
  if (inChannels !== filterChannels) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: input channels ${inChannels} do not match filter input channels ${filterChannels}`,
    );
  }
  const [strideHeight, strideWidth] = checkPair(op, 'strides', options.strides);
  const [dilationHeight, dilationWidth] = checkPair(op, 'dilations', options.dilations);
  const [rowPadding, columnPadding] = checkPadding(op, options.padding);
  const rows = axisGeometry(
    inHeight, (filterHeight - 1) * dilationHeight + 1, strideHeight, rowPadding);
  const columns = axisGeometry(
    inWidth, (filterWidth - 1) * dilationWidth + 1, strideWidth, columnPadding);
  return {
    batch, inHeight, inWidth, inChannels,
    outHeight: rows.out, outWidth: columns.out, outChannels,
    filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth,
    padTop: rows.before, padLeft: columns.before,
  };
}

/**
 * Forward convolution geometry of input [batch, height, width, inChannels] and filter
 * [filterHeight, filterWidth, inChannels, outChannels]. An output dimension may be 0 (a 'valid'
 * filter larger than the input): the convolution then yields an empty output.
 * Throws SHAPE_MISMATCH or INVALID_ARGUMENT naming the rule and the values.
 */
export function conv2dGeometry(
  inputShape: number[],
  filterShape: number[],
  options: Conv2dOptions = {},
): Conv2dGeometry {
  return forwardGeometry('conv2d', inputShape, filterShape, options);
}

/** Default transposed-conv output size of one axis (the largest the forward rule allows). */
function transposedSize(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: AxisPadding,
): number {
  if (padding === 'same') return size * stride;
  const [before, after] = padding === 'valid' ? [0, 0] : padding;
  return Math.max((size - 1) * stride + (kernel - 1) * dilation + 1 - before - after, 0);
}

/**
 * Geometry of the transposed convolution of input [batch, height, width, C] with filter
 * [filterHeight, filterWidth, outChannels, C] (TensorFlow's layout), returned as the FORWARD
 * geometry whose input has `outputShape` [batch, H, W, outChannels] and whose output is this
 * input. Several H map to one height under a stride, so outputShape may be given; by default H is
 * height * stride for 'same' and (height - 1) * stride + effectiveKernel for 'valid'.
 * Throws SHAPE_MISMATCH if the forward convolution of outputShape does not give height, width.
 */
export function conv2dTransposeGeometry(
  inputShape: number[],
  filterShape: number[],
  outputShape?: number[],
  options: Conv2dOptions = {},
): Conv2dGeometry {
  const op = 'conv2dTranspose';
  checkShape(op, 'input', inputShape, '[batch, height, width, channels]');
  checkShape(op, 'filter', filterShape, '[filterHeight, filterWidth, outChannels, inChannels]');
  const [batch, height, width, channels] = inputShape;
  const [filterHeight, filterWidth, outChannels, inChannels] = filterShape;
  if (channels !== inChannels) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: input channels ${channels} do not match filter[3] = ${inChannels} (the filter ` +
        'is [filterHeight, filterWidth, outChannels, inChannels])',
    );
  }
  const [strideHeight, strideWidth] = checkPair(op, 'strides', options.strides);
  const [dilationHeight, dilationWidth] = checkPair(op, 'dilations', options.dilations);
  const [rowPadding, columnPadding] = checkPadding(op, options.padding);
  const output = outputShape ?? [
    batch,
    transposedSize(height, filterHeight, strideHeight, dilationHeight, rowPadding),
    transposedSize(width, filterWidth, strideWidth, dilationWidth, columnPadding),
    outChannels,
  ];
  checkShape(op, 'output', output, '[batch, height, width, outChannels]');
  if (output[0] !== batch || output[3] !== outChannels) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: output shape ${JSON.stringify(output)} must have batch ${batch} and filter[2] = ` +
        `${outChannels} channels`,
    );
  }
  const geometry = forwardGeometry(op, output, filterShape, options);
  if (geometry.outHeight !== height || geometry.outWidth !== width) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: the forward convolution of output ${output[1]}x${output[2]} gives ` +
        `${geometry.outHeight}x${geometry.outWidth}, not the input's ${height}x${width}; ` +
        'pass an outputShape that maps onto the input',
    );
  }
  return geometry;
}
