/**
 * The engine's allocator. TypeScript lays out every buffer in the shared memory (kernels never
 * allocate). Blocks tile the memory from the module's heap base upwards. A request takes a free
 * block of its exact size when there is one (training asks for the same sizes every step), else
 * the smallest free block that fits, split, else new memory at the top; freed blocks merge with
 * free neighbours, so memory left by one phase (a training step) serves the sizes of another
 * (an evaluation) instead of growing the heap.
 */
import { checkCount } from './checks.js';
import { EngineError } from './errors.js';

/** Bytes per WebAssembly page. */
export const PAGE_BYTES = 65536;

/** Most pages the memory may grow to (2 GiB), as declared by both builds. */
export const MAX_PAGES = 32768;

/** Every block starts on a 16-byte boundary, the width of a v128. */
const ALIGNMENT = 16;

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGNMENT) * ALIGNMENT;
}

/** Allocator over a shared WebAssembly.Memory, in floats; pointers are byte offsets. */
export class Heap {
  private top: number;
  /** Start of every block, live or free, ascending; blocks tile [base, top). */
  private readonly starts: number[] = [];
  private readonly blockBytes = new Map<number, number>();
  /** Live blocks: start -> bytes the caller asked for. */
  private readonly live = new Map<number, number>();
  /**
   * Free blocks by size, only sizes that have one (an emptied list is deleted, so finding a fit
   * scans the free blocks, never every size ever freed); no two free blocks are neighbours.
   */
  private readonly freeBySize = new Map<number, number[]>();
  private used = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = alignUp(Math.max(base, ALIGNMENT));
  }

  /** Allocates `length` floats (0 allowed); returns a 16-byte aligned byte offset. */
  alloc(length: number): number {
    checkCount('alloc', 'length', length);
    const bytes = Math.max(ALIGNMENT, alignUp(length * 4));
    const pointer = this.popFree(bytes) ?? this.fit(bytes) ?? this.carve(bytes);
    this.live.set(pointer, length * 4);
    this.used += bytes;
    return pointer;
  }

  /** Frees a block from `alloc`, merging it with free neighbours; freeing anything else throws. */
  free(pointer: number): void {
    if (!this.live.has(pointer)) {
      throw new EngineError(
        'INVALID_POINTER',
        `free: ${pointer} is not a live allocation (never allocated, or freed already)`,
      );
    }
    let start = pointer;
    let bytes = this.blockBytes.get(pointer)!;
    this.live.delete(pointer);
    this.used -= bytes;
    const next = start + bytes;
    if (next < this.top && !this.live.has(next)) {
      bytes += this.takeFree(next);
      this.removeBlock(next);
    }
    const index = this.indexOf(start);
    if (index > 0) {
      const previous = this.starts[index - 1];
      if (!this.live.has(previous)) {
        this.removeBlock(start);
        start = previous;
        bytes += this.takeFree(previous);
      }
    }
    this.blockBytes.set(start, bytes);
    this.addFree(start, bytes);
  }

  /** Bytes held by live blocks (each rounded up to 16 bytes). */
  bytesInUse(): number {
    return this.used;
  }

  /** Bytes from the heap base to the top of the highest block ever made. */
  bytesReserved(): number {
    return this.top;
  }
  /**
   * Checks that the `length` floats at byte `pointer` lie inside one live allocation; `pointer`
   * may point into the middle of it. Throws INVALID_POINTER or OUT_OF_BOUNDS naming `op`.
   */
  checkRange(op: string, name: string, pointer: number, length: number): void {
    checkCount(op, `${name} length`, length);
    const start = this.blockContaining(pointer);
    const requested = start === undefined ? undefined : this.live.get(start);
    if (start === undefined || requested === undefined || pointer % 4 !== 0) {
      throw new EngineError(
        'INVALID_POINTER',
        `${op}: ${name} pointer ${pointer} is not a 4-byte aligned offset into a live ` +
          'allocation of this engine; pass a pointer returned by alloc (plus a multiple of 4)',
      );
    }
    if (pointer + 4 * length > start + requested) {
      throw new EngineError(
        'OUT_OF_BOUNDS',
        `${op}: ${name} needs ${length} floats at ${pointer}, but its allocation at ${start} ` +
          `ends after ${(start + requested - pointer) / 4} floats`,
      );
    }
  }

  private blockContaining(pointer: number): number | undefined {
    if (!Number.isInteger(pointer)) return undefined;
    // The last block that starts at or before the pointer.
    const start = this.starts[this.indexOf(pointer + 1) - 1];
    if (start === undefined) return undefined;
    return pointer <= start + this.blockBytes.get(start)! ? start : undefined;
  }

  /** The smallest free block of more than `bytes`, split; undefined when none fits. */
  private fit(bytes: number): number | undefined {
    let best: number | undefined;
    for (const [size, list] of this.freeBySize) {
      if (size > bytes && list.length > 0 && (best === undefined || size < best)) best = size;
    }
    if (best === undefined) return this.extendLast(bytes);
    const pointer = this.popFree(best)!;
    this.blockBytes.set(pointer, bytes);
    const rest = pointer + bytes;
    this.insertBlock(rest, best - bytes);
    this.addFree(rest, best - bytes);
    return pointer;
  }

  /** Grows a free block at the top to `bytes`, so that only the difference is new memory. */
  private extendLast(bytes: number): number | undefined {
    const last = this.starts[this.starts.length - 1];
    if (last === undefined || this.live.has(last)) return undefined;
    this.ensureMemory(last + bytes);
    this.takeFree(last);
    this.blockBytes.set(last, bytes);
    this.top = last + bytes;
    return last;
  }

  /** Takes `bytes` from the top, growing memory when it is full. */
  private carve(bytes: number): number {
    const pointer = this.top;
    this.ensureMemory(pointer + bytes);
    this.top = pointer + bytes;
    this.starts.push(pointer);
    this.blockBytes.set(pointer, bytes);
    return pointer;
  }

  /** Grows memory to hold `end` bytes, by at least half its size so that it grows rarely. */
  private ensureMemory(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = have / PAGE_BYTES;
    const needed = Math.ceil((end - have) / PAGE_BYTES);
    const wanted = Math.min(Math.max(needed, pages >> 1), MAX_PAGES - pages);
    if (needed > MAX_PAGES - pages || (!this.tryGrow(wanted) && !this.tryGrow(needed))) {
      throw new EngineError(
        'OUT_OF_MEMORY',
        `alloc: cannot grow memory from ${have} to ${end} bytes (limit ${MAX_PAGES} pages, ` +
          `2 GiB; ${this.used} bytes in use); free unused buffers or use smaller batches`,
      );
    }
  }

  /** Removes the free block at `start` from its size list; returns its bytes. */
  private takeFree(start: number): number {
    const bytes = this.blockBytes.get(start)!;
    const list = this.freeBySize.get(bytes)!;
    list.splice(list.lastIndexOf(start), 1);
    if (list.length === 0) this.freeBySize.delete(bytes);
    return bytes;
  }

  /** Takes a free block of exactly `bytes`, if there is one. */
  private popFree(bytes: number): number | undefined {
    const list = this.freeBySize.get(bytes);
    if (list === undefined) return undefined;
    const start = list.pop();
    if (list.length === 0) this.freeBySize.delete(bytes);
    return start;
  }

  private addFree(start: number, bytes: number): void {
    const list = this.freeBySize.get(bytes);
    if (list) list.push(start);
    else this.freeBySize.set(bytes, [start]);
  }

  /** Index of the first block starting at or after `start` (the blocks' count if none). */
  private indexOf(start: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < start) low = middle + 1;
      else high = middle - 1;
    }
    return low;
  }

  private insertBlock(start: number, bytes: number): void {
    this.starts.splice(this.indexOf(start), 0, start);
    this.blockBytes.set(start, bytes);
  }

  private removeBlock(start: number): void {
    this.starts.splice(this.indexOf(start), 1);
    this.blockBytes.delete(start);
  }

  private tryGrow(pages: number): boolean {
    try {
      this.memory.grow(pages);
      return true;
    } catch {
      return false;
    }
  }
}
