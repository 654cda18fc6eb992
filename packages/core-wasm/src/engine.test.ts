import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.js';
import { expectEngineError, upload } from './test/helpers.js';

describe('engine memory', () => {
  it('allocates 16-byte aligned, disjoint blocks, length 0 included', async () => {
    const engine = await createEngine();
    const pointers = [0, 1, 3, 17, 4].map((length) => engine.alloc(length));
    expect(pointers.every((pointer) => pointer % 16 === 0)).toBe(true);
    expect(new Set(pointers).size).toBe(pointers.length);
    const sorted = [...pointers].sort((a, b) => a - b);
    expect(sorted[1] - sorted[0]).toBeGreaterThanOrEqual(16);
    expect(engine.bytesInUse()).toBe(16 + 16 + 16 + 80 + 16);
    for (const pointer of pointers) engine.free(pointer);
    expect(engine.bytesInUse()).toBe(0);
  });

  it('reuses a freed block for the next allocation of the same size', async () => {
    const engine = await createEngine();
    const first = engine.alloc(100);
    engine.free(first);
    expect(engine.alloc(99)).toBe(first);
    expect(engine.alloc(100)).not.toBe(first);
  });

  it('grows memory as needed, keeping the data; views come from the new buffer', async () => {
    const engine = await createEngine();
    const small = upload(engine, [1, 2, 3]);
    const before = engine.memory.buffer.byteLength;
    const large = engine.alloc(4_000_000);
    expect(engine.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(engine.memory.buffer.byteLength).toBeGreaterThanOrEqual(large + 16_000_000);
    expect([...engine.view(small, 3)]).toEqual([1, 2, 3]);
    engine.view(large, 4_000_000).fill(5);
    expect(engine.read(large + 4 * 3_999_999, 1)[0]).toBe(5);
  });

  it('reports running out of memory instead of growing past 2 GiB', async () => {
    const engine = await createEngine();
    expectEngineError(
      () => engine.alloc(2 ** 29),
      'OUT_OF_MEMORY',
      /^alloc: cannot grow memory from \d+ to \d+ bytes \(limit 32768 pages, 2 GiB/,
    );
  });

  it('checks pointers and lengths of view, read, write and free', async () => {
    const engine = await createEngine();
    const pointer = engine.alloc(4);
    expectEngineError(
      () => engine.read(pointer, 5),
      'OUT_OF_BOUNDS',
      `read: pointer needs 5 floats at ${pointer}, but its allocation at ${pointer} ends after 4`,
    );
    expectEngineError(
      () => engine.write(pointer + 8, [1, 2, 3]),
      'OUT_OF_BOUNDS',
      `write: pointer needs 3 floats at ${pointer + 8}`,
    );
    expectEngineError(() => engine.view(pointer, -1), 'INVALID_ARGUMENT', 'view: pointer length');
    engine.free(pointer);
    expectEngineError(
      () => engine.read(pointer, 1),
      'INVALID_POINTER',
      `read: pointer pointer ${pointer} is not a 4-byte aligned offset into a live allocation`,
    );
    expectEngineError(
      () => engine.free(pointer),
      'INVALID_POINTER',
      `free: ${pointer} is not a live allocation (never allocated, or freed already)`,
    );
    expectEngineError(() => engine.alloc(-1), 'INVALID_ARGUMENT', 'alloc: length must be');
  });

  it('refuses every call after dispose', async () => {
    const engine = await createEngine();
    const pointer = engine.alloc(1);
    engine.dispose();
    expectEngineError(() => engine.read(pointer, 1), 'DISPOSED', 'engine: this engine was');
    expectEngineError(() => engine.unary('exp', pointer, pointer, 1), 'DISPOSED', 'disposed');
  });
});
