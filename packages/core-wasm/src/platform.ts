/**
 * The few things that differ between Node and browsers, behind one small adapter: starting a
 * worker from source text, counting cores, and whether this thread may block.
 */

/** A started worker, whichever kind. */
export interface WorkerHandle {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the worker fails to start, throws at top level or exits. */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}

/** Whether this is Node.js (worker_threads and os are available). */
export function isNode(): boolean {
  const maybe = globalThis as { process?: { versions?: { node?: string } } };
  return typeof maybe.process?.versions?.node === 'string';
}

/**
 * Whether Atomics.wait may block this thread: everywhere but a browser page's main thread,
 * where browsers throw (CASES K10). Workers and Node's main thread may block.
 */
export function mayBlock(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return isNode() || !(scope.window !== undefined && scope.document !== undefined);
}

/** Cores available to this process (Node) or page (navigator.hardwareConcurrency). */
export async function availableCores(): Promise<number> {
  if (isNode()) {
    const os = await import(/* @vite-ignore */ 'node:' + 'os');
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  const scope = globalThis as { navigator?: { hardwareConcurrency?: number } };
  return scope.navigator?.hardwareConcurrency ?? 1;
}

/** Starts a worker running `source` (plain JavaScript, a classic script). */
export async function startWorker(source: string): Promise<WorkerHandle> {
  if (isNode()) {
    const threads = await import(/* @vite-ignore */ 'node:' + 'worker_threads');
    const worker = new threads.Worker(source, { eval: true });
    // A forgotten dispose must not keep the process alive.
    worker.unref();
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onFailure: (listener) => {
        worker.on('error', (error: Error) => listener(error.message));
        worker.on('exit', (code: number) => listener(`exited with code ${code}`));
      },
      terminate: () => void worker.terminate(),
    };
  }
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (e) => listener(e.data)),
    onFailure: (listener) =>
      worker.addEventListener('error', (e) => listener(e.message || 'failed to start')),
    terminate: () => worker.terminate(),
  };
}

/**
 * Node 20's V8 validates relaxed SIMD only behind a flag; set it (process-wide, before any
 * relaxed module is compiled). Browsers that have relaxed SIMD enable it by default.
 */
export async function enableRelaxedSimd(): Promise<void> {
  if (!isNode()) return;
  const v8 = await import(/* @vite-ignore */ 'node:' + 'v8');
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
}
