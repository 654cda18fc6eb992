import { describe, expect, it } from 'vitest';

import { Heap, PAGE_BYTES } from './heap.js';

function heap(): Heap {
  return new Heap(new WebAssembly.Memory({ initial: 1, maximum: 1024, shared: true }), 64);
}

describe('Heap', () => {
  it('splits a larger free block for a smaller request and merges it back when freed', () => {
    const h = heap();
    const big = h.alloc(1000);
    const guard = h.alloc(4);
    h.free(big);
    const a = h.alloc(100);
    const b = h.alloc(200);
    expect(a).toBe(big);
    expect(b).toBe(big + 400);
    expect(h.bytesReserved()).toBe(guard + 16);
    h.free(a);
    h.free(b);
    // The three pieces are one block again: 1000 floats fit where they were.
    expect(h.alloc(1000)).toBe(big);
    expect(h.bytesInUse()).toBe(4000 + 16);
  });

  it('indexes only sizes that have a free block, however many sizes were ever freed', () => {
    // A long-lived engine sees many shapes: finding a fit must not scan every size it ever
    // freed (the index once kept emptied sizes, and allocation slowed 30x over a fuzz run).
    const h = heap();
    const guard = h.alloc(1);
    for (let floats = 1; floats <= 3000; floats++) {
      const a = h.alloc(floats);
      const b = h.alloc(floats + 7);
      h.free(a);
      h.free(b);
    }
    const index = (h as unknown as { freeBySize: Map<number, number[]> }).freeBySize;
    // Everything above the guard merged into one free block.
    expect([...index.values()].flat()).toEqual([guard + 16]);
    expect(index.size).toBe(1);
  });

  it('takes the smallest free block that fits', () => {
    const h = heap();
    const blocks = [300, 100, 200].map((floats) => [h.alloc(floats), h.alloc(1)]);
    for (const [block] of blocks) h.free(block);
    expect(h.alloc(150)).toBe(blocks[2][0]);
    expect(h.alloc(90)).toBe(blocks[1][0]);
  });

  it('grows a free block at the top instead of leaving it behind', () => {
    const h = heap();
    const low = h.alloc(4);
    const top = h.alloc(100);
    h.free(top);
    expect(h.alloc(1000)).toBe(top);
    expect(h.bytesReserved()).toBe(top + 4000);
    expect(low).toBeLessThan(top);
  });

  it('serves one phase from memory another freed, on random sizes', () => {
    // A "training step" and an "evaluation" that use different sizes must
    // not need the sum of both; the old exact-size lists needed the sum.
    const h = heap();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const phase = (sizes: number[]) => {
      const pointers = sizes.map((floats) => h.alloc(floats));
      const peak = h.bytesInUse();
      // Live blocks never overlap.
      const ranges = pointers.map((p, i) => [p, p + sizes[i] * 4]).sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < ranges.length; i++) {
        expect(ranges[i][0]).toBeGreaterThanOrEqual(ranges[i - 1][1]);
      }
      for (const pointer of pointers.reverse()) h.free(pointer);
      return peak;
    };
    const step = Array.from({ length: 60 }, () => 1 + Math.floor(random() * 50_000));
    const evaluation = Array.from({ length: 40 }, () => 1 + Math.floor(random() * 30_000));
    let peak = 0;
    for (let i = 0; i < 5; i++) {
      peak = Math.max(peak, phase(step), phase(evaluation));
    }
    expect(h.bytesInUse()).toBe(0);
    expect(h.bytesReserved()).toBeLessThan(1.1 * peak + PAGE_BYTES);
  });
});
