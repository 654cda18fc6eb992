/**
 * onnxruntime for the suites: onnxruntime-web (WebAssembly, SIMD, threads
 * through workers) in worker threads, and onnxruntime-node (native) as the
 * reference of what the machine can do.
 */
import { Worker } from 'node:worker_threads';
import { measure } from './harness.mjs';

/** onnxruntime-web with a fixed thread count, running in a worker thread. */
export class OrtWebWorker {
  /** @param {number} threads */
  constructor(threads) {
    this.threads = threads;
    this.worker = new Worker(new URL('./ort-web-worker.mjs', import.meta.url),
      { workerData: { threads } });
    this.pending = new Map();
    this.nextId = 0;
    this.worker.on('message', ({ id, error, ...reply }) => {
      const { resolve, reject } = this.pending.get(id);
      this.pending.delete(id);
      if (error) reject(new Error(error));
      else resolve(reply);
    });
    this.worker.on('error', (error) => {
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    });
  }

  call(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  /**
   * Creates a session for `model` and keeps its inputs in the worker.
   * @param {string} key
   * @param {Uint8Array} model ONNX bytes
   * @param {Array<{name: string, data: Float32Array, shape: number[]}>} inputs
   */
  load(key, model, inputs) {
    return this.call({ type: 'load', key, model, inputs });
  }

  /** Times session.run; returns the timing and the first output. */
  async measure(key, { quick }) {
    const { timing, output } = await this.call({ type: 'measure', key, quick });
    return { ...timing, output };
  }

  release(key) {
    return this.call({ type: 'release', key });
  }

  close() {
    return this.worker.terminate();
  }
}

/**
 * Times one model on onnxruntime-web with `threads` threads, in a worker started for it and
 * ended after it: onnxruntime's idle threads keep spinning after a run, which took a core from
 * whatever the suite timed next (simdgan's 2-thread rows ran at a third of their speed).
 * @returns {Promise<{meanMs: number, p50Ms: number, samples: number, output: Float32Array}>}
 */
export async function measureOrtWeb(threads, key, model, inputs, options) {
  const worker = new OrtWebWorker(threads);
  try {
    await worker.load(key, model, inputs);
    const timing = await worker.measure(key, options);
    await worker.release(key);
    return timing;
  } finally {
    await worker.close();
  }
}

/**
 * onnxruntime-node, or the reason it is absent. It is an optional
 * dependency: on linux-x64 its install script fetches CUDA libraries from
 * outside the npm registry, so a plain `npm ci` without network drops it;
 * `ONNXRUNTIME_NODE_INSTALL=skip npm ci` keeps its bundled CPU build.
 * @returns {Promise<{ort: object | null, reason?: string}>}
 */
export async function loadOrtNode() {
  try {
    return { ort: await import('onnxruntime-node') };
  } catch (error) {
    return {
      ort: null,
      reason: 'onnxruntime-node is not installed (see bench/README.md: ' +
        `ONNXRUNTIME_NODE_INSTALL=skip npm ci): ${String(error?.message ?? error).split('\n')[0]}`,
    };
  }
}

/**
 * Creates an onnxruntime-node session with `threads` intra-op threads and
 * times it on `inputs`.
 */
export async function measureOrtNode(ort, model, inputs, threads, { quick }) {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const feeds = {};
  for (const { name, data, shape } of inputs) feeds[name] = new ort.Tensor('float32', data, shape);
  try {
    const timing = await measure(() => session.run(feeds), { quick });
    return { ...timing, output: timing.output[session.outputNames[0]].data };
  } finally {
    await session.release();
  }
}
