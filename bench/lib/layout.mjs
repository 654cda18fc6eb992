/**
 * Layout changes between simdgan's and tfjs's NHWC ([batch, height, width,
 * channels]) and ONNX's NCHW ([batch, channels, height, width]), and between
 * TensorFlow's filter layout [filterHeight, filterWidth, inChannels,
 * outChannels] and ONNX's weight layouts.
 */

/**
 * Reorders a dense 4-D array: `order[i]` names the source axis that becomes
 * axis i of the result.
 * @param {Float32Array} data
 * @param {number[]} shape source shape
 * @param {number[]} order e.g. [0, 3, 1, 2] for NHWC to NCHW
 * @returns {{data: Float32Array, shape: number[]}}
 */
export function permute4d(data, shape, order) {
  const outShape = order.map((axis) => shape[axis]);
  const strides = [shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1];
  const [s0, s1, s2, s3] = order.map((axis) => strides[axis]);
  const out = new Float32Array(data.length);
  let index = 0;
  for (let i0 = 0; i0 < outShape[0]; i0++) {
    for (let i1 = 0; i1 < outShape[1]; i1++) {
      for (let i2 = 0; i2 < outShape[2]; i2++) {
        const base = i0 * s0 + i1 * s1 + i2 * s2;
        for (let i3 = 0; i3 < outShape[3]; i3++) out[index++] = data[base + i3 * s3];
      }
    }
  }
  return { data: out, shape: outShape };
}

/** [batch, height, width, channels] to [batch, channels, height, width]. */
export const nhwcToNchw = (data, shape) => permute4d(data, shape, [0, 3, 1, 2]);

/** [batch, channels, height, width] to [batch, height, width, channels]. */
export const nchwToNhwc = (data, shape) => permute4d(data, shape, [0, 2, 3, 1]);

/**
 * TensorFlow's conv filter [filterHeight, filterWidth, inChannels,
 * outChannels] as ONNX Conv's weight [outChannels, inChannels, filterHeight,
 * filterWidth].
 */
export const filterToOnnxConv = (data, shape) => permute4d(data, shape, [3, 2, 0, 1]);

/**
 * The same TensorFlow filter seen from the transposed convolution (whose
 * input has the conv's outChannels) as ONNX ConvTranspose's weight
 * [outChannels, inChannels, filterHeight, filterWidth] of the conv, which
 * ConvTranspose reads as [its input channels, its output channels, kH, kW].
 */
export const filterToOnnxConvTranspose = filterToOnnxConv;
