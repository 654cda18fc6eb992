/** Layout facts the host's allocator needs. */

/** First byte after the module's static data: the host may allocate from here upwards. */
export function heapBase(): usize {
  return __heap_base;
}
