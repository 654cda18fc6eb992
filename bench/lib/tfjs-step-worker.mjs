/**
 * The tfjs DCGAN's training step, timed in a worker thread so that the
 * train-step suite can give up on a backend whose first step runs past its
 * limit (tfjs-backend-cpu: its JavaScript Conv2DBackpropFilter alone takes
 * minutes per step) by terminating the worker.
 *
 * workerData: {backend, config, dataset: {count, height, width, channels,
 * images}, quick}. Posts {type: 'first'} when the first step is done, then
 * {type: 'done', timing} or {type: 'error', message}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { batchSampler, createTfjsDcgan } from './dcgan-tfjs.mjs';
import { measure } from './harness.mjs';
import { tfjsVariant, useTfjs } from './tfjs.mjs';

const { backend, config, dataset, quick } = workerData;

try {
  const tf = await useTfjs(backend);
  const model = createTfjsDcgan(tf, config);
  const nextBatch = batchSampler(dataset, config.batchSize, 1);
  let first = true;
  const step = () => {
    const losses = model.trainStep(nextBatch());
    if (first) parentPort.postMessage({ type: 'first' });
    first = false;
    return losses;
  };
  // The first step is the untimed warm-up; two more are timed.
  const timing = await measure(step, { quick, maxTaskMs: 0, floorIterations: 2 });
  model.dispose();
  parentPort.postMessage({ type: 'done', variant: tfjsVariant(backend), timing });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) });
}
