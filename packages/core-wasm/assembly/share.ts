/**
 * Static work split between threads. Every kernel receives `threadIndex` and `threadCount` and
 * computes the half-open share [start(threadIndex), start(threadIndex + 1)) of its output, so
 * each output element is always computed by exactly one thread in the same order: results are
 * bit-identical for any thread count.
 */

/** First item of a thread's share when `count` items are split evenly over the threads. */
@inline
export function shareStart(count: i32, threadIndex: i32, threadCount: i32): i32 {
  return <i32>((<i64>count * threadIndex) / threadCount);
}

/**
 * First item of a thread's share when `count` items are split in whole blocks of `block` items
 * (so vector loops start on a block boundary); clamped to `count`.
 */
@inline
export function blockShareStart(
  count: i32,
  block: i32,
  threadIndex: i32,
  threadCount: i32,
): i32 {
  const blocks = (count + block - 1) / block;
  return min(count, shareStart(blocks, threadIndex, threadCount) * block);
}

/** Byte offset of float index `index`. */
@inline
export function floatBytes(index: i32): usize {
  return <usize>index << 2;
}
