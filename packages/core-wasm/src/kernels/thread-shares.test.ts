import { describe, expect, it } from 'vitest';
import { createEngine, loadEngine, type SchedulerFactory } from '../engine.js';
import { callKernel } from '../thread-pool.js';
import { BUILDS, download, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { runWorkload } from '../test/workload.js';

/** Runs the shares of `threadCount` threads one after another, last thread first. */
const sequentialThreads = (threadCount: number): SchedulerFactory => async (exports) => ({
  threadCount,
  run(kernel, args) {
    for (let threadIndex = threadCount - 1; threadIndex >= 0; threadIndex--) {
      callKernel(exports, kernel, args, threadIndex, threadCount);
    }
  },
  dispose() {},
});

describe.each(BUILDS)('thread shares, %s build', (build) => {
  it('a 64x64 matmul split over 2, 3 and 4 threads equals the one-thread result', async () => {
    const random = seededRandom(10);
    const [a, b] = [randomArray(random, 64 * 64), randomArray(random, 64 * 64)];
    const product = async (threadCount: number) => {
      const engine = await loadEngine({ build }, sequentialThreads(threadCount));
      const c = engine.alloc(64 * 64);
      engine.matmul(upload(engine, a), upload(engine, b), c, 64, 64, 64, false, false);
      return download(engine, c, 64 * 64);
    };
    const single = await product(1);
    for (const threadCount of [2, 3, 4]) expect(await product(threadCount)).toEqual(single);
  });

  it('every kernel gives the same bits for 1, 2, 3 and 7 threads', async () => {
    const single = runWorkload(await loadEngine({ build }, sequentialThreads(1)));
    for (const threadCount of [2, 3, 7]) {
      const split = runWorkload(await loadEngine({ build }, sequentialThreads(threadCount)));
      for (const name of Object.keys(single)) {
        expect(split[name], `${name} with ${threadCount} threads`).toEqual(single[name]);
      }
    }
  });
});

describe.each(BUILDS)('the worker pool, %s build', (build) => {
  it('gives the same bits as one thread at 2, 3 and 7 real threads', async () => {
    const one = await createEngine({ build, threads: 1 });
    const single = runWorkload(one);
    one.dispose();
    for (const threads of [2, 3, 7]) {
      const engine = await createEngine({ build, threads, onWarning: () => {} });
      expect(engine.threadCount).toBe(threads);
      const split = runWorkload(engine);
      engine.dispose();
      for (const name of Object.keys(single)) {
        expect(split[name], `${name} with ${threads} threads`).toEqual(single[name]);
      }
    }
  });

  it('splits a large matmul over the workers with the one-thread result', async () => {
    const random = seededRandom(12);
    const [m, n, k] = [257, 129, 67];
    const [a, b] = [randomArray(random, m * k), randomArray(random, k * n)];
    const product = async (threads: number) => {
      const engine = await createEngine({ build, threads, onWarning: () => {} });
      const c = engine.alloc(m * n);
      engine.matmul(upload(engine, a), upload(engine, b), c, m, n, k, false, true);
      const result = download(engine, c, m * n);
      engine.dispose();
      return result;
    };
    expect(await product(3)).toEqual(await product(1));
  });
});

describe('idle workers', () => {
  it('poll briefly after a call, then sleep: an idle pool of 3 uses almost no CPU', async () => {
    const engine = await createEngine({ build: 'simd', threads: 4, onWarning: () => {} });
    const length = 1 << 16;
    const a = engine.alloc(length);
    engine.unary('fill', a, a, length, 1);
    // Past the polling time every worker must be asleep: were they spinning, three workers
    // would burn about 3 x 300 ms of CPU in the next 300 ms.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
    engine.dispose();
  });
});

describe('thread settings', () => {
  it('warns when more threads than cores are asked, and honours them', async () => {
    const warnings: string[] = [];
    const engine = await createEngine({ threads: 64, onWarning: (w) => warnings.push(w) });
    expect(engine.threadCount).toBe(64);
    expect(warnings[0]).toMatch(/64 threads asked but \d+ cores are available/);
    engine.dispose();
  });

  it('refuses a thread count that is not a whole number from 1 to 256', async () => {
    await expect(createEngine({ threads: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'createEngine: threads must be a whole number from 1 to 256, got 0',
    });
  });
});

describe('worker failures', () => {
  it('a worker whose share traps is reported at once; the pool stays usable', async () => {
    const engine = await createEngine({ build: 'simd', threads: 2 });
    const { startThreadPool } = await import('../thread-pool.js');
    const { buildBytes } = await import('../builds.js');
    const module = await WebAssembly.compile(buildBytes('simd'));
    const instance = await WebAssembly.instantiate(module, {
      env: { memory: engine.memory, abort: () => { throw new Error('abort'); } },
    });
    const exports = instance.exports as never;
    const pool = await startThreadPool(module, engine.memory, exports, 2);
    const length = 1 << 16;
    const a = engine.alloc(length);
    // The second half of y lies past the end of memory: only the worker's share traps.
    const y = engine.memory.buffer.byteLength - 2 * length;
    const started = performance.now();
    expect(() => pool.run('unary', [0, a, y, length, 0, 0])).toThrow(
      /thread pool: worker 1 failed while running unary/);
    expect(performance.now() - started).toBeLessThan(5000);
    // The next call still counts its workers correctly.
    pool.run('unary', [0, a, a, length, 0, 0]);
    pool.dispose();
    engine.dispose();
  });
});
