/** Checking a Conv2dGeometry and handing it to the kernels as a block of 15 int32 values. */
import { checkProduct } from '../checks.js';
import type { Conv2dGeometry } from '../conv2d-geometry.js';
import { EngineError } from '../errors.js';
import type { KernelContext } from './context.js';

/** Field order of the block; must match class Conv2dGeometry in assembly/conv2d-geometry.ts. */
export const GEOMETRY_FIELDS = [
  'batch', 'inHeight', 'inWidth', 'inChannels', 'outHeight', 'outWidth', 'outChannels',
  'filterHeight', 'filterWidth', 'strideHeight', 'strideWidth', 'dilationHeight',
  'dilationWidth', 'padTop', 'padLeft',
] as const satisfies readonly (keyof Conv2dGeometry)[];

/** Float counts of the tensors a geometry describes. */
export interface Conv2dSizes {
  /** x [batch, inHeight, inWidth, inChannels] */
  input: number;
  /** filter [filterHeight, filterWidth, inChannels, outChannels] */
  filter: number;
  /** y [batch, outHeight, outWidth, outChannels] */
  output: number;
  /** batch * outHeight * outWidth: rows of the im2col matrix */
  pixels: number;
  /** filterHeight * filterWidth * inChannels: columns of the im2col matrix */
  taps: number;
}

/** Index arithmetic in the kernels is int32: keep every spanned coordinate below 2^30. */
const MAX_SPAN = 2 ** 30;

/**
 * Checks that every field is a non-negative integer, strides, dilations and filter sizes are at
 * least 1, and the sizes fit memory; returns the tensor sizes. Throws naming `op`.
 */
export function checkGeometry(op: string, geometry: Conv2dGeometry): Conv2dSizes {
  if (typeof geometry !== 'object' || geometry === null) {
    throw new EngineError('INVALID_ARGUMENT', `${op}: geometry must be a Conv2dGeometry object`);
  }
  for (const field of GEOMETRY_FIELDS) {
    const value = geometry[field];
    const positive = /^(stride|dilation|filter)/.test(field);
    if (!Number.isInteger(value) || value < (positive ? 1 : 0) || value > MAX_SPAN) {
      throw new EngineError(
        'INVALID_ARGUMENT',
        `${op}: geometry.${field} must be an integer ${positive ? '>= 1' : '>= 0'}, got ${value}`,
      );
    }
  }
  const g = geometry;
  const rowSpan = (g.outHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight;
  const columnSpan = (g.outWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth;
  if (rowSpan + g.padTop >= MAX_SPAN || columnSpan + g.padLeft >= MAX_SPAN) {
    throw new EngineError(
      'SHAPE_MISMATCH',
      `${op}: geometry spans ${rowSpan} rows and ${columnSpan} columns, more than 2^30`,
    );
  }
  return {
    input: checkProduct(op, 'x', [g.batch, g.inHeight, g.inWidth, g.inChannels]),
    filter: checkProduct(op, 'filter', [
      g.filterHeight, g.filterWidth, g.inChannels, g.outChannels,
    ]),
    output: checkProduct(op, 'y', [g.batch, g.outHeight, g.outWidth, g.outChannels]),
    pixels: checkProduct(op, 'im2col rows', [g.batch, g.outHeight, g.outWidth]),
    taps: checkProduct(op, 'im2col columns', [g.filterHeight, g.filterWidth, g.inChannels]),
  };
}

/** Writes `geometry` into the engine's geometry block and returns the block's byte offset. */
export function writeGeometry(context: KernelContext, geometry: Conv2dGeometry): number {
  const block = new Int32Array(context.memory.buffer, context.geometryBlock, 16);
  GEOMETRY_FIELDS.forEach((field, index) => {
    block[index] = geometry[field];
  });
  return context.geometryBlock;
}
