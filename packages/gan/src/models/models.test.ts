import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend.js';
import { Random } from '../random.js';
import { tensor, tidy } from '../tensor.js';
import { defaultTrainConfig } from '../train-config.js';
import { appendLabels } from './conditioning.js';
import { dcganDiscriminator } from './dcgan.js';
import { buildGanDescriptions } from './gan-models.js';
import { Network } from './network.js';

let backend: Backend;
beforeAll(async () => {
  backend = await createBackend();
});
afterAll(() => backend.dispose());

/** Builds both networks of a config on data of a shape and runs a batch. */
function shapes(
  config: Partial<typeof defaultTrainConfig>,
  sampleShape: [number, number, number],
  classCount?: number,
) {
  const full = { ...defaultTrainConfig, latentDim: 6, baseFilters: 4, hiddenUnits: 8,
    ...config };
  const descriptions = buildGanDescriptions(full, { sampleShape, classCount, name: 'test' });
  const random = new Random(1);
  const generator = new Network(backend, descriptions.generator, random);
  const discriminator = new Network(backend, descriptions.discriminator, random);
  const labels = classCount ? Int32Array.of(0, classCount - 1, 1) : undefined;
  const result = tidy(() => {
    const z = tensor(backend, random.normalArray(3 * 6), [3, 6]);
    const fake = generator.apply(z, true, labels);
    const logits = discriminator.apply(fake, true, labels);
    return { fake: fake.shape, logits: logits.shape,
      input: discriminator.inputShape, latent: generator.inputShape };
  });
  generator.dispose();
  discriminator.dispose();
  return result;
}

describe('the model pairs', () => {
  it('DCGAN makes 28x28x1, 32x32x1 and 32x32x3 images', () => {
    expect(shapes({}, [28, 28, 1]).fake).toEqual([3, 28, 28, 1]);
    expect(shapes({}, [32, 32, 1]).fake).toEqual([3, 32, 32, 1]);
    const color = shapes({}, [32, 32, 3]);
    expect(color).toMatchObject({ fake: [3, 32, 32, 3], logits: [3, 1] });
  });

  it('the MLP pair maps latents to 2-D points [n, 1, 1, 2] and points to logits', () => {
    expect(shapes({ model: 'mlp' }, [1, 1, 2])).toMatchObject(
      { fake: [3, 1, 1, 2], logits: [3, 1] });
  });

  it('conditional pairs take one-hot labels in G and D', () => {
    expect(shapes({ model: 'mlp' }, [1, 1, 2], 4)).toMatchObject(
      { fake: [3, 1, 1, 2], logits: [3, 1], latent: [10], input: [1, 1, 6] });
    expect(shapes({}, [8, 8, 1], 10)).toMatchObject(
      { fake: [3, 8, 8, 1], logits: [3, 1], latent: [16], input: [8, 8, 11] });
  });

  it('keeps DCGAN\'s discriminator layers exactly when no remedy is on', () => {
    const size = { latentDim: 100, imageSize: 28, channels: 1, baseFilters: 64 };
    const plain = dcganDiscriminator(size);
    expect(JSON.stringify(plain)).not.toMatch(/spectralNorm|minibatchStdDev/);
    const remedied = dcganDiscriminator({ ...size, spectralNorm: true,
      minibatchStdDev: true });
    expect(remedied.map((l) => l.type)).toEqual(['conv2d', 'leakyRelu', 'conv2d',
      'leakyRelu', 'minibatchStdDev', 'flatten', 'dense']);
    expect(remedied.filter((l) => 'spectralNorm' in l)).toHaveLength(3);
  });

  it('refuses DCGAN on 2-D points and says what to use', () => {
    expect(() => shapes({}, [1, 1, 2])).toThrow(
      'trainer: DCGAN needs square images with a side divisible by 4, test has 1x1; ' +
      'use the mlp model for 2-D points');
  });
});

describe('appendLabels', () => {
  it('appends one-hot channels at every position', () => {
    tidy(() => {
      const x = tensor(backend, [1, 2, 3, 4], [2, 1, 2, 1]);
      const y = appendLabels(x, Int32Array.of(2, 0), 3);
      expect(y.shape).toEqual([2, 1, 2, 4]);
      expect([...y.dataSync()]).toEqual([
        1, 0, 0, 1, 2, 0, 0, 1, 3, 1, 0, 0, 4, 1, 0, 0]);
    });
  });

  it('refuses a label outside [0, classCount) and a wrong count', () => {
    tidy(() => {
      const x = tensor(backend, [1, 2], [2, 1]);
      expect(() => appendLabels(x, Int32Array.of(0, 3), 3)).toThrow(
        'appendLabels: label 3 of sample 1 is outside [0, 3)');
      expect(() => appendLabels(x, Int32Array.of(0), 3)).toThrow(
        'appendLabels: 1 labels for a batch of 2');
    });
  });
});
