/**
 * An error of the GAN library, with a stable `code` for callers to test and
 * a message that names the operation, the rule and the values it got.
 */
export class GanError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'GanError';
    this.code = code;
  }
}

/** Throws a GanError when `condition` is false; the message is built lazily. */
export function check(
  condition: boolean,
  code: string,
  message: () => string,
): asserts condition {
  if (!condition) throw new GanError(code, message());
}
