import { describe, expect, it } from 'vitest';
import { loadEngine, type Scheduler } from '../engine.js';
import { BUILDS, download, upload } from '../test/helpers.js';
import { randomArray, seededRandom } from '../test/random.js';
import { runWorkload } from '../test/workload.js';

/** Runs the shares of `threadCount` threads one after another, last thread first. */
const sequentialThreads = (threadCount: number): Scheduler => (share) => {
  for (let threadIndex = threadCount - 1; threadIndex >= 0; threadIndex--) {
    share(threadIndex, threadCount);
  }
};

describe.each(BUILDS)('thread shares, %s build', (build) => {
  it('K10: a 64x64 matmul split over 2, 3 and 4 threads equals the one-thread result', async () => {
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
