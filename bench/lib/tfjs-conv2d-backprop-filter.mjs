/**
 * The Conv2DBackpropFilter kernel that tfjs-backend-wasm 4.22 lacks, written
 * here in JavaScript on top of tfjs ops, so that a DCGAN can train on that
 * backend at all. It is the bench's stand-in, not tfjs's own code: its speed
 * is that of tf.matMul plus the data movement of im2col.
 *
 * im2col (Chellapilla et al., 2006): for each filter tap (row, column) a
 * strided slice of the padded input gives the input values that tap meets,
 * [batch, outHeight, outWidth, inChannels]; concatenated along channels in
 * tap order they form the patch matrix
 * [batch * outHeight * outWidth, filterHeight * filterWidth * inChannels],
 * whose columns follow the filter's [filterHeight, filterWidth, inChannels]
 * order. Then dfilter = patches^T dy, one matrix product.
 */
import { tf } from './tfjs.mjs';

/**
 * dfilter [filterHeight, filterWidth, inChannels, outChannels] of an NHWC
 * convolution, from x [batch, height, width, inChannels] and
 * dy [batch, outHeight, outWidth, outChannels].
 */
export function conv2dBackpropFilterIm2col(x, dy, filterShape, strides, pad, dimRoundingMode) {
  const info = tf.backend_util.computeConv2DInfo(
    x.shape, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const {
    batchSize, outHeight, outWidth, inChannels, outChannels,
    filterHeight, filterWidth, strideHeight, strideWidth, padInfo,
  } = info;

  return tf.tidy(() => {
    const padded = tf.pad(x, [
      [0, 0], [padInfo.top, padInfo.bottom], [padInfo.left, padInfo.right], [0, 0],
    ]);
    const taps = [];
    for (let row = 0; row < filterHeight; row++) {
      for (let column = 0; column < filterWidth; column++) {
        taps.push(tf.stridedSlice(
          padded,
          [0, row, column, 0],
          [
            batchSize,
            row + (outHeight - 1) * strideHeight + 1,
            column + (outWidth - 1) * strideWidth + 1,
            inChannels,
          ],
          [1, strideHeight, strideWidth, 1],
        ));
      }
    }
    const positions = batchSize * outHeight * outWidth;
    const patches = tf.reshape(tf.concat(taps, 3),
      [positions, filterHeight * filterWidth * inChannels]);
    const gradient = tf.reshape(dy, [positions, outChannels]);
    return tf.reshape(tf.matMul(patches, gradient, true, false), filterShape);
  });
}

let registered = false;

/**
 * Registers conv2dBackpropFilterIm2col as the wasm backend's
 * Conv2DBackpropFilter kernel (once per process), unless the backend has
 * gained its own. Returns whether the bench's kernel is the one in use.
 */
export function registerConv2dBackpropFilter() {
  if (registered) return true;
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined) return false;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
      if (dataFormat !== 'NHWC') {
        throw new Error(`Conv2DBackpropFilter (bench im2col): only NHWC, got ${dataFormat}`);
      }
      // Ops called inside a kernel run at kernel depth 1: the engine keeps
      // them off the gradient tape, and the tidy above frees their temporaries.
      return conv2dBackpropFilterIm2col(x, dy, filterShape, strides, pad, dimRoundingMode);
    },
  });
  registered = true;
  return true;
}
