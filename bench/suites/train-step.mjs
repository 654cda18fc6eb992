/**
 * One full DCGAN training step on MNIST at batch 64 (one discriminator
 * update, then one generator update, each with Adam): simdgan's Trainer
 * against the same model written with tfjs ops (lib/dcgan-tfjs.mjs).
 *
 * tfjs-backend-wasm cannot train a DCGAN as shipped (no Conv2DBackpropFilter
 * kernel): this suite registers the bench's im2col kernel for it, written in
 * JavaScript over tfjs ops. tfjs-backend-cpu runs when one step takes under
 * a minute, and not under --quick.
 *
 * Declared FLOPs: the matrix products and convolutions a step needs (see
 * dcganStepFlops); elementwise work, batch norm and Adam are not counted.
 *
 * Run alone: node bench/suites/train-step.mjs [--quick]
 */
import { Worker } from 'node:worker_threads';
import { createBackend, loadMnist, Trainer } from '@simdgan/gan';
import { log, measure, Report, suiteArgs } from '../lib/harness.mjs';
import { batchSampler, createTfjsDcgan } from '../lib/dcgan-tfjs.mjs';
import { simdganConfigurations } from '../lib/simdgan.mjs';
import { registerConv2dBackpropFilter } from '../lib/tfjs-conv2d-backprop-filter.mjs';
import { tfjsVariant, useTfjs } from '../lib/tfjs.mjs';

/** gan's defaults (train-config.ts): DCGAN on 28x28x1 at batch 64. */
const CONFIG = { batchSize: 64, latentDim: 100, baseFilters: 64, imageSize: 28, seed: 0 };

/** tfjs-backend-cpu is timed only if its first step finishes within this. */
const CPU_STEP_LIMIT_MS = 60_000;

/**
 * FLOPs of one step's matrix products and convolutions. With F the forward
 * FLOPs of a layer (each of its gradients costs F again), G and D the
 * forward FLOPs of the networks:
 * discriminator step = G + 2 D (real and fake) + 2 (all of D's filter
 * gradients + the input gradients of its conv2 and dense layer);
 * generator step = G + D + D's input gradients (= D) + G's filter
 * gradients (= G) + the input gradients of both transposed convolutions.
 */
export function dcganStepFlops({ batchSize: b, latentDim, baseFilters: f, imageSize }) {
  const quarter = imageSize / 4;
  const half = imageSize / 2;
  const conv = (outSide, outChannels, inChannels) =>
    2 * b * outSide * outSide * outChannels * 25 * inChannels;
  const generatorDense = 2 * b * latentDim * quarter * quarter * 2 * f;
  const generatorConv1 = conv(quarter, 2 * f, f);
  const generatorConv2 = conv(half, f, 1);
  const discriminatorConv1 = conv(half, f, 1);
  const discriminatorConv2 = conv(quarter, 2 * f, f);
  const discriminatorDense = 2 * b * quarter * quarter * 2 * f;
  const generator = generatorDense + generatorConv1 + generatorConv2;
  const discriminator = discriminatorConv1 + discriminatorConv2 + discriminatorDense;
  const discriminatorStep = generator + 2 * discriminator +
    2 * (discriminator + discriminatorConv2 + discriminatorDense);
  const generatorStep = 2 * generator + 2 * discriminator + generatorConv1 + generatorConv2;
  return discriminatorStep + generatorStep;
}

const options = suiteArgs();
const report = new Report('train-step', 'DCGAN training step (batch 64, MNIST, Adam)', options);
const base = {
  group: 'DCGAN step, batch 64',
  shape: 'G: 100 -> 28x28x1, D: 28x28x1 -> 1',
  flops: dcganStepFlops(CONFIG),
};

async function runSimdgan(dataset) {
  const { configurations, threaded } = await simdganConfigurations();
  report.builds = configurations.map(({ variant }) => variant);
  if (!threaded) report.note('simdgan ran on 1 thread: createEngine has no threads option yet.');
  for (const { variant, options: backendOptions } of configurations) {
    await report.guard({ ...base, implementation: 'simdgan', variant }, async () => {
      const backend = await createBackend(backendOptions);
      const trainer = new Trainer(backend, dataset, { batchSize: CONFIG.batchSize, seed: 0 });
      const timing = await measure(() => trainer.trainStep(), options);
      trainer.dispose();
      backend.dispose();
      report.add({ ...base, implementation: 'simdgan', variant, timing });
    });
  }
}

async function runTfjsWasm(dataset) {
  const row = { ...base, implementation: 'tfjs-backend-wasm', variant: 'wasm' };
  await report.guard(row, async () => {
    const tf = await useTfjs('wasm');
    let variant = tfjsVariant('wasm');
    if (registerConv2dBackpropFilter()) variant += ', bench im2col Conv2DBackpropFilter';
    const model = createTfjsDcgan(tf, CONFIG);
    const nextBatch = batchSampler(dataset, CONFIG.batchSize, 1);
    const timing = await measure(() => model.trainStep(nextBatch()), options);
    model.dispose();
    report.add({ ...row, variant, timing });
  });
}

/**
 * tfjs-backend-cpu in a worker thread, given up (the worker terminated) if
 * its first step has not finished after CPU_STEP_LIMIT_MS.
 */
async function runTfjsCpu(dataset) {
  const row = { ...base, implementation: 'tfjs-backend-cpu', variant: 'JavaScript, 1 thread' };
  if (options.quick) {
    report.skip({ ...row, status: 'skipped', reason: 'not under --quick (a step takes minutes)' });
    return;
  }
  await report.guard(row, async () => {
    const { count, height, width, channels, images } = dataset;
    const worker = new Worker(new URL('../lib/tfjs-step-worker.mjs', import.meta.url), {
      workerData: { backend: 'cpu', config: CONFIG, quick: options.quick,
        dataset: { count, height, width, channels, images } },
    });
    const reply = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ type: 'timeout' }), CPU_STEP_LIMIT_MS);
      worker.on('error', reject);
      worker.on('message', (message) => {
        if (message.type === 'first') clearTimeout(timer);
        else resolve(message);
      });
    });
    await worker.terminate();
    if (reply.type === 'timeout') {
      report.skip({ ...row, status: 'skipped', reason: `one step did not finish in ` +
        `${CPU_STEP_LIMIT_MS / 1000} s (its Conv2DBackpropFilter is plain JavaScript: ` +
        'see its conv1 row in the conv suite)' });
    } else if (reply.type === 'error') {
      throw new Error(reply.message);
    } else {
      report.add({ ...row, variant: reply.variant, timing: reply.timing });
    }
  });
}

async function main() {
  const dataset = await loadMnist();
  log(`MNIST: ${dataset.count} images; declared ${(base.flops / 1e9).toFixed(2)} GFLOP per step`);
  await runSimdgan(dataset);
  await runTfjsWasm(dataset);
  await runTfjsCpu(dataset);

  report.note(`GFLOP/s counts the ${(base.flops / 1e9).toFixed(2)} GFLOP of matrix products ` +
    'and convolutions that a step needs (bench/suites/train-step.mjs, dcganStepFlops); ' +
    'batch norm, activations, losses and Adam are done but not counted.');
  report.note('tfjs: the same DCGAN written with tfjs ops (bench/lib/dcgan-tfjs.mjs). ' +
    'tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so it trains here with the ' +
    'bench\'s own, written in JavaScript over tfjs ops (im2col: strided slices, concat, ' +
    'one tf.matMul); its time is part of the tfjs-backend-wasm row.');
  report.write(options.out);
}

await main();
process.exit(0);
