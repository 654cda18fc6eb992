import { describe, expect, it } from 'vitest';
import { conv2dGeometry, conv2dTransposeGeometry } from './conv2d-geometry.js';
import { expectEngineError } from './test/helpers.js';

const pads = (size: number, kernel: number, stride: number) => {
  const g = conv2dGeometry([1, size, size, 1], [kernel, kernel, 1, 1], {
    strides: stride,
    padding: 'same',
  });
  const bottom = (g.outHeight - 1) * stride + kernel - size - g.padTop;
  return { out: g.outHeight, top: g.padTop, bottom };
};

describe('conv2dGeometry', () => {
  it('K1: TensorFlow "same" padding puts the odd pixel at the bottom/right', () => {
    expect(pads(1, 3, 2)).toEqual({ out: 1, top: 1, bottom: 1 });
    expect(pads(2, 3, 2)).toEqual({ out: 1, top: 0, bottom: 1 });
    expect(pads(3, 3, 2)).toEqual({ out: 2, top: 1, bottom: 1 });
    expect(pads(8, 2, 2)).toEqual({ out: 4, top: 0, bottom: 0 });
    expect(pads(6, 3, 2)).toEqual({ out: 3, top: 0, bottom: 1 });
  });

  it('K2: a stride larger than the input still gives one output row', () => {
    const g = conv2dGeometry([1, 3, 3, 1], [2, 1, 1, 1], { strides: [5, 2], padding: 'same' });
    expect([g.outHeight, g.outWidth, g.padTop, g.padLeft]).toEqual([1, 2, 0, 0]);
  });

  it('K3: dilation widens the kernel without striding', () => {
    const g = conv2dGeometry([1, 10, 10, 1], [3, 3, 1, 1], { dilations: 2 });
    expect([g.outHeight, g.outWidth, g.strideHeight, g.dilationHeight]).toEqual([6, 6, 1, 2]);
  });

  it('K4: a 1x3 filter with stride 2 pads left 1 and right 1', () => {
    const g = conv2dGeometry([1, 4, 3, 1], [1, 3, 1, 1], { strides: 2, padding: 'same' });
    expect([g.outHeight, g.outWidth, g.padTop, g.padLeft]).toEqual([2, 2, 0, 1]);
  });

  it('K11: a zero output dimension is allowed', () => {
    const g = conv2dGeometry([1, 5, 2, 3], [3, 3, 3, 2], { strides: 2 });
    expect([g.outHeight, g.outWidth, g.outChannels]).toEqual([2, 0, 2]);
  });

  it('explicit padding adds to the input before the valid rule', () => {
    const g = conv2dGeometry([1, 4, 4, 1], [3, 3, 1, 1], { padding: [[1, 2], [0, 1]] });
    expect([g.outHeight, g.outWidth, g.padTop, g.padLeft]).toEqual([5, 3, 1, 0]);
  });

  it('rejects mismatched channels, bad shapes and options with codes and messages', () => {
    expectEngineError(
      () => conv2dGeometry([1, 4, 4, 3], [3, 3, 1, 2]),
      'SHAPE_MISMATCH',
      'conv2d: input channels 3 do not match filter input channels 1',
    );
    expectEngineError(
      () => conv2dGeometry([1, 4, 4], [3, 3, 1, 2]),
      'SHAPE_MISMATCH',
      'conv2d: input shape must be 4 non-negative integers [batch, height, width, inChannels]',
    );
    expectEngineError(
      () => conv2dGeometry([1, 4, 4, 1], [0, 3, 1, 2]),
      'SHAPE_MISMATCH',
      'conv2d: filter height and width must be at least 1, got 0x3',
    );
    expectEngineError(
      () => conv2dGeometry([1, 4, 4, 1], [3, 3, 1, 2], { strides: 0 }),
      'INVALID_ARGUMENT',
      'conv2d: strides must be a positive integer or two of them, got 0',
    );
    expectEngineError(
      () => conv2dGeometry([1, 4, 4, 1], [3, 3, 1, 2], { padding: [[1, -1], [0, 0]] }),
      'INVALID_ARGUMENT',
      "conv2d: padding must be 'same', 'valid' or [[top, bottom], [left, right]]",
    );
  });
});

describe('conv2dTransposeGeometry', () => {
  const size = (input: number, kernel: number, stride: number) =>
    conv2dTransposeGeometry([1, input, input, 1], [kernel, kernel, 1, 1], undefined, {
      strides: stride,
      padding: 'same',
    }).inHeight;

  it('K5: default output sizes for "same"', () => {
    expect(size(4, 2, 1)).toBe(4);
    expect(size(7, 3, 2)).toBe(14);
  });

  it('K6: "valid" defaults to (in - 1) * stride + kernel', () => {
    const g = conv2dTransposeGeometry([1, 1, 2, 1], [1, 1, 1, 1], undefined, { strides: 2 });
    expect([g.inHeight, g.inWidth, g.outHeight, g.outWidth]).toEqual([1, 3, 1, 2]);
  });

  it('is the forward geometry of its output shape', () => {
    const options = { strides: 2, padding: 'same' as const };
    const forward = conv2dGeometry([2, 5, 7, 3], [3, 3, 3, 4], options);
    expect(conv2dTransposeGeometry([2, 3, 4, 4], [3, 3, 3, 4], [2, 5, 7, 3], options)).toEqual(
      forward,
    );
  });

  it('rejects an output shape that the forward convolution does not map onto the input', () => {
    expectEngineError(
      () => conv2dTransposeGeometry([1, 3, 3, 1], [3, 3, 1, 1], [1, 7, 6, 1], {
        strides: 2,
        padding: 'same',
      }),
      'SHAPE_MISMATCH',
      "conv2dTranspose: the forward convolution of output 7x6 gives 4x3, not the input's 3x3",
    );
    expectEngineError(
      () => conv2dTransposeGeometry([1, 3, 3, 2], [3, 3, 1, 1]),
      'SHAPE_MISMATCH',
      'conv2dTranspose: input channels 2 do not match filter[3] = 1',
    );
  });
});
