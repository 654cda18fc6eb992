/**
 * simdgan's engines for the suites: one per build this JavaScript engine
 * runs (relaxed, simd, scalar) and per thread count (1 and 2: this
 * machine's cores) where createEngine takes one.
 */
import { createEngine, supportedBuilds } from '@simdgan/core-wasm';

/** Thread counts measured: 1 and this machine's 2 cores. */
const THREAD_COUNTS = [1, 2];

/**
 * Whether createEngine honours a `threads` option (engine.threadCount says
 * 2 when 2 are asked). The 'auto' engine made here also switches on what
 * 'auto' may pick (in Node 20, V8's relaxed-SIMD flag), so that
 * supportedBuilds afterwards lists every build this process can run.
 */
async function probeAutoEngine() {
  let engine;
  try {
    engine = await createEngine({ build: 'auto', threads: 2 });
    return engine.threadCount === 2;
  } catch {
    return false;
  } finally {
    engine?.dispose();
  }
}

/**
 * Every build this JavaScript engine runs, best first (relaxed, simd,
 * scalar), times each thread count where createEngine takes one; `options`
 * is what createEngine (and gan's createBackend) gets.
 * @returns {Promise<{configurations: Array<{build: string, threads: number, variant: string,
 *   options: object}>, threaded: boolean}>}
 */
export async function simdganConfigurations() {
  const threaded = await probeAutoEngine();
  const configurations = [];
  for (const build of supportedBuilds()) {
    for (const threads of threaded ? THREAD_COUNTS : [1]) {
      configurations.push({
        build, threads, variant: variantLabel(build, threads),
        options: threaded ? { build, threads } : { build },
      });
    }
  }
  return { configurations, threaded };
}

/**
 * One engine per configuration (see simdganConfigurations).
 * @returns {Promise<{engines: Array<{engine: object, build: string, threads: number,
 *   variant: string}>, threaded: boolean}>}
 */
export async function createSimdganEngines() {
  const { configurations, threaded } = await simdganConfigurations();
  const engines = [];
  for (const { options, ...configuration } of configurations) {
    engines.push({ engine: await createEngine(options), ...configuration });
  }
  return { engines, threaded };
}

/** 'simd, 2 threads'. */
export function variantLabel(build, threads) {
  return `${build}, ${threads} thread${threads === 1 ? '' : 's'}`;
}

/** Releases every engine (and with it any worker threads it started). */
export function disposeAll(engines) {
  for (const { engine } of engines) engine.dispose();
}

/**
 * Buffers in one engine, written from arrays; `free` releases them all.
 * @param {object} engine
 * @param {Record<string, Float32Array | number>} arrays data, or a length for an output
 */
export function allocateAll(engine, arrays) {
  const pointers = {};
  for (const [name, value] of Object.entries(arrays)) {
    const length = typeof value === 'number' ? value : value.length;
    pointers[name] = engine.alloc(length);
    if (typeof value !== 'number') engine.write(pointers[name], value);
  }
  return {
    pointers,
    free() {
      for (const pointer of Object.values(pointers)) engine.free(pointer);
    },
  };
}
