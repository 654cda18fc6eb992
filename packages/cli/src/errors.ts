/**
 * A mistake of the person running simdgan: a bad flag, a path that cannot be
 * read or written, a damaged file. The command prints `simdgan: <message>`
 * on one line and exits with `exitCode` (2). `code` is stable for tests.
 */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode = 2;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}

/** Words for the file system errors people meet most. */
const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EEXIST: 'already exists',
  EISDIR: 'is a folder',
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on the device',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOTEMPTY: 'folder is not empty',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

/**
 * A short reason for a Node file system error, e.g. "no such file or folder
 * (ENOENT)"; for anything else, its message.
 */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && SYSTEM_REASONS[code]) {
    return `${SYSTEM_REASONS[code]} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What the command prints and how it exits for an error. */
export interface ErrorReport {
  /** Text for stderr, ending in a newline. */
  text: string;
  exitCode: number;
}

/** `text` on one line: line breaks and the indentation after them become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Turns any error into a report. Errors with a string `code` (CliError, the
 * library's errors, Node's system errors such as ENOENT) are the user's: one
 * line, exit 2, never a stack. Anything else is an internal error: one line, exit 1, and
 * the stack only when `debug` is set (SIMDGAN_DEBUG=1).
 */
export function reportError(error: unknown, debug: boolean): ErrorReport {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's own codes (ERR_MODULE_NOT_FOUND, ...) mean a broken install: internal.
  if (typeof code === 'string' && !code.startsWith('ERR_')) {
    return { text: `simdgan: ${oneLine(message)}\n`, exitCode: 2 };
  }
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  const hint = debug ? '' : ' (set SIMDGAN_DEBUG=1 for details)';
  return {
    text: `simdgan: internal error: ${oneLine(message)}${hint}\n${stack}`,
    exitCode: 1,
  };
}
