/**
 * One onnxruntime-web instance in a worker thread. onnxruntime-web reads
 * `env.wasm.numThreads` once, when its WebAssembly module starts, and a
 * second copy of the module cannot be loaded in the same thread (both would
 * register the same backend names in onnxruntime-common), so each thread
 * count gets a worker of its own, in the same process as the other
 * competitors. The worker times its own runs, so no message passing is
 * inside the timed window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-web';
import { measure } from './harness.mjs';

ort.env.wasm.numThreads = workerData.threads;

/** @type {Map<string, {session: ort.InferenceSession, feeds: object}>} */
const models = new Map();

async function handle(message) {
  switch (message.type) {
    case 'load': {
      const session = await ort.InferenceSession.create(message.model);
      const feeds = {};
      for (const { name, data, shape } of message.inputs) {
        feeds[name] = new ort.Tensor('float32', data, shape);
      }
      models.set(message.key, { session, feeds });
      return {};
    }
    case 'measure': {
      const { session, feeds } = models.get(message.key);
      const timing = await measure(() => session.run(feeds), { quick: message.quick });
      const outputs = timing.output;
      const output = outputs[session.outputNames[0]].data;
      return { timing: { ...timing, output: undefined }, output };
    }
    case 'release': {
      await models.get(message.key)?.session.release();
      models.delete(message.key);
      return {};
    }
    default:
      throw new Error(`ort-web worker: unknown message type '${message.type}'`);
  }
}

parentPort.on('message', async (message) => {
  try {
    parentPort.postMessage({ id: message.id, ...(await handle(message)) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error?.stack ?? error) });
  }
});
