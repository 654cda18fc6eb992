/**
 * The stable error codes of this package. Messages name the operation, the rule and the values
 * received; the code is what callers should branch on.
 */
export const ENGINE_ERROR_CODES = [
  /** A number argument is not a non-negative integer, not finite, or an option is unknown. */
  'INVALID_ARGUMENT',
  /** An operation name is not one of the supported ones. */
  'UNKNOWN_OP',
  /** A pointer is not inside a live allocation of this engine, or is not 4-byte aligned. */
  'INVALID_POINTER',
  /** A pointer range runs past the end of its allocation. */
  'OUT_OF_BOUNDS',
  /** An output range overlaps an input range in a way the kernel does not allow. */
  'ALIASING',
  /** Shapes, geometry or lengths do not fit together. */
  'SHAPE_MISMATCH',
  /** The requested build cannot run on this JavaScript engine. */
  'BUILD_UNSUPPORTED',
  /** Memory cannot grow to hold an allocation. */
  'OUT_OF_MEMORY',
  /** The engine was disposed. */
  'DISPOSED',
  /** A kernel called abort (a bug in this package). */
  'KERNEL_ABORT',
  /** A worker of the thread pool failed to start. */
  'WORKER_START_FAILED',
  /** A worker threw while running its share of a kernel. */
  'WORKER_FAILED',
  /** A worker stopped making progress (it died or hangs). */
  'WORKER_LOST',
] as const;

/** One of ENGINE_ERROR_CODES. */
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** Error thrown by the engine, geometry helpers and loader, with a stable `code`. */
export class EngineError extends Error {
  /** Stable machine-readable code, one of ENGINE_ERROR_CODES. */
  readonly code: string;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}
