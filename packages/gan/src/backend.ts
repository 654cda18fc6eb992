import { createEngine, type Engine, type EngineOptions } from '@simdgan/core-wasm';

/**
 * Storage plus kernels. A backend owns the memory behind every tensor made
 * on it; a tensor's `dataId` is the backend's handle to that memory.
 *
 * The WebAssembly engine of core-wasm is the first backend; its methods are
 * the kernel set that the GAN operations are written against.
 */
export interface Backend extends Engine {
  /** A short name for logs and configs, e.g. `wasm-simd`. */
  readonly name: string;
}

/** Options for {@link createBackend}. */
export interface BackendOptions {
  /** Which WebAssembly build to run: the best available, or a forced one. */
  build?: EngineOptions['build'];
  /** Threads per kernel, the calling thread included; default: the cores available. */
  threads?: number;
  /** Receives warnings about the thread count; the library never prints. */
  onWarning?: (message: string) => void;
}

/** Creates the WebAssembly backend, picking the best build the engine runs. */
export async function createBackend(
  options: BackendOptions = {},
): Promise<Backend> {
  const engine = await createEngine({
    build: options.build ?? 'auto',
    threads: options.threads,
    onWarning: options.onWarning,
  });
  return Object.assign(engine, { name: `wasm-${engine.build}` });
}
