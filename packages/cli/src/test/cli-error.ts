import { expect } from 'vitest';

import { CliError } from '../errors.js';

/** Runs `action` and returns the CliError it throws; fails the test otherwise. */
export function cliError(action: () => unknown): CliError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected a CliError, nothing was thrown');
}
