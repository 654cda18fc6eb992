/** The two builds of the kernels, feature detection, and compilation (cached per build). */
import { EngineError } from './errors.js';
import {
  relaxedWasmBase64,
  scalarWasmBase64,
  simdWasmBase64,
} from './generated/wasm-modules.js';

/**
 * A build of the kernels: 'scalar' holds no SIMD opcode; 'simd' uses 128-bit SIMD; 'relaxed'
 * adds relaxed SIMD's fused multiply-add to the matrix product.
 */
export type BuildKind = 'scalar' | 'simd' | 'relaxed';

/** Every build, best first. */
export const BUILD_KINDS: readonly BuildKind[] = ['relaxed', 'simd', 'scalar'];

/** A function returning i8x16.popcnt(i8x16.splat(0)): validates only where SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

/** f32x4.relaxed_madd of three zero vectors: validates only where relaxed SIMD is supported. */
const RELAXED_PROBE = (() => {
  const zeros = (): number[] => [253, 12, ...new Array<number>(16).fill(0)];
  const body = [0, ...zeros(), ...zeros(), ...zeros(), 253, 133, 2, 11];
  return new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
    10, body.length + 2, 1, body.length, ...body,
  ]);
})();

/** Whether a shared WebAssembly.Memory can be created (both builds import one). */
function sharedMemorySupported(): boolean {
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof
      SharedArrayBuffer;
  } catch {
    return false;
  }
}

/**
 * Builds this JavaScript engine can run, best first: SIMD support is detected with
 * WebAssembly.validate on a tiny SIMD module. Empty where shared memory is unavailable (for
 * example a browser page that is not cross-origin isolated).
 */
export function supportedBuilds(): BuildKind[] {
  if (!sharedMemorySupported()) return [];
  if (!WebAssembly.validate(SIMD_PROBE)) return ['scalar'];
  return WebAssembly.validate(RELAXED_PROBE) ? ['relaxed', 'simd', 'scalar'] : ['simd', 'scalar'];
}

/** The build to load for `requested`; throws BUILD_UNSUPPORTED if it cannot run here. */
export function resolveBuild(requested: 'auto' | BuildKind): BuildKind {
  if (requested !== 'auto' && !BUILD_KINDS.includes(requested)) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      "createEngine: build must be 'auto', 'relaxed', 'simd' or 'scalar', got " +
        `'${String(requested)}'`,
    );
  }
  const supported = supportedBuilds();
  const build = requested === 'auto' ? supported[0] : requested;
  if (build === undefined || !supported.includes(build)) {
    const available = supported.length > 0 ? supported.join(', ') : 'none';
    throw new EngineError(
      'BUILD_UNSUPPORTED',
      `createEngine: build '${requested}' cannot run on this JavaScript engine (builds that ` +
        `can: ${available}); ` +
        (supported.length > 0
          ? "use build 'auto'"
          : 'shared WebAssembly memory is required (in a browser: cross-origin isolation)'),
    );
  }
  return build;
}

/** Decodes base64 without Buffer, so this runs in browsers too. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The WebAssembly binary of a build. */
export function buildBytes(build: BuildKind): Uint8Array<ArrayBuffer> {
  const base64 = { relaxed: relaxedWasmBase64, simd: simdWasmBase64, scalar: scalarWasmBase64 };
  return decodeBase64(base64[build]);
}

const compiled = new Map<BuildKind, Promise<WebAssembly.Module>>();

/** Compiles a build once per process; engines (and later workers) share the module. */
export function compileBuild(build: BuildKind): Promise<WebAssembly.Module> {
  let module = compiled.get(build);
  if (!module) {
    module = WebAssembly.compile(buildBytes(build));
    compiled.set(build, module);
  }
  return module;
}
