import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cliVersion, runCli } from './program.js';
import { fakeGan, testContext } from './test/fake-gan.js';

async function run(args: string[]) {
  const { gan, calls } = fakeGan();
  const { context, stdout, stderr } = testContext(gan);
  const exitCode = await runCli(args, context);
  return { exitCode, stdout: stdout.text, stderr: stderr.text, calls };
}

describe('runCli', () => {
  it('shows usage with --help and for each command', async () => {
    const top = await run(['--help']);
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toMatch(/^Usage: simdgan \[options\] \[command\]/);
    expect(top.stdout).toContain('train');
    expect(top.stdout).toContain('sample');
    const train = await run(['train', '--help']);
    expect(train.exitCode).toBe(0);
    for (const flag of ['--data', '--labels', '--steps', '--batch-size', '--latent-dim',
      '--lr-generator', '--lr-discriminator', '--beta1', '--seed', '--out',
      '--sample-every', '--log-every', '--build']) {
      expect(train.stdout).toContain(flag);
    }
    expect(train.stdout).toContain('metrics.jsonl');
    expect((await run(['sample', '--help'])).stdout).toContain('--generator <file>');
  });

  it('prints the version with --version', async () => {
    const result = await run(['--version']);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${cliVersion()}\n`, stderr: '' });
    expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['train', '--stepz', '3'], "simdgan: unknown option '--stepz' (did you mean --steps?)\n"],
    [['trian'], "simdgan: unknown command 'trian' (did you mean train?)\n"],
    [['train', 'extra'], "simdgan: too many arguments for 'train'. Expected 0 arguments " +
      "but got 1.\n"],
    [['train', '--steps'], "simdgan: option '--steps <n>' argument missing\n"],
    // Unknown options come first, before any missing one.
    [['train', '--frob'], "simdgan: unknown option '--frob'\n"],
    [['sample', '--frob'], "simdgan: unknown option '--frob'\n"],
    [['sample', '--generator', 'g.sgan', '--frob'], "simdgan: unknown option '--frob'\n"],
    [['eval', '--frob'], "simdgan: unknown option '--frob'\n"],
  ])('turns commander errors for %j into one line and exit 2', async (args, text) => {
    const result = await run(args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(text);
  });

  it.each([
    [['train', '--steps', 'abc'], "simdgan: --steps: expected a whole number >= 1, got 'abc'\n"],
    [['train', '--batch-size', '0'],
      "simdgan: --batch-size: expected a whole number from 1 to 65536, got '0'\n"],
    [['train', '--build', 'gpu'],
      "simdgan: --build: expected one of auto, relaxed, simd, scalar, got 'gpu'\n"],
    [['sample', '--generator', 'g', '--out', 'o.png', '--seed', 'x'],
      "simdgan: --seed: expected a whole number from 0 to 4294967295, got 'x'\n"],
  ])('refuses %j in one line naming the flag, before loading anything', async (args, text) => {
    const result = await run(args);
    expect(result).toMatchObject({ exitCode: 2, stderr: text, stdout: '' });
    expect(result.calls.builds).toEqual([]);
  });

  it('reports internal errors with exit 1 and no stack unless SIMDGAN_DEBUG=1', async () => {
    const { gan } = fakeGan();
    const broken = { ...gan, createBackend: async () => { throw new TypeError('boom'); } };
    const quiet = testContext(broken as typeof gan);
    const out = join(tmpdir(), 'simdgan-never-written.png');
    const args = ['sample', '--generator', 'package.json', '--out', out];
    expect(await runCli(args, quiet.context)).toBe(1);
    expect(quiet.stderr.text).toBe(
      'simdgan: internal error: boom (set SIMDGAN_DEBUG=1 for details)\n',
    );
    const loud = testContext(broken as typeof gan);
    loud.context.env = { SIMDGAN_DEBUG: '1' };
    expect(await runCli(args, loud.context)).toBe(1);
    expect(loud.stderr.text).toMatch(/^simdgan: internal error: boom\nTypeError: boom\n {4}at /);
  });
});
