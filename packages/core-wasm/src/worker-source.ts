/**
 * The source of a pool worker, as text so that it starts the same way in Node (eval) and in
 * browsers (a Blob URL), with no file to find next to the bundle. The worker instantiates the
 * kernels' module on the shared memory, then polls for SPIN_MS and sleeps in Atomics.wait until
 * the generation word changes, runs its share of the posted kernel, and counts down the pending
 * word.
 */

/** Word offsets in the control block (an Int32Array on a SharedArrayBuffer). */
export const CONTROL = {
  generation: 0,
  pending: 1,
  kernel: 2,
  argumentCount: 3,
  threadCount: 4,
  failedWorker: 5,
  /** Set by a worker that counted the pending word below zero: a broken protocol. */
  protocolError: 6,
} as const;

/** Byte offset of the Float64Array of kernel arguments in the control block. */
export const ARGUMENTS_OFFSET = 64;
/** The most arguments a kernel call may pass (besides threadIndex and threadCount). */
export const MAX_ARGUMENTS = 24;
/** Bytes of the whole control block. */
export const CONTROL_BYTES = ARGUMENTS_OFFSET + 8 * MAX_ARGUMENTS;
/** The kernel word's value that tells workers to exit. */
export const EXIT_KERNEL = -1;
/**
 * How long a thread that is waiting for the other side (a worker for its next job, the calling
 * thread for the workers) polls before it sleeps in Atomics.wait. Waking a sleeping thread costs
 * tens of microseconds on a virtual machine, more than a small kernel takes; a training step
 * calls kernels back to back, so a short poll catches the next call while a pool left idle
 * still sleeps after this long.
 */
export const SPIN_MS = 0.5;

export const workerSource = `
'use strict';
const C = ${JSON.stringify(CONTROL)};
function start(data, post) {
  const { module, memory, control, threadIndex, kernelNames } = data;
  const abort = () => { throw new Error('kernel aborted'); };
  const instance = new WebAssembly.Instance(module, { env: { memory, abort } });
  const words = new Int32Array(control);
  const args = new Float64Array(control, ${ARGUMENTS_OFFSET}, ${MAX_ARGUMENTS});
  let generation = Atomics.load(words, C.generation);
  post({ ready: threadIndex });
  for (;;) {
    // Atomics.wait may return without a new job (a spurious wake): sleep until the
    // generation really changes, so each job is run and counted exactly once.
    let current = Atomics.load(words, C.generation);
    const spinUntil = performance.now() + ${SPIN_MS};
    for (let i = 1; current === generation; i++) {
      if ((i & 63) === 0 && performance.now() > spinUntil) break;
      current = Atomics.load(words, C.generation);
    }
    while (current === generation) {
      Atomics.wait(words, C.generation, generation);
      current = Atomics.load(words, C.generation);
    }
    generation = current;
    const kernel = Atomics.load(words, C.kernel);
    if (kernel === ${EXIT_KERNEL}) return;
    const count = words[C.argumentCount];
    const values = Array.from(args.subarray(0, count));
    try {
      instance.exports[kernelNames[kernel]](...values, threadIndex, words[C.threadCount]);
    } catch (error) {
      Atomics.store(words, C.failedWorker, threadIndex);
      post({ failed: threadIndex, message: String(error && error.message || error) });
    }
    const before = Atomics.sub(words, C.pending, 1);
    if (before <= 0) Atomics.store(words, C.protocolError, generation);
    if (before === 1) Atomics.notify(words, C.pending);
  }
}
if (typeof require === 'function') {
  const { parentPort } = require('worker_threads');
  parentPort.once('message', (data) => start(data, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (event) => {
    self.onmessage = null;
    start(event.data, (m) => self.postMessage(m));
  };
}
`;
