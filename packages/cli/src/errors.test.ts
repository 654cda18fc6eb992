import { describe, expect, it } from 'vitest';

import { CliError, reasonOf, reportError } from './errors.js';

describe('reportError', () => {
  it('prints a coded error as one line and exits 2, without a stack', () => {
    const library = Object.assign(new Error('g.sgan: damaged\n  (CRC mismatch)'), {
      code: 'BAD_CRC',
    });
    expect(reportError(library, true)).toEqual({
      text: 'simdgan: g.sgan: damaged (CRC mismatch)\n',
      exitCode: 2,
    });
    const cli = new CliError('BAD_OPTION', '--steps: bad');
    expect(reportError(cli, false)).toEqual({ text: 'simdgan: --steps: bad\n', exitCode: 2 });
  });

  it("treats Node's ERR_ codes as internal", () => {
    const missing = Object.assign(new Error("Cannot find package '@simdgan/gan'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(reportError(missing, false).exitCode).toBe(1);
  });

  it('reports other errors as internal, exit 1, stack only with debug', () => {
    const bug = new TypeError('x is undefined');
    const quiet = reportError(bug, false);
    expect(quiet).toEqual({
      text: 'simdgan: internal error: x is undefined (set SIMDGAN_DEBUG=1 for details)\n',
      exitCode: 1,
    });
    const loud = reportError(bug, true);
    expect(loud.exitCode).toBe(1);
    expect(loud.text).toContain('simdgan: internal error: x is undefined\nTypeError');
  });
});

describe('reasonOf', () => {
  it('words the common system errors and keeps their code', () => {
    const error = Object.assign(new Error('ENOTDIR: ...'), { code: 'ENOTDIR' });
    expect(reasonOf(error)).toBe('a part of the path is a file, not a folder (ENOTDIR)');
    expect(reasonOf(new Error('odd'))).toBe('odd');
  });
});
