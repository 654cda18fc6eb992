/**
 * The engine's allocator. TypeScript lays out every buffer in the shared memory (kernels never
 * allocate). Blocks are carved upwards from the module's heap base and never split or merged;
 * freed blocks go to a free list of their exact size, which suits training, where every step
 * asks for the same sizes again.
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
  /** Start of every block ever carved, ascending (blocks only ever get appended). */
  private readonly starts: number[] = [];
  private readonly blockBytes = new Map<number, number>();
  /** Live blocks: start -> bytes the caller asked for. */
  private readonly live = new Map<number, number>();
  private readonly freeBlocks = new Map<number, number[]>();
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
    const pointer = this.freeBlocks.get(bytes)?.pop() ?? this.carve(bytes);
    this.live.set(pointer, length * 4);
    this.used += bytes;
    return pointer;
  }

  /** Returns a block from `alloc` to its free list; freeing anything else throws. */
  free(pointer: number): void {
    if (!this.live.has(pointer)) {
      throw new EngineError(
        'INVALID_POINTER',
        `free: ${pointer} is not a live allocation (never allocated, or freed already)`,
      );
    }
    const bytes = this.blockBytes.get(pointer)!;
    this.live.delete(pointer);
    this.used -= bytes;
    const list = this.freeBlocks.get(bytes);
    if (list) list.push(pointer);
    else this.freeBlocks.set(bytes, [pointer]);
  }

  /** Bytes held by live blocks (each rounded up to 16 bytes). */
  bytesInUse(): number {
    return this.used;
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
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] <= pointer) low = middle + 1;
      else high = middle - 1;
    }
    if (high < 0) return undefined;
    const start = this.starts[high];
    return pointer <= start + this.blockBytes.get(start)! ? start : undefined;
  }

  /** Takes `bytes` from the top, growing memory by at least half its size when it is full. */
  private carve(bytes: number): number {
    const pointer = this.top;
    const end = pointer + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = have / PAGE_BYTES;
      const needed = Math.ceil((end - have) / PAGE_BYTES);
      // Grow by at least half the current size, so that a run of allocations grows rarely.
      const wanted = Math.min(Math.max(needed, pages >> 1), MAX_PAGES - pages);
      if (needed > MAX_PAGES - pages || (!this.tryGrow(wanted) && !this.tryGrow(needed))) {
        throw new EngineError(
          'OUT_OF_MEMORY',
          `alloc: cannot grow memory from ${have} to ${end} bytes (limit ${MAX_PAGES} pages, ` +
            `2 GiB; ${this.used} bytes in use); free unused buffers or use smaller batches`,
        );
      }
    }
    this.top = end;
    this.starts.push(pointer);
    this.blockBytes.set(pointer, bytes);
    return pointer;
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
