import binaryen from 'assemblyscript/binaryen';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBytes, supportedBuilds } from './builds.js';
import { createEngine } from './engine.js';
import { expectClose } from './test/helpers.js';
import { BUILD_AGREEMENT, RELAXED_AGREEMENT } from './test/tolerances.js';
import { runWorkload } from './test/workload.js';

/** Reads a build with every feature except SIMD enabled. */
function readWithoutSimd(bytes: Uint8Array) {
  const features = binaryen.Features.All & ~binaryen.Features.SIMD128;
  const module = binaryen.readBinaryWithFeatures(bytes, features);
  module.setFeatures(features);
  return module;
}

describe('K9: a module built without SIMD must not contain SIMD', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the scalar build validates for an engine without SIMD and has no v128 at all', () => {
    const module = readWithoutSimd(buildBytes('scalar'));
    expect(module.validate()).toBe(1);
    expect(module.emitText()).not.toMatch(/v128|f32x4|i32x4/);
    module.dispose();
  });

  it('the same check sees the SIMD in the simd build', () => {
    const module = readWithoutSimd(buildBytes('simd'));
    expect(module.emitText()).toMatch(/v128\.load/);
    module.dispose();
  });

  it('Node supports every build; "auto" picks relaxed, or simd when relaxed is off', async () => {
    const engine = await createEngine({ threads: 1 });
    expect(supportedBuilds()).toEqual(['relaxed', 'simd', 'scalar']);
    expect(engine.build).toBe('relaxed');
    expect(engine.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((await createEngine({ relaxedSimd: false, threads: 1 })).build).toBe('simd');
    expect((await createEngine({ build: 'scalar', threads: 1 })).build).toBe('scalar');
  });

  it('the relaxed build holds fused multiply-adds and the simd build none', () => {
    const features = binaryen.Features.All;
    const relaxed = binaryen.readBinaryWithFeatures(buildBytes('relaxed'), features);
    const simd = binaryen.readBinaryWithFeatures(buildBytes('simd'), features);
    expect(relaxed.emitText()).toMatch(/f32x4\.relaxed_madd/);
    expect(simd.emitText()).not.toMatch(/relaxed/);
    relaxed.dispose();
    simd.dispose();
  });

  it('the loader picks scalar when the engine lacks SIMD, and refuses a forced simd', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(supportedBuilds()).toEqual(['scalar']);
    expect((await createEngine({ build: 'auto' })).build).toBe('scalar');
    await expect(createEngine({ build: 'simd' })).rejects.toMatchObject({
      code: 'BUILD_UNSUPPORTED',
      message: expect.stringContaining(
        "createEngine: build 'simd' cannot run on this JavaScript engine (builds that can: " +
          "scalar); use build 'auto'",
      ),
    });
  });

  it('rejects an unknown build name with code and message', async () => {
    await expect(createEngine({ build: 'gpu' as 'simd' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: "createEngine: build must be 'auto', 'relaxed', 'simd' or 'scalar', got 'gpu'",
    });
  });

  it('scalar, simd and relaxed agree within 1e-6 relative on every kernel', async () => {
    const scalar = runWorkload(await createEngine({ build: 'scalar', threads: 1 }));
    for (const build of ['simd', 'relaxed'] as const) {
      const other = runWorkload(await createEngine({ build, threads: 1 }));
      expect(Object.keys(other)).toEqual(Object.keys(scalar));
      for (const name of Object.keys(scalar)) {
        const tolerance = build === 'relaxed' ? RELAXED_AGREEMENT : BUILD_AGREEMENT;
        expectClose(other[name], scalar[name], tolerance, `${build} ${name}`);
      }
    }
  });
});
