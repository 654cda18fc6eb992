/**
 * TensorFlow.js for the suites: the @tensorflow/tfjs package (tfjs-core,
 * the cpu backend, and the gradients of every op, which tfjs-core alone does
 * not register) with the wasm backend (XNNPACK, SIMD; single-threaded in
 * Node, which has no Web Workers for it) beside the plain JavaScript cpu
 * backend.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Where the wasm backend's .wasm files are: its own dist folder, no network. */
function wasmFolder() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return `${path.join(path.dirname(manifest), 'dist')}${path.sep}`;
}

let wasmPathsSet = false;

/**
 * Switches tfjs to `backend` ('wasm' or 'cpu') and returns tf.
 * @param {'wasm' | 'cpu'} backend
 */
export async function useTfjs(backend) {
  if (!wasmPathsSet) {
    setWasmPaths(wasmFolder());
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tfjs: backend '${backend}' failed to start`);
  await tf.ready();
  if (backend === 'cpu') {
    // The cpu backend's first write prints a banner recommending tfjs-node;
    // marking it used keeps the suite's output to its own lines.
    tf.findBackend('cpu').firstUse = false;
  }
  return tf;
}

/** The variant label of a tfjs backend: build and threads. */
export function tfjsVariant(backend) {
  if (backend === 'cpu') return 'JavaScript, 1 thread';
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return `${simd ? 'simd' : 'scalar'}, ${threads ? 'threads' : '1 thread'}`;
}

/** Whether `backend` has a kernel registered under `kernelName`. */
export function hasKernel(kernelName, backend) {
  return tf.getKernel(kernelName, backend) !== undefined;
}

export { tf };
