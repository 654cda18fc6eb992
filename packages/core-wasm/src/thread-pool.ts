/**
 * A pool of workers over the engine's shared memory (DESIGN: threads). Each worker instantiates
 * the same module on the same memory; a kernel call is split into static shares by threadIndex
 * and threadCount, the calling thread takes share 0, and completion is counted down through
 * Atomics in a small shared control block. Waiting threads poll briefly (SPIN_MS), then sleep in
 * Atomics.wait.
 */
import { EngineError } from './errors.js';
import type { KernelExports, KernelName } from './kernels/context.js';
import { startWorker, type WorkerHandle } from './platform.js';
import {
  ARGUMENTS_OFFSET,
  CONTROL,
  CONTROL_BYTES,
  EXIT_KERNEL,
  MAX_ARGUMENTS,
  SPIN_MS,
  workerSource,
} from './worker-source.js';

/** Runs kernels on one or more threads. */
export interface Scheduler {
  readonly threadCount: number;
  /** Runs every share of `kernel(...args, threadIndex, threadCount)`; returns when all are done. */
  run(kernel: KernelName, args: number[], work?: number): void;
  dispose(): void;
}

/** Below this many elements a call runs on the calling thread alone. */
const SMALL_WORK = 32_768;
/** How long workers may take to start. */
const START_TIMEOUT_MS = 15_000;

/** The calling thread runs every call whole, as share 0 of 1. */
export function singleThread(exports: KernelExports): Scheduler {
  return {
    threadCount: 1,
    run: (kernel, args) => callKernel(exports, kernel, args, 0, 1),
    dispose: () => {},
  };
}

/** Calls a kernel export with its share arguments. */
export function callKernel(
  exports: KernelExports,
  kernel: KernelName,
  args: number[],
  threadIndex: number,
  threadCount: number,
): void {
  (exports[kernel] as (...values: number[]) => void)(...args, threadIndex, threadCount);
}

/** Starts `threadCount - 1` workers; the calling thread is the last thread. */
export async function startThreadPool(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  exports: KernelExports,
  threadCount: number,
): Promise<Scheduler> {
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const words = new Int32Array(control);
  const args = new Float64Array(control, ARGUMENTS_OFFSET, MAX_ARGUMENTS);
  const kernelNames = Object.keys(exports).filter((name) =>
    typeof (exports as unknown as Record<string, unknown>)[name] === 'function');
  const workers: WorkerHandle[] = [];
  const failures: string[] = [];

  try {
    await Promise.all(Array.from({ length: threadCount - 1 }, async (_, i) => {
      const worker = await startWorker(workerSource);
      workers.push(worker);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new EngineError('WORKER_START_FAILED',
          `thread pool: worker ${i + 1} did not start within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS);
        worker.onFailure((reason) => {
          clearTimeout(timer);
          failures.push(`worker ${i + 1} ${reason}`);
          reject(new EngineError('WORKER_START_FAILED',
            `thread pool: worker ${i + 1} failed to start: ${reason}`));
        });
        worker.onMessage((message) => {
          const m = message as { ready?: number; failed?: number; message?: string };
          if (m.ready !== undefined) {
            clearTimeout(timer);
            resolve();
          } else if (m.failed !== undefined) {
            failures.push(`worker ${m.failed}: ${m.message}`);
          }
        });
        worker.post({ module, memory, control, threadIndex: i + 1, kernelNames });
      });
    }));
  } catch (error) {
    for (const worker of workers) worker.terminate();
    throw error;
  }

  let disposed = false;
  return {
    threadCount,
    run(kernel, values, work) {
      if (work !== undefined && work < SMALL_WORK) {
        callKernel(exports, kernel, values, 0, 1);
        return;
      }
      if (disposed) {
        throw new EngineError('DISPOSED', 'thread pool: the engine was disposed');
      }
      args.set(values);
      words[CONTROL.kernel] = kernelNames.indexOf(kernel);
      words[CONTROL.argumentCount] = values.length;
      words[CONTROL.threadCount] = threadCount;
      words[CONTROL.failedWorker] = 0;
      Atomics.store(words, CONTROL.pending, threadCount - 1);
      Atomics.add(words, CONTROL.generation, 1);
      Atomics.notify(words, CONTROL.generation);

      // Even when this thread's share fails, the workers' shares are waited for, so that
      // no late worker counts down the next call's pending word.
      const started = performance.now();
      let ownFailure: unknown = null;
      try {
        callKernel(exports, kernel, values, 0, threadCount);
      } catch (error) {
        ownFailure = error ?? new Error('kernel failed');
      }
      waitForWorkers(words, kernel, performance.now() - started, failures);
      if (ownFailure !== null) throw ownFailure;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      Atomics.store(words, CONTROL.kernel, EXIT_KERNEL);
      Atomics.add(words, CONTROL.generation, 1);
      Atomics.notify(words, CONTROL.generation);
      for (const worker of workers) worker.terminate();
    },
  };
}

/**
 * Blocks until every worker has finished its share. A worker that threw is reported at once;
 * one that makes no progress for far longer than the calling thread's own share took (and at
 * least 10 s) is taken as lost, so a dead worker is an error, never a hang.
 */
function waitForWorkers(
  words: Int32Array,
  kernel: string,
  ownShareMs: number,
  failures: string[],
): void {
  const patienceMs = Math.max(10_000, 20 * ownShareMs);
  let lastChange = performance.now();
  const spinUntil = lastChange + SPIN_MS;
  for (let i = 1; Atomics.load(words, CONTROL.pending) > 0; i++) {
    if ((i & 63) === 0 && performance.now() > spinUntil) break;
  }
  for (;;) {
    const pending = Atomics.load(words, CONTROL.pending);
    if (pending === 0) break;
    if (pending < 0) {
      throw new EngineError('WORKER_LOST', `thread pool: workers counted past the end of ` +
        `${kernel} (pending ${pending}, generation ${Atomics.load(words, CONTROL.generation)}, ` +
        `reported at ${Atomics.load(words, CONTROL.protocolError)})`);
    }
    if (Atomics.wait(words, CONTROL.pending, pending, 100) !== 'timed-out') {
      lastChange = performance.now();
    } else if (performance.now() - lastChange > patienceMs) {
      throw new EngineError('WORKER_LOST', `thread pool: ${pending} worker(s) did not finish ` +
        `${kernel} within ${Math.round(patienceMs / 1000)} s; ${failures.join('; ')}`);
    }
  }
  const failed = Atomics.load(words, CONTROL.failedWorker);
  if (failed !== 0) {
    throw new EngineError('WORKER_FAILED',
      `thread pool: worker ${failed} failed while running ${kernel}`);
  }
}
