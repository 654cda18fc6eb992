/**
 * The DCGAN of packages/gan (models/dcgan.ts, trainer.ts) written again with
 * tfjs ops, layer for layer, for the train-step suite:
 *
 * generator: dense latent -> 7*7*2f (no bias), batch norm, ReLU, reshape
 * [7, 7, 2f], conv2dTranspose 5x5 stride 2 -> [14, 14, f] (no bias), batch
 * norm, ReLU, conv2dTranspose 5x5 stride 2 -> [28, 28, 1] (+ bias), tanh.
 * discriminator: conv 5x5 stride 2 -> [14, 14, f] (+ bias), LeakyReLU 0.2,
 * conv 5x5 stride 2 -> [7, 7, 2f] (+ bias), LeakyReLU 0.2, flatten, dense -> 1.
 *
 * Weights N(0, 0.02), biases 0; non-saturating cross-entropy losses; one
 * Adam (2e-4, beta1 0.5, beta2 0.999, epsilon 1e-8) per network. A step is
 * one discriminator update on a real batch and fresh fakes (no tape through
 * the generator), then one generator update through the discriminator.
 */

const LEAKY_SLOPE = 0.2;
const BATCH_NORM_MOMENTUM = 0.1;
const BATCH_NORM_EPSILON = 1e-5;

/**
 * @param {typeof import('@tensorflow/tfjs')} tf with the backend to train on set
 * @param {{batchSize: number, latentDim: number, baseFilters: number, imageSize: number,
 *   seed: number}} config
 */
export function createTfjsDcgan(tf, config) {
  const { batchSize, latentDim, baseFilters: f, imageSize, seed } = config;
  const start = imageSize / 4;
  let nextSeed = seed;
  const weight = (shape) => tf.variable(tf.randomNormal(shape, 0, 0.02, 'float32', nextSeed++));
  const zeros = (shape) => tf.variable(tf.zeros(shape));

  const batchNorm = (channels) => ({
    gamma: tf.variable(tf.ones([channels])),
    beta: zeros([channels]),
    runningMean: tf.variable(tf.zeros([channels]), false),
    runningVariance: tf.variable(tf.ones([channels]), false),
  });

  const generator = {
    dense: weight([latentDim, start * start * 2 * f]),
    norm1: batchNorm(start * start * 2 * f),
    filter1: weight([5, 5, f, 2 * f]),
    norm2: batchNorm(f),
    filter2: weight([5, 5, 1, f]),
    bias2: zeros([1]),
  };
  const discriminator = {
    filter1: weight([5, 5, 1, f]),
    bias1: zeros([f]),
    filter2: weight([5, 5, f, 2 * f]),
    bias2: zeros([2 * f]),
    dense: weight([start * start * 2 * f, 1]),
    denseBias: zeros([1]),
  };
  const trainable = (network) => Object.values(network)
    .flatMap((value) => (value instanceof tf.Variable ? [value] : [value.gamma, value.beta]));

  /** Batch normalisation over the last axis, training mode, updating the running stats. */
  function normalise(x, norm) {
    const channels = x.shape[x.shape.length - 1];
    const rows = tf.reshape(x, [-1, channels]);
    const { mean, variance } = tf.moments(rows, 0);
    tf.tidy(() => {
      norm.runningMean.assign(tf.add(tf.mul(norm.runningMean, 1 - BATCH_NORM_MOMENTUM),
        tf.mul(mean, BATCH_NORM_MOMENTUM)));
      norm.runningVariance.assign(tf.add(
        tf.mul(norm.runningVariance, 1 - BATCH_NORM_MOMENTUM),
        tf.mul(variance, BATCH_NORM_MOMENTUM)));
    });
    const normalised = tf.mul(tf.sub(rows, mean), tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)));
    return tf.reshape(tf.add(tf.mul(normalised, norm.gamma), norm.beta), x.shape);
  }

  function generate(latents) {
    const g = generator;
    let x = tf.relu(normalise(tf.matMul(latents, g.dense), g.norm1));
    x = tf.reshape(x, [batchSize, start, start, 2 * f]);
    x = tf.conv2dTranspose(x, g.filter1, [batchSize, 2 * start, 2 * start, f], 2, 'same');
    x = tf.relu(normalise(x, g.norm2));
    x = tf.conv2dTranspose(x, g.filter2, [batchSize, imageSize, imageSize, 1], 2, 'same');
    return tf.tanh(tf.add(x, g.bias2));
  }

  function discriminate(images) {
    const d = discriminator;
    let x = tf.leakyRelu(tf.add(tf.conv2d(images, d.filter1, 2, 'same'), d.bias1), LEAKY_SLOPE);
    x = tf.leakyRelu(tf.add(tf.conv2d(x, d.filter2, 2, 'same'), d.bias2), LEAKY_SLOPE);
    x = tf.reshape(x, [batchSize, start * start * 2 * f]);
    return tf.add(tf.matMul(x, d.dense), d.denseBias);
  }

  // Cross-entropy from logits: BCE(l, 1) = softplus(-l), BCE(l, 0) = softplus(l).
  const realLoss = (logits) => tf.mean(tf.softplus(tf.neg(logits)));
  const fakeLoss = (logits) => tf.mean(tf.softplus(logits));

  const adam = () => tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const discriminatorOptimizer = adam();
  const generatorOptimizer = adam();
  const discriminatorVariables = trainable(discriminator);
  const generatorVariables = trainable(generator);
  const latents = () => tf.randomNormal([batchSize, latentDim], 0, 1, 'float32', nextSeed++);

  return {
    /**
     * One discriminator step and one generator step on a real batch
     * [batchSize, imageSize, imageSize, 1]; returns both losses.
     * @param {Float32Array} realImages
     */
    trainStep(realImages) {
      return tf.tidy(() => {
        const real = tf.tensor4d(realImages, [batchSize, imageSize, imageSize, 1]);
        // Outside minimize: the generator is not on the discriminator's tape.
        const fake = generate(latents());
        const discriminatorLoss = discriminatorOptimizer.minimize(
          () => tf.add(realLoss(discriminate(real)), fakeLoss(discriminate(fake))),
          true, discriminatorVariables);
        const generatorLoss = generatorOptimizer.minimize(
          () => realLoss(discriminate(generate(latents()))), true, generatorVariables);
        return [discriminatorLoss.dataSync()[0], generatorLoss.dataSync()[0]];
      });
    },

    dispose() {
      discriminatorOptimizer.dispose();
      generatorOptimizer.dispose();
      for (const network of [generator, discriminator]) {
        for (const value of Object.values(network)) {
          if (value instanceof tf.Variable) value.dispose();
          else Object.values(value).forEach((variable) => variable.dispose());
        }
      }
    },
  };
}

/**
 * Random batches of real images, drawn with a seeded generator (mulberry32).
 * @param {{count: number, height: number, width: number, channels: number,
 *   images: Float32Array}} dataset NHWC images
 * @returns {() => Float32Array} the next batch [batchSize, height, width,
 *   channels], in one buffer that each call overwrites
 */
export function batchSampler(dataset, batchSize, seed) {
  const size = dataset.height * dataset.width * dataset.channels;
  const batch = new Float32Array(batchSize * size);
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return () => {
    for (let i = 0; i < batchSize; i++) {
      const image = Math.floor(next() * dataset.count);
      batch.set(dataset.images.subarray(image * size, (image + 1) * size), i * size);
    }
    return batch;
  };
}
